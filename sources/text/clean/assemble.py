"""Kept lines into paragraphs: split sentences rejoined, hard-wrapped lines unwrapped, hyphenated
words made whole, with a map from every clean offset back to the raw page."""

import re

from sources.text.clean.lines import BULLET, content, ends_open, word_count
from sources.text.clean.markdown import kept_pieces
from sources.text.clean.model import Line, Removal, Unit
from sources.text.lexicon import Lexicon

WHITESPACE = re.compile(r"\s+")
BLANK_RUN = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+")
EDGE_SPACE = re.compile(r"^\s+|\s+$")
WRAP_LIMIT = 100


def units(lines: list[Line], kinds: list[str | None], removals: list[Removal], lex: Lexicon) -> list[Unit]:
    found: list[Unit] = []
    hard, glued = False, False
    for i, line in enumerate(lines):
        if kinds[i] or not line.plain:
            hard, glued = True, False
            continue
        pieces = kept_pieces(line, removals, lex)
        if not pieces:
            hard, glued = True, False
            continue
        if line.hyphen == "drop" and line.raw[pieces[-1][1] - 1 - line.start] == "-":
            removals.append(Removal("hyphenation", "-", pieces[-1][1] - 1))
            pieces[-1] = (pieces[-1][0], pieces[-1][1] - 1)
        text = "".join(line.raw[s - line.start : e - line.start] for s, e in pieces)
        found.append(_unit(pieces, text, hard or not found, line, glued))
        hard, glued = False, bool(line.hyphen)
    return found


def _unit(pieces: list[tuple[int, int]], text: str, hard: bool, line: Line, glued: bool) -> Unit:
    return Unit(pieces, text, hard or line.is_cell, is_cell=line.is_cell, column=line.column, glued=glued)


def wrap_width(lines: list[Line], kinds: list[str | None]) -> int:
    """The column a hard-wrapped text breaks at, or 0 when lines are whole paragraphs."""
    kept = [lines[i].plain for i in content(lines, kinds) if not lines[i].is_cell]
    if len(kept) < 4 or max(len(line) for line in kept) > WRAP_LIMIT:
        return 0
    width = max(len(line) for line in kept)
    pairs = [
        len(lines[i].plain) >= 0.6 * width
        for i in range(len(lines) - 1)
        if lines[i].plain and lines[i + 1].plain and not kinds[i] and not kinds[i + 1]
    ]
    return width if len(pairs) >= 2 and sum(pairs) >= 0.6 * len(pairs) else 0


def _joins(previous: Unit, paragraph: str, unit: Unit, width: int) -> bool:
    """Rejoin a sentence that a line break, a blank line or removed furniture split in two.

    `paragraph` is everything already joined into the current paragraph, so a second pass over the clean text
    makes the same decision.
    """
    if unit.is_cell or previous.is_cell:
        same_column = unit.is_cell and previous.is_cell and unit.column == previous.column
        return same_column and ends_open(paragraph) and unit.text[:1].islower()
    wrapped = width and not unit.hard_break_before and not BULLET.match(unit.text)
    if wrapped and len(previous.text) >= 0.6 * width:
        return True
    return ends_open(paragraph) and unit.text[0].islower() and word_count(paragraph) >= 6


def assemble(
    found: list[Unit], raw: str, removals: list[Removal], width: int
) -> tuple[str, list[tuple[int, int, int]]]:
    paragraphs: list[str] = []
    segments: list[tuple[int, int, int]] = []
    length = 0
    for index, unit in enumerate(found):
        if index and unit.glued:
            removals.append(_line_break(raw, found[index - 1].pieces[-1][1], unit.pieces[0][0]))
        elif index and _joins(found[index - 1], paragraphs[-1], unit, width):
            removals.append(_line_break(raw, found[index - 1].pieces[-1][1], unit.pieces[0][0]))
            paragraphs[-1] += " "
            length += 1
        else:
            length += 2 if index else 0
            paragraphs.append("")
        for start, end in unit.pieces:
            segments.append((length, start, end - start))
            paragraphs[-1] += raw[start:end]
            length += end - start
    return "\n\n".join(paragraphs), segments


def _line_break(raw: str, start: int, end: int) -> Removal:
    """The break replaced by a space when a split sentence is rejoined (its first run of whitespace)."""
    space = WHITESPACE.search(raw, start, end)
    if space is None:
        return Removal("line break", "", start)
    return Removal("line break", space.group(), space.start())


def blank_runs(raw: str) -> list[Removal]:
    runs = [Removal("blank lines", match.group(), match.start()) for match in BLANK_RUN.finditer(raw)]
    covered = {removal.start for removal in runs}
    for match in EDGE_SPACE.finditer(raw):
        if match.group().count("\n") and match.start() not in covered:
            runs.append(Removal("blank lines", match.group(), match.start()))
    return runs
