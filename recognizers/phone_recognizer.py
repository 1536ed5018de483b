"""PHONE_NUMBER: numbers as people and systems write them, validated with `phonenumbers`.

E.164 (`+3225551234`), international with spaces or a `(0)` trunk prefix (`+44 (0)20 7946 0958`), `00`
prefixes, national formats of the configured regions (`02 555 12 34`, `085-2338464`, `(212) 555-0123`),
extensions (`x12`, `ext. 5`), and CDR-style bare international numbers (`32475123456`) when the key says
it is a number (`msisdn=`, `caller=`). A regex proposes digit runs with phone separators; `phonenumbers`
decides (national numbers must carry their region's trunk prefix, see `values.phones`). Dates,
IPs, versions, times, amounts and the values of id-like keys are refused before parsing.
"""

from __future__ import annotations

import re

import phonenumbers
from presidio_analyzer import LocalRecognizer, Pattern, RecognizerResult

from recognizers.column_names import name_hint
from recognizers.context import key_before, key_parts, text_after, text_before
from recognizers.credit_card_recognizer import is_card_number
from recognizers.results import make_result
from values.phones import DEFAULT_REGIONS, is_national_mobile, parse_phone_fit

# Every region `phonenumbers` knows, tried (after the configured ones) only for a number a word says is one.
WORLD_REGIONS = tuple(sorted(phonenumbers.SUPPORTED_REGIONS))

# A digit group, or a parenthesised area code / `(0)` trunk prefix with the digits that follow it.
_GROUP = r"(?:\(\s?\+?\d{1,5}\s?\)[ \t\u00a0]?[.\-]?[ \t\u00a0]?\d{1,15}|\d{1,15})"
_SEP = r"(?:[ \t\u00a0]?[.\-/][ \t\u00a0]?|[ \t\u00a0]|(?=\())"
_EXT = r"(?:[ \t]*(?:ext[.:]?|x|extension:?|poste|#)[ \t]*\d{1,6})?"
PATTERNS = [
    Pattern(
        "phone (digit groups, validated by phonenumbers)",
        # not glued to a word, a decimal, a time, a dash-joined id (cell ids, 204-08-24681-2409…); commas
        # are CSV field separators here, not decimal marks
        r"(?<![\w/\\@#$€£%&+])(?<!\d[.:\-/])(?<![A-Za-z][\-.])"
        rf"(?:\+[ \t]?|00[ \t]?)?{_GROUP}(?:{_SEP}{_GROUP}){{0,7}}{_EXT}"
        r"(?![\w]|[.:\-/]\d)",
        0.6,
    ),
]
CONTEXT = ["phone", "tel", "telephone", "mobile", "cell", "gsm", "fax", "call", "msisdn", "caller", "callee"]

# Keys whose values are numbers but never phone numbers.
NOT_PHONE_KEYS = frozenset(
    "order invoice ref reference txn transaction trace tracking imei imsi iccid serial isbn ean gtin sku "
    "amount price total sum balance cost fee eur usd gbp duration ms sec secs seconds elapsed latency bytes "
    "size len length port pid uid gid version ver build ts timestamp epoch time date count qty quantity "
    "card pan account acct iban bic postcode zip postal customer uuid guid ticket case session request "
    "correlation ip kbo bce kvk siren siret vat btw tva ust rsin nif cif dossier file pcn notice barcode "
    "passport".split()
)
# Keys under which a bare digit run (no `+`) may be an international number, as CDRs write them.
PHONE_KEYS = frozenset(
    "msisdn phone tel telephone mobile cell gsm fax caller callee calling called cli ani dnis number "
    "contact a b src dst source destination oa da".split()
)
# Keys under which a text message's sender or recipient is written, a bare international number that is a
# mobile one (`inbound from=353858770939 to=4242`).
MESSAGE_ADDRESS_KEYS = frozenset("from to sender recipient originator".split())
# Column-name words of columns that hold identifiers, beside the keys that never hold phone numbers:
# `Record ID`, `NUM_CARTE` (a loyalty card's number).
NOT_PHONE_COLUMN_WORDS = NOT_PHONE_KEYS | frozenset("id ids carte karte kaart tarjeta tessera".split())
_DATE = re.compile(
    r"^(?:(?:19|20)\d\d[.\-/ ]\d{1,2}[.\-/ ]\d{1,2}|\d{1,2}[.\-/ ]\d{1,2}[.\-/ ](?:19|20)?\d\d)$"
)
_IP = re.compile(r"^(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}$")
_NON_DIGIT = re.compile(r"\D")
_DIGIT = re.compile(r"\d")
_SPACED_DIGITS = re.compile(r"\d+(?:[ \t]+\d+)+")
_BARE = re.compile(r"^\d{11,15}$")
_IBAN_BEFORE = re.compile(r"\b[A-Z]{2}\d{2}[ ]?(?:[0-9A-Z]{4}[ ]?)*$")
# Words that say a number is a phone number. Those that end compound words may stand anywhere (`landline`,
# `Rufnummer`, `ContactPhone`); the others open a word (`callback`, `customerMobile`), and the shortest are
# whole words, so that `tel` is not read in a company's name (`telvia.eu`) nor `bel` in `Belgium`.
_PHONE_WORDS = re.compile(
    r"(?i:phone|line|lijn|ligne|linea|nummer|number|numéro|numero|telefon|teléfono|telefono|msisdn|"
    r"whatsapp|festnetz)"
    r"|(?:(?<![^\W\d_])|(?<=[a-z])(?=[A-Z]))(?i:mobile|mobiel|portable|handy|gsm|cell|call|fax|contact|sms|"
    r"reach|dial|appel|port-in|port-out|porting|ported|llam|chiam|anruf|rückruf)"
    r"|(?<![^\W\d_])(?i:tel|bel|ring|mob|tél)(?![^\W\d_])"
)
# Two to four capitalised words, then the opening parenthesis: `Benjamin Walsh (`, `CARIDAD MOSQUERA (`
_NAME_THEN_PAREN = re.compile(
    r"(?<![\w'’-])((?:[^\W\d_a-z][^\W\d_]*[ \t]+){1,3}[^\W\d_a-z][^\W\d_]*)[ \t]*\($"
)
_EXT_AT_END = re.compile(r"(?:ext[.:]?|x|extension:?|poste|#)[ \t]*\d{1,6}$", re.IGNORECASE)
_CARD_SHAPED = re.compile(r"\d{4}(?:[ \-]?\d{2,6}){2,4}$")
_SPLIT = re.compile(r"[ \t\u00a0]+")
_CURRENCY_BEFORE = re.compile(r"(?:[€$£¥]|\b(?:EUR|USD|GBP|CHF|JPY))\s?$", re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"^\s?(?:[€$£%]|(?:EUR|USD|GBP|CHF|ms|s|sec|secs|seconds|min|mins|h|hrs|kb|mb|gb|bytes|b|km|kg)\b)",
    re.IGNORECASE,
)


class PhoneNumberRecognizer(LocalRecognizer):
    """Phone numbers, international or national in `regions`, each checked by `phonenumbers`."""

    def __init__(self, regions: tuple[str, ...] = DEFAULT_REGIONS, supported_language: str = "en"):
        self.regions = tuple(regions)
        self.patterns = list(PATTERNS)
        self._candidates = re.compile(PATTERNS[0].regex)
        super().__init__(
            supported_entities=["PHONE_NUMBER"],
            name="PiivaultPhoneRecognizer",
            supported_language=supported_language,
            context=list(CONTEXT),
        )

    def load(self) -> None:
        pass

    def analyze(self, text: str, entities, nlp_artifacts=None) -> list[RecognizerResult]:
        results, refused = [], []
        columns = _Columns(text)
        for match in self._candidates.finditer(text):
            if len(_DIGIT.findall(match.group(0))) < 7:
                continue  # times, small counts, short ids: too few digits for any phone number
            span = self._validated_span(text, match.start(), match.end(), columns)
            if span is not None:
                start, end, score = span
                results.append(make_result(self, "PHONE_NUMBER", start, end, score, PATTERNS[0].name))
            else:
                refused.append(match)
        if results and refused:
            results.extend(self._repeated_numbers(text, results, refused))
        if "SSR CTC" in text:
            results.extend(self._airline_contacts(text))
        return results

    def _repeated_numbers(self, text: str, found: list, refused: list[re.Match]) -> list[RecognizerResult]:
        """A run of digits the text already shows to be a phone number is one wherever else the text writes
        it (`<Start>32486336816</Start><End>32486336816</End>` of a porting request's number
        range, where only the first is near a word that says so)."""
        numbers = {text[r.start : r.end]: r.score for r in found if text[r.start : r.end].isdigit()}
        return [
            make_result(self, "PHONE_NUMBER", m.start(), m.end(), numbers[m.group(0)], _REPEATED)
            for m in refused
            if m.group(0) in numbers
        ]

    def _airline_contacts(self, text: str) -> list[RecognizerResult]:
        """The contact elements of an airline booking (IATA AIRIMP): `SSR CTCM KL HK1/32475123456/P1`, the
        number between slashes, international digits without `+`."""
        results = []
        for match in _SSR_CONTACT.finditer(text):
            raw = match.group("number")
            digits = _NON_DIGIT.sub("", raw)
            number, _ = parse_phone_fit(raw, self.regions)
            if number is None and _BARE.match(digits):
                number, _ = parse_phone_fit("+" + digits, self.regions)
            if number is not None:
                start, end = match.span("number")
                results.append(make_result(self, "PHONE_NUMBER", start, end, 0.75, _AIRLINE_CONTACT))
        return results

    def _validated_span(
        self, text: str, start: int, end: int, columns: _Columns | None = None
    ) -> tuple[int, int, float] | None:
        """The longest valid phone number inside the candidate, trimming trailing groups that the
        regex may have swallowed (`02 555 12 34 2 times`)."""
        candidate = text[start:end]
        # Cut points: the candidate itself, then without its last whitespace-separated groups; those
        # that cannot be a number (too few or too many digits, a date, an IP, a decimal) are dropped
        # first, since most candidates are none of them and need neither their context read nor a parse.
        cuts = [end]
        for piece in reversed(list(_SPLIT.finditer(candidate))):
            cuts.append(start + piece.start())
            if len(cuts) > 4:
                break
        cuts = [cut for cut in cuts if _may_be_number(text[start:cut])]
        if not cuts:
            return None
        columns = columns or _Columns(text)
        field = _record_dump_field(text, start)
        key = key_parts(field or _key_of(text, start))
        if (
            self._refused_by_context(text, start, end, key)
            or columns.refuses(start, end)
            or (field is not None and _names_identifiers(field))
            or _in_swift_field(text, start)
        ):
            return None
        if (
            not key & PHONE_KEYS
            and _CARD_SHAPED.match(text, start, end)
            and is_card_number(_NON_DIGIT.sub("", text[start:end]))
        ):
            return None  # a card number's leading groups may read as a phone number
        first_valid = None
        for cut in cuts:
            raw = text[start:cut]
            international = raw.lstrip("(").startswith(("+", "00"))
            number, fits = parse_phone_fit(raw, self.regions)
            score = 0.75 if international else 0.6
            keyed = (
                key & PHONE_KEYS
                or _is_record_field(text, start, cut)
                or _phone_words_before(text, start)
                or _phone_type_after(text, cut)
                or _is_caller_id(text, start, cut)
                or columns.holds_phones(start, cut)
                or _answers_phone_question(text, start)
                or _is_contact_element(text, start, cut)
            )
            if number is None and _BARE.match(raw) and keyed:
                number, fits = parse_phone_fit("+" + raw, self.regions)
            if not keyed and _BARE.match(raw) and key & MESSAGE_ADDRESS_KEYS:
                # `from=353858770939 to=4242`: the address of a text message, an international number
                # without its `+`, when it is a mobile one (fixed lines send no SMS; ids seldom fall
                # in a mobile range)
                sender, sender_fits = parse_phone_fit("+" + raw, self.regions)
                if sender is not None and _is_mobile(sender):
                    number, fits, keyed = sender, sender_fits, True
            if number is None and keyed and _NATIONAL_DIGITS.match(raw):
                # `Phone (country code): +32` then `Phone (number): 492677123`: a form's national number
                # in its own field, after the field of its country calling code
                code = _country_code_before(text, start)
                if code:
                    number, fits = parse_phone_fit(f"+{code}{raw}", self.regions)
            if (
                number is None
                and first_valid is None
                and not raw.isdigit()
                and _names_a_phone(text, start, cut, key)
            ):
                # a phone word right before, a phone key or a phone type right after says it is a phone
                # number, written in groups: valid in any region of the world will do, since a customer
                # may give a number of any country (`Phone: (99) 645-791`, `0680 298 70 63 mobile`);
                # without such a word, or as a bare digit run, only the configured regions' numbers
                number, fits = parse_phone_fit(raw, WORLD_REGIONS)
                keyed = True
            if number is None:
                continue
            if raw.isdigit() and not (
                keyed
                or _is_contact_after_name(text, start, cut)
                or (text[start - 1 : start] != "(" and is_national_mobile(raw, self.regions))
            ):
                # a bare national digit run (`847195406`) is a phone only where the text says so, or where
                # it is a trunk `0` and a mobile range (`0649272203`), which ids and counters seldom are
                # (in parentheses after a word, `Invoice (0647435293)`, it is still a reference): otherwise
                # it is far more often a counter, an id or an amount that happens to be a valid number
                continue
            if fits or (cut == end and _is_contact_element(text, start, end)):
                # the whole of an element that holds a phone number and nothing else is the number, however
                # it is grouped
                return start, cut, score
            if cut == end and (international or keyed or is_national_mobile(raw, self.regions)):
                # a shortened candidate must be written exactly as its region writes it; a national number
                # grouped otherwise (`26780 26780`, `330-3992682-01`) only where the text says it is one or
                # where it is a trunk-prefixed mobile (`0457 474 278`)
                first_valid = first_valid or (start, cut, score)
        return first_valid

    @staticmethod
    def _refused_by_context(text: str, start: int, end: int, parts: set[str]) -> bool:
        """An IBAN, a currency or a unit around the digits, the name of another identifier right before
        them (an SSN's own cue), or a key naming something else (`parts`, the words of the key before
        them)."""
        before = text_before(text, start, 40)
        if _IBAN_BEFORE.search(before) or _OTHER_IDENTIFIER_BEFORE.search(before):
            return True
        if _CURRENCY_BEFORE.search(text_before(text, start, 6)) or _UNIT_AFTER.match(
            text_after(text, end, 9)
        ):
            return True
        if parts & NOT_PHONE_KEYS and _after_speaker_label(text, start):
            return False  # `Customer: 0612345678 or call me`: who speaks, not what the number is
        return bool(parts & NOT_PHONE_KEYS) and not (parts | _label_parts(text, start)) & PHONE_KEYS


# A form's label of a few words opening its line, then the value: `Number to port: `, `Mobile no.: `.
_LABEL_BEFORE = re.compile(r"(?:^|\n)[ \t]*([A-Za-z][A-Za-z .()/_\-]{0,40}?)[ \t]*[:=][ \t]*[\"']?$")


def _label_parts(text: str, start: int) -> set[str]:
    """The words of the label the value follows, when it is a label of a few words: the key word next to
    the value is the label's last (`port` in `Number to port:`), but what the value is may be its first."""
    match = _LABEL_BEFORE.search(text, max(0, start - 48), start)
    return key_parts(match.group(1)) if match and match.group(1).count(" ") < 4 else set()


# A transcript's speaker label opening the line (`Customer:`, `Agent:`), then prose that goes on after the
# number: the label names who speaks, it is not a key whose value is the number.
_SPEAKER_LABEL = re.compile(r"(?:^|\n)[ \t]*[A-Za-z][A-Za-z ]{0,20}:[ \t]+$")
_PROSE_AFTER = re.compile(r"[^\S\n]+[a-z]{2,}\b")


# A turn of a chat or call transcript: a speaker label (after a time stamp, perhaps) opening the line.
_TURN = re.compile(r"[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?[A-Za-z][\w .\-]{0,24}:[ \t]")


def _answers_phone_question(text: str, start: int) -> bool:
    """The digits are in a transcript's turn that answers the turn before, a question asking for a phone
    number (`Agent: And a phone number we can reach you on?` / `Customer: 3142509106 or ...`)."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < 2 or not _TURN.match(text, line_start, start):
        return False
    previous_start = text.rfind("\n", 0, line_start - 1) + 1
    previous = text[previous_start : line_start - 1].rstrip()
    return (
        previous.endswith("?")
        and _TURN.match(previous) is not None
        and _PHONE_WORDS.search(previous) is not None
    )


def _after_speaker_label(text: str, start: int) -> bool:
    line_end = text.find("\n", start)
    rest = text[start : line_end if line_end >= 0 else len(text)]
    return bool(_SPEAKER_LABEL.search(text, max(0, start - 30), start)) and bool(_PROSE_AFTER.search(rest))


_AIRLINE_CONTACT = "phone (airline SSR CTCM)"
_SSR_CONTACT = re.compile(r"SSR CTC[MHBP] [A-Z0-9]{2} [A-Z]{2}\d/(?P<number>\+?[\d ()\-]{7,24})/")
_QUOTED_NAME_BEFORE = re.compile(r"[\"'][ \t]*<$")


def _may_be_number(raw: str) -> bool:
    """Whether `raw` has the digits of a phone number (7 to 13, 15 when international, more before an
    extension) and is no date, IP address, decimal, version or row of counts (digit groups parted by spaces
    only, two single digits or more after the first)."""
    digits = len(_DIGIT.findall(raw))
    if digits < 7 or _DATE.match(raw) or _IP.match(raw) or _is_decimal_or_version(raw):
        return False
    if _SPACED_DIGITS.fullmatch(raw) and sum(1 for group in raw.split()[1:] if len(group) == 1) >= 2:
        return False  # `Dunfermline 14 4 5 5 19 27 17`: a row of counts (a league table), not digit groups
    international = raw.lstrip("(").startswith(("+", "00"))
    # longer than any international (E.164) or national number
    return digits <= (15 if international else 13) or _EXT_AT_END.search(raw) is not None


def _is_decimal_or_version(raw: str) -> bool:
    """`1774518662.2`, `0.361985`, `5.12.27.75.65`: groups joined by dots only, where a phone number written
    with two groups starts with its trunk `0` (`07925.234071`), and one with more does not start with a
    single digit (`0475.12.34.56`, `625.96.35.50`, `333.398.0154`)."""
    groups = raw.split(".")
    if len(groups) < 2 or not all(group.isdigit() for group in groups):
        return False
    if len(groups) == 2:
        return not raw.startswith("0") or groups[0] == "0"
    return len(groups) > 3 and len(groups[0]) == 1


def _is_caller_id(text: str, start: int, end: int) -> bool:
    """The digits are the address of a SIP name-addr or a caller ID, `"Ann Peeters" <32475123456>`."""
    return text[end : end + 1] == ">" and bool(_QUOTED_NAME_BEFORE.search(text, max(0, start - 3), start))


def _phone_words_before(text: str, start: int) -> bool:
    """A word naming a phone in the 40 characters before the digits, on their line, or on the line before
    when the digits open theirs (`Mobile:` above `0475 12 34 56`): a log line's fields (`26780 26780`, a
    process and thread id) are not named by the message of the line before."""
    window = max(0, start - 40)
    line_start = text.rfind("\n", window, start) + 1
    if line_start and text[line_start:start].strip(" \t>|*-\"'"):
        window = line_start
    return _PHONE_WORDS.search(text, window, start) is not None


# The name of another identifier right before the digits, with nothing but `number`, `no.`, `is`, a colon
# between: `social security number is 081-80-5372`, `driver's license number: 341308170`, `SSN 123-45-6789`.
_OTHER_IDENTIFIER_BEFORE = re.compile(
    r"(?i)\b(?:social[ \t]+security|ssn|soc\.?[ \t]*sec|national[ \t]+insurance|nino|"
    r"driver'?s?[ \t]+licen[cs]e|driving[ \t]+licen[cs]e|licen[cs]e|passport|tax[ \t]+(?:id|identification)|"
    r"tin|itin|national[ \t]+id(?:entity)?|id(?:entity)?[ \t]+card|personal[ \t]+id(?:entification)?)"
    r"(?:[ \t]+(?:number|no\.?|num|nr|#))?[ \t]*(?:is|was|[:=#])?[ \t]*[\"']?$"
)


# Keys that name a phone and nothing else (not `number`, `contact`, `a`, `src`).
STRONG_PHONE_KEYS = frozenset("phone telephone tel mobile cell gsm fax msisdn landline".split())
# A word naming a phone right before the digits, with at most a few words and no digit, bracket or other
# value between (`Phone:`, `call me on`, `you can call`, `Mobile:` on the line above): `phone_words_before`'s
# 40 characters may reach back to another field's key (`?msisdn=... HTTP/1.1" 302 68208`).
_PHONE_CUE_RIGHT_BEFORE = re.compile(
    r"(?<![/\w])(?i:phone|telephone|tel|mobile|cell|cellphone|gsm|fax|call|ring|dial|text|whatsapp|sms|"
    r"landline|msisdn)(?:[ \t]+no\.?|[ \t]*\([^()\n\d]{0,20}\))?"
    r"(?:[ \t]*[:=#][ \t]*|[ \t]+(?:[a-z]+[ \t]+){0,3}|[ \t]*:?[ \t]*\n[ \t>]*)[\"'(]?$"
)


def _names_a_phone(text: str, start: int, end: int, key: set[str]) -> bool:
    """Strong evidence that the digits are a phone number: a phone key, a phone word right before them, a
    phone type right after them, or a question for a phone number in the turn before."""
    return bool(
        key & STRONG_PHONE_KEYS
        or _PHONE_CUE_RIGHT_BEFORE.search(text, max(0, start - 40), start)
        or _phone_type_after(text, end)
        or _answers_phone_question(text, start)
    )


# A phone's type written right after it, as contact blocks and vCards label numbers: `0475 12 34 56 mobile`,
# `082 490 1693-Office`, `(579)888-3058 fax`, `... (home)`.
_PHONE_TYPE_AFTER = re.compile(
    r"[ \t]*[-(]?[ \t]*(?i:mobile|cell|cellular|fax|phone|tel|landline|home|work|office|desk|business)\b"
)


def _phone_type_after(text: str, end: int) -> bool:
    """A phone type label right after the number, on its line."""
    return _PHONE_TYPE_AFTER.match(text, end) is not None


def _is_contact_after_name(text: str, start: int, end: int) -> bool:
    """The digits are the whole of a parenthetical right after a person's name, as contact lists write
    a number: `Thérèse Chauvin (0647435293)`, `CARIDAD MOSQUERA (600095366)`; the name is held to the
    checks of names read from their position alone (so `Disk Counter (847195406)` is not one)."""
    from recognizers.names.shape import is_positional_name

    if text[end : end + 1] != ")":
        return False
    match = _NAME_THEN_PAREN.search(text, max(0, start - 80), start)
    return match is not None and is_positional_name(match.group(1))


_GAPS = re.compile(r" {2,}")


def _aligned_cell(text: str, start: int, end: int) -> bool:
    """The span is a cell of a fixed-width table: two spaces or a line edge on each side, the line holds
    another such gap (three cells at least), and so does the line before or after it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    left = start == line_start or text[start - 2 : start] == "  "
    right = end == line_end or text[end : end + 2] == "  "
    if not (left and right and len(_GAPS.findall(text, line_start, line_end)) >= 2):
        return False
    # a table has rows: the line before or after is aligned the same way
    before_start = text.rfind("\n", 0, max(0, line_start - 1)) + 1
    after_end = text.find("\n", line_end + 1)
    after_end = len(text) if after_end < 0 else after_end
    return (line_start > 0 and len(_GAPS.findall(text, before_start, line_start - 1)) >= 2) or (
        line_end < len(text) and len(_GAPS.findall(text, line_end + 1, after_end)) >= 2
    )


def _is_record_field(text: str, start: int, end: int) -> bool:
    """The digits are a whole field of a delimited record (CSV, pipes, tabs, an SQL VALUES tuple) or the
    whole text, as call detail records, table cells and database dumps write numbers; the field may be
    quoted (`"441900157601"`, `'33641728047'`) and padded with spaces."""
    quote = text[start - 1] if start > 0 and text[start - 1] in "\"'" else ""
    if quote and text[end : end + 1] != quote:
        return False
    before = text[: start - len(quote)].rstrip(" ")[-1:]
    after = text[end + len(quote) :].lstrip(" ")[:1]
    if _aligned_cell(text, start - len(quote), end + len(quote)):
        return True
    if before == "(" or after == ")":  # a tuple's first or last value, not a parenthetical `(847195406)`
        return (before, after) in (("(", ","), (",", ")"))
    return before in ("", ",", "|", ";", "\t", "\n") and after in ("", ",", "|", ";", "\t", "\n")


_REPEATED = "phone (repeated in the text)"
# A national number without its trunk prefix, digits in groups: what follows a separate country-code field.
_NATIONAL_DIGITS = re.compile(r"[1-9][\d \t.\-]*\Z")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _key_of(text: str, start: int) -> str:
    """The key of the value at `start` (`key_before`), unless a blank line parts them: a paragraph that
    ends in `on file:` does not name what the next paragraph holds."""
    key = key_before(text, start)
    if key:
        at = text.rfind(key, max(0, start - 48 - len(key)), start)
        if at >= 0 and _BLANK_LINE.search(text, at + len(key), start):
            return ""
    return key


# A field of a COBOL record dump, its name and picture clause before the value:
# `05 CUST-TEL       PIC X(15)  : 4915839951964`.
_PICTURE_FIELD = re.compile(r"([A-Za-z][\w\-]{0,30})[ \t]+PIC(?:TURE)?[ \t]+[^\s:=]+[ \t]*[:=][ \t]*$")


def _record_dump_field(text: str, start: int) -> str | None:
    """The name of the COBOL field whose value starts at `start`, or None."""
    window = text[max(0, start - 60) : start]
    if "PIC" not in window:
        return None
    match = _PICTURE_FIELD.search(window)
    return match.group(1) if match else None


# A SWIFT MT statement's field tag opening its line (`:20:`, `:28C:`, `:61:`): references, account and
# statement numbers, balances; only the free-text information field `:86:` may hold a phone number.
_SWIFT_TAG = re.compile(r"(?m)^:(\d\d[A-Z]?):[^\n]*$")


def _in_swift_field(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start : line_start + 1] != ":":
        return False
    match = _SWIFT_TAG.match(text, line_start)
    return match is not None and match.group(1) != "86"


# The phone element of an airline booking (IATA PNR, Amadeus `AP`): `4 AP FRA 010 485 22 19 - H`, the number
# after the element's number and the city code, before its `- H`/`- B`/`- M` (home, business, mobile) type.
_CONTACT_ELEMENT_BEFORE = re.compile(r"(?:^|\n)[ \t]*\d{1,3}[ \t]+AP[ \t]+(?:[A-Z]{3}[ \t]+)?$")
_CONTACT_ELEMENT_AFTER = re.compile(r"[ \t]*(?:-[ \t]*[A-Z]\b[^\n]*)?(?:\n|$)")


def _is_contact_element(text: str, start: int, end: int) -> bool:
    """The digits are the whole value of a booking's phone element."""
    return (
        _CONTACT_ELEMENT_BEFORE.search(text, max(0, start - 16), start) is not None
        and _CONTACT_ELEMENT_AFTER.match(text, end) is not None
    )


def _is_mobile(number) -> bool:
    return phonenumbers.number_type(number) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )


# A form's field giving the country calling code of the number in a later field, on a line of its own:
# `Phone (country code): +32`, `Landcode: 0031`, `Indicatif pays : +33`.
_COUNTRY_CODE_FIELD = re.compile(
    r"(?im)^[^\n:=]{0,30}\b(?:country[ _\-]?code|calling[ _\-]?code|dial(?:l?ing)?[ _\-]?code|landcode|"
    r"landesvorwahl|l[äa]ndervorwahl|indicatif|prefijo|prefisso)\b[^\n:=]{0,20}[:=]"
    r"[ \t]*\(?(?:\+|00)(\d{1,3})\)?[ \t]*$"
)


def _country_code_before(text: str, start: int) -> str | None:
    """The country calling code a form gives in a field of its own within the few lines before `start`."""
    window = text[max(0, start - 200) : start]
    if "+" not in window and "00" not in window:
        return None
    codes = _COUNTRY_CODE_FIELD.findall(window)
    return codes[-1] if codes else None


# The column-name of a table's header line: a word first, then words, spaces and the punctuation of names.
_COLUMN_NAME = re.compile(r"[^\W\d_][\w .()/#\-]{0,40}")


class _Columns:
    """What the columns of a text's tables say about a field, read once per text and only when a
    candidate needs it: the cells of columns named for phone numbers (`records.headed_fields`: a
    delimited header line, a spreadsheet dump's first row, an SQL INSERT's column list), and the name of
    the column a delimited field sits in, under the header line opening its block."""

    def __init__(self, text: str):
        self.text = text
        self._phones: set[tuple[int, int]] | None = None
        self._names: dict[tuple[int, int], str] | None = None

    def holds_phones(self, start: int, end: int) -> bool:
        if self._phones is None:
            self._phones = set()
            if "\n" in self.text or "insert" in self.text.lower():
                from recognizers.records import headed_fields

                self._phones = {(s, e) for s, e, hint in headed_fields(self.text) if hint == "PHONE_NUMBER"}
        return (start, end) in self._phones

    def refuses(self, start: int, end: int) -> bool:
        """The field's column names identifiers or something else (`Record ID`, `ean`), not a phone."""
        if "\n" not in self.text:
            return False
        if self._names is None:
            self._names = _column_names(self.text)
        name = self._names.get((start, end))
        return bool(name) and _names_identifiers(name)


def _names_identifiers(name: str) -> bool:
    """A column or field name that says its values are identifiers or something else, not phones."""
    parts = key_parts(name)
    return bool(parts & NOT_PHONE_COLUMN_WORDS) and not parts & PHONE_KEYS and not name_hint(name)


def _column_names(text: str) -> dict[tuple[int, int], str]:
    """`(start, end)` of each field of a delimited row -> the name of its column, where the first line of
    the row's block is a header line with as many fields, each a column name."""
    from recognizers.records import record_fields

    names: dict[tuple[int, int], str] = {}
    header: list[str] | None = None
    for fields in record_fields(text):
        line_start = text.rfind("\n", 0, fields[0][0]) + 1
        opens_block = line_start == 0 or text[max(0, line_start - 2) : line_start] == "\n\n"
        values = [text[s:e] for s, e in fields]
        if opens_block:
            header = values if all(_COLUMN_NAME.fullmatch(v) for v in values) else None
            continue
        if header is not None and len(header) == len(fields):
            names.update(zip(fields, header, strict=True))
    return names
