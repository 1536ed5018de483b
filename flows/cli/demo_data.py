"""`piivault demo-data [--rows N] [--out DIR]`: write a realistic raw zone and its catalog."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo-data",
        help="write a synthetic raw zone (logs, call records, chats, CRM, invoices) and catalog.yaml",
        description="Write a synthetic raw zone of about N records and a catalog.yaml describing it.",
    )
    parser.add_argument("--rows", type=int, default=2_000, help="about how many records (default 2000)")
    parser.add_argument("--out", type=Path, default=Path("data"), help="directory to write (default ./data)")
    parser.add_argument("--seed", type=int, default=7, help="random seed (same seed, same data)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from flows.demo.data import write_demo_zone

    zone = write_demo_zone(args.out, rows=args.rows, seed=args.seed)
    for dataset, count in zone.rows.items():
        print(f"{dataset:18} {count:>9} records")
    print(f"raw zone: {zone.raw_dir}\ncatalog:  {zone.catalog_path}")
    return 0
