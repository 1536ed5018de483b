"""One big quarantined record must not stall every erasure: the erasure time of an unrelated person and of
the record's owner, with one quarantined record of each size in a web log.

    python -m bench.quarantine                      # 64 KB, 1 MiB, 50 MB random bytes + 1 MiB text
    python -m bench.quarantine --sizes 64K --text-size 0 --timeout 60

A small demo zone (`flows.demo.data`) is tokenized once without Prefect; per case a copy gets one broken
web-log line (`{"search": "<payload>", "user": {"email": "<owner>"` and an invalid byte), is tokenized
again (the line goes to the quarantine, indexed), and two copies of that are erased: an unrelated
person's, then the owner's. Payloads: random latin-1 bytes (the worst case for the scan: non-ASCII
everywhere), and one of text (words, numbers, some accented). Each erasure runs in a child process with
a timeout (the issue saw a 50 MB record run for 11 minutes before the quarantine index). Beside the
seconds: "erased", how many quarantined records the erasure dropped or redacted, and "checked", how many
verification decrypted and scanned (the receipt's count; absent before the index).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import random
import shutil
import tempfile
import time
from pathlib import Path

from bench.erasure import BENCH_KEK, tokenize_zone

WEB_LOG = "logs/web-2026-01-01.jsonl"
UNITS = {"K": 1024, "M": 1 << 20, "MB": 10**6, "KB": 1000}
TEXT_WORDS = (
    "call me back about the roaming plan please thanks card number street avenue invoice café "
    "straße crème brûlée naïve zürich señor 42 0800 order refund"
).split()


def parse_size(text: str) -> int:
    """`64K` (KiB), `1M` (MiB), `50MB` (10**6), `1000`."""
    text = text.strip().upper()
    for suffix in sorted(UNITS, key=len, reverse=True):
        if text.endswith(suffix):
            return int(float(text[: -len(suffix)]) * UNITS[suffix])
    return int(text)


def payload(kind: str, size: int, seed: int = 1) -> bytes:
    """`size` bytes of random latin-1 (no control characters) or of text (UTF-8)."""
    rng = random.Random(seed)
    if kind == "random":
        printable = bytes(32 + b * 224 // 256 for b in range(256))
        return rng.randbytes(size).translate(printable).replace(b'"', b"'").replace(b"\\", b"/")
    words = []
    length = 0
    while length < size:
        word = rng.choice(TEXT_WORDS) + (str(rng.randint(0, 99999)) if rng.random() < 0.2 else "")
        words.append(word)
        length += len(word.encode()) + 1
    return " ".join(words).encode()[:size].decode("utf-8", "ignore").encode()


def broken_line(data: bytes, email: str) -> bytes:
    """A web-log line that no JSON reader accepts, holding `data` and the owner's email."""
    head = b'{"ts": "2026-01-01T08:00:00Z", "search": "'
    return head + data + f'", "user": {{"email": "{email}"'.encode() + b"\xff\n"


def _erase(catalog_path: str, email: str, out) -> None:
    from flows.erasure.steps import run_erasure
    from flows.pipeline.catalog import load_catalog
    from flows.requests.lifecycle import Verification, file_request
    from vault.store import Vault

    catalog = load_catalog(catalog_path)
    with Vault.open(catalog.vault_url, kek=BENCH_KEK) as vault:
        request_id = file_request(vault, "erase", "email", email, Verification("bench", "bench"))
        started = time.perf_counter()
        outcome = run_erasure(catalog, vault, request_id)
        seconds = time.perf_counter() - started
    receipt = json.loads(Path(outcome.receipt_path).read_text())
    verification = receipt["verification"]
    out.put(
        {
            "seconds": seconds,
            "status": outcome.status,
            "passed": verification.get("passed"),
            "examined": verification.get("quarantined_records_examined"),
            "erased": sum(
                d["quarantined_records_dropped"] + d["quarantined_records_redacted"]
                for d in receipt["datasets"].values()
            ),
            "steps": receipt["timings_seconds"],
        }
    )


def erase_in_child(catalog_path: Path, email: str, timeout: float) -> dict:
    """Run one erasure in a child process; killed (SIGKILL) after `timeout` seconds."""
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_erase, args=(str(catalog_path), email, out))
    started = time.perf_counter()
    child.start()
    child.join(timeout)
    if child.is_alive():
        child.kill()
        child.join()
        return {"seconds": time.perf_counter() - started, "status": "timed out", "passed": None}
    if out.empty():
        return {
            "seconds": time.perf_counter() - started,
            "status": f"failed ({child.exitcode})",
            "passed": None,
        }
    return out.get()


def run_case(base: Path, work: Path, kind: str, size: int, owner, other, timeout: float) -> dict:
    """Add one broken record of `size` bytes to a copy of `base`, tokenize it, erase `other`, then `owner`."""
    case = work / f"{kind}-{size}"
    shutil.copytree(base, case)
    with (case / "raw" / WEB_LOG).open("ab") as handle:
        handle.write(broken_line(payload(kind, size), owner.email))
    started = time.perf_counter()
    tokenize_zone(case / "catalog.yaml")
    result = {"kind": kind, "size": size, "tokenize": time.perf_counter() - started}
    for who, person in (("unrelated", other), ("owner", owner)):
        copy = work / f"{kind}-{size}-{who}"
        shutil.copytree(case, copy)
        result[who] = erase_in_child(copy / "catalog.yaml", person.email, timeout)
        shutil.rmtree(copy, ignore_errors=True)
        print(f"  {kind} {size} bytes, {who}: {_cell(result[who])}", flush=True)
    shutil.rmtree(case, ignore_errors=True)
    return result


def _cell(figure: dict) -> str:
    if figure["status"] != "completed":
        return f"{figure['status']} after {figure['seconds']:.0f} s"
    examined = "" if figure.get("examined") is None else f", {figure['examined']} checked"
    erased = f", {figure['erased']} erased" if figure.get("erased") else ""
    return f"{figure['seconds']:.2f} s{erased}{examined}" + (
        "" if figure["passed"] else " VERIFICATION FAILED"
    )


def _steps(figure: dict) -> str:
    """The quarantine and verify steps' seconds (the rest of an erasure does not read the quarantine)."""
    steps = figure.get("steps") or {}
    return f"{steps.get('quarantine', 0):.2f}/{steps.get('verify', 0):.2f}" if steps else "-"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.quarantine", description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="64K,1M,50MB", help="random-byte record sizes (default 64K,1M,50MB)"
    )
    parser.add_argument("--text-size", default="1M", help="size of the text record, 0 for none (default 1M)")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per erasure (default 900)")
    parser.add_argument("--rows", type=int, default=400, help="records of the demo zone (default 400)")
    parser.add_argument("--keep", type=Path, default=None, help="build the zones under this directory")
    args = parser.parse_args(argv)
    cases = [("random", parse_size(s)) for s in args.sizes.split(",") if s.strip()]
    if parse_size(args.text_size):
        cases.append(("text", parse_size(args.text_size)))
    from flows.demo.data import write_demo_zone

    work = Path(tempfile.mkdtemp(prefix="piivault-bench-quarantine-", dir=args.keep))
    try:
        zone = write_demo_zone(work / "base", rows=args.rows, seed=7)
        tokenize_zone(zone.catalog_path)
        owner, other = zone.people[0], zone.people[1]
        print(f"one quarantined record in a web log of a {args.rows}-record demo zone", flush=True)
        results = [
            run_case(work / "base", work, kind, size, owner, other, args.timeout) for kind, size in cases
        ]
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    print(
        f"\n{'record':>8}  {'bytes':>10}  {'tokenize s':>10}  {'unrelated person':>26}  {'q/v s':>11}  "
        f"{'record owner':>26}  {'q/v s':>11}"
    )
    for r in results:
        print(
            f"{r['kind']:>8}  {r['size']:>10}  {r['tokenize']:>10.2f}  {_cell(r['unrelated']):>26}  "
            f"{_steps(r['unrelated']):>11}  {_cell(r['owner']):>26}  {_steps(r['owner']):>11}"
        )
    print("q/v s: seconds of the quarantine and verify steps")
    return 0 if all(r[who]["passed"] for r in results for who in ("unrelated", "owner")) else 1


if __name__ == "__main__":
    raise SystemExit(main())
