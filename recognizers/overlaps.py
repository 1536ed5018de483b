"""One finding per span: resolve overlaps between recognizers and keep clear of piivault placeholders."""

from __future__ import annotations

# When findings overlap, the more specific entity wins: a validated email or card over a phone reading
# of its digits, an address over a person-looking street name inside it; within a type, the longer span.
TYPE_PRIORITY = {"EMAIL_ADDRESS": 0, "CREDIT_CARD": 1, "PHONE_NUMBER": 2, "ADDRESS": 3, "PERSON": 4}


def resolve(findings: list, placeholders: list[tuple[int, int]]) -> list:
    """Non-overlapping findings sorted by start; none touching a placeholder span. `findings` are
    objects with entity_type, start, end and score."""
    taken: list[tuple[int, int]] = list(placeholders)
    kept = []
    ordered = sorted(
        findings, key=lambda f: (TYPE_PRIORITY.get(f.entity_type, 9), -(f.end - f.start), -f.score, f.start)
    )
    for finding in ordered:
        if finding.end <= finding.start:
            continue
        if any(finding.start < end and start < finding.end for start, end in taken):
            continue
        taken.append((finding.start, finding.end))
        kept.append(finding)
    return sorted(kept, key=lambda f: (f.start, f.end))
