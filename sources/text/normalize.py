"""Normalised views of text that keep a map from each normalised character back to the original."""

import re
import unicodedata
from dataclasses import dataclass

# Typographic variants folded to one ASCII form so that quotes copied from a page still match.
FOLD = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u00a0": " ",
        "\u2026": "...",
    }
)
DROPPED = set("*_\\")
INVISIBLE = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class Normalized:
    """`text` is the normalised string; `origin[i]` is the index in the source of `text[i]`."""

    text: str
    origin: tuple[int, ...]

    def span_in_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open span of the normalised text back to the original string."""
        return self.origin[start], self.origin[end - 1] + 1


def fold_char(char: str) -> str:
    if char in DROPPED or char in INVISIBLE:
        return ""
    folded = unicodedata.normalize("NFKC", char).translate(FOLD).casefold()
    return " " if folded.isspace() else folded


def normalize(text: str) -> Normalized:
    out: list[str] = []
    origin: list[int] = []
    for index, char in enumerate(text):
        for piece in fold_char(char):
            if piece == " " and (not out or out[-1] == " "):
                continue
            out.append(piece)
            origin.append(index)
    while out and out[-1] == " ":
        out.pop()
        origin.pop()
    return Normalized("".join(out), tuple(origin))


def normalize_plain(text: str) -> str:
    """The normalised string alone, for comparisons that need no offsets."""
    return normalize(text).text


def words(text: str) -> list[str]:
    return WORD.findall(normalize_plain(text))
