"""Errors the vault raises. Messages name tokens, key ids, datasets and files, never a personal value."""

from __future__ import annotations


class VaultError(Exception):
    """Base class of every error the vault raises on purpose."""


class KekMissingError(VaultError):
    """No key-encrypting key was configured for a vault that needs one."""


class KekMismatchError(VaultError):
    """The configured key-encrypting key is not the one this vault's keys are wrapped with."""


class TokenCollisionError(VaultError):
    """Two different values produced the same token: the run must stop, joins would silently merge people."""


class SchemaVersionError(VaultError):
    """The database holds a newer schema than this code knows how to use."""


class AuditWriteError(VaultError):
    """The audit record could not be written, so no value is returned."""


class PolicyError(VaultError):
    """The access policy file is missing, unreadable or malformed."""
