"""Email addresses as people and systems disguise them, read back to `local@domain`: written to escape
harvesters (`ann [at] example [dot] com`, `ann (at) example.com`, `ann at example dot com`) or in the IATA
form of airline bookings (`ANN..LEE//EXAMPLE.COM`: `//` for `@`, `..` for `_`, `./` for `-`). Shared by
detection (the domain it checks) and the vault (one token for every form of an address); no heavy imports.
"""

from __future__ import annotations

import re

_OBFUSCATED_AT = re.compile(r"(?i)\s?[\[(]\s?at\s?[\])]\s?|\sat\s")
_OBFUSCATED_DOT = re.compile(r"(?i)\s?[\[(]\s?dot\s?[\])]\s?|\sdot\s")


def plain_address(text: str) -> str:
    """`text` as `local@domain`; an address already written so is returned as it is."""
    if "@" in text:
        return text
    if "//" in text:
        return text.replace("//", "@").replace("./", "-").replace("..", "_")
    return _OBFUSCATED_DOT.sub(".", _OBFUSCATED_AT.sub("@", text, count=1))
