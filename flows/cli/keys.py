"""`piivault keys rotate`: re-wrap every data key under a new KEK; no token and no stored value changes.

With a KEK file (the embedded default, or `PIIVAULT_KEK_FILE`), the file ends up holding the new KEK.
With a KEK from `PIIVAULT_KEK`, give `--new-kek-file PATH`: the new KEK is written there (0600); then
point `PIIVAULT_KEK_FILE` at it (or put its content in `PIIVAULT_KEK`). The old KEK is no longer needed,
and destroying it makes older backups of the key store unreadable.

Safe beside running tokenize and detokenize (they wait for the re-wrap, then reload a KEK file) and beside
another rotation (it waits, then rotates again). A rotation stopped part way is finished by running it
again. Exit status: 0 rotated (a warning names keys found stranded under a KEK the vault no longer has),
2 refused (no --new-kek-file for a KEK from the environment, the new file exists, or another rotation
changed the KEK while this one waited for it), 5 the vault could not be used.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from flows.cli.vault_options import add_vault_options, open_vault


def register(subparsers) -> None:
    parser = subparsers.add_parser("keys", help="manage the vault's keys (rotate the KEK)")
    actions = parser.add_subparsers(dest="keys_action", required=True, metavar="ACTION")
    rotate = actions.add_parser(
        "rotate",
        help="re-wrap all data keys under a new KEK (tokens unchanged)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    rotate.add_argument(
        "--new-kek-file", metavar="PATH", type=Path, default=None, help="where to write the new KEK"
    )
    add_vault_options(rotate)
    rotate.set_defaults(run=run_rotate)


def run_rotate(args: argparse.Namespace) -> int:
    from vault.errors import KekRotatedError, VaultError
    from vault.rotation import rotate_kek_file, rotate_to_new_file

    try:
        with open_vault(args) as vault:
            if args.new_kek_file is not None:
                result = rotate_to_new_file(vault, args.new_kek_file)
            elif vault.kek.path is not None:
                result = rotate_kek_file(vault, vault.kek.path)
            else:
                print(
                    "piivault keys rotate: the KEK comes from the environment; give --new-kek-file PATH",
                    file=sys.stderr,
                )
                return 2
    except FileExistsError as error:
        print(f"piivault keys rotate: {error.filename} already exists; choose a new path", file=sys.stderr)
        return 2
    except KekRotatedError as error:
        print(f"piivault keys rotate: refused, another rotation came first: {error}", file=sys.stderr)
        return 2
    except VaultError as error:
        print(f"piivault keys rotate: {error}", file=sys.stderr)
        return 5
    if result.finished:
        print(
            f"finished the rotation stopped after its re-wrap: KEK {result.old_kek_id} -> "
            f"{result.new_kek_id}, keys already re-wrapped; new KEK in {result.kek_file}"
        )
    else:
        print(
            f"rotated KEK {result.old_kek_id} -> {result.new_kek_id}: {result.keys_rewrapped} keys "
            f"re-wrapped; new KEK in {result.kek_file}"
        )
    if result.stranded:
        shown = ", ".join(result.stranded[:5]) + (", ..." if len(result.stranded) > 5 else "")
        print(
            f"piivault keys rotate: warning: {len(result.stranded)} data key(s) stranded under a KEK this "
            "vault no longer has were left as they were; their values cannot be read unless that KEK is "
            f"restored: {shown}",
            file=sys.stderr,
        )
    return 0
