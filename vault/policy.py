"""Access policy: roles -> entity types they may detokenize, in which form, for which purposes.

Config apart from behaviour: the policy is a YAML file (the packaged `default_policy.yaml`, or one given
with `--policy PATH`); this module only loads and answers questions about it. Anything not granted is
denied: an unknown role, an unlisted purpose, an entity type the role may not see.
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


def normalise_purpose(purpose: str) -> str:
    """`Account-Management` and `account management` name the same purpose."""
    return " ".join(purpose.replace("-", " ").replace("_", " ").casefold().split())


@dataclass(frozen=True)
class RoleGrant:
    """What one role may see."""

    purposes: frozenset[str]
    entities: dict[str, Form] = field(default_factory=dict)


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
        roles[str(role)] = RoleGrant(frozenset(normalise_purpose(str(p)) for p in purposes), dict(entities))
    return Policy(roles, str(path))
