"""CREDIT_CARD: 13–19 digits, plain or grouped by spaces, dashes or dots, that pass the Luhn checksum.

Stricter than Presidio's: the number must start with a card industry digit (1–6; the airline `1` range
only at 15 digits, so 13-digit millisecond timestamps are not cards); 15-digit numbers must carry an Amex,
UATP or JCB prefix (IMSIs are 15 digits and pass Luhn one time in ten), 14-digit ones a Diners Club prefix
(`20260414231411` is a timestamp), and 13- and 17–19-digit ones a prefix of a scheme that issues that
length. It must not be one repeated digit, nor the value of an id-like key (`order_id=`, `imei:`): IMEIs
and some order ids pass Luhn too. Maestro also issues 12-digit numbers (`card 584528792610`): a 12-digit
number counts with a Maestro prefix, the Luhn checksum and a card word before it on its line, since ids
of 12 digits (cloud account ids, order numbers) pass Luhn one time in ten too.
"""

from __future__ import annotations

import re

from presidio_analyzer import Pattern, PatternRecognizer, RecognizerResult

from recognizers.context import key_before, key_parts
from recognizers.results import compile_patterns, make_result, pattern_results

# not glued to a word, an id, a decimal or a time; a colon only right after a JSON key (`"number":4111…`)
_START = r"(?<![\w\-./,+])(?<![^\"]:)"
_END = r"(?![\w\-]|[.,/:]\d)"
PATTERNS = [
    Pattern("card (plain digits)", _START + r"\d{13,19}" + _END, 0.5),
    # 4-4-4-4, 4-6-5 (Amex), 4-6-4 and 4-4-4-2 (Diners), 4-4-4-1 (13-digit Visa), 4-4-4-4-3
    Pattern(
        "card (grouped by spaces)",
        _START + r"\d{4}(?:[ \u00a0\u202f]\d{3,6}){1,3}[ \u00a0\u202f]\d{1,6}" + _END,
        0.5,
    ),
    Pattern("card (grouped by dashes)", _START + r"\d{4}(?:-\d{3,6}){1,3}-\d{1,6}" + _END, 0.5),
    Pattern("card (grouped by dots)", _START + r"\d{4}(?:\.\d{4}){3}" + _END, 0.5),
    # the form of payment of an airline booking (IATA): `FP CC/VI/4111111111111111/1225`, `FP CCVI4111...`
    Pattern(
        "card (airline form of payment)",
        r"(?<=FP CC/[A-Z]{2}/)\d{13,19}(?!\d)|(?<=FP CC[A-Z]{2})\d{13,19}(?!\d)",
        0.5,
    ),
]
CONTEXT = ["card", "credit", "debit", "visa", "mastercard", "amex", "maestro", "pan", "cc", "payment"]

# Keys whose values are identifiers that may pass Luhn by chance (or by design: IMEI) and are not cards.
NOT_CARD_KEYS = frozenset(
    "order invoice ref reference txn transaction trace tracking imei imsi iccid serial isbn ean gtin sku "
    "msisdn phone tel mobile account acct iban ticket case session request correlation ts timestamp epoch "
    "uuid guid src dst source destination addr time date stamp called calling cli ani dnis fax barcode upc "
    "siret siren kvk kbo vat".split()
)
_SEPARATORS = re.compile(r"[ \u00a0\u202f.\-]")
# Where a number that can pass `is_card_number` lies: a run of 13 digits or more, with at most one separator
# between two (the patterns join their groups by one). A pattern is tried only where such a run holds what
# it cannot match without (its separator; 13 digits in a row), and a text without a run (many) needs none.
_DIGIT_RUN = re.compile(r"\d(?:[ \u00a0\u202f.\-]?\d){12,}")
_THIRTEEN_DIGITS = re.compile(r"\d{13}")
_FORM_OF_PAYMENT = re.compile(r"(?i)FP CC")
CARD_KEYS = frozenset("card pan cc credit debit visa mastercard amex".split())


# Lengths that only some card schemes issue, and their prefixes: 13 digits Visa; 14 Diners Club
# (`YYYYMMDDhhmmss` timestamps are 14 digits too); 17–19 Visa, JCB, Diners, Maestro, Discover and
# UnionPay. Long ids and 13-digit epoch milliseconds pass Luhn one time in ten.
_PREFIXES_BY_LENGTH = {
    13: ("4",),
    14: ("30", "36", "38", "39"),
    **dict.fromkeys((17, 18, 19), ("4", "35", "36", "38", "39", "50", "56", "57", "58", "6", "81")),
}


_TWELVE_DIGIT_CARD = "card (12-digit Maestro after a card word)"
# Maestro's issuer prefixes (50, 56–58, 6): the only scheme that issues 12-digit numbers.
MAESTRO_PREFIXES = ("50", "56", "57", "58", "6")
# A 12-digit number, plain or in three groups of four.
_TWELVE_DIGITS = re.compile(_START + r"\d{4}([ \-]?)\d{4}\1\d{4}" + _END + r"(?![ \-]\d)")
_TWELVE_DIGITS_ANYWHERE = re.compile(r"\d{4}[ \-]?\d{4}[ \-]?\d{4}")
# A word naming a card before the number on its line (`card`, `Maestro`, `debit`, `PAN`).
_CARD_WORD = re.compile(r"(?i)\b(?:card|maestro|debit|credit|pan|cc)\b")
_CARD_WORD_BEFORE = re.compile(r"(?i)\b(?:card|maestro|debit|credit|pan|cc)\b[^\n\d]{0,30}$")


def is_twelve_digit_card(digits: str) -> bool:
    """A 12-digit Maestro number: Maestro prefix, not one repeated digit, Luhn."""
    return (
        len(digits) == 12
        and digits.isdigit()
        and digits.startswith(MAESTRO_PREFIXES)
        and len(set(digits)) > 1
        and luhn_valid(digits)
    )


def luhn_valid(digits: str) -> bool:
    """The Luhn (mod 10) checksum every payment card number carries."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        digit = ord(char) - 48
        if position % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def is_card_number(digits: str) -> bool:
    """True for a plausible card number: 13–19 digits, industry digit 1–6, not one repeated digit, Luhn."""
    if not (13 <= len(digits) <= 19 and digits.isdigit()):
        return False
    if digits[0] not in "123456" or (digits[0] == "1" and len(digits) != 15):
        return False
    # 15 digits: Amex (34, 37), UATP (1) and old JCB (2131, 1800) only; IMSIs are 15 digits too
    if len(digits) == 15 and not digits.startswith(("1", "34", "37", "2131", "1800")):
        return False
    if not digits.startswith(_PREFIXES_BY_LENGTH.get(len(digits), ("",))):
        return False
    if len(set(digits)) == 1:
        return False
    return luhn_valid(digits)


class CardNumberRecognizer(PatternRecognizer):
    """Payment card numbers, Luhn-checked, not ids."""

    def __init__(self, supported_language: str = "en"):
        super().__init__(
            supported_entity="CREDIT_CARD",
            name="PiivaultCreditCardRecognizer",
            patterns=list(PATTERNS),
            context=list(CONTEXT),
            supported_language=supported_language,
        )
        compile_patterns(self)

    def validate_result(self, pattern_text: str) -> bool:
        return is_card_number(_SEPARATORS.sub("", pattern_text))

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None) -> list[RecognizerResult]:
        twelve = self._twelve_digit_cards(text)
        if regex_flags:
            results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        else:
            runs = "|".join(_DIGIT_RUN.findall(text))
            if not runs:
                return twelve
            plain = _THIRTEEN_DIGITS.search(runs) is not None
            needed = (
                plain,
                " " in runs or "\u00a0" in runs or "\u202f" in runs,
                "-" in runs,
                "." in runs,
                plain and _FORM_OF_PAYMENT.search(text) is not None,
            )
            patterns = [pattern for pattern, need in zip(PATTERNS, needed, strict=True) if need]
            results = pattern_results(self, text, patterns)
        return [result for result in results + twelve if not self._is_id_value(text, result.start)]

    def _twelve_digit_cards(self, text: str) -> list[RecognizerResult]:
        """12-digit Maestro numbers after a card word on their line (see `is_twelve_digit_card`)."""
        if _TWELVE_DIGITS_ANYWHERE.search(text) is None or _CARD_WORD.search(text) is None:
            return []
        results = []
        for match in _TWELVE_DIGITS.finditer(text):
            if is_twelve_digit_card(_SEPARATORS.sub("", match.group(0))) and _CARD_WORD_BEFORE.search(
                text, max(0, match.start() - 40), match.start()
            ):
                results.append(make_result(self, "CREDIT_CARD", *match.span(), 0.8, _TWELVE_DIGIT_CARD))
        return results

    @staticmethod
    def _is_id_value(text: str, start: int) -> bool:
        parts = key_parts(key_before(text, start))
        return bool(parts & NOT_CARD_KEYS) and not parts & CARD_KEYS
