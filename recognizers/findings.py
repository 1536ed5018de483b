"""What detection returns: `Finding`, one detected value, and the entity types detected by default.

Exported as `recognizers.Finding` and `recognizers.DEFAULT_ENTITIES`; defined here so that the modules of
the package (`recognizers.batch`) need not import the package itself.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

# The entity types piivault detects by default; anything else only when asked for.
DEFAULT_ENTITIES: tuple[str, ...] = ("PERSON", "ADDRESS", "PHONE_NUMBER", "EMAIL_ADDRESS", "CREDIT_CARD")


@dataclass(frozen=True, order=True)
class Finding:
    """One detected value: its entity type and character span `[start, end)` in the text, with a score."""

    __module__ = "recognizers"  # its public name, `recognizers.Finding` (as reprs and pickles spell it)

    entity_type: str
    start: int
    end: int
    score: float

    def to_dict(self) -> dict:
        return asdict(self)
