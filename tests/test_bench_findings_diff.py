"""`make eval --dump` and `bench.findings_diff`: what one run recalls or finds falsely that the other does
not, set by set, with the values of development sets only."""

import json

from bench import eval_detection, findings_diff
from bench.corpora.base import Sample
from bench.public_sets import NEUTRAL

TEXT = "Ann Lee met Bob Ray and @jo at Acme"
SAMPLE = Sample(TEXT, [(0, 7, "PERSON"), (12, 19, "PERSON"), (24, 27, NEUTRAL + "PERSON")], "tweet")


def _dumped(tmp_path, side, found, blind=False):
    findings_diff.dump(str(tmp_path / side), "set", "piivault", [SAMPLE], [found], blind)
    return json.loads((tmp_path / side / "set.piivault.json").read_text())


def test_differences_sort_gold_recalled_and_false_findings_by_side(tmp_path):
    a = _dumped(tmp_path, "a", [("PERSON", 0, 7), ("PERSON", 31, 35), ("PERSON", 24, 27)])
    b = _dumped(tmp_path, "b", [("PERSON", 12, 19), ("PERSON", 0, 3)])
    out = findings_diff.differences(a, b, "PERSON")
    assert [v.split(" in ")[0] for v in out["recalled by A only"]] == ["'Ann Lee'"]  # "Ann" alone: < 90 %
    assert [v.split(" in ")[0] for v in out["recalled by B only"]] == ["'Bob Ray'"]
    assert [v.split(" in ")[0] for v in out["false in A only"]] == ["'Acme'"]  # the handle is neutral
    assert out["false in B only"] == []


def test_eval_dumps_each_set_and_the_diff_lists_values_of_a_development_set_only(tmp_path, capsys):
    wnut16 = tmp_path / "data" / "annotated" / "wnut16" / "data"
    wnut16.mkdir(parents=True)
    (wnut16 / "train").write_text("Ann\tB-person\nLee\tI-person\nsaid\tO\nhi\tO\n")
    (wnut16 / "test").write_text("Ann\tB-person\nLee\tI-person\nsaid\tO\nhi\tO\n")
    for name in ("wnut16-train", "wnut16"):
        args = [
            "--corpus",
            name,
            "--wnut16",
            str(tmp_path),
            "--only",
            "piivault",
            "--dump",
            str(tmp_path / "d"),
        ]
        assert eval_detection.main(args) == 0
    capsys.readouterr()
    for name, blind in (("wnut16-train", False), ("wnut16", True)):
        dumped = json.loads((tmp_path / "d" / f"{name}.piivault.json").read_text())
        assert dumped["blind"] is blind and dumped["samples"][0]["text"] == "Ann Lee said hi"
        dumped["samples"][0]["found"] = []  # a run that found nothing
        (tmp_path / "none").mkdir(exist_ok=True)
        (tmp_path / "none" / f"{name}.piivault.json").write_text(json.dumps(dumped))

    runs = [str(tmp_path / "d"), str(tmp_path / "none"), "--examples", "5"]
    assert findings_diff.main(runs) == 0
    assert "[wnut16]" not in capsys.readouterr().out  # a held-out set is left out unless asked for
    assert findings_diff.main([*runs, "--blind"]) == 0
    output = capsys.readouterr().out
    assert "[wnut16-train] PERSON: recalled by A only 1, recalled by B only 0" in output
    assert "[wnut16] PERSON: recalled by A only 1" in output
    assert "recalled by A only: 'Ann Lee'" in output  # the development set's value
    assert output.count("'Ann Lee'") == 1 and "held out: its values are not listed" in output
