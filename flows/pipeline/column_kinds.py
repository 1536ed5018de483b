"""Column kinds: what each column of a dataset holds — an entity type (tokenized whole), `free_text`
(tokenized span by span) or None (not personal) — shared by the scan and tokenize flows.

Declared column kinds in the catalog win; other columns are classified by `recognizers.classify_column`
from their name and a sample of values (the first readable records of the dataset).

A sample can only make a column more scanned, never less: a string column the sample calls not personal
is still scanned in full by tokenize (`scanned_columns`), and a finding anywhere makes it free text for
that file. Only columns declared `none` in the catalog, the subject key and non-string values are never
scanned.
"""

from __future__ import annotations

import pandas as pd

from flows.pipeline.catalog import Catalog, Dataset
from flows.pipeline.readers import TEXT_COLUMN, read_chunks
from values.token_format import is_token

FREE_TEXT = "free_text"
SAMPLE_ROWS = 200


def present(value: object) -> bool:
    """A cell worth looking at: a non-empty string that is not already a piivault token."""
    return isinstance(value, str) and value.strip() != "" and not is_token(value.strip())


def _as_text(value: object) -> object:
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def declared_kind(dataset: Dataset, column: str) -> str | None | bool:
    """The catalog's kind for `column` (None for `none`), or False when the catalog does not say."""
    if dataset.format == "text" and column == TEXT_COLUMN:
        return FREE_TEXT
    if column not in dataset.columns:
        return False
    kind = dataset.columns[column]
    return None if kind == "none" else kind


def sample_frame(catalog: Catalog, name: str, rows: int = SAMPLE_ROWS) -> pd.DataFrame:
    """The first `rows` readable records of a dataset (across its files), for column classification."""
    dataset = catalog.dataset(name)
    frames, taken = [], 0
    for path in catalog.input_files(name):
        if not catalog.inside_raw(path):
            continue  # refused by name when its file is processed
        for chunk in read_chunks(path, dataset.format, chunk_rows=rows, encoding=dataset.encoding):
            frames.append(chunk.frame.head(rows - taken))
            taken += len(frames[-1])
            if taken >= rows:
                break
        if taken >= rows:
            break
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def classify_columns(dataset: Dataset, sample: pd.DataFrame) -> dict[str, str | None]:
    """Column -> entity type, `free_text`, or None (not personal); declared kinds win over classification."""
    from recognizers import classify_column

    kinds: dict[str, str | None] = {}
    for column in sample.columns:
        declared = declared_kind(dataset, column)
        if declared is not False:
            kinds[column] = declared
            continue
        # integers too: a phone or card number may be stored as a number in Parquet
        values = [_as_text(v) for v in sample[column].tolist() if present(_as_text(v))]
        if column == dataset.subject_key or not values:
            kinds[column] = None  # the subject key is the pseudonymous id erasure resolves people by
            continue
        kinds[column] = classify_column(column, values)
    return kinds


def kind_for(kinds: dict[str, str | None], dataset: Dataset, column: str) -> str | None:
    """The kind of a column that the sample did not show (a field that first appears later in a file)."""
    if column in kinds:
        return kinds[column]
    declared = declared_kind(dataset, column)
    return None if declared is False else declared


def scanned_columns(frame: pd.DataFrame, kinds: dict[str, str | None], dataset: Dataset) -> list[str]:
    """Columns of `frame` the sample called not personal that are still scanned in full: all but the
    ones declared `none` and the subject key (the pseudonymous id erasure resolves people by)."""
    return [
        column
        for column in frame.columns
        if kinds.get(column) is None
        and declared_kind(dataset, column) is False
        and column != dataset.subject_key
    ]
