"""`piivault vault serve | token issue | token revoke | token list`: the vault service and its credentials.

`serve` runs the service (`vault.service`): the only process that holds the KEK; callers authenticate with
a credential bound to a role and name the purpose of each detokenization. `token issue` prints a new
credential once (only its keyed hash is kept), `token revoke ID` ends one at the next request, `token list`
shows ids, roles, names, expiry and status, never a secret. The token commands open the vault directly
(they need the master secret): run them where the service runs.
Exit status: 0 done, 2 refused (unknown role, bad expiry, unknown id), 5 the vault could not be used.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from flows.cli.vault_options import add_vault_options, open_vault, vault_url

DEFAULT_EXPIRY = "90d"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "vault",
        help="run the vault service, and issue, revoke and list its credentials",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = parser.add_subparsers(dest="vault_action", required=True, metavar="ACTION")

    serve = actions.add_parser("serve", help="serve tokenize, detokenize and audit over HTTP(S)")
    serve.add_argument("--host", default=None, help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=None, help="port to listen on (default 8750)")
    serve.add_argument("--tls-cert", metavar="PATH", type=Path, default=None, help="TLS certificate (PEM)")
    serve.add_argument("--tls-key", metavar="PATH", type=Path, default=None, help="its private key (PEM)")
    serve.add_argument(
        "--policy", metavar="PATH", default=None, help="policy YAML (default: the packaged one)"
    )
    serve.add_argument(
        "--connections",
        metavar="N",
        type=int,
        default=None,
        help="requests served at once: the request threads, and the connections of each database pool "
        "(default 8)",
    )
    add_vault_options(serve)
    serve.set_defaults(run=run_serve)

    token = actions.add_parser("token", help="issue, revoke and list the service's credentials")
    token_actions = token.add_subparsers(dest="token_action", required=True, metavar="ACTION")
    issue = token_actions.add_parser("issue", help="issue a credential for a role; prints its secret once")
    issue.add_argument("--role", required=True, help="role in the access policy, e.g. support")
    issue.add_argument(
        "--name", required=True, help='who or what holds it, e.g. "agent 17" (the audit actor)'
    )
    issue.add_argument(
        "--expires", default=DEFAULT_EXPIRY, help=f"lifetime: N m/h/d/w, e.g. 30d (default {DEFAULT_EXPIRY})"
    )
    issue.add_argument("--policy", metavar="PATH", default=None, help="policy YAML the role must be in")
    add_vault_options(issue)
    issue.set_defaults(run=run_issue)
    revoke = token_actions.add_parser("revoke", help="revoke a credential (from its next request on)")
    revoke.add_argument("id", metavar="ID", help="the credential's id, as `token list` shows it")
    add_vault_options(revoke)
    revoke.set_defaults(run=run_revoke)
    listing = token_actions.add_parser("list", help="list credentials (never their secrets)")
    add_vault_options(listing)
    listing.set_defaults(run=run_list)


def run_serve(args: argparse.Namespace) -> int:
    from vault.errors import VaultError
    from vault.service.serve import DEFAULT_CONNECTIONS, DEFAULT_HOST, DEFAULT_PORT, ServeConfig, serve

    if args.connections is not None and args.connections < 1:
        print("piivault vault serve: --connections must be at least 1", file=sys.stderr)
        return 2

    config = ServeConfig(
        vault_url=vault_url(args),
        host=args.host or DEFAULT_HOST,
        port=args.port if args.port is not None else DEFAULT_PORT,
        policy=Path(args.policy) if args.policy else None,
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        connections=args.connections or DEFAULT_CONNECTIONS,
    )
    if (config.tls_cert is None) != (config.tls_key is None):
        print("piivault vault serve: give both --tls-cert and --tls-key, or neither", file=sys.stderr)
        return 2
    try:
        serve(config, on_ready=lambda url: print(f"piivault vault service listening on {url}", flush=True))
    except VaultError as error:
        print(f"piivault vault serve: {error}", file=sys.stderr)
        return 5
    return 0


def _credential_command(action: str, run: Callable[[], int]) -> int:
    """Run a `token` action: exit 2 when the credential cannot be issued or revoked as asked (unknown role
    or id, bad expiry), 5 when the vault cannot be used."""
    from vault.errors import VaultError
    from vault.service.credentials import CredentialError

    try:
        return run()
    except CredentialError as error:
        print(f"piivault vault token {action}: {error}", file=sys.stderr)
        return 2
    except VaultError as error:
        print(f"piivault vault token {action}: {error}", file=sys.stderr)
        return 5


def run_issue(args: argparse.Namespace) -> int:
    from datetime import UTC, datetime

    from vault.policy import load_policy
    from vault.service.credentials import issue, parse_duration

    def issue_one() -> int:
        lifetime = parse_duration(args.expires)
        if args.role not in load_policy(args.policy).roles:
            print(f"piivault vault token issue: role {args.role!r} is not in the policy", file=sys.stderr)
            return 2
        with open_vault(args) as vault:
            issued = issue(vault, role=args.role, name=args.name, expires_at=datetime.now(UTC) + lifetime)
        record = issued.credential
        print(
            f"credential {record.credential_id} for {record.name!r}, role {record.role}, expires "
            f"{record.expires_at.isoformat(timespec='seconds')}; its secret, shown only now:",
            file=sys.stderr,
        )
        print(issued.secret)
        return 0

    return _credential_command("issue", issue_one)


def run_revoke(args: argparse.Namespace) -> int:
    from vault.service.credentials import revoke

    def revoke_one() -> int:
        with open_vault(args) as vault:
            record = revoke(vault, args.id)
        print(f"revoked credential {record.credential_id} ({record.name!r}, role {record.role})")
        return 0

    return _credential_command("revoke", revoke_one)


def run_list(args: argparse.Namespace) -> int:
    from vault.errors import VaultError
    from vault.service.credentials import list_credentials

    try:
        with open_vault(args) as vault:
            records = list_credentials(vault)
    except VaultError as error:
        print(f"piivault vault token list: {error}", file=sys.stderr)
        return 5
    print("\t".join(("id", "role", "name", "created", "expires", "status")))
    for record in records:
        times = (record.created_at, record.expires_at)
        shown = [t.isoformat(timespec="seconds") for t in times]
        print("\t".join((record.credential_id, record.role, record.name, *shown, record.status())))
    return 0
