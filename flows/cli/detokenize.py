"""`piivault detokenize TOKEN... --purpose TEXT [--role ROLE]`: values a role may see, one a line, audited.

With `PIIVAULT_VAULT_URL` set, the vault service answers (`vault.client`): the role is the credential's
and the audit names the credential, so `--role`, `--actor` and `--policy` are refused there; no KEK is
needed. Otherwise the embedded vault answers, under `--role` (then required), `--actor` and `--policy`.

stdout holds one line per token, in order: the value, or an empty line when it is not returned; each
refusal is explained on stderr. Exit status: 0 all returned, 2 an option that does not fit the vault in
use, 3 some denied by policy, 4 some erased, not found or not tokens, 5 the vault could not be used (wrong
KEK, audit not written, service unreachable, credential refused, over the credential's ceiling, ...).
"""

from __future__ import annotations

import argparse
import getpass
import sys

from flows.cli.errors import CommandError
from flows.cli.vault_options import add_vault_options, open_access_vault, refuse_beside_service, uses_service

EXIT_DENIED = 3
EXIT_UNRESOLVED = 4
EXIT_VAULT_ERROR = 5
THE_CREDENTIALS = {
    "role": "the role is the credential's",
    "actor": "the audit names the credential",
    "policy": "the service applies its own policy",
}


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "detokenize",
        help="print the values behind tokens, if the role may see them for the purpose (audited)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("tokens", nargs="+", metavar="TOKEN", help="tokens or format-preserving surrogates")
    parser.add_argument(
        "--role",
        default=None,
        help="role in the access policy, e.g. support (embedded vault only, where it is required; "
        "a vault service takes the credential's)",
    )
    parser.add_argument("--purpose", required=True, help='purpose of the access, e.g. "account management"')
    parser.add_argument(
        "--actor", default=None, help="who is asking (default: the login name; embedded vault only)"
    )
    parser.add_argument(
        "--policy",
        metavar="PATH",
        default=None,
        help="policy YAML (default: the packaged one; embedded vault only)",
    )
    add_vault_options(parser)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from vault.errors import VaultError
    from vault.policy import load_policy

    try:
        if uses_service():
            refuse_beside_service(args, THE_CREDENTIALS)
            with open_access_vault(args) as vault:
                results = vault.detokenize(args.tokens, purpose=args.purpose)
        else:
            if args.role is None:
                raise CommandError("--role is required with the embedded vault (no PIIVAULT_VAULT_URL set)")
            policy = load_policy(args.policy)
            with open_access_vault(args) as vault:
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
