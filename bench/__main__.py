"""`make bench`: run every benchmark in turn, each printing piivault's figures beside its baseline's."""

import importlib
import sys

# Module names under bench/, each with main(argv) -> int.
BENCHMARKS: list[str] = [
    "detect",
    "vault",
    "vault_writers",
    "tokenize",
    "erasure",
    "latency",
    "fingerprints",
    "quarantine",
    "service",
    "scale",
]


def main() -> int:
    status = 0
    for name in BENCHMARKS:
        print(f"\n=== bench.{name} ===", flush=True)
        status |= importlib.import_module(f"bench.{name}").main([])
    return status


if __name__ == "__main__":
    sys.exit(main())
