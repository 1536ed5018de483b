"""What a table column holds, from its name and a sample of its values.

The name gives a hint (`email`, `msisdn`, `card_number`, `holder`, `billing_address`, `notes`: see
`recognizers.column_names`); the values decide: a column is an entity type when most of its non-empty
values are each one whole value of that type, `free_text` when its values are prose (which may hold
entities anywhere), and not personal (None) when its values are identifiers, amounts, dates or codes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from recognizers.batch import detect_batch
from recognizers.column_names import name_hint

SAMPLE_LIMIT = 200
WHOLE_VALUE_SHARE = 0.6  # share of non-empty values that must be one whole entity
HINTED_WHOLE_VALUE_SHARE = 0.3  # when the column name already says which entity it holds
WHOLE_VALUE_COVERAGE = 0.85  # a finding covering this much of a value is "the whole value"
PROSE_MIN_WORDS = 4


def _named_column_share(values: list[str]) -> float:
    """Share of `values` that are name-shaped (one word alone too, or lower case): what a column whose name
    says it holds names needs, where detection in a value alone (`Lee`) finds nothing."""
    from recognizers.names.shape import is_name_shaped

    return sum(is_name_shaped(value) for value in values) / len(values)


def classify(name: str, sample_values: Sequence[object]) -> str | None:
    """An entity type, `"free_text"`, or None (not personal data)."""
    values = [str(v).strip() for v in list(sample_values)[:SAMPLE_LIMIT] if v is not None and str(v).strip()]
    hint = name_hint(name)
    if not values:
        return hint
    findings = detect_batch(values)
    whole: Counter[str] = Counter()
    holding = 0
    for value, found in zip(values, findings, strict=True):
        if found:
            holding += 1
        for finding in found:
            if (finding.end - finding.start) >= WHOLE_VALUE_COVERAGE * len(value):
                whole[finding.entity_type] += 1
                break
    prose = sum(len(value.split()) >= PROSE_MIN_WORDS for value in values) / len(values)
    if hint and hint != "free_text" and whole[hint] >= HINTED_WHOLE_VALUE_SHARE * len(values):
        return hint
    if hint == "PERSON" and _named_column_share(values) >= WHOLE_VALUE_SHARE:
        return hint  # `surname`: `Lee`, `Okafor`; `name`: `ann peeters`: the column says they are names
    if whole:
        entity, count = whole.most_common(1)[0]
        if count >= WHOLE_VALUE_SHARE * len(values):
            return entity
    if hint == "free_text" or (prose >= 0.5 and holding):
        return "free_text"
    return None
