"""`piivault audit`: list detokenization audit records, newest first (they never hold a value).

With `PIIVAULT_VAULT_URL` set, the vault service answers, as far as the credential's role may see the
audit (`vault.client`); otherwise the embedded vault the options name.
"""

from __future__ import annotations

import argparse
import sys

from flows.cli.vault_options import add_vault_options, open_access_vault

COLUMNS = ("at", "actor", "role", "purpose", "outcome", "token", "detail")


def register(subparsers) -> None:
    parser = subparsers.add_parser("audit", help="list detokenization audit records, newest first")
    parser.add_argument("--limit", type=int, default=100, help="at most this many records (0: all)")
    parser.add_argument("--token", default=None, help="only records about this token")
    parser.add_argument("--actor", default=None, help="only records of this actor")
    add_vault_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vault.errors import VaultError

    try:
        with open_access_vault(args) as vault:
            records = vault.audit_records(limit=args.limit or None, token=args.token, actor=args.actor)
    except VaultError as error:
        print(f"piivault audit: {error}", file=sys.stderr)
        return 5
    print("\t".join(COLUMNS))
    for record in records:
        record["at"] = record["at"].isoformat(timespec="seconds")
        print("\t".join("" if record.get(c) is None else str(record[c]) for c in COLUMNS))
    return 0
