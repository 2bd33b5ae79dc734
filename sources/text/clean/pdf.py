"""A PDF's text layer: running headers and footers, words hyphenated across line ends, and
multi-column signature blocks."""

import itertools
import re
from collections import defaultdict

from sources.text.clean.frame import body_span
from sources.text.clean.lines import content, ends_open, plain_of, word_count
from sources.text.clean.model import Line
from sources.text.lexicon import Lexicon

COLUMN_GAP = re.compile(r"\S( {5,}|\t+)(?=\S)")
RIGHT_COLUMN = 20  # indentation of a cell alone on its row in the right-hand column
HEADER_MAX_WORDS = 15
HEADER_REACH = 3  # content lines from a page break within which a running header or footer sits
# The first copy of a running header opening the page is its title, unless a longer title follows
# before the text begins; it then goes too, kept for the metadata stage as the running title.
RUNNING_TITLE = "running title"
TITLE_WORDS = 5
DIGITS = re.compile(r"\d+")
LINE_END_HYPHEN = re.compile(r"([A-Za-z]+)-$")
LINE_START_WORD = re.compile(r"^([A-Za-z]+)")
VOWELS = "aeiou"


# --- Columns -------------------------------------------------------------------------------------


def _cells(line: Line) -> list[tuple[int, str]]:
    """The line's cells (column, text) when wide gaps split it into columns."""
    raw = line.raw.rstrip()
    cells, start = [], len(raw) - len(raw.lstrip())
    for gap in COLUMN_GAP.finditer(raw):
        cells.append((start, raw[start : gap.start(1)]))
        start = gap.end(1)
    cells.append((start, raw[start:]))
    return cells


def _is_row(line: Line) -> bool:
    return bool(line.plain) and len(_cells(line)) >= 2


def _is_lone_right_cell(line: Line) -> bool:
    return bool(line.plain) and line.raw.startswith((" ", "\t")) and _cells(line)[0][0] >= RIGHT_COLUMN


def _continues_left_cell(line: Line, blanks: list[Line]) -> bool:
    """A line flush left right under a row, carrying on its first cell ("of Great Britain and
    Northern Ireland" under "For the Government of the United Kingdom      For the Government of …")."""
    return not blanks and bool(line.plain) and not line.raw[:1].isspace() and line.plain[:1].islower()


def split_columns(lines: list[Line]) -> list[Line]:
    """Lines laid out in columns (a signature block: "For the Government of X    For the Government
    of Y", then the names, then the titles) become one line per cell, column after column, so each
    signatory's lines stay together. Blank lines between the rows of a block do not end it."""
    result: list[Line] = []
    block: list[Line] = []
    blanks: list[Line] = []
    for line in lines:
        if _is_row(line) or (block and (_is_lone_right_cell(line) or _continues_left_cell(line, blanks))):
            block.append(line)
            blanks = []
        elif block and not line.plain:
            blanks.append(line)
        else:
            result.extend(_columns(block) + blanks)
            block, blanks = [], []
            result.append(line)
    result.extend(_columns(block) + blanks)
    return result


def _columns(block: list[Line]) -> list[Line]:
    if not any(_is_row(line) for line in block):
        return block
    starts = sorted({column for line in block for column, _ in _cells(line)})
    edges = [starts[0]]
    for column in starts[1:]:
        if column - edges[-1] >= 10:
            edges.append(column)
    columns: dict[int, list[Line]] = defaultdict(list)
    for line in block:
        for column, text in _cells(line):
            index = (
                max(k for k, edge in enumerate(edges) if edge <= column + 3) if column + 3 >= edges[0] else 0
            )
            columns[index].append(
                Line(
                    line.start + column,
                    text,
                    plain_of(text),
                    blank_before=not columns[index],
                    is_cell=True,
                    column=index,
                )
            )
    return [cell for index in sorted(columns) for cell in columns[index]]


# --- Running headers and footers -----------------------------------------------------------------


def _key(plain: str) -> str:
    return DIGITS.sub("#", " ".join(plain.casefold().split()))


def mark_running_heads(lines: list[Line], kinds: list[str | None]) -> None:
    """A short line repeated next to several page breaks is a running header or footer. Page breaks
    are the page numbers already found, or form feeds. The first copy stays when it opens the text
    as the document's title (see `RUNNING_TITLE`)."""
    breaks = [i for i, line in enumerate(lines) if kinds[i] == "page number" or "\f" in line.raw]
    if not breaks:
        return
    breaks += [-1, len(lines)]  # the text's start and end bound its first and last pages
    found = content(lines, kinds)
    order = {i: position for position, i in enumerate(found)}
    near: set[int] = set()
    for page_break in breaks:
        after = [i for i in found if i > page_break][:HEADER_REACH]
        before = [i for i in found if i < page_break][-HEADER_REACH:]
        near.update(after + before)
    groups: dict[str, list[int]] = defaultdict(list)
    for i in found:
        if word_count(lines[i].plain) <= HEADER_MAX_WORDS:
            groups[_key(lines[i].plain)].append(i)
    for group in groups.values():
        if len(group) < 2 or sum(i in near for i in group) < max(2, len(group) - 1):
            continue
        for i in group:
            if order[i] > 0:
                kinds[i] = "running header"
            elif _titled_below(lines, kinds, i):
                kinds[i] = RUNNING_TITLE


def _titled_below(lines: list[Line], kinds: list[str | None], first: int) -> bool:
    """Whether a title of its own stands between the running header's first copy and the story's
    first sentence ("Joint Statement by the Government of …" under "Joint Statement on CO2 Storage")."""
    span = body_span(lines, kinds)
    end = span[0] if span else first
    return any(
        kinds[i] is None
        and not lines[i].is_cell
        and word_count(lines[i].plain) >= TITLE_WORDS
        and ends_open(lines[i].plain)
        and not lines[i].plain.isupper()
        for i in range(first + 1, end)
    )


# --- Hyphenation ---------------------------------------------------------------------------------


def mark_hyphens(lines: list[Line], kinds: list[str | None], raw: str, lex: Lexicon) -> None:
    """Decide, for each word hyphenated across a line end, whether its hyphen stays."""
    found = content(lines, kinds)
    folded = raw.casefold()
    for i, j in itertools.pairwise(found):
        first, second = lines[i], lines[j]
        if first.is_cell or second.is_cell or second.blank_before or j != i + 1:
            continue
        left, right = LINE_END_HYPHEN.search(first.plain), LINE_START_WORD.match(second.plain)
        if left and right:
            first.hyphen = "keep" if _keeps_hyphen(left.group(1), right.group(1), folded, lex) else "drop"


def _keeps_hyphen(left: str, right: str, folded: str, lex: Lexicon) -> bool:
    hyphenated, joined = f"{left}-{right}".casefold(), f"{left}{right}".casefold()
    if _occurs(hyphenated, folded):
        return True
    if _occurs(joined, folded):
        return False
    prefix = left.casefold()
    if right[0].isupper() or left.isupper():
        return True
    if prefix in lex.words("furniture.hyphen_prefixes"):
        return True
    return prefix in lex.words("furniture.hyphen_prefixes_before_vowel") and right[0].lower() in VOWELS


def _occurs(word: str, folded: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", folded) is not None
