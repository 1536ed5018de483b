"""The evaluation corpus, its scoring, and small runs of `make eval` and the detect benchmark.

The corpus is what the detection figures stand on, so its labels are checked value by value; the scoring
rules are checked on hand-made cases; the scripts are run on tiny inputs for the shape of their tables
(their figures are read by people, never asserted)."""

import quopri
import re
import unicodedata
from email.header import decode_header
from urllib.parse import unquote, unquote_plus

import phonenumbers
import pytest

from bench import detect as detect_bench
from bench import eval_detection
from bench.corpora.base import ENTITY_TYPES, LabelledText, Sample
from bench.corpora.heldout import HELDOUT_SHAPES, NEGATIVE_SHAPES, build_heldout_corpus
from bench.corpora.heldout2 import HELDOUT2_SHAPES, build_heldout2_corpus
from bench.corpora.heldout2 import NEGATIVE_SHAPES as NEGATIVE2_SHAPES
from bench.corpora.heldout3 import HELDOUT3_SHAPES, build_heldout3_corpus
from bench.corpora.heldout3 import NEGATIVE_SHAPES as NEGATIVE3_SHAPES
from bench.corpora.heldout4 import EXTRA_LOCALES, HELDOUT4_SHAPES, build_heldout4_corpus, build_population
from bench.corpora.heldout4 import NEGATIVE_SHAPES as NEGATIVE4_SHAPES
from bench.corpora.heldout5 import EXTRA_LOCALES as EXTRA5_LOCALES
from bench.corpora.heldout5 import HELDOUT5_SHAPES, build_heldout5_corpus
from bench.corpora.heldout5 import NEGATIVE_SHAPES as NEGATIVE5_SHAPES
from bench.corpora.heldout5 import build_population as build_population5
from bench.corpora.heldout6 import EXTRA_LOCALES as EXTRA6_LOCALES
from bench.corpora.heldout6 import HELDOUT6_SHAPES, build_heldout6_corpus
from bench.corpora.heldout6 import NEGATIVE_SHAPES as NEGATIVE6_SHAPES
from bench.corpora.heldout6 import build_population as build_population6
from bench.corpora.heldout7 import EXTRA_LOCALES as EXTRA7_LOCALES
from bench.corpora.heldout7 import HELDOUT7_SHAPES, build_heldout7_corpus
from bench.corpora.heldout7 import NEGATIVE_SHAPES as NEGATIVE7_SHAPES
from bench.corpora.heldout7 import build_population as build_population7
from bench.corpora.heldout8 import EXTRA_LOCALES as EXTRA8_LOCALES
from bench.corpora.heldout8 import HELDOUT8_SHAPES, SPELLED_AT, SPELLED_DOT, build_heldout8_corpus
from bench.corpora.heldout8 import NEGATIVE_SHAPES as NEGATIVE8_SHAPES
from bench.corpora.heldout8 import POSITIVE_SHAPES as POSITIVE8_SHAPES
from bench.corpora.heldout8 import build_population as build_population8
from bench.corpora.tuned import SHAPES, build_corpus
from flows.demo.synthetic_people import REGIONS, luhn_valid


@pytest.fixture(scope="module")
def corpus():
    return build_corpus(400, seed=3)


@pytest.fixture(scope="module")
def heldout():
    return build_heldout_corpus(500, seed=3)


def _valid_phone(text: str, msisdn: bool = False) -> bool:
    """`msisdn`: also accept country code and number without a plus (`32475123456`)."""
    text = text.replace("(0)", "")
    text = "+" + text[2:] if text.startswith("00") else text
    candidates = [(text, None)] if text.startswith("+") else [(text, region) for region in REGIONS]
    if msisdn and not text.startswith("+"):
        candidates.append(("+" + re.sub(r"\D", "", text), None))
    for candidate, region in candidates:
        try:
            if phonenumbers.is_valid_number(phonenumbers.parse(candidate, region)):
                return True
        except phonenumbers.NumberParseException:
            continue
    return False


def test_the_corpus_is_deterministic_and_has_every_shape(corpus):
    assert corpus == build_corpus(400, seed=3)
    assert corpus != build_corpus(400, seed=4)
    assert {s.kind for s in corpus} == set(SHAPES)
    assert {t for s in corpus for _, _, t in s.spans} == set(ENTITY_TYPES)
    assert all(not s.spans for s in corpus if s.kind == "negative")


def test_every_label_spans_exactly_its_value(corpus):
    checks = {
        "CREDIT_CARD": lambda v: (
            re.fullmatch(r"\d[\d -]+\d", v) and luhn_valid(v) and 13 <= len(re.sub(r"\D", "", v)) <= 19
        ),
        "EMAIL_ADDRESS": lambda v: re.fullmatch(r"[^\s@<>\"]+@[^\s@<>\"]+\.[A-Za-z]+", v),
        "PHONE_NUMBER": _valid_phone,
        "PERSON": lambda v: re.fullmatch(r"[^\W\d_][\w'. -]*[^\W\d_]", v),
        "ADDRESS": lambda v: re.search(r"\d", v) and v[0].isalnum() and v[-1] not in " ,\n",
    }
    for sample in corpus:
        previous_end = 0
        for start, end, entity in sorted(sample.spans):
            value = sample.text[start:end]
            assert start >= previous_end and value == value.strip(), (sample.kind, entity)
            assert checks[entity](value), (sample.kind, entity, value)
            previous_end = end


def _decoded(value: str, kind: str) -> str:
    """A held-out label's value as the person wrote it: percent-encoding and RFC 2047 words undone."""
    if value.startswith("=?"):
        raw, charset = decode_header(value)[0]
        return raw.decode(charset)
    return unquote_plus(value) if kind in ("form_post", "twilio_sms_webhook") else unquote(value)


HELDOUT_CHECKS = {
    "CREDIT_CARD": lambda v: (
        re.fullmatch(r"\d[\d -]+\d", v) and luhn_valid(v) and 13 <= len(re.sub(r"\D", "", v)) <= 19
    ),
    "EMAIL_ADDRESS": lambda v: re.fullmatch(r"[^\s@<>\"'/:?&=]+@[^\s@<>\"'/:?&=]+\.[^\W\d_]+", v),
    "PHONE_NUMBER": lambda v: _valid_phone(
        re.split(r" (?:x|ext\.?|Ext|extension|poste|Durchwahl) ?\d+$", v)[0], msisdn=True
    ),
    "PERSON": lambda v: re.fullmatch(r"[^\W\d_][\w'’. ,-]*[^\W\d_]", v.replace("''", "'")),
    "ADDRESS": lambda v: (
        re.search(r"\d", v) and v[0].isalnum() and v[-1] not in " ,;\n" and not re.search(r"\S  ", v)
    ),
}


def test_labelled_text_records_the_spans_it_is_built_with():
    sample = LabelledText().add("user=").pii("ann@example.com", "EMAIL_ADDRESS").add(" ok").sample("kv")
    assert sample == Sample("user=ann@example.com ok", [(5, 20, "EMAIL_ADDRESS")], "kv")


SCORING_TEXT = "call Ann Peeters on 02 555 12 34 today"
#               0    5         15  19           32


@pytest.mark.parametrize(
    "findings, expected",
    [
        # exact spans: everything recalled, nothing leaked or swallowed
        (
            [("PERSON", 5, 16), ("PHONE_NUMBER", 20, 32)],
            {"PERSON": (1, 1, 1, 0, 0), "PHONE_NUMBER": (1, 1, 1, 0, 0)},
        ),
        # a partial name still overlaps (recalled) but leaks the uncovered surname; the phone is missed
        ([("PERSON", 5, 8)], {"PERSON": (1, 1, 1, 1, 0), "PHONE_NUMBER": (0, 0, 0, 1, 0)}),
        # a phone finding running into " today" swallows; a finding of the wrong type is false
        (
            [("PHONE_NUMBER", 20, 38), ("PERSON", 20, 32)],
            {"PERSON": (1, 0, 0, 1, 0), "PHONE_NUMBER": (1, 1, 1, 0, 1)},
        ),
        # one or two trailing punctuation/space characters are tolerated
        ([("PHONE_NUMBER", 20, 33)], {"PHONE_NUMBER": (1, 1, 1, 0, 0)}),
    ],
)
def test_scoring_rules(findings, expected):
    """expected: entity -> (findings, true findings, recalled gold spans, leaked gold spans, swallowing)."""
    sample = Sample(SCORING_TEXT, [(5, 16, "PERSON"), (20, 32, "PHONE_NUMBER")], "chat")
    scores = eval_detection.score([sample], [findings])
    for entity, counts in expected.items():
        s = scores[entity]
        assert (s.findings, s.true_findings, s.recalled, s.leaked, s.swallowing) == counts, entity


def test_a_courtesy_title_before_a_name_is_not_swallowing_but_other_words_are():
    sample = Sample("ask Ms. Royer now", [(8, 13, "PERSON")], "note")
    assert eval_detection.score([sample], [[("PERSON", 4, 13)]])["PERSON"].swallowing == 0
    assert eval_detection.score([sample], [[("PERSON", 0, 13)]])["PERSON"].swallowing == 1
    for title, counts in (("Mme ", 0), ("Herr ", 0), ("Dhr. ", 0), ("Sig.ra ", 0), ("Klant ", 1)):
        sample = Sample(f"{title}Royer", [(len(title), len(title) + 5, "PERSON")], "note")
        found = [[("PERSON", 0, len(sample.text))]]
        assert eval_detection.score([sample], found)["PERSON"].swallowing == counts, title


def test_a_finding_merging_two_values_swallows():
    sample = Sample("a=+3225551234|+3225559876", [(2, 13, "PHONE_NUMBER"), (14, 25, "PHONE_NUMBER")], "cdr")
    scores = eval_detection.score([sample], [[("PHONE_NUMBER", 2, 25)]])
    assert scores["PHONE_NUMBER"].swallowing == 1 and scores["PHONE_NUMBER"].recalled == 2


def _table_rows(output: str) -> dict[str, str]:
    return {
        line.split()[0]: line
        for line in output.splitlines()
        if " | " in line and line.split()[0] in ENTITY_TYPES
    }


def test_eval_prints_piivault_beside_stock_presidio(capsys):
    assert eval_detection.main(["--lines", "25", "--corpus", "tuned"]) == 0
    output = capsys.readouterr().out
    assert "piivault prec" in output and "presidio prec" in output
    assert "overlaps a gold span of the same type" in output
    rows = _table_rows(output)
    assert set(rows) == set(ENTITY_TYPES)
    assert all(re.search(r"\| (PASS|MISS .+)$", row) for row in rows.values())
    # stock Presidio has no ADDRESS: no findings (precision "-") and recall 0
    assert re.search(r"^ADDRESS\s+\d+ \|.+\|\s+-\s+0\.000\s", rows["ADDRESS"])


def test_eval_prints_a_table_for_the_tuned_and_one_for_the_heldout_corpus(capsys):
    assert eval_detection.main(["--lines", "12"]) == 0
    output = capsys.readouterr().out
    tuned_at, heldout_at = output.index("[tuned] TUNED corpus"), output.index("[heldout] HELD-OUT corpus")
    assert tuned_at < heldout_at and "never tuned on" in output
    for table in (output[tuned_at:heldout_at], output[heldout_at:]):
        assert "piivault prec" in table and "presidio prec" in table
        assert set(_table_rows(table)) == set(ENTITY_TYPES)
    assert eval_detection.main(["--lines", "5", "--corpus", "heldout", "--only", "piivault"]) == 0
    output = capsys.readouterr().out
    assert "[heldout] HELD-OUT" in output and "TUNED" not in output and "presidio prec" not in output


def test_detect_bench_prints_both_sides_and_the_ratio(capsys):
    assert detect_bench.main(["--lines", "8"]) == 0
    output = capsys.readouterr().out
    assert "not measured" not in output
    for label in ("lines/s after start-up", "lines/s end to end", "lines per CPU-second", "peak RSS MiB"):
        assert re.search(rf"^{re.escape(label)}\s+[\d.]+\s+[\d.]+", output, re.MULTILINE), label
    assert re.search(r"^target: >= 10x lines/s after start-up -> [\d.]+x (PASS|MISS)$", output, re.MULTILINE)


# -- the second held-out corpus (never tuned on) ----------------------------------------------------

HELDOUT2_CHECKS = {
    **HELDOUT_CHECKS,
    "PHONE_NUMBER": lambda v: _valid_phone(v, msisdn=True),
    "PERSON": lambda v: re.fullmatch(r"[^\W\d_][\w'’. ,-]*[^\W\d_]", v),
}


@pytest.fixture(scope="module")
def heldout2():
    return build_heldout2_corpus(300, seed=5)


@pytest.fixture(scope="module")
def heldout3():
    return build_heldout3_corpus(300, seed=7)


@pytest.fixture(scope="module")
def heldout4():
    return build_heldout4_corpus(400, seed=9)


HELDOUT4_CHECKS = {
    **HELDOUT_CHECKS,  # the fourth corpus also writes cards with dots and phones with "/"
    "CREDIT_CARD": lambda v: (
        re.fullmatch(r"\d[\d .-]+\d", v) and luhn_valid(v) and 13 <= len(re.sub(r"\D", "", v)) <= 19
    ),
    "PHONE_NUMBER": lambda v: _valid_phone(v, msisdn=True),
    # Dutch "'s Gravensande"; Turkish "İ" lower-cased keeps a combining dot
    "PERSON": lambda v: re.fullmatch(
        r"(?:'[st] )?[^\W\d_][\w'’. ,-]*[^\W\d_]",
        "".join(ch for ch in unicodedata.normalize("NFD", v) if not unicodedata.combining(ch)).replace(
            "''", "'"
        ),
    ),
}


@pytest.fixture(scope="module")
def heldout5():
    return build_heldout5_corpus(400, seed=11)


def _email_as_meant(value: str) -> str:
    """A fifth-corpus email as its writer meant it: percent-encoding, airline encoding (`//` for `@`, `..`
    for `_`, `./` for `-`) and `[at]`/`(at)`/` at `, `[dot]`/` dot ` obfuscation undone."""
    value = unquote(value)
    if "//" in value:
        value = value.replace("//", "@").replace("./", "-").replace("..", "_")
    value = re.sub(r" ?(?:\[at\]|\(at\)| at ) ?", "@", value)
    return re.sub(r" (?:\[dot\]|dot) ", ".", value)


HELDOUT5_CHECKS = {
    **HELDOUT_CHECKS,
    # grouped with spaces, no-break spaces (copied from PDFs) or dashes
    "CREDIT_CARD": lambda v: (
        re.fullmatch(r"\d[\d \u00a0-]+\d", v) and luhn_valid(v) and 13 <= len(re.sub(r"\D", "", v)) <= 19
    ),
    "EMAIL_ADDRESS": lambda v: HELDOUT_CHECKS["EMAIL_ADDRESS"](_email_as_meant(v)),
    "PHONE_NUMBER": lambda v: _valid_phone(v, msisdn=True),
    # airline SURNAME/GIVEN, initials ending in a dot, JS-escaped apostrophes, diacritics of many locales
    "PERSON": lambda v: re.fullmatch(
        r"[^\W\d_][\w'’. ,/-]*[^\W\d_]\.?",
        "".join(ch for ch in unicodedata.normalize("NFD", v) if not unicodedata.combining(ch)).replace(
            "\\'", "'"
        ),
    ),
}


@pytest.fixture(scope="module")
def heldout6():
    return build_heldout6_corpus(450, seed=13)


# the sixth corpus writes what the fifth's checks accept once percent-encoding is undone (its `%2B32…`
# phones, `%40` emails and `%20` names in pixel URLs); spoken emails (`ann dot peeters at gmail dot com`)
# are undone by `_email_as_meant`
HELDOUT6_CHECKS = HELDOUT5_CHECKS


@pytest.fixture(scope="module")
def heldout7():
    return build_heldout7_corpus(450, seed=15)


def _written_as_meant(value: str) -> str:
    """A seventh-corpus value as its writer meant it: vCard quoted-printable, Java `\\u` escapes, EDIFACT `?'`
    releases, SQL-doubled apostrophes and `\\:` escapes undone."""
    if re.search(r"=[0-9A-F]{2}", value):
        value = quopri.decodestring(value.encode()).decode()
    value = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m.group(1), 16)), value)
    return value.replace("?'", "'").replace("''", "'").replace("\\:", ":")


# the seventh corpus's form bodies encode names with `+` and `%XX`, phones and emails with `%XX` only
HELDOUT7_CHECKS = {
    "PERSON": lambda v: HELDOUT5_CHECKS["PERSON"](unquote(_written_as_meant(v).replace("+", " "))),
    "ADDRESS": HELDOUT5_CHECKS["ADDRESS"],
    "PHONE_NUMBER": lambda v: HELDOUT5_CHECKS["PHONE_NUMBER"](unquote(v)),
    "EMAIL_ADDRESS": lambda v: HELDOUT5_CHECKS["EMAIL_ADDRESS"](_written_as_meant(v)),
    "CREDIT_CARD": HELDOUT5_CHECKS["CREDIT_CARD"],
}


@pytest.fixture(scope="module")
def heldout8():
    return build_heldout8_corpus(450, seed=17)


_SPELLED_AT = re.compile(rf"(?i) (?:{'|'.join(sorted(set(SPELLED_AT.values())))}) ")
_SPELLED_DOT = re.compile(rf"(?i) (?:{'|'.join(sorted(set(SPELLED_DOT.values())))}) ")
# the first word of a name must never be a courtesy title, rank or honorific: those stay outside the span
TITLE_WORDS = {
    "mr", "mrs", "ms", "mx", "dr", "dra", "prof", "m", "mme", "mlle", "madame", "monsieur", "herr", "herrn",
    "frau", "dhr", "mevr", "mevrouw", "meneer", "mw", "sr", "sra", "d", "dña", "doña", "sig", "sig.ra",
    "dott", "dott.ssa", "signora", "señora", "fam", "familie", "famille", "sgt", "spc", "pfc", "cpt", "lt",
    "ssg", "po2", "capt", "maj", "c/o", "chez", "p/a", "presso", "bei", "a/a",
}  # fmt: skip


def _spelled_as_meant(value: str) -> str:
    """An eighth-corpus email as its writer meant it: `punt`/`apenstaartje`, `point`/`arobase`, `Punkt`/`at`,
    `punto`/`arroba`/`chiocciola`, `dot`/`at` undone (then `[at]`, `(at)` by `_email_as_meant`)."""
    return _SPELLED_DOT.sub(".", _SPELLED_AT.sub("@", value))


HELDOUT8_CHECKS = {
    **HELDOUT5_CHECKS,
    "PERSON": lambda v: HELDOUT5_CHECKS["PERSON"](v) and v.split()[0].rstrip(".").lower() not in TITLE_WORDS,
    "EMAIL_ADDRESS": lambda v: HELDOUT5_CHECKS["EMAIL_ADDRESS"](_spelled_as_meant(v)),
}


# name, builder, shapes, negative shapes, fewest shapes, the fixture's seed and size, label check, decoded
HELDOUT_CORPORA = [
    ("heldout", build_heldout_corpus, HELDOUT_SHAPES, NEGATIVE_SHAPES, 30, 3, 500, HELDOUT_CHECKS, True),
    (
        "heldout2",
        build_heldout2_corpus,
        HELDOUT2_SHAPES,
        NEGATIVE2_SHAPES,
        25,
        5,
        300,
        HELDOUT2_CHECKS,
        False,
    ),
    (
        "heldout3",
        build_heldout3_corpus,
        HELDOUT3_SHAPES,
        NEGATIVE3_SHAPES,
        20,
        7,
        300,
        HELDOUT2_CHECKS,
        False,
    ),
    (
        "heldout4",
        build_heldout4_corpus,
        HELDOUT4_SHAPES,
        NEGATIVE4_SHAPES,
        25,
        9,
        400,
        HELDOUT4_CHECKS,
        True,
    ),
    (
        "heldout5",
        build_heldout5_corpus,
        HELDOUT5_SHAPES,
        NEGATIVE5_SHAPES,
        25,
        11,
        400,
        HELDOUT5_CHECKS,
        False,
    ),
    (
        "heldout6",
        build_heldout6_corpus,
        HELDOUT6_SHAPES,
        NEGATIVE6_SHAPES,
        30,
        13,
        450,
        HELDOUT6_CHECKS,
        True,
    ),
    (
        "heldout7",
        build_heldout7_corpus,
        HELDOUT7_SHAPES,
        NEGATIVE7_SHAPES,
        30,
        15,
        450,
        HELDOUT7_CHECKS,
        False,
    ),
    (
        "heldout8",
        build_heldout8_corpus,
        HELDOUT8_SHAPES,
        NEGATIVE8_SHAPES,
        30,
        17,
        450,
        HELDOUT8_CHECKS,
        False,
    ),
]


@pytest.mark.parametrize(
    "name, build, shapes, negative_shapes, fewest, seed, size, _checks, _decode", HELDOUT_CORPORA
)
def test_each_heldout_corpus_is_deterministic_has_every_shape_and_a_fifth_negatives(
    request, name, build, shapes, negative_shapes, fewest, seed, size, _checks, _decode
):
    samples = request.getfixturevalue(name)
    assert samples == build(size, seed=seed)
    assert samples != build(size, seed=seed + 1)
    assert len(shapes) >= fewest and {s.kind for s in samples} == set(shapes)
    if name != "heldout":  # the later corpora cycle through every shape first
        assert {s.kind for s in build(len(shapes), seed=0)} == set(shapes)
    assert {t for s in samples for _, _, t in s.spans} == set(ENTITY_TYPES)
    negatives = [s for s in samples if s.kind in negative_shapes]
    assert all(not s.spans for s in negatives) and all(s.spans for s in samples if s not in negatives)
    assert 0.15 <= len(negatives) / len(samples) <= 0.3


@pytest.mark.parametrize(
    "name, _build, _shapes, _neg, _fewest, _seed, _size, checks, decode", HELDOUT_CORPORA
)
def test_every_heldout_label_spans_exactly_its_value(
    request, name, _build, _shapes, _neg, _fewest, _seed, _size, checks, decode
):
    for sample in request.getfixturevalue(name):
        previous_end = 0
        for start, end, entity in sorted(sample.spans):
            value = sample.text[start:end]
            assert start >= previous_end and value == value.strip(), (sample.kind, entity)
            # what is next to a label is never part of the value: a separator, a quote, a bracket, markup
            before, after = sample.text[start - 1 : start], sample.text[end : end + 1]
            assert not (before.isalnum() or after.isalnum()), (sample.kind, entity, before, after)
            written = _decoded(value, sample.kind) if decode else value
            assert checks[entity](written), (sample.kind, entity, value)
            previous_end = end


def test_masked_cards_and_luhn_valid_identifiers_are_in_the_second_heldout_corpus_unlabelled(heldout2):
    """The traps the docstring promises are really there, and really carry no label."""
    masked = re.compile(r"(?:\*{4}[ -]?){2,}\d{4}|\d{6}\*{6}\d{4}|XXXX-XXXX-XXXX-\d{4}")
    audits = [s for s in heldout2 if s.kind in ("pci_audit_log", "invoice_pdf_text")]
    assert audits and all(masked.search(s.text) for s in audits if "ending " not in s.text)
    for sample in audits:
        for match in masked.finditer(sample.text):
            assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans)
    iccids = [m.group(1) for s in heldout2 for m in re.finditer(r"iccid=(\d+)", s.text)]
    assert iccids and all(luhn_valid(i) for i in iccids)


def test_eval_scores_the_second_heldout_corpus_and_both_means_all(capsys):
    assert eval_detection.main(["--lines", "30", "--corpus", "heldout2"]) == 0
    output = capsys.readouterr().out
    assert "[heldout2] HELD-OUT-2 corpus" in output and "development set for fixes" in output
    assert "TUNED" not in output and "never tuned on" not in output
    assert "piivault prec" in output and "presidio prec" in output
    assert set(_table_rows(output)) == set(ENTITY_TYPES)
    assert eval_detection.main(["--lines", "3", "--corpus", "both", "--only", "piivault"]) == 0
    output = capsys.readouterr().out
    at = [output.index(f"[{name}] ") for name in ("tuned", "heldout", "heldout2")]
    assert at == sorted(at) and "dev set for fixes" in output


# -- the third held-out corpus (never tuned on) -----------------------------------------------------


def test_the_third_heldout_corpus_leaves_masked_cards_iccids_and_access_codes_unlabelled(heldout3):
    """The labelling decisions the docstring promises hold in the text."""
    traps = re.compile(
        r"\*{4} \*{4} \*{4} \d{4}|\d{6}\*{6}\d{4}|XXXX\d{4}|old_iccid=\d+|door code \d+#|digicode \w+"
    )
    hits = [(s, m) for s in heldout3 for m in traps.finditer(s.text)]
    assert {m.group()[:4] for _, m in hits} >= {"****", "old_", "door", "digi"}
    for sample, match in hits:
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), sample.kind
    irish = [
        s.text[a:b] for s in heldout3 for a, b, t in s.spans if t == "ADDRESS" and ", Co. " in s.text[a:b]
    ]
    assert irish and not any(value[0].isdigit() for value in irish)  # house names, no house number


@pytest.mark.parametrize(
    "corpus, header, status",
    [
        ("heldout3", "[heldout3] HELD-OUT-3 corpus", "now the development set for fixes"),
        ("heldout4", "[heldout4] HELD-OUT-4 corpus", "now the development set for fixes"),
        ("heldout5", "[heldout5] HELD-OUT-5 corpus", "now a development set for fixes"),
        ("heldout6", "[heldout6] HELD-OUT-6 corpus", "now a development set for fixes"),
    ],
)
def test_eval_scores_the_later_heldout_corpora_as_development_sets(capsys, corpus, header, status):
    assert eval_detection.main(["--lines", "30", "--corpus", corpus]) == 0
    output = capsys.readouterr().out
    assert header in output and status in output
    assert "TUNED" not in output and "never tuned on" not in output
    assert "piivault prec" in output and "presidio prec" in output
    assert set(_table_rows(output)) == set(ENTITY_TYPES)


# -- the fourth held-out corpus (never tuned on) ----------------------------------------------------


def test_the_fourth_heldout_corpus_leaves_its_traps_unlabelled(heldout4):
    """Last-four fields, encrypted card blobs, IMEIs, GS1 numbers, IBANs, OTPs and ssh/db user@host strings
    are in the text and carry no label; a quarter of the people have names from other locales."""
    traps = re.compile(
        r'"last4":"\d{4}"|adyenjs_\S+?"|IMEI \d{15}|;\d{14};\d{18};\d{15};|IBAN: \w+|" "\d{6}"\n'
        r"|git@github\.com|crm_app@crm"
    )
    hits = [(s, m) for s in heldout4 for m in traps.finditer(s.text)]
    assert {m.group()[:4] for _, m in hits} >= {'"las', "adye", "IMEI", "IBAN", "git@", "crm_"}
    for sample, match in hits:
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), sample.kind
    people = build_population(0, 400)
    renamed = sum(p.locale in EXTRA_LOCALES for p in people) / len(people)
    assert 0.18 <= renamed <= 0.32
    assert any("-" in p.last_name for p in people) and any(" " in p.first_name for p in people)


# -- the fifth held-out corpus (never tuned on) -----------------------------------------------------


def test_the_fifth_heldout_corpus_leaves_its_traps_unlabelled(heldout5):
    """Masked phones, emails and cards, base64 LDIF values, usernames, Luhn-valid SIRETs and IMEIs, meter
    EANs and the postcode-and-town field of a split address are in the text and carry no label; a quarter of
    the people have names from other locales."""
    traps = re.compile(
        r"\+\d+ \*{3} \*\* \*\* \d\d|\*{3}@\*{3}|•••• •••• •••• \d{4}|:: [A-Za-z0-9+/=]{8,}|uid=\w+"
        r'|"preferred_username": "\w+"|siret=\d{14}|;\d{15};|EAN \d{18}|<AdrLine>[^<]+</AdrLine>\n    </'
    )
    hits = [(s, m) for s in heldout5 for m in traps.finditer(s.text)]
    assert {m.group()[:4] for _, m in hits} >= {"***@", "••••", "uid=", "sire", "EAN ", "<Adr", '"pre'}
    assert any(m.group().startswith("+") for _, m in hits) and any(m.group()[0] == ";" for _, m in hits)
    for sample, match in hits:
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), sample.kind
    people = build_population5(0, 400)
    renamed = sum(p.locale in EXTRA5_LOCALES for p in people) / len(people)
    assert 0.18 <= renamed <= 0.32
    assert any("-" in p.last_name for p in people) and any(" " in p.first_name for p in people)


# -- the sixth held-out corpus (never tuned on) -----------------------------------------------------


def test_the_sixth_heldout_corpus_leaves_its_traps_unlabelled(heldout6):
    """Masked PANs, last-4 fields, split-off postcodes and towns, SIM ICCIDs, shortcodes, SOA hostmaster
    names and the ` (Guest)` suffix are in the text and carry no label; a quarter of the people have names
    from other locales."""
    traps = re.compile(
        r"card \*{9,15}\d{4}|PIC 9\(4\) +: \d{4}|ud\[zp\]=[^&]+|<np:PostCode>[^<]+|<np:SimIccid>\d+"
        r"|to=\d{4} |hostmaster\.[\w.]+|\(Guest\)"
    )
    hits = [(s, m) for s in heldout6 for m in traps.finditer(s.text)]
    assert {m.group()[:3] for _, m in hits} >= {"car", "PIC", "ud[", "<np", "to=", "hos", "(Gu"}
    for sample, match in hits:
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), sample.kind
    people = build_population6(0, 400)
    renamed = sum(p.locale in EXTRA6_LOCALES for p in people) / len(people)
    assert 0.18 <= renamed <= 0.32
    assert any("-" in p.last_name for p in people) and any(" " in p.first_name for p in people)


# -- the seventh held-out corpus (never tuned on) ---------------------------------------------------


def test_the_seventh_heldout_corpus_leaves_its_traps_unlabelled(heldout7):
    """Masked PANs, BIN and last-4 fields, CVCs, Telegram from_ids, epoch times, tax, social security and
    national register numbers, codice fiscale, plates, GLNs and split-off postcodes are in the text and carry
    no label; a quarter of the people have names from other locales, some with apostrophes."""
    traps = re.compile(
        r"•••• •••• •••• \d{4}|\"credit_card_bin\":\"\d{6}\"|SeriesCode=\"\d{3}\"|cvc=\d{3}|card\.last4=\d{4}"
        r'|"from_id": "user\d+"|author-time \d+|"ts_ms":\d+|"startTimeUnixNano":"\d+"|submit date:\d{10}'
        r"|;\d{11};\d\d \d{6} [A-Z] \d{3};|Cod\. fiscale \.+: \w+|rijksregisternummer [\d.-]+"
        r"|numéro national [\d.-]+|Matrícula: \d{4} [A-Z]{3}|NAD\+CZ\+\d+|<PostalCode>[^<]+"
        r"|DE002 \d{6}\*{6}\d{4}"
    )
    hits = [(s, m) for s in heldout7 for m in traps.finditer(s.text)]
    found = {m.group()[:4] for _, m in hits}
    assert found >= {"••••", '"cre', "Seri", "cvc=", "card", '"fro', "auth", '"ts_', '"sta', "subm", "Cod."}
    assert found >= {"rijk", "numé", "Matr", "NAD+", "<Pos", "DE00"} and any(m[0] == ";" for m in found)
    for sample, match in hits:
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), sample.kind
    people = build_population7(0, 400)
    renamed = sum(p.locale in EXTRA7_LOCALES for p in people) / len(people)
    assert 0.18 <= renamed <= 0.32 and not set(EXTRA7_LOCALES) & set(EXTRA6_LOCALES)
    assert any("-" in p.last_name for p in people) and any(" " in p.first_name for p in people)
    assert any("'" in p.last_name for p in people)


def test_eval_scores_the_seventh_heldout_corpus_as_the_honest_estimate_and_all_ends_with_it(capsys):
    assert eval_detection.main(["--lines", "40", "--corpus", "heldout7"]) == 0
    output = capsys.readouterr().out
    assert (
        "[heldout7] HELD-OUT-7 corpus" in output
        and "heldout7 = never tuned on, the honest estimate" in output
    )
    assert "TUNED" not in output and "piivault prec" in output and "presidio prec" in output
    assert set(_table_rows(output)) == set(ENTITY_TYPES)
    assert eval_detection.main(["--lines", "3", "--corpus", "all", "--only", "piivault"]) == 0
    output = capsys.readouterr().out
    names = ("tuned", "heldout", "heldout2", "heldout3", "heldout4", "heldout5", "heldout6", "heldout7")
    at = [output.index(f"[{name}] ") for name in names]
    assert at == sorted(at) and "never tuned on" not in output[: output.index("HELD-OUT-7")]


# -- the eighth held-out corpus (written blind, never tuned on) -------------------------------------


def _words(samples: list[Sample]) -> set[str]:
    return {w.lower() for s in samples for w in re.findall(r"[^\W\d_]+", s.text)}


def test_the_eighth_heldout_corpus_writes_chats_and_tickets_in_the_regions_languages(heldout8):
    """At least 20 positive and 5 negative shapes; text in Dutch, French, German, English, Spanish and
    Italian with their own greetings and sign-offs; a quarter of the people renamed from Faker locales
    heldout7 did not use, some with names that are words."""
    assert len(POSITIVE8_SHAPES) >= 20 and len(NEGATIVE8_SHAPES) >= 5
    words = _words(heldout8)
    for language in (
        {"groetjes", "mijn", "bedankt"},  # Dutch
        {"bonjour", "merci", "cordialement"},  # French
        {"hallo", "danke", "grüße"},  # German
        {"cheers", "thanks", "my"},  # English
        {"hola", "gracias", "saludo"},  # Spanish
        {"ciao", "grazie", "saluti"},  # Italian
    ):
        assert language <= words, language - words
    people = build_population8(0, 400)
    renamed = sum(p.locale in EXTRA8_LOCALES for p in people) / len(people)
    assert 0.18 <= renamed <= 0.32 and not set(EXTRA8_LOCALES) & set(EXTRA7_LOCALES)
    assert {p.first_name for p in people} & {"Will", "Rose", "Mark", "Roos", "Pierre", "Grace", "Hope"}
    assert any("-" in p.last_name for p in people) and any(" " in p.first_name for p in people)


def test_the_eighth_heldout_corpus_labels_what_people_type_and_leaves_its_traps_unlabelled(heldout8):
    """Titles stay outside names; extensions outside phones; military, PO box and Irish addresses without an
    Eircode are labelled whole; spelled-out emails are one span; social security and national numbers,
    IBANs, masked cards, handles, order and tracking numbers carry no label."""
    spans = [(s, a, b, t) for s in heldout8 for a, b, t in s.spans]
    titled = [s.text[max(0, a - 10) : a] for s, a, _, t in spans if t == "PERSON"]
    assert sum(bool(re.search(r"(?:dr\.?|prof\.|Mrs\.?|Mr|mevrouw|Frau|Herrn?|Mme|la Sra\.|SGT|Sgt\.) $", x))
               for x in titled) >= 5  # fmt: skip
    values = {t: [s.text[a:b] for s, a, b, tt in spans if tt == t] for t in ENTITY_TYPES}
    addresses = values["ADDRESS"]
    assert any(re.search(r"\b[ADF]PO (?:AE|AP|AA) \d{5}$", v) for v in addresses)
    po_box = re.compile(r"(?:PO Box|P\.O\. Box|Postbus|BP|Postfach|Apartado|Apdo\.|Casella Postale|C\.P\.) ")
    assert any(po_box.match(v) for v in addresses)
    assert any(re.search(r", Co\. [A-Z]\w+$", v) for v in addresses)
    assert any(re.search(r"\d+º (?:izq|dcha)", v) for v in addresses) and any("\n" in v for v in addresses)
    assert any(_SPELLED_AT.search(v) for v in values["EMAIL_ADDRESS"])
    extension = re.compile(r"(?: ext\. | x| poste | toestel | Durchwahl | interno )\d+")
    assert any(extension.match(s.text[b : b + 20]) for s, _, b, t in spans if t == "PHONE_NUMBER")
    traps = {
        "national number": r"social security number is \d{3}-\d{2}-\d{4}|Mijn BSN is \d{9}|DNI \d{8}[A-Z]",
        "iban": r"\b(?:NL|FR|DE|GB|IE|ES|IT)\d{2}[A-Z0-9]{12,30}\b",
        "masked card": r"\*{4} \*{4} \*{4} \d{4}",
        "handle": r"\(@\w+\)|@Norvia\w*|@norvia_\w+",
        "bot": r"(?:Ik ben|Je suis|Ich bin|I'm|Soy|Sono) Nova\b"
        r"|Nova: (?:Kies|Choisissez|Wähle|Choose|Elige|Scegli)",
        "return or tracking": r"RMA-\d+|1Z[0-9A-F]{6}\d{10}",
        "extension": extension.pattern,
    }
    hits = {name: [(s, m) for s in heldout8 for m in re.finditer(p, s.text)] for name, p in traps.items()}
    assert all(hits[name] for name in ("iban", "masked card", "handle", "bot", "extension")), hits.keys()
    for sample, match in (hit for found in hits.values() for hit in found):
        assert not any(a < match.end() and match.start() < b for a, b, _ in sample.spans), (
            sample.kind,
            match,
        )


def test_the_eighth_heldout_corpus_is_registered_with_the_corpora_and_make_eval():
    """Registered as the honest estimate for chat and ticket text (nothing is detected here)."""
    from bench.corpora.__main__ import BUILDERS

    build, header = eval_detection.CORPORA["heldout8"]
    assert build is build_heldout8_corpus and BUILDERS["heldout8"] is build_heldout8_corpus
    assert "written blind, never tuned on: the honest estimate for chat and ticket text" in header
    assert list(eval_detection.CORPORA)[-2:] == ["heldout7", "heldout8"]
