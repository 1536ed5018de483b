"""`piivault detect INPUT.jsonl -o OUTPUT.jsonl`: findings for each `{"id", "text"}` line, in input order.

A contract other tools rely on: each output line is `{"id": ..., "findings": [{"entity_type", "start",
"end", "score"}]}` with character offsets into `text`. A malformed input line gets a message on stderr
naming its line number (never its content) and an output line with no findings; the run goes on.
Blank lines are skipped (as JSON-lines readers do) and get no output line.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator

BATCH_SIZE = 512
# One encoder for every output line (`json.dumps` with options builds one a call).
_ENCODER = json.JSONEncoder(ensure_ascii=False)


def register(subparsers) -> None:
    parser = subparsers.add_parser("detect", help="find personal data in a JSON-lines file of texts")
    parser.add_argument("input", help='JSON lines, one {"id": ..., "text": ...} object a line')
    parser.add_argument("-o", "--output", required=True, help="findings, one line per input line")
    parser.add_argument(
        "--entities",
        nargs="+",
        metavar="TYPE",
        help="entity types to report (default: PERSON ADDRESS PHONE_NUMBER EMAIL_ADDRESS CREDIT_CARD)",
    )
    parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def parse_line(line: str, number: int) -> tuple[object, str | None, str | None]:
    """`(id, text, problem)`: the id (None if unknown), the text, or a message saying what is wrong."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        return None, None, f"line {number}: not valid JSON (column {error.colno})"
    if not isinstance(record, dict):
        return None, None, f"line {number}: not a JSON object"
    record_id = record.get("id")
    if "id" not in record:
        return None, None, f'line {number}: no "id" field'
    if "text" not in record:
        return record_id, None, f'line {number}: no "text" field'
    if not isinstance(record["text"], str):
        return record_id, None, f'line {number}: "text" is not a string'
    return record_id, record["text"], None


def _batches(lines, size: int) -> Iterator[list[tuple[int, str]]]:
    batch = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        batch.append((number, line))
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from recognizers import DEFAULT_ENTITIES, detect
    from recognizers.batch import detector

    entities = tuple(args.entities) if args.entities else DEFAULT_ENTITIES
    if "PERSON" in entities:
        # load the NER model before reading any input: a missing model fails before an output line is
        # written, and the first batch with a name does not stall
        detector().nlp  # noqa: B018
    problems = 0
    with (
        open(args.input, encoding="utf-8", errors="replace") as source,
        open(args.output, "w", encoding="utf-8") as sink,
        tqdm(unit=" lines", disable=not sys.stderr.isatty(), file=sys.stderr) as progress,
    ):
        for batch in _batches(source, max(1, args.batch_size)):
            parsed = [parse_line(line, number) for number, line in batch]
            texts = [text for _, text, problem in parsed if problem is None]
            findings = iter(detect(texts, entities)) if texts else iter(())
            for record_id, _text, problem in parsed:
                if problem is not None:
                    problems += 1
                    print(f"piivault detect: {args.input}: {problem}; no findings written", file=sys.stderr)
                    found = []
                else:
                    # `Finding.to_dict()`, built directly: `dataclasses.asdict` deep-copies every finding
                    found = [
                        {"entity_type": f.entity_type, "start": f.start, "end": f.end, "score": f.score}
                        for f in next(findings)
                    ]
                sink.write(_ENCODER.encode({"id": record_id, "findings": found}) + "\n")
            progress.update(len(batch))
    if problems:
        print(f"piivault detect: {problems} malformed line(s) in {args.input}", file=sys.stderr)
    return 0
