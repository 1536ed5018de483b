"""The email and card recognizers try a pattern only where the text holds what it cannot match without (an
`@`, a run of 13 digits...), and match without Presidio's per-pattern machinery: their results must be
those of Presidio's own pattern loop (taken when regex flags are given) on every row, hard ones included."""

import pytest

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
