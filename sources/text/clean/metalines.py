"""Lines that state the page's own metadata, taken out of the body as kinds of their own for the
metadata stage to read: bylines (with the author's role line under them), date lines and an issuing
body's "From:" line. The words that open a byline and the way dates are written come from the lexicon.
"""

import functools
import re

from sources.text.clean.frame import body_span
from sources.text.clean.lines import CLOSING, content, ends_open, word_count
from sources.text.clean.model import Line
from sources.text.dates import Grammar, date_from, grammar, time_at
from sources.text.lexicon import Lexicon

BYLINE = "byline"
DATE_LINE = "date line"
ISSUER = "issuer"
READING_TIME = "reading time"
# The kinds the metadata stage reads back from the removals, as lines of the page's head.
STATED = (BYLINE, DATE_LINE, ISSUER, READING_TIME)
# "Reading time: 3 minutes", "Estimated reading time: 7 min": the labelled form, besides the
# lexicon's "4 min read" forms.
READING_LABEL = re.compile(
    r"(?:estimated\s+)?read(?:ing)?\s+time\s*[:|\-–]?\s*(?:about\s+|approx(?:imately|\.)?\s+|~\s*)?"
    r"\d{1,3}\s*(?:-\s*\d{1,3}\s*)?min(?:ute)?s?\.?",
    re.IGNORECASE,
)
READING_LEFTOVER = re.compile(r"[\s|·•,;:()\[\]–—-]*")

DATE_LINE_CHARS = 160
# What may stay of a date line once its dates, times and labels go: a place or a section name in
# a few capitalised words ("Tokyo", "Brussels", "Daily Current Affairs | … | International Relations").
RESIDUE_WORDS = 8
SEGMENT_WORDS = 4
CONNECTORS = {"of", "and", "&", "the", "de", "on", "at", "in"}
RESIDUE_SEPARATORS = re.compile(r"[|·•,;:()\[\]]|\s[-–—]\s")
CLOCK = re.compile(
    r"(?<![\d/.-])[012]?\d[:.][0-5]\d(?:\s*[AaPp]\.?\s?[Mm]\.?)?(?:\s*\(?[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d\d)?)?\)?)?"
    r"(?![\d/.-])"
)
BYLINE_WORDS = 25
ROLE_WORDS = 6
# A byline stands in the page's first part: among its first content lines, before this share of its words.
TOP_LINES = 25
TOP_SHARE = 0.4
TOP_WORDS = 150  # … or within its first words, however short the page
NAME = re.compile(r"[A-Z][\w'’.-]*")
DIGIT = re.compile(r"\d")
BARE_NAME = re.compile(r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,3}")


@functools.cache
def byline_line(lex: Lexicon) -> re.Pattern:
    """A line that opens with a byline label ("By", "Written by:"); the rest in group `rest`."""
    labels = "|".join(f"(?:{label})" for label in lex.phrases("metadata.byline.labels"))
    return re.compile(rf"^(?:{labels})\s*[:\-|]?\s*(?P<rest>\S.*)$", re.IGNORECASE)


def is_byline(plain: str, lex: Lexicon) -> bool:
    """ "By Jane Doe and John Roe", "Written by: Jane Doe, science teacher": a label, then a name.
    "By Tuesday …", "By 2030 …" and sentences are not bylines."""
    match = byline_line(lex).match(plain)
    if not match or word_count(plain) > BYLINE_WORDS or plain.rstrip(CLOSING).endswith((".", "!", "?")):
        return False
    name = NAME.match(match.group("rest").lstrip("*_[ "))
    if not name:
        return False
    g = grammar(lex)
    word = name.group().rstrip(".,")
    return word.casefold() not in g.months and not g.weekday.fullmatch(word)


@functools.cache
def _relative(lex: Lexicon) -> re.Pattern:
    return re.compile(
        "|".join(f"(?:{p})" for p in (*lex.phrases("dates.relative"), *lex.phrases("dates.reading_times"))),
        re.IGNORECASE,
    )


def is_reading_time(plain: str, lex: Lexicon) -> bool:
    """A line that only says how long the page takes to read ("5 min read ·", "Reading time: 3
    minutes"): page furniture wherever it stands."""
    if len(plain) > DATE_LINE_CHARS or not DIGIT.search(plain):
        return False
    reading = [p for p in lex.phrases("dates.reading_times")]
    masked, found = _mask(plain, READING_LABEL)
    for phrase in reading:
        masked, more = _mask(masked, re.compile(phrase, re.IGNORECASE))
        found = found or more
    return found and READING_LEFTOVER.fullmatch(masked) is not None


def date_line(plain: str, lex: Lexicon) -> str:
    """ "labelled" for a line that states when the page was published or updated ("Published 8 June
    2026 · 9 min read"), "bare" for a date alone ("Friday 12 June 2026", "Brussels, 14 April 2026"),
    "" for anything else (a sentence with a date in it)."""
    if len(plain) > DATE_LINE_CHARS or not (DIGIT.search(plain) or "ago" in plain):
        return ""  # every date line has a date's digits, or says how long ago
    g = grammar(lex)
    masked, dated = _mask_dates(plain, g)
    masked, labelled = _mask(masked, g.label, label=True)
    masked, clocked = _mask(masked, CLOCK)
    masked, recent = _mask(masked, _relative(lex))
    masked, _ = _mask(masked, g.weekday)
    if not (dated or (labelled and (clocked or recent))) or not _only_names_left(masked):
        return ""
    return "labelled" if labelled else "bare"


def _mask_dates(text: str, g: Grammar) -> tuple[str, bool]:
    found = False
    for pattern in g.day_patterns:
        for match in pattern.finditer(text):
            day = date_from(match, g)
            if day:
                found = True
                end = time_at(text, match.end(), g, day)[0]
                text = text[: match.start()] + " " * (end - match.start()) + text[end:]
    return text, found


def _mask(text: str, pattern: re.Pattern, *, label: bool = False) -> tuple[str, bool]:
    found = False
    for match in pattern.finditer(text):
        if label and match.start() and text[match.start() - 1].isalnum():
            continue
        if match.end() > match.start():
            found = True
            text = text[: match.start()] + " " * (match.end() - match.start()) + text[match.end() :]
    return text, found


def _only_names_left(masked: str) -> bool:
    segments = [s.split() for s in RESIDUE_SEPARATORS.split(masked)]
    words = [w.strip(".'’\"") for segment in segments for w in segment]
    return (
        all(len(segment) <= SEGMENT_WORDS for segment in segments)
        and len(words) <= RESIDUE_WORDS
        and all(not w or w[0].isupper() or w[0].isdigit() or w.casefold() in CONNECTORS for w in words)
    )


def mark_stated_lines(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """Bylines and "From:" lines in the page's first part, the author's role line right under a
    byline, a name alone above a date line; then date lines that say what they are anywhere, and
    bare dates above the story or under a byline."""
    found = [i for i in content(lines, kinds) if not lines[i].is_cell]
    top = _top(lines, found)
    from_line = lex.pattern("metadata.headline.from_line")
    dates = {i: date_line(lines[i].plain, lex) for i in found}
    for position, i in enumerate(found):
        plain = lines[i].plain
        if kinds[i] is None and is_reading_time(plain, lex):
            kinds[i] = READING_TIME
        if kinds[i] is None and dates[i] == "labelled":
            kinds[i] = DATE_LINE
        if kinds[i] is not None or i not in top or not _opens_paragraph(lines, kinds, i):
            continue
        if is_byline(plain, lex):
            kinds[i] = BYLINE
            _mark_role(lines, kinds, i, dates)
        elif from_line.match(plain):
            kinds[i] = ISSUER
        elif _bare_name(plain, lex) and position + 1 < len(found) and dates[found[position + 1]]:
            kinds[i] = BYLINE
        elif _bare_name(plain, lex) and is_role_line(lines[i + 1].plain if i + 1 < len(lines) else "", lex):
            kinds[i] = kinds[i + 1] = BYLINE
    while _mark_bare_dates(lines, kinds, found, dates):
        pass  # a date taken out may rejoin a sentence around it and so move the story's bounds


def _mark_bare_dates(
    lines: list[Line], kinds: list[str | None], found: list[int], dates: dict[int, str]
) -> bool:
    span = body_span(lines, kinds)
    previous, marked = None, False
    for i in found:
        if (
            kinds[i] is None
            and dates[i] == "bare"
            and (_above(i, span) or (previous is not None and kinds[previous] in (BYLINE, DATE_LINE)))
        ):
            kinds[i] = DATE_LINE
            marked = True
        previous = i
    return marked


def _opens_paragraph(lines: list[Line], kinds: list[str | None], i: int) -> bool:
    """Not the wrapped continuation of the line above ("… were led for Kenya / by Esther …")."""
    above = lines[i - 1] if i else None
    continued = above is not None and above.plain and kinds[i - 1] is None and ends_open(above.plain)
    return not (continued and lines[i].plain[:1].islower())


def _top(lines: list[Line], found: list[int]) -> set[int]:
    total = sum(word_count(lines[i].plain) for i in found) or 1
    top, before = set(), 0
    for i in found[:TOP_LINES]:
        if before > max(TOP_WORDS, TOP_SHARE * total):
            break
        top.add(i)
        before += word_count(lines[i].plain)
    return top


def _above(i: int, span: tuple[int, int] | None) -> bool:
    """Above the story's first sentence (below its last, a date alone may be a timeline's)."""
    return span is not None and i < span[0]


def _mark_role(lines: list[Line], kinds: list[str | None], byline: int, dates: dict[int, str]) -> None:
    """ "Environment correspondent" on the line right under the byline: the author's role."""
    j = byline + 1
    if j >= len(lines) or kinds[j] is not None or dates.get(j) or not lines[j].plain:
        return
    plain = lines[j].plain
    if word_count(plain) <= ROLE_WORDS and ends_open(plain) and plain[0].isupper() and not _has_digit(plain):
        kinds[j] = BYLINE


def is_role_line(plain: str, lex: Lexicon) -> bool:
    """ "Senior Correspondent", "Environment editor": a journalist's role, under the name."""
    words = plain.split()
    return (
        0 < len(words) <= ROLE_WORDS
        and plain[0].isupper()
        and words[-1].strip(".,").casefold() in lex.words("metadata.byline.roles")
    )


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _bare_name(plain: str, lex: Lexicon) -> bool:
    not_names = lex.words("metadata.byline.not_names")
    return BARE_NAME.fullmatch(plain) is not None and not any(
        w.casefold() in not_names for w in plain.split()
    )
