"""`piivault detokenize TOKEN... --role ROLE --purpose TEXT`: values a role may see, one a line, audited.

stdout holds one line per token, in order: the value, or an empty line when it is not returned; each
refusal is explained on stderr. Exit status: 0 all returned, 3 some denied by policy, 4 some erased, not
found or not tokens, 5 the vault could not be used (wrong KEK, audit not written, ...).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from flows.cli.vault_options import add_vault_options, open_vault

EXIT_DENIED = 3
EXIT_UNRESOLVED = 4
EXIT_VAULT_ERROR = 5


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "detokenize",
        help="print the values behind tokens, if the role may see them for the purpose (audited)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tokens", nargs="+", metavar="TOKEN", help="tokens or format-preserving surrogates")
    parser.add_argument("--role", required=True, help="role in the access policy, e.g. support")
    parser.add_argument("--purpose", required=True, help='purpose of the access, e.g. "account management"')
    parser.add_argument("--actor", default=None, help="who is asking (default: the login name)")
    parser.add_argument(
        "--policy", metavar="PATH", default=None, help="policy YAML (default: the packaged one)"
    )
    add_vault_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vault.errors import VaultError
    from vault.policy import load_policy

    try:
        policy = load_policy(args.policy)
        with open_vault(args) as vault:
            results = vault.detokenize(
                args.tokens,
                role=args.role,
                purpose=args.purpose,
                actor=args.actor or getpass.getuser(),
                policy=policy,
            )
    except VaultError as error:
        print(f"piivault detokenize: {error}", file=sys.stderr)
        return EXIT_VAULT_ERROR
    status = 0
    for result in results:
        print(result.value if result.outcome == "allowed" else "")
        if result.outcome == "denied":
            print(f"piivault detokenize: {result.token}: denied: {result.reason}", file=sys.stderr)
            status = EXIT_DENIED
        elif result.outcome != "allowed":
            print(f"piivault detokenize: {result.token}: {result.outcome}: {result.reason}", file=sys.stderr)
            status = status or EXIT_UNRESOLVED
    return status
