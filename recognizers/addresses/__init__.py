"""The parts of ADDRESS detection that `recognizers.address_recognizer` assembles.

Word tables and regex pieces (`words`, `pieces`), the pattern and its anchor (`patterns`), where the pattern
is tried (`scan`), the text as the pattern reads it (`separators`, `recasing`), the evidence of keys and of
a record's fields (`keys`, `fields`), and where a found address ends (`spans`).
"""
