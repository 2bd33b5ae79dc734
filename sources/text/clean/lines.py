"""The raw page as lines, each with its markdown-free form, and the small tests every stage shares."""

import re

from sources.text.clean.model import Line

INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
QUICK_MARKDOWN = re.compile(r"\*\*|__|\\(?=[^\w\s])|^[ \t]{0,3}(?:#{1,6}|>|\*(?=\S))[ \t]*")
QUICK_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,500}\)")
WORD = re.compile(r"[\w'’-]+")
BULLET = re.compile(r"^(?:[-•*▪◦‣]|\d{1,2}[.)])\s+")
TERMINAL = ".!?…:;"
CLOSING = "\"'”’)]"


def split_lines(raw: str) -> list[Line]:
    lines: list[Line] = []
    offset, blank = 0, False
    for line in raw.split("\n"):
        plain = plain_of(line)
        lines.append(Line(offset, line, plain, blank))
        blank = not plain
        offset += len(line) + 1
    return lines


def plain_of(line: str) -> str:
    """The line without markdown and surrounding space: what the furniture patterns look at."""
    return QUICK_MARKDOWN.sub("", QUICK_LINK.sub(r"\1", INVISIBLE.sub("", line))).strip()


def content_start(line: Line) -> int:
    return line.start + len(line.raw) - len(line.raw.lstrip())


def content(lines: list[Line], kinds: list[str | None]) -> list[int]:
    """Indexes of the non-blank lines no rule has removed yet."""
    return [i for i, line in enumerate(lines) if line.plain and kinds[i] is None]


def word_count(text: str) -> int:
    return len(text.split())


def ends_open(text: str) -> bool:
    """True when the text stops mid-sentence (no terminal punctuation, even inside a closing quote)."""
    stripped = text.rstrip(CLOSING)
    return bool(stripped) and stripped[-1] not in TERMINAL


def paragraph_end(lines: list[Line], i: int) -> int:
    """The index after the last line of the paragraph line `i` starts: a line that stops mid-sentence
    continues on the next non-blank line (a hard-wrapped paragraph); one that ends a sentence ends it."""
    end = i + 1
    while end < len(lines) and lines[end].plain and ends_open(lines[end - 1].plain):
        end += 1
    return end


def is_heading_like(plain: str, max_words: int = 12) -> bool:
    """A short line that does not end a sentence: a heading, a label, a name."""
    return 0 < word_count(plain) <= max_words and ends_open(plain.rstrip(":")) and not BULLET.match(plain)
