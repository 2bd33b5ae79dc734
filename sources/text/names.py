"""Name keys: one spelling-insensitive key per way of writing a person's or organisation's name."""

import re

from sources.text.normalize import normalize_plain

HONORIFICS = {"dr", "mr", "mrs", "ms", "prof", "shri", "smt", "sir", "hon", "h.e"}
NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)


def alias_key(name: str) -> str:
    """`Dr. S. Jaishankar`, `S Jaishankar` and `s. jaishankar` share one key: `s jaishankar`."""
    plain = NON_WORD.sub(" ", normalize_plain(name).replace("'s ", " "))
    parts = plain.split()
    while parts and parts[0] in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts)
