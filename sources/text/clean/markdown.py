"""Inline deletions inside a kept line: markdown marks, escapes, invisible characters, timestamps,
and the credit closing a photo's caption ("… on Monday. (Photo: Getty Images)")."""

import functools
import re

from sources.text.clean.model import Line, Removal
from sources.text.lexicon import Lexicon

MARKUP_CHAR = re.compile("[*_\\[\\\\#>!\u200b\u200c\u200d\u2060\ufeff\u00ad]")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~&%\"'])")
IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,500}\)")
LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{0,500})\)")
BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ITALIC = re.compile(r"(?<![\w*\x00])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![\w*])")
STRAY_BOLD = re.compile(r"\*\*+|(?<!\w)__+|__+(?!\w)")
HEADING_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)")
CITATION_TEXT = re.compile(r"\d{1,3}(?:\s*[-–—,]\s*\d{1,3})*")
SPACE_AFTER = re.compile(r"[ \t]*")
SPACE_BEFORE = re.compile(r"[ \t]*$")


@functools.cache
def trailing_credit(lex: Lexicon) -> re.Pattern:
    """An image credit ending a line after the caption's last sentence, with the licensing links
    printed after it; the credit itself in group `credit`."""
    credits = "|".join(f"(?:{entry})" for entry in lex.phrases("furniture.trailing_credits")) or r"(?!x)x"
    links = "|".join(f"(?:{entry})" for entry in lex.phrases("furniture.credit_links")) or r"(?!x)x"
    return re.compile(
        rf"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))[ \t]+(?P<credit>(?:{credits})(?:[\s,]*(?:{links}))*)[ \t]*$",
        re.IGNORECASE,
    )


def inline_deletions(line: str, lex: Lexicon) -> list[tuple[int, int, str]]:
    """Spans of characters to delete from one line, each with its removal kind."""
    deletions: list[tuple[int, int, str]] = []
    masked = list(line)

    def delete(start: int, end: int, kind: str) -> None:
        deletions.append((start, end, kind))
        masked[start:end] = "\x00" * (end - start)

    _timestamps(line, lex.pattern("furniture.timestamps"), delete)
    credit = trailing_credit(lex).search(line)
    if credit:
        delete(credit.start("credit"), credit.end("credit"), "image credit")
    if not MARKUP_CHAR.search(line):
        return sorted(deletions)
    for match in INVISIBLE.finditer(line):
        delete(match.start(), match.end(), "invisible")
    for match in ESCAPE.finditer(line):
        delete(match.start(), match.start() + 1, "escape")
        masked[match.start() + 1] = "\x01"
    for match in IMAGE.finditer("".join(masked)):
        delete(match.start(), match.end(), "markdown")
    for match in LINK.finditer("".join(masked)):
        if CITATION_TEXT.fullmatch(match.group(1).strip()):
            delete(match.end(1) + 1, match.end(), "markdown")
        else:
            delete(match.start(), match.start() + 1, "markdown")
            delete(match.end(1), match.end(), "markdown")
    heading = HEADING_MARK.match("".join(masked))
    if heading:
        delete(heading.start(), heading.end(), "markdown")
    for pattern in (BOLD, ITALIC):
        for match in pattern.finditer("".join(masked)):
            width = len(match.group(1))
            delete(match.start(), match.start() + width, "markdown")
            delete(match.end() - width, match.end(), "markdown")
    for match in STRAY_BOLD.finditer("".join(masked)):
        delete(match.start(), match.end(), "markdown")
    return sorted(deletions)


def _timestamps(line: str, pattern: re.Pattern, delete) -> None:
    """A transcript's timestamp goes with the space on one side, so "[00:04:12] SMITH: Yes" reads
    "SMITH: Yes" and "SMITH (14:02): Yes" reads "SMITH: Yes"."""
    for match in list(pattern.finditer(line)):
        start, end = match.start(), match.end()
        if not line[:start].strip(" \t*_>#"):
            end = SPACE_AFTER.match(line, end).end()
        else:
            start = SPACE_BEFORE.search(line, 0, start).start()
        delete(start, end, "timestamp")


def kept_pieces(line: Line, removals: list[Removal], lex: Lexicon) -> list[tuple[int, int]]:
    """Raw spans of the line that survive inline deletion, trimmed of surrounding whitespace."""
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end, kind in inline_deletions(line.raw, lex):
        if start < cursor:
            start = cursor
        if start >= end:
            continue
        removals.append(Removal(kind, line.raw[start:end], line.start + start))
        if start > cursor:
            pieces.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(line.raw):
        pieces.append((cursor, len(line.raw)))
    return _trim([(line.start + s, line.start + e) for s, e in pieces], line.raw, line.start)


def _trim(pieces: list[tuple[int, int]], raw_line: str, offset: int) -> list[tuple[int, int]]:
    def text(piece: tuple[int, int]) -> str:
        return raw_line[piece[0] - offset : piece[1] - offset]

    while pieces and not text(pieces[0]).strip():
        pieces.pop(0)
    while pieces and not text(pieces[-1]).strip():
        pieces.pop()
    if pieces:
        first = text(pieces[0])
        pieces[0] = (pieces[0][0] + len(first) - len(first.lstrip()), pieces[0][1])
        last = text(pieces[-1])
        pieces[-1] = (pieces[-1][0], pieces[-1][1] - len(last) + len(last.rstrip()))
    return pieces
