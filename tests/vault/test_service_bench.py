"""`python -m bench.service` on a tiny input, for the shape of its table (its figures are read by people,
never asserted): both operations, the embedded path and the service with one and several clients."""

from __future__ import annotations

from bench import service as service_bench


def test_the_service_benchmark_prints_every_path(capsys):
    argv = ["--values", "200", "--batch", "50", "--detokenize", "100", "--detokenize-batch", "20", "--sqlite"]
    assert service_bench.main([*argv, "--clients", "2"]) == 0
    out = capsys.readouterr().out
    for operation, path in [
        ("tokenize", "embedded (Vault in process)"),
        ("tokenize", "service, 1 client"),
        ("detokenize", "embedded (Vault in process)"),
        ("detokenize", "service, 1 client"),
        ("detokenize", "service, 2 clients"),
    ]:
        assert any(line.startswith(operation) and path in line for line in out.splitlines()), out
