"""What every corpus is made of and how it is built: labelled records, the two ways of drawing a corpus from
a shape table, and the JSONL writer and command line the corpora share.

A sample is one log record (a line, or a whole chat, email or note) with the exact character spans of every
personal value in it. Spans are recorded while the text is assembled (`LabelledText.pii`), never found by
searching afterwards, so a label can not drift from the value it labels.

The builders below own the order of the random draws (shape before or after the people, which people, how
many): a corpus is its seed, so moving code between corpora must never change that order, or the gold every
figure stands on changes with it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, NamedTuple, TypeVar

from bench.corpora.noise import Noise
from flows.demo.synthetic_people import Person

ENTITY_TYPES = ("PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")
Span = tuple[int, int, str]
# about a fifth of a held-out corpus holds no personal data, so precision is measured on real traps
NEGATIVE_SHARE = 0.2


class Sample(NamedTuple):
    """One labelled record: its text, gold spans `(start, end, entity_type)`, and the log shape it has."""

    text: str
    spans: list[Span]
    kind: str


class LabelledText:
    """Text assembled piece by piece; personal values are added with `pii`, which records their span."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.spans: list[Span] = []

    def add(self, text: str) -> LabelledText:
        self._parts.append(text)
        self._length += len(text)
        return self

    def pii(self, text: str, entity_type: str) -> LabelledText:
        self.spans.append((self._length, self._length + len(text), entity_type))
        return self.add(text)

    def sample(self, kind: str) -> Sample:
        return Sample("".join(self._parts), list(self.spans), kind)


Builder = Callable[[int, int], list[Sample]]
ShapeT = TypeVar("ShapeT")


# -- building a corpus from its shape table -------------------------------------------------------------


def weighted_corpus(
    lines: int,
    rng: random.Random,
    noise: Noise,
    write: Any,
    shapes: Mapping[str, tuple[Callable[..., Sample], int]],
    cast: Callable[[], list[Person]],
) -> list[Sample]:
    """`lines` records, each of a shape drawn by weight from `shapes` (name -> (builder, weight)) and about
    the people `cast()` draws first; builders are called as `builder(rng, noise, write, people)`."""
    names, weights = list(shapes), [weight for _, weight in shapes.values()]
    samples = []
    for _ in range(lines):
        people = cast()
        build = shapes[rng.choices(names, weights)[0]][0]
        samples.append(build(rng, noise, write, people))
    return samples


def covering_corpus(
    lines: int,
    rng: random.Random,
    positives: Mapping[str, ShapeT],
    negatives: Mapping[str, ShapeT],
    record: Callable[[ShapeT], Sample],
) -> list[Sample]:
    """`lines` records: every shape once first (positives, then negatives), so even a tiny corpus has all of
    them; then a negative shape with probability NEGATIVE_SHARE, else a positive one, each drawn uniformly.
    `record(shape)` writes one record, drawing its people after the shape is chosen."""
    positive, negative = list(positives.values()), list(negatives.values())
    every = positive + negative
    samples = []
    for index in range(lines):
        if index < len(every):
            shape = every[index]
        else:
            shape = rng.choice(negative if rng.random() < NEGATIVE_SHARE else positive)
        samples.append(record(shape))
    return samples


def cast_corpus(
    lines: int,
    rng: random.Random,
    positives: Mapping[str, Callable[[Any], Sample]],
    negatives: Mapping[str, Callable[[Any], Sample]],
    population: Sequence[Person],
    context: Callable[[random.Random, Noise, list[Person]], Any],
    cast: int,
) -> list[Sample]:
    """A covering corpus whose records are each about `cast` people drawn from `population`, handed to the
    shape as `context(rng, noise, people)`, the corpus's own renderings of them."""
    noise = Noise(rng)

    def record(shape: Callable[[Any], Sample]) -> Sample:
        return shape(context(rng, noise, rng.sample(population, cast)))

    return covering_corpus(lines, rng, positives, negatives, record)


# -- writing a corpus -----------------------------------------------------------------------------------


def write_jsonl(samples: list[Sample], out, with_labels: bool = True) -> None:
    """One JSON object a line: `id`, `text` and (with labels) `kind` and `spans`."""
    for index, sample in enumerate(samples):
        record: dict = {"id": index, "text": sample.text}
        if with_labels:
            record.update(kind=sample.kind, spans=[list(s) for s in sample.spans])
        out.write(json.dumps(record, ensure_ascii=False) + "\n")


def corpus_main(argv: list[str] | None, corpora: Mapping[str, Builder], doc: str) -> int:
    """The command line of the corpora: a corpus name, `--lines`, `--seed`, `-o`, `--no-labels`."""
    parser = argparse.ArgumentParser(prog="python -m bench.corpora", description=doc.splitlines()[0])
    parser.add_argument("corpus", choices=list(corpora), help="which corpus to write")
    parser.add_argument("--lines", type=int, default=2000, help="number of records (default 2000)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("-o", "--output", help="JSONL file to write (default: stdout)")
    parser.add_argument(
        "--no-labels", action="store_true", help="only id and text, as `piivault detect` reads"
    )
    args = parser.parse_args(argv)
    samples = corpora[args.corpus](args.lines, args.seed)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as out:
            write_jsonl(samples, out, not args.no_labels)
    else:
        write_jsonl(samples, sys.stdout, not args.no_labels)
    return 0
