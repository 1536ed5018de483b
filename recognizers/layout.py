"""Two-column page layouts as `pdftotext -layout` writes them: the left column's line, a wide gap, then
the right column's cell on the same line (`Strada Malacarne 76        Customer no.: CU9871`). An address
block in the left column continues on the next line (`58023 Grilli (GR)`), so it reads whole only with
the right-hand cells set aside.
"""

from __future__ import annotations

import regex

# a left-column text, a gap of four spaces or more, and a right-hand cell running to the line's end
_RIGHT_CELL = regex.compile(r"(?m)(?<=\S)[ \t]{4,}\S[^\n]*$")


def left_column_view(text: str) -> tuple[str, list[tuple[int, int]]] | None:
    """`text` with each right-hand cell blanked (same length, so offsets hold) and the blanked
    `(start, end)` ranges; None when no line of a multi-line text has a right-hand cell."""
    if "\n" not in text:
        return None
    cells = [match.span() for match in _RIGHT_CELL.finditer(text)]
    if not cells:
        return None
    pieces, position = [], 0
    for start, end in cells:
        pieces.append(text[position:start])
        pieces.append(" " * (end - start))
        position = end
    pieces.append(text[position:])
    return "".join(pieces), cells


def split_at_cells(start: int, end: int, cells: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """The parts of `text[start:end]` on either side of the blanked cells it crosses, trimmed; a span
    crossing none comes back whole."""
    parts, position = [], start
    for cell_start, cell_end in cells:
        if start < cell_start and cell_end < end:
            parts.append((position, cell_start))
            position = cell_end
    parts.append((position, end))
    trimmed = []
    for left, right in parts:
        while left < right and text[left] in " \t\n,":
            left += 1
        while right > left and text[right - 1] in " \t\n,":
            right -= 1
        if left < right:
            trimmed.append((left, right))
    return trimmed
