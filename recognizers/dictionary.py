"""English dictionary words, from the spaCy model's own lemmatizer tables (its WordNet-based index of
nouns, verbs, adjectives and adverbs, and its suffix rules for inflected forms).

A value whose every word is a dictionary word (`Red Hat Enterprise`) or that holds an inflected verb
(`Disk Quota Exceeded`, `Payment Pending`) is more likely a status, label or product than a personal
name; rules that read a name from its position alone (a field of a record) use this to refuse it. Read
from the model's files, so the NER pipeline need not load the lemmatizer.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_LOOKUPS = "lemmatizer/lookups/lookups.bin"
PARTS_OF_SPEECH = ("noun", "verb", "adj", "adv")


@lru_cache(maxsize=4)
def _tables(model_name: str) -> tuple[dict[str, frozenset[str]], dict[str, tuple[tuple[str, str], ...]]]:
    """(words of the lemma index, suffix rules), each per part of speech."""
    import spacy
    from spacy.lookups import Lookups

    root = Path(model_name) if Path(model_name).exists() else spacy.util.get_package_path(model_name)
    found = sorted(root.glob(f"**/{_LOOKUPS}"))
    if not found:
        return {}, {}
    lookups = Lookups().from_disk(found[0].parent)
    index, rules = lookups.get_table("lemma_index"), lookups.get_table("lemma_rules")
    words = {pos: frozenset(index.get(pos, ())) for pos in PARTS_OF_SPEECH}
    suffixes = {pos: tuple((old, new) for old, new in rules.get(pos, ()) if old) for pos in PARTS_OF_SPEECH}
    return words, suffixes


def _base_forms(word: str, rules: tuple[tuple[str, str], ...]) -> list[str]:
    return [word[: -len(old)] + new for old, new in rules if word.endswith(old) and len(word) > len(old) + 2]


def is_dictionary_word(word: str, model_name: str | None = None) -> bool:
    """`word` (any case), or its base form by the model's suffix rules, is in the model's lemma index."""
    from recognizers.engine import resolve_model_name

    return _in_lemma_index(word.lower(), resolve_model_name(model_name))


@lru_cache(maxsize=1 << 16)
def _in_lemma_index(lowered: str, model_name: str) -> bool:
    """Remembered per word: text repeats its words, and the name rules and NER windows ask of most."""
    words, rules = _tables(model_name)
    return any(
        lowered in words[pos] or any(base in words[pos] for base in _base_forms(lowered, rules[pos]))
        for pos in words
    )


def is_verb_form(word: str, model_name: str | None = None) -> bool:
    """`word` is an inflected verb (`exceeded`, `pending`, `failed`): not itself an indexed word, but an
    `-ed`/`-ing` form of an indexed verb."""
    from recognizers.engine import resolve_model_name

    words, rules = _tables(resolve_model_name(model_name))
    lowered = word.lower()
    if (
        not words
        or not lowered.endswith(("ed", "ing"))
        or any(lowered in indexed for indexed in words.values())
    ):
        return False
    return any(base in words["verb"] for base in _base_forms(lowered, rules["verb"]))


def names_only_things(word: str, model_name: str | None = None) -> bool:
    """`word` reads as a name where spaCy calls it a person: no dictionary word at all (`Mehrudin`), or
    a singular noun and nothing else (`David`, `Heather`, `Johnson`: WordNet indexes people's names as
    nouns). A word that is also a verb, an adjective or an adverb (`Wrong`, `Escalated`, `Police`,
    `Little`), or a plural noun (`Analysts`), is evidence against: it is how English opens a sentence.
    A word the index lists as a noun as it is written is that noun, whatever the suffix rules would make
    of it (`James` is no form of `jam`, `Parks` of `park`, `Downer` of `down`: WordNet lists the people),
    unless it ends like a participle (`Keeping`, `Meeting`: the index lists those nouns too)."""
    from recognizers.engine import resolve_model_name

    words, rules = _tables(resolve_model_name(model_name))
    if not words:
        return True
    lowered = word.lower()
    if lowered in _irregular_verb_forms(resolve_model_name(model_name)):
        return False  # `Began`, `Told`
    if lowered in words["noun"] and not lowered.endswith(("ing", "ed")):
        return not any(lowered in words[pos] for pos in ("verb", "adj", "adv"))
    for pos in ("verb", "adj", "adv"):
        if lowered in words[pos] or any(base in words[pos] for base in _base_forms(lowered, rules[pos])):
            return False
    if lowered in words["noun"]:
        return True
    return not any(base in words["noun"] for base in _base_forms(lowered, rules["noun"]))


def is_plural_noun(word: str, model_name: str | None = None) -> bool:
    """`word` reads as a noun's plural: it ends in `-s`, is a form of an indexed noun by the suffix rules
    (`Tales`, `Associates`, `Bills`), and is indexed as written in no part of speech (`James`, `Parks`
    are nouns as written, as WordNet lists the people; `Always` is an adverb)."""
    from recognizers.engine import resolve_model_name

    words, rules = _tables(resolve_model_name(model_name))
    lowered = word.lower()
    if not words or not lowered.endswith("s") or lowered in words["noun"]:
        return False
    if any(lowered in words[pos] for pos in ("verb", "adj", "adv")):
        return False
    return any(base in words["noun"] for base in _base_forms(lowered, rules["noun"]))


def noun_a_name_may_be(word: str, model_name: str | None = None) -> bool:
    """`word` may be a name where spaCy calls it a person and a verb follows it: what `names_only_things`
    accepts, and also a singular noun that is a verb or an adjective too (`Bill`, `Jade`, `Mark`,
    `Police`): the model's reading of its context decides those. An adverb (`Wrong`, `Little`), a word that
    is no noun, a plural (`Analysts`) or a verb form (`Escalated`) is evidence against."""
    from recognizers.engine import resolve_model_name

    if names_only_things(word, model_name):
        return True
    words, rules = _tables(resolve_model_name(model_name))
    lowered = word.lower()
    if lowered not in words.get("noun", ()):
        return False
    return lowered not in words["adv"]


_AUXILIARIES = frozenset(
    "is was are were has had have will would can could shall should may might must did does do".split()
)


@lru_cache(maxsize=1)
def _irregular_verb_forms(model_name: str) -> frozenset[str]:
    """Inflected verb forms the model's lemmatizer lists as exceptions (`began`, `spent`, `told`)."""
    import spacy
    from spacy.lookups import Lookups

    root = Path(model_name) if Path(model_name).exists() else spacy.util.get_package_path(model_name)
    found = sorted(root.glob(f"**/{_LOOKUPS}"))
    if not found:
        return frozenset()
    table = Lookups().from_disk(found[0].parent).get_table("lemma_exc")
    return frozenset(table.get("verb", {}))


def is_finite_verb(word: str, model_name: str | None = None) -> bool:
    """`word` is an auxiliary or an inflected verb that can follow its subject (`is`, `had`, `shouted`,
    `began`, `prefers`): what comes after a name that opens a sentence (`David is ...`), not after a noun
    opening a heading (`Voicemail from ...`)."""
    from recognizers.engine import resolve_model_name

    name = resolve_model_name(model_name)
    lowered = word.lower()
    if lowered in _AUXILIARIES or lowered in _irregular_verb_forms(name):
        return True
    if not lowered.endswith(("s", "ed")):
        return False
    words, rules = _tables(name)
    if not words:
        return False
    return any(base in words["verb"] for base in _base_forms(lowered, rules["verb"]))
