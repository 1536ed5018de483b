"""EMAIL_ADDRESS with exact boundaries, wherever logs put an address: `user=ann@example.com` gives only
`ann@example.com`; so do `<ann@example.com>`, `"ann@example.com"`, JSON values and `?to=ann@example.com&x=1`.

The domain must end in a real public suffix. Presidio checks that with tldextract's default extractor,
which downloads the public suffix list on first use; here tldextract reads only the snapshot it ships
(`suffix_list_urls=()`, no cache directory), so detection never touches the network.
"""

from __future__ import annotations

import re
from functools import lru_cache

from presidio_analyzer import Pattern, PatternRecognizer

from recognizers.results import compile_patterns, pattern_results
from values.emails import plain_address

# Local part: starts and ends with a letter or digit (so `=`, quotes, `<`, `:` and a leading dot stay out);
# domain: dot-separated labels, ending in an alphabetic or punycode top-level label not followed by more
# domain characters.
# (internationalised local parts, RFC 6531, may hold any letter: `josé.pérez@`)
_LOCAL = r"[^\W_](?:[\w.%+'\-]{0,62}[\w%+\-])?"
# labels may be internationalised (IDNA: `bücherei-köln.de`), written in Unicode letters
_LABEL = r"[^\W_](?:[\w\-]{0,61}[^\W_])?"
_TLD = r"(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9\-]{1,59})"
PATTERNS = [
    Pattern(
        "email (address)",
        r"(?<![\w.%+\-])" + _LOCAL + "@" + rf"(?:{_LABEL}\.)+{_TLD}" + r"(?![\w\-@]|\.[A-Za-z0-9])",
        0.5,
    ),
    # Written so that harvesters miss it: `ann [at] example [dot] com`, `ann (at) example.com`,
    # `ann at example dot com` (the bare `at` form only with a spelled `dot`), or spoken, as call
    # transcripts write it: `ann dot lee at example dot com`. The bare form must not be followed by
    # another ` at `: in `email me at ann dot lee at example dot com` the address starts at `ann`.
    Pattern(
        "email (obfuscated)",
        r"(?<![\w.%+\-])[^\W_][\w.%+\-]{0,62}"
        r"(?:[ \t]?[\[(][ \t]?at[ \t]?[\])][ \t]?[^\W_][\w\-]*"
        r"(?:(?:[ \t]?[\[(][ \t]?dot[ \t]?[\])][ \t]?|\.)[^\W_][\w\-]*)+"
        r"|(?:[ \t]dot[ \t][^\W_][\w.%+\-]{0,62})*"
        r"[ \t]at[ \t][^\W_][\w\-]*(?:(?:[ \t]dot[ \t]|\.)[^\W_][\w\-]*)*[ \t]dot[ \t][A-Za-z]{2,24}"
        r"(?![ \t]at[ \t]))"
        r"(?![\w\-])",
        0.5,
    ),
    # IATA (AIRIMP) contact elements of airline bookings: `SSR CTCE KL HK1/ANN..LEE//EXAMPLE.COM/P1`, where
    # `//` stands for `@`, `..` for `_` and `./` for `-`
    Pattern(
        "email (airline SSR CTCE)",
        r"(?<=CTCE [A-Z0-9]{2} [A-Z]{2}\d/)[A-Z0-9._\-]+(?:\./[A-Z0-9._\-]+)*"
        r"//[A-Z0-9\-]+(?:\.[A-Z0-9\-]+)+",
        0.5,
    ),
]
# Headers whose values are message or call identifiers in `local@host` form, never mailboxes: RFC 5322
# Message-ID and the headers that cite it, MIME Content-ID, SIP Call-ID.
# The address is refused when such a header is the last key before it on its line.
_ID_HEADER_BEFORE = re.compile(
    r"(?i)(?:^|[\s;,{\"'])(?:message-id|in-reply-to|references|content-id|resent-message-id|x-message-id|"
    r"call-id|original-message-id)[\"']?\s*[:=]\s*[\"']?(?:<[^<>\s]*>[\s,]*)*<?$"
)
CONTEXT = ["email", "e-mail", "mail", "from", "to", "cc", "reply-to", "contact"]


@lru_cache(maxsize=1)
def _offline_extractor():
    import tldextract

    return tldextract.TLDExtract(cache_dir=None, suffix_list_urls=(), fallback_to_snapshot=True)


@lru_cache(maxsize=4096)
def has_public_suffix(domain: str) -> bool:
    """True when `domain` is a registrable name under a known public suffix (offline snapshot)."""
    parts = _offline_extractor()(domain.lower())
    return bool(parts.suffix and parts.domain)


# What every obfuscated address holds: an `at` in brackets, or else a spelled `dot` before its last label.
# Texts without either (nearly all) skip that pattern, the costliest of the three since it may start at any
# word.
_OBFUSCATION = re.compile(r"(?i)[\[(][ \t]?at[ \t]?[\])]|[ \t]dot[ \t]")


class EmailAddressRecognizer(PatternRecognizer):
    """Email addresses, exact span, checked against the bundled public suffix list."""

    def __init__(self, supported_language: str = "en"):
        super().__init__(
            supported_entity="EMAIL_ADDRESS",
            name="PiivaultEmailRecognizer",
            patterns=list(PATTERNS),
            context=list(CONTEXT),
            supported_language=supported_language,
        )
        compile_patterns(self)

    def validate_result(self, pattern_text: str) -> bool:
        address = plain_address(pattern_text)
        return address.count("@") == 1 and has_public_suffix(address.rpartition("@")[2])

    def analyze(self, text: str, entities, nlp_artifacts=None, regex_flags=None):
        if regex_flags:
            results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        else:
            # each pattern only where the text holds what it cannot match without: an `@`, a bracketed `at`
            # or a spelled `dot`, the `//` of an airline contact element (most texts hold none)
            needed = ("@" in text, _OBFUSCATION.search(text) is not None, "//" in text)
            patterns = [pattern for pattern, need in zip(PATTERNS, needed, strict=True) if need]
            results = pattern_results(self, text, patterns)
        return [
            result
            for result in results
            if not is_identifier_header_value(text, result.start) and not _is_url_login(text, result)
        ]


# `ssh://git@github.com/org/repo`, `git@github.com:org/repo.git`: the user and host of a URL or an scp-style
# remote, a login on a server rather than a mailbox.
_URL_SCHEME_BEFORE = re.compile(r"[A-Za-z][\w+.\-]*://$")
_SCP_PATH_AFTER = re.compile(r":[\w.~\-]+/")


def _is_url_login(text: str, result) -> bool:
    return bool(
        _URL_SCHEME_BEFORE.search(text, max(0, result.start - 24), result.start)
        or _SCP_PATH_AFTER.match(text, result.end)
    )


def is_identifier_header_value(text: str, start: int) -> bool:
    """True when the `local@host` at `start` is the value of a Message-ID, References, Call-ID... header."""
    line_start = text.rfind("\n", 0, start) + 1
    return _ID_HEADER_BEFORE.search(text, max(line_start - 1, start - 400, 0), start) is not None
