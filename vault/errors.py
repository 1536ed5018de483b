"""Errors the vault raises. Messages name tokens, key ids, datasets and files, never a personal value."""

from __future__ import annotations


class VaultError(Exception):
    """Base class of every error the vault raises on purpose."""


class KekMissingError(VaultError):
    """No key-encrypting key was configured for a vault that needs one."""


class KekMismatchError(VaultError):
    """The configured key-encrypting key is not the one this vault's keys are wrapped with."""


class KekChangedError(KekMismatchError):
    """A rotation replaced the KEK this process loaded: reload it and run the transaction again.

    Raised inside the transaction that found it, so that transaction wraps and unwraps nothing;
    `Vault.retrying` reloads the KEK and retries. Carries the current KEK's public id, never a key."""

    def __init__(self, current_kek_id: str, loaded_kek_id: str):
        super().__init__(
            f"the vault's keys are now wrapped with KEK {current_kek_id}, not with KEK {loaded_kek_id}"
        )
        self.current_kek_id = current_kek_id


class KekRotatedError(KekMismatchError):
    """A rotation replaced the KEK this process loaded, and the new one cannot be reloaded (a KEK from
    `PIIVAULT_KEK` or an argument, or a KEK file that does not hold it): restart with the current KEK."""


class KeyStrandedError(VaultError):
    """A data key is wrapped under a KEK the vault no longer has, though the vault's KEK is the right one:
    its value cannot be read until that KEK is restored (rotations before keys recorded their KEK could
    strand keys written during the rotation)."""


class TokenCollisionError(VaultError):
    """Two different values produced the same token: the run must stop, joins would silently merge people."""


class SchemaVersionError(VaultError):
    """The database holds a newer schema than this code knows how to use."""


class AuditWriteError(VaultError):
    """The audit record could not be written, so no value is returned."""


class PolicyError(VaultError):
    """The access policy file is missing, unreadable or malformed."""
