"""The email and card recognizers try a pattern only where the text holds what it cannot match without (an
`@`, a run of 13 digits...), and match without Presidio's per-pattern machinery: their results must be
those of Presidio's own pattern loop (taken when regex flags are given) on every row, hard ones included."""

import pytest

from recognizers.credit_card_recognizer import CardNumberRecognizer
from recognizers.email_recognizer import EmailAddressRecognizer


def _compared(recognizer, text: str) -> tuple[list, list]:
    entity = recognizer.supported_entities[0]

    def described(results):
        return [
            (r.entity_type, r.start, r.end, r.score, r.analysis_explanation.pattern_name) for r in results
        ]

    fast = described(recognizer.analyze(text, [entity]))
    stock = described(recognizer.analyze(text, [entity], regex_flags=recognizer.global_regex_flags))
    return fast, stock


@pytest.mark.parametrize(
    "text",
    [
        "user=ann@example.com and bob@example.org",
        "no address here, meet at noon at the desk",
        "ann [at] example [dot] com",
        "ann (at) example.com",
        "email me at ann dot lee at example dot com",
        "ANN AT EXAMPLE DOT COM",
        "SSR CTCE KL HK1/ANN..LEE//EXAMPLE.COM/P1",
        "ssr ctce kl hk1/ann..lee//example.com/p1",
        "Message-ID: <abc@mail.example.com>",
        "ssh://git@github.com/org/repo and git@github.com:org/repo.git",
        "image@2x.png, a@b, @handle, x@y.example.com@z",
        "see https://example.com//path",
    ],
)
def test_email_gates_keep_presidio_results(text):
    fast, stock = _compared(EmailAddressRecognizer(), text)
    assert fast == stock


@pytest.mark.parametrize(
    "text",
    [
        "card=4111111111111111; paid with 4111 1111 1111 1111 today",
        "pan: 5555-5555-5555-4444, amex 3782 822463 10005",
        "dotted 4111.1111.1111.1111 and nbsp 4111\u00a01111\u00a01111\u00a01111",
        "FP CC/VI/4111111111111111/1225 and FP CCVI4111111111111111",
        "fp cc/vi/4111111111111111/1225",
        "order_id=4111111111111111 ts=1714050000000",
        "2026-04-14 12:30:45.123 short 1234 5678 numbers",
        "4111 1111 1111 111 and 4111-1111 1111-1111 mixed",
        '{"number":4111111111111111}',
        "12345678901234567890123 too long, 0000 0000 0000 0000 one digit",
    ],
)
def test_card_gates_keep_presidio_results(text):
    fast, stock = _compared(CardNumberRecognizer(), text)
    assert fast == stock
