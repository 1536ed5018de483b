"""Access policy: roles -> entity types they may detokenize, in which form, for which purposes.

Config apart from behaviour: the policy is a YAML file (the packaged `default_policy.yaml`, or one given
with `--policy PATH`); this module only loads and answers questions about it. Anything not granted is
denied: an unknown role, an unlisted purpose, an entity type the role may not see.

For the vault service (`vault.service`) a role also lists the `operations` beyond detokenizing it may call
(`tokenize` for pipeline workers, `audit` for reading the audit, `requests` for running privacy
requests: keyed hashes, shreds), and `ceilings` per purpose (and for
`tokenize`): how many tokens one credential may send in one request and within a window. A purpose or
operation without a ceiling of its own gets `DEFAULT_CEILING`, small, so a policy that forgets one fails
closed rather than open; the embedded vault applies no ceiling (whoever holds the KEK holds everything).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import yaml

from values.token_format import TYPE_CODES
from vault.errors import PolicyError

DEFAULT_POLICY_PATH = Path(__file__).with_name("default_policy.yaml")
Form = Literal["full", "last4"]
FORMS: tuple[str, ...] = ("full", "last4")
OPERATIONS: tuple[str, ...] = ("tokenize", "audit", "requests")  # beyond detokenizing (purposes grant it)
DEFAULT_WINDOW_SECONDS = 3600


@dataclass(frozen=True)
class Ceiling:
    """Tokens one credential may send: per request, and per sliding window (None: no ceiling)."""

    per_request: int | None
    per_window: int | None
    window_seconds: int = DEFAULT_WINDOW_SECONDS


DEFAULT_CEILING = Ceiling(per_request=100, per_window=1000)


def normalise_purpose(purpose: str) -> str:
    """`Account-Management` and `account management` name the same purpose."""
    return " ".join(purpose.replace("-", " ").replace("_", " ").casefold().split())


@dataclass(frozen=True)
class RoleGrant:
    """What one role may see."""

    purposes: frozenset[str]
    entities: dict[str, Form] = field(default_factory=dict)
    operations: frozenset[str] = frozenset()
    ceilings: dict[str, Ceiling] = field(default_factory=dict)  # normalised purpose or operation -> ceiling


@dataclass(frozen=True)
class Decision:
    """Outcome of a policy check: allowed with a form, or denied with a reason (no value in it)."""

    allowed: bool
    form: Form | None = None
    reason: str = ""


@dataclass(frozen=True)
class Policy:
    """The loaded policy."""

    roles: dict[str, RoleGrant]
    source: str

    def decide(self, role: str, purpose: str, entity_type: str) -> Decision:
        """May `role`, for `purpose`, see values of `entity_type`, and in which form?"""
        grant = self.roles.get(role)
        if grant is None:
            return Decision(False, reason=f"role {role!r} is not in the policy")
        if normalise_purpose(purpose) not in grant.purposes:
            return Decision(False, reason=f"purpose {purpose!r} is not allowed for role {role!r}")
        form = grant.entities.get(entity_type)
        if form is None:
            return Decision(False, reason=f"role {role!r} may not see {entity_type}")
        return Decision(True, form=form)

    def permits(self, role: str, operation: str) -> Decision:
        """May `role` call `operation` (`tokenize`, `audit`, `requests`) of the vault service?"""
        grant = self.roles.get(role)
        if grant is None:
            return Decision(False, reason=f"role {role!r} is not in the policy")
        if operation not in grant.operations:
            return Decision(False, reason=f"role {role!r} may not {operation}")
        return Decision(True)

    def permits_purpose(self, role: str, purpose: str) -> Decision:
        """May `role` detokenize anything at all for `purpose`? (Which entity types: `decide`.)"""
        grant = self.roles.get(role)
        if grant is None:
            return Decision(False, reason=f"role {role!r} is not in the policy")
        if not grant.entities or normalise_purpose(purpose) not in grant.purposes:
            return Decision(False, reason=f"purpose {purpose!r} is not allowed for role {role!r}")
        return Decision(True)

    def ceiling(self, role: str, purpose_or_operation: str) -> Ceiling:
        """The ceiling on one credential of `role` for a purpose (or `tokenize`); `DEFAULT_CEILING` when the
        policy names none."""
        grant = self.roles.get(role)
        if grant is None:
            return DEFAULT_CEILING
        return grant.ceilings.get(normalise_purpose(purpose_or_operation), DEFAULT_CEILING)


def _ceilings(path: Path, role: str, spec) -> dict[str, Ceiling]:
    """A role's `ceilings:` mapping (purpose or operation -> {per_request, per_window, window_seconds})."""
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        raise PolicyError(f"{path}: role {role!r}: ceilings must be a mapping of purpose to ceiling")
    found = {}
    for key, limits in spec.items():
        if not isinstance(limits, dict) or not set(limits) <= {"per_request", "per_window", "window_seconds"}:
            raise PolicyError(
                f"{path}: role {role!r}: ceiling {key!r} must be a mapping of per_request, per_window "
                "and window_seconds"
            )
        values = {name: limits.get(name) for name in ("per_request", "per_window")}
        window = limits.get("window_seconds", DEFAULT_WINDOW_SECONDS)
        for name, value in [*values.items(), ("window_seconds", window)]:
            if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 1):
                raise PolicyError(
                    f"{path}: role {role!r}: ceiling {key!r}: {name} must be a positive integer"
                )
        if window is None:
            raise PolicyError(
                f"{path}: role {role!r}: ceiling {key!r}: window_seconds must be a positive integer"
            )
        found[normalise_purpose(str(key))] = Ceiling(values["per_request"], values["per_window"], window)
    return found


def load_policy(path: str | Path | None = None) -> Policy:
    """Load and validate a policy file (the packaged default when `path` is None)."""
    path = Path(path) if path is not None else DEFAULT_POLICY_PATH
    try:
        data = yaml.safe_load(path.read_text())
    except OSError as error:
        raise PolicyError(f"cannot read the policy file {path}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise PolicyError(f"the policy file {path} is not valid YAML: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("roles"), dict):
        raise PolicyError(f"{path}: the policy must be a mapping with a `roles` mapping")
    roles: dict[str, RoleGrant] = {}
    for role, spec in data["roles"].items():
        spec = spec or {}
        if not isinstance(spec, dict):
            raise PolicyError(f"{path}: role {role!r} must be a mapping")
        purposes = spec.get("purposes") or []
        entities = spec.get("entities") or {}
        if not isinstance(purposes, list) or not isinstance(entities, dict):
            raise PolicyError(f"{path}: role {role!r}: purposes must be a list and entities a mapping")
        for entity, form in entities.items():
            if entity not in TYPE_CODES:
                raise PolicyError(f"{path}: role {role!r}: unknown entity type {entity!r}")
            if form not in FORMS:
                raise PolicyError(f"{path}: role {role!r}: {entity} form must be one of {', '.join(FORMS)}")
        clash = {normalise_purpose(str(p)) for p in purposes} & set(OPERATIONS)
        if clash:
            raise PolicyError(
                f"{path}: role {role!r}: {sorted(clash)[0]!r} names an operation, not a purpose"
            )
        operations = spec.get("operations") or []
        if not isinstance(operations, list) or not set(operations) <= set(OPERATIONS):
            raise PolicyError(f"{path}: role {role!r}: operations must be a list of {', '.join(OPERATIONS)}")
        roles[str(role)] = RoleGrant(
            frozenset(normalise_purpose(str(p)) for p in purposes),
            dict(entities),
            frozenset(operations),
            _ceilings(path, role, spec.get("ceilings")),
        )
    return Policy(roles, str(path))
