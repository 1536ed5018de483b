"""Two runs' findings compared set by set: which gold spans one recalls and the other does not, and which
false findings one has and the other not. Each round of detection work asks this ("what did the change
move, and where?"), and the aggregate figures hide it: a change that gains three names and loses two reads
as +1.

`python -m bench.eval_detection --dump DIR` writes one file a set and detector (`<set>.<detector>.json`:
the texts, their gold spans and the findings). Compare two runs of piivault, or piivault with stock
Presidio in the same run:

    python -m bench.findings_diff BEFORE_DIR AFTER_DIR [--set btc-dev] [--entity PERSON] [--examples 10]
    python -m bench.findings_diff DIR:presidio DIR:piivault --set btc-dev --examples 20

A side is `DIR` or `DIR:detector` (default piivault). Held-out sets (their dumps say `blind`) are left
out unless `--blind` asks for their counts: a count seen after each experiment is a score tuned on, and
their values are never listed. Recall uses the coverage rule of `bench.public_sets` for every set, the
project's corpora too.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bench.corpora.base import ENTITY_TYPES, Sample
from bench.public_sets import NEUTRAL, covered

Found = list[tuple[str, int, int]]


def dump(directory: str, name: str, detector: str, samples: list[Sample], found: list[Found], blind: bool):
    """Write one set's texts, gold spans and one detector's findings to `directory/<name>.<detector>.json`."""
    path = Path(directory)
    path.mkdir(parents=True, exist_ok=True)
    records = [
        {"text": s.text, "spans": [list(span) for span in s.spans], "found": [list(f) for f in findings]}
        for s, findings in zip(samples, found, strict=True)
    ]
    payload = {"set": name, "detector": detector, "blind": blind, "samples": records}
    (path / f"{name}.{detector}.json").write_text(json.dumps(payload), encoding="utf-8")


def _folder_and_suffix(side: str) -> tuple[Path, str]:
    """`DIR` or `DIR:detector` as the folder and the suffix of its dumps (detector piivault by default)."""
    directory, _, detector = side.partition(":")
    return Path(directory), f".{detector or 'piivault'}.json"


def load(side: str, name: str) -> dict | None:
    """One side's dump of set `name`, or None when that run did not score it."""
    folder, suffix = _folder_and_suffix(side)
    path = folder / f"{name}{suffix}"
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def set_names(side: str) -> list[str]:
    folder, suffix = _folder_and_suffix(side)
    return sorted(p.name[: -len(suffix)] for p in folder.glob(f"*{suffix}"))


def _context(text: str, start: int, end: int) -> str:
    return f"{text[start:end]!r} in …{text[max(0, start - 40) : end + 40]!r}…"


def differences(a: dict, b: dict, entity: str) -> dict[str, list[str]]:
    """Gold spans recalled by one side only, and false findings of one side only (a finding on a neutral
    span is neither true nor false), each in its context."""
    labels = ("recalled by A only", "recalled by B only", "false in A only", "false in B only")
    out: dict[str, list[str]] = {label: [] for label in labels}
    for rec_a, rec_b in zip(a["samples"], b["samples"], strict=True):
        text = rec_a["text"]
        if text != rec_b["text"]:
            raise SystemExit(f"{a['set']}: the two dumps hold different texts; compare runs of the same set")
        golds = [(s, e) for s, e, t in rec_a["spans"] if t == entity]
        neutral = [(s, e) for s, e, t in rec_a["spans"] if t == NEUTRAL + entity]
        mine_a = [(s, e) for t, s, e in rec_a["found"] if t == entity]
        mine_b = [(s, e) for t, s, e in rec_b["found"] if t == entity]
        for g in golds:
            got_a, got_b = covered(text, *g, entity, mine_a), covered(text, *g, entity, mine_b)
            if got_a != got_b:
                out["recalled by A only" if got_a else "recalled by B only"].append(_context(text, *g))

        labelled = golds + neutral
        false_a, false_b = (
            {f for f in mine if not any(f[0] < e and s < f[1] for s, e in labelled)}
            for mine in (mine_a, mine_b)
        )
        out["false in A only"] += [_context(text, *f) for f in sorted(false_a - false_b)]
        out["false in B only"] += [_context(text, *f) for f in sorted(false_b - false_a)]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.findings_diff", description=__doc__.splitlines()[0]
    )
    parser.add_argument("a", metavar="A", help="DIR or DIR:detector (default detector piivault)")
    parser.add_argument("b", metavar="B", help="DIR or DIR:detector")
    parser.add_argument("--set", action="append", dest="sets", help="only this set (repeatable)")
    parser.add_argument("--entity", choices=ENTITY_TYPES, action="append", dest="entities")
    parser.add_argument("--examples", type=int, default=0, help="list N values a bucket (development sets)")
    parser.add_argument("--blind", action="store_true", help="count held-out sets too (their values never)")
    args = parser.parse_args(argv)
    names = args.sets or sorted(set(set_names(args.a)) & set(set_names(args.b)))
    if not names:
        print("no set dumped on both sides", file=sys.stderr)
        return 1
    for name in names:
        a, b = load(args.a, name), load(args.b, name)
        if a is None or b is None:
            print(f"{name}: not dumped on both sides", file=sys.stderr)
            return 1
        if (a["blind"] or b["blind"]) and not args.blind:
            continue
        for entity in args.entities or ENTITY_TYPES:
            buckets = differences(a, b, entity)
            if not any(buckets.values()):
                continue
            counts = ", ".join(f"{label} {len(values)}" for label, values in buckets.items())
            print(f"[{name}] {entity}: {counts}")
            if args.examples and (a["blind"] or b["blind"]):
                print("  (held out: its values are not listed)")
                continue
            for label, values in buckets.items():
                for value in values[: args.examples]:
                    print(f"  {label}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
