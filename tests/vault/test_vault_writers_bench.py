"""`python -m bench.vault_writers` at a tiny size: it runs its writer processes against PostgreSQL, finds
one token and one data key per value, and prints one row per writer count (figures are read by people,
never asserted)."""

from bench import vault_writers

from .conftest import POSTGRES_URL


def test_the_writers_benchmark_runs_and_checks_its_vault(capsys):
    status = vault_writers.main(
        ["--values", "400", "--batch", "100", "--writers", "1,2", "--postgres-url", POSTGRES_URL]
    )
    printed = capsys.readouterr().out
    assert status == 0, printed
    rows = [line.split() for line in printed.splitlines()[3:]]
    assert [row[0] for row in rows] == ["1", "2"]
    assert [row[-1] for row in rows] == [
        "yes",
        "yes",
    ]  # one token and one data key per distinct value, both runs
    assert "200 distinct" in printed
