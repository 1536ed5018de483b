"""Delimiter-separated records (CSV, semicolon exports, pipe-separated CDRs, tab-separated dumps): the
fields of each line, and which of them are names.

A record that holds a contact field (an email, a phone, a card, an address: found by the pattern
recognizers) is about someone; a field of it that is a whole name-shaped value, two to five capitalised
words and nothing else (`Thérèse Chauvin`, `MOSS LUKE`, `Dewi van der Ven`), is that someone's name.
Fields that are places are left out: postcodes, country names, the fields beside them (`1000;Bruxelles`,
`Lyon;France`), and values that open like a place name (`New York`, `San Sebastián`). Where a header line
(`id;name;email`) names the columns, only a column whose name says it holds names (`name`, `holder`,
`contact_name`, see `recognizers.column_names`) does.

Column-level evidence needs no contact field: under a header that names a column as holding names
(`surname`, `given_name`, `Name`, `naam`), every name-shaped value of that column is a name, one word
alone too (`headed_name_fields`). SQL dumps name their columns the same way: `INSERT INTO t (id,
surname, ...) VALUES (1, 'Lee', ...), (...)`: each quoted value belongs to its column.
"""

from __future__ import annotations

import unicodedata

import regex

from recognizers.column_names import column_words, name_hint

DELIMITERS = ("\t", "|", ";", ",")
MIN_DELIMITERS = 2  # three fields at least: a single comma or semicolon is prose punctuation
_LINE = regex.compile(r"[^\n]+")
# a column name: `msisdn`, `E-Mail`, `first name`, `Kundennr.`, `Country/Region`, `Create Date (GMT)`,
# `Participant ID (UPN)`, `Nº client`
_IDENTIFIER = regex.compile(r"\p{L}[\p{L}0-9_\-. /&#º°']{0,39}(?:[ ]?\([\p{L}0-9_\-. /]{1,20}\))?")
_QUOTES = "\"' \t\r\ufeff"  # and the byte-order mark spreadsheet and Jira exports open with
_POSTCODE = regex.compile(r"(?:[A-Z]{1,2}-)?\d{4,5}(?:[ ]?[A-Z]{2})?|[A-Z]{1,2}\d[A-Z\d]?[ ]?\d[A-Z]{2}")


# First words of place names (New York, San Sebastián, Bad Homburg, Port Talbot, North Holly), not of
# personal names.
PLACE_NAME_OPENERS = frozenset(
    "new saint sankt san santa los las bad port fort mount north south east west upper lower great little "
    "city county".split()
)


def _is_postcode_or_country(text: str, start: int, end: int) -> bool:
    from recognizers.places import country_names

    return bool(_POSTCODE.fullmatch(text, start, end)) or text[start:end].lower() in country_names()


def _split(line: str, delimiter: str) -> list[str]:
    """`line` split at `delimiter`, except inside a double-quoted field (`7,"De Smet, Bram",...`)."""
    if '"' not in line:
        return line.split(delimiter)
    pieces, current, quoted = [], [], False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            pieces.append("".join(current))
            current = []
            continue
        current.append(char)
    pieces.append("".join(current))
    return pieces


def record_fields(text: str) -> list[list[tuple[int, int]]]:
    """For each line that is a delimited record, the `(start, end)` of each field, quotes and spaces
    trimmed. The delimiter is the first of tab, pipe, semicolon, comma that occurs at least twice (a
    double-quoted field may hold it); without one, runs of two spaces or more (fixed-width tables)."""
    records = []
    for line in _LINE.finditer(text):
        value = line.group(0)
        delimiter = next((d for d in DELIMITERS if value.count(d) >= MIN_DELIMITERS), None)
        if delimiter is None:
            aligned = _aligned_fields(text, line.start(), line.end())
            if aligned:
                records.append(aligned)
            continue
        fields, start = [], line.start()
        for piece in _split(value, delimiter):
            end = start + len(piece)
            left, right = start, end
            while left < right and text[left] in _QUOTES:
                left += 1
            while right > left and text[right - 1] in _QUOTES:
                right -= 1
            fields.append((left, right))
            start = end + 1
        records.append(fields)
    return records


_ALIGNED_GAP = regex.compile(r" {2,}")


def _aligned_fields(text: str, start: int, end: int) -> list[tuple[int, int]] | None:
    """The cells of a fixed-width table row (`Ann Lee      0475 12 34 56   Pixel 9`): at least three
    cells, separated by runs of two spaces or more."""
    gaps = list(_ALIGNED_GAP.finditer(text, start, end))
    if len(gaps) < MIN_DELIMITERS:
        return None
    fields, position = [], start
    for gap in gaps:
        if gap.start() > position:
            fields.append((position, gap.start()))
        position = gap.end()
    if position < end:
        fields.append((position, end))
    return fields if len(fields) > MIN_DELIMITERS else None


def folded(value: str) -> str:
    """Lower case without accents (`España` -> `espana`), to compare a name with an email address."""
    return "".join(c for c in unicodedata.normalize("NFKD", value.lower()) if not unicodedata.combining(c))


def name_field_candidates(text: str, contact_spans: list[tuple[int, int]]) -> list[tuple[int, int, str]]:
    """Fields of records that hold a contact field, other than contact fields, places and the fields
    beside a place: the fields the caller checks for a name shape. Each comes with the folded local
    parts of the record's email addresses (`brad.morales`), which often spell the name."""
    candidates = []
    header: list[str | None] | None = None  # the entity each column's header names, once a header is seen
    for fields in record_fields(text):
        is_contact = [
            end > start and any(s <= start and end <= e for s, e in contact_spans) for start, end in fields
        ]
        if not any(is_contact):
            header = _header_hints(text, fields) or header
            continue
        if header is not None and len(header) != len(fields):
            header = None
        place = [_is_postcode_or_country(text, start, end) for start, end in fields]
        mailboxes = " ".join(
            folded(text[start:end].partition("@")[0]) for start, end in fields if "@" in text[start:end]
        )
        for index, (start, end) in enumerate(fields):
            if end <= start or is_contact[index] or place[index]:
                continue
            if (index > 0 and place[index - 1]) or (index + 1 < len(fields) and place[index + 1]):
                continue  # `1000;Bruxelles`, `Den Haag;2511 CV`, `Lyon;France`: a city beside its postcode
            if text[start:end].split(maxsplit=1)[0].lower() in PLACE_NAME_OPENERS:
                continue
            if header is not None and header[index] != "PERSON":
                continue  # a header names the column, and not as a name (`city`, `company`, `team`)
            candidates.append((start, end, mailboxes))
    return candidates


def _header_hints(text: str, fields: list[tuple[int, int]]) -> list[str | None] | None:
    """For a header line (`id;name;email`, `Name|Phone`: every field one identifier, one at least naming
    an entity or all in lower case), the entity each column's name hints at; otherwise None."""
    names = [text[start:end] for start, end in fields]
    if not all(_IDENTIFIER.fullmatch(name) for name in names):
        return None
    hints = [name_hint(name) for name in names]
    if any(hints) or all(name.islower() for name in names):
        return hints
    return None


_INSERT = regex.compile(r"(?i)\binsert[ \t]+into[ \t]+[\w.`\"\[\]]+[ \t]*\(([^()]*)\)\s*values\s*")
_SQL_VALUE = regex.compile(r"'(?:[^'\n]|'')*'|[^,()'\s][^,()\s]*")


def sql_insert_fields(text: str) -> list[list[tuple[str, int, int]]]:
    """For each VALUES tuple of each `INSERT INTO t (columns) VALUES (...), (...)` statement, the
    `(column name, start, end)` of its quoted string values (quotes excluded); a tuple whose count of
    values differs from the column list is skipped."""
    tuples = []
    for statement in _INSERT.finditer(text):
        columns = [name.strip(' \t\n`"[]') for name in statement.group(1).split(",")]
        position = statement.end()
        while True:
            opening = regex.compile(r"\s*,?\s*\(").match(text, position)
            if opening is None:
                break
            position, values = opening.end(), []
            while True:
                value = _SQL_VALUE.match(text, regex.match(r"\s*", text[position:]).end() + position)
                if value is None:
                    break
                values.append((value.start(), value.end(), value.group(0).startswith("'")))
                after = regex.compile(r"\s*(,|\))").match(text, value.end())
                if after is None:
                    values = []
                    break
                position = after.end()
                if after.group(1) == ")":
                    break
            if not values:
                break
            if len(values) == len(columns):
                tuples.append(
                    [
                        (col, s + 1, e - 1)
                        for col, (s, e, quoted) in zip(columns, values, strict=True)
                        if quoted
                    ]
                )
    return tuples


def headed_fields(text: str) -> list[tuple[int, int, str]]:
    """`(start, end, entity)` of the values in columns whose header names the entity they hold (see
    `recognizers.column_names.name_hint`): fields of delimited rows under a header line with as many fields,
    quoted values of SQL INSERT tuples, and the cells of spreadsheet dumps under their first row's cell
    (`Sheet!A2 = 'Lee, Ann'` under `Sheet!A1 = 'Customer'`). The header is the evidence; the caller still
    checks each value's shape."""
    spans = []
    if "\n" in text:
        header: list[str | None] | None = None
        for fields in record_fields(text):
            hints = _header_hints(text, fields)
            if hints is not None:
                header = hints if any(hints) else None
                continue
            if header is None or len(header) != len(fields):
                header = None
                continue
            spans.extend((*field, hint) for field, hint in zip(fields, header, strict=True) if hint)
        if "!" in text:
            spans.extend(spreadsheet_cells(text)[1])
    if "insert" in text.lower():
        for values in sql_insert_fields(text):
            spans.extend((start, end, name_hint(column)) for column, start, end in values)
    return [(start, end, hint) for start, end, hint in spans if end > start and hint]


def headed_name_fields(text: str) -> list[tuple[int, int]]:
    """Spans of the values in columns whose header names them as holding names (`headed_fields`), a
    participant's note after the name left out (`Ann Lee (Guest)`)."""
    return [
        _without_qualifier(text, start, end) for start, end, hint in headed_fields(text) if hint == "PERSON"
    ]


# a cell of a spreadsheet dump in A1 notation: `Klanten!B2 = 'Lee, Ann'`, `Sheet1!$C$5: "0471 12 34 56"`,
# `D2 = 393107371073  # number format`
_CELL = regex.compile(
    r"""(?m)^[ \t]*(?:[^!\n=]{1,31}!)?\$?(?P<column>[A-Z]{1,3})\$?(?P<row>\d{1,7})[ \t]*[=:][ \t]*"""
    r"""(?:'(?P<sq>[^'\n]*)'|"(?P<dq>[^"\n]*)"|(?P<bare>[^\s'"=][^\s]*))"""
)


def spreadsheet_cells(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int, str]]]:
    """For an A1-notation dump: the spans of its header cells (the first row's, column names), and the
    `(start, end, entity)` of the cells below a header that names an entity (`name_hint`). Formulas
    (`=HYPERLINK(...)`) are not values."""
    cells = []
    for match in _CELL.finditer(text):
        group = next(g for g in ("sq", "dq", "bare") if match.group(g) is not None)
        if not match.group(group).startswith("="):
            cells.append((match.group("column"), int(match.group("row")), match.span(group)))
    if len(cells) < 2:
        return [], []
    top = min(row for _, row, _ in cells)
    headers = {column: name_hint(text[span[0] : span[1]]) for column, row, span in cells if row == top}
    values = [(*span, headers[column]) for column, row, span in cells if row > top and headers.get(column)]
    return [span for _, row, span in cells if row == top], values


# a note after a participant's name in meeting and chat exports: `Ann Lee (Guest)`, `(External)`, `(she/her)`
_TRAILING_QUALIFIER = regex.compile(r"[ \t]*\([^()\n]{1,20}\)\Z")


def _without_qualifier(text: str, start: int, end: int) -> tuple[int, int]:
    qualifier = _TRAILING_QUALIFIER.search(text[start:end])
    return (start, start + qualifier.start()) if qualifier and qualifier.start() > 0 else (start, end)


# a header's cell delimiters, strongest first: a comma splits cells only where nothing else does, since
# cells aligned by spaces may hold one (`Customer    Lee, Ann`, `Address    Leeds, LS1 4AP`)
_CELL_SPLITS = (regex.compile(r"\t|\||;| {2,}"), regex.compile(r","))


def header_line_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the lines that are a table's header (column names hold no personal values): the first
    line of the text or of a block, followed by a line, with three cells at least (split at tabs, pipes,
    `;` or runs of spaces, as fixed-width tables align them, else at commas), every cell a column-name
    identifier, and one naming an entity (`E-Mail`, `msisdn`), or all of them single words in one case
    (`DEVICE  SINCE`)."""
    spans = []
    lines = list(_LINE.finditer(text))
    for index, line in enumerate(lines[:-1]):
        if index > 0 and text[lines[index - 1].end() : line.start()].count("\n") < 2:
            continue  # not the first line of a block
        cells = []
        for split in _CELL_SPLITS:
            cells = [cell.strip(_QUOTES) for cell in split.split(line.group(0).strip())]
            if len(cells) > 1:
                break
        cells = [cell for cell in cells if cell and set(cell) != {"-"}]
        if len(cells) < 3 or not all(_IDENTIFIER.fullmatch(cell) for cell in cells):
            continue
        one_case = all(" " not in cell for cell in cells) and (
            all(cell.isupper() for cell in cells) or all(cell.islower() for cell in cells)
        )
        if one_case or any(name_hint(cell) for cell in cells):
            spans.append(line.span())
    return spans


# Column-name words of columns that hold places or organisations, never a person's name (`MailingCity`,
# `Account`, `company_name`): a name-looking value there (`Patricia Ville`, `Busto Garolfo`) is not one.
NOT_NAME_COLUMN_WORDS = frozenset(
    "city town place locality municipality gemeente ort stadt ville ciudad citta country land pays region "
    "state province county company account organisation organization org employer business merchant "
    "vendor brand product plan title publisher".split()
)


def not_name_spans(text: str) -> list[tuple[int, int]]:
    """Spans where no name is: table header lines (`header_line_spans`) and header cells of spreadsheet
    dumps (`spreadsheet_cells`), and the fields of rows under a
    header line whose column names a place or an organisation (`MailingCity`, `Account`)."""
    spans = header_line_spans(text) + (spreadsheet_cells(text)[0] if "!" in text else [])
    columns: list[bool] | None = None  # per column of the last header: does it hold places or companies?
    for fields in record_fields(text):
        if _header_hints(text, fields) is not None:
            columns = [
                bool(NOT_NAME_COLUMN_WORDS & set(column_words(text[s:e])))
                and name_hint(text[s:e]) != "PERSON"
                for s, e in fields
            ]
            columns = columns if any(columns) else None
            continue
        if columns is not None and len(columns) == len(fields):
            spans.extend(field for field, not_name in zip(fields, columns, strict=True) if not_name)
    return spans
