"""The headline and the standfirst under it, chosen among the page's opening lines.

Above a headline a page stacks what is not one: layout labels ("PRESS RELEASE", "TRANSCRIPT"),
an issuing body's masthead ("Department for …", "Minister for …", "Press Information Bureau"),
an official's name and title, a "From:" line, a brand in capitals or a study site's brand,
navigation rows and breadcrumbs, section labels of one to three words, and a PDF's running header
(a line repeated on every page). The headline is the first opening line left that reads like one;
it is *settled* when a cue confirms it (a byline, a date, a "From:" line or a standfirst right
under it, or a layout label right above it), else *guessed*, and the import says so.
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass

from sources.text.clean.metalines import date_line
from sources.text.dates import grammar, only_date, opens_with_date
from sources.text.lexicon import Lexicon
from sources.text.metadata.byline import LEDE_DATELINE, conventions
from sources.text.metadata.dates import place_date

HEAD = 20  # opening paragraphs searched for the headline
MAX_WORDS = 40
DEK_WORDS = 90
PROSE_WORDS = 14  # a full stop after this many words ends a sentence of prose, not a headline
QUOTE_MARKS = "\"“‘'"  # a paragraph opening with a quotation is the story's, not a standfirst
NUMBERED = re.compile(r"^\(?\d{1,2}[.)]\s")
SEPARATORS = re.compile(r"\s[|·›»/]\s|\s–\s.*\s–\s")
COLUMN_GAP = re.compile(r"\S\s{5,}\S")  # a PDF's columns side by side: a masthead or signature block
FIELD_LINE = re.compile(r"^[A-Z][\w.’' ]{1,24}:\s+\S")  # "Release No.: 2026-041", "Location: Sacramento"
NAME_AND_TITLE = re.compile(
    r"^(?:The\s+Hon\.?\s+)?[A-Z][\w.’'-]+(?:\s+[A-Z][\w.’'-]+){1,3},\s+(?:[A-Z][\w’'-]*\s+){0,5}"
    r"(?:Commissioner|Minister|Secretary|Governor|Director|Mayor|Premier|President|Chair|Spokesperson)\b.{0,60}$"
)


@dataclass(frozen=True)
class Headline:
    text: str = ""
    index: int = -1  # its paragraph
    settled: bool = False  # a cue on the page confirms it


@dataclass(frozen=True)
class _Cues:
    labels: re.Pattern
    navigation: re.Pattern
    issuers: re.Pattern
    from_line: re.Pattern
    study_brand: re.Pattern
    caption: re.Pattern


@functools.cache
def _cues(lex: Lexicon) -> _Cues:
    return _Cues(
        labels=lex.pattern("metadata.headline.labels", whole=True),
        navigation=lex.pattern("metadata.headline.navigation", whole=True),
        issuers=lex.pattern("metadata.headline.issuers", flags=0, whole=True),
        from_line=lex.pattern("metadata.headline.from_line"),
        study_brand=lex.pattern("metadata.kind.study_brand"),
        caption=lex.pattern("metadata.caption.patterns"),
    )


def is_meta_line(paragraph: str, lex: Lexicon) -> bool:
    """A byline, a date line or a "From:" line: what sits under a headline."""
    g = grammar(lex)
    return bool(
        conventions(lex).line.match(paragraph)
        or date_line(paragraph, lex)
        or g.label.match(paragraph)
        or only_date(paragraph, g)
        or opens_with_date(paragraph, g)
        or _cues(lex).from_line.match(paragraph)
        or _place_and_date(paragraph, lex)
    )


def _place_and_date(paragraph: str, lex: Lexicon) -> bool:
    """ "New Delhi, 12 March 2026": a dateline place and a date on a line of their own."""
    comma = paragraph.find(",")
    return 0 < comma <= 40 and len(paragraph) <= 80 and place_date(paragraph, comma + 1, lex) is not None


def _words(text: str) -> int:
    return len(text.split())


def _is_prose(paragraph: str) -> bool:
    words = _words(paragraph)
    return words > MAX_WORDS or (words >= PROSE_WORDS and paragraph.rstrip("\"”’')").endswith((".", "!")))


def _not_headline(paragraph: str, lex: Lexicon, repeated: Counter) -> bool:
    cues = _cues(lex)
    line = paragraph.strip().rstrip(":")
    return bool(
        cues.labels.match(line)
        or cues.navigation.match(line)
        or cues.issuers.match(line)
        or is_meta_line(line, lex)
        or NAME_AND_TITLE.match(line)
        or (FIELD_LINE.match(line) and not cues.labels.match(line.split(":")[0]))
        or SEPARATORS.search(line)
        or (not line[:1].isalnum() and line[:1] not in "\"“‘'")
        or _words(line) <= 3
        or (line.isupper() and _words(line) <= 6)
        or (_words(line) <= 8 and cues.study_brand.search(line))
        or cues.caption.search(line)
        or repeated[line] >= 3
    )


def choose_headline(paragraphs: list[str], raw: str, lex: Lexicon) -> Headline:
    """The page's headline among its opening paragraphs (see the module's docstring): the first
    candidate a cue settles, else the first candidate."""
    lines = [line.strip() for line in raw.splitlines() if line.strip()]
    repeated = Counter(lines)
    columns = {" ".join(line.split()[:4]) for line in lines if COLUMN_GAP.search(line)}
    candidates: list[Headline] = []
    for index, paragraph in enumerate(paragraphs[:HEAD]):
        line = " ".join(paragraph.split())
        if _not_headline(line, lex, repeated) or " ".join(line.split()[:4]) in columns:
            continue
        if _is_prose(line) or line.startswith(("-", "•")):
            break
        candidates.append(Headline(line, index, _settled(paragraphs, index, lex)))
    return next((c for c in candidates if c.settled), candidates[0] if candidates else Headline())


def _settled(paragraphs: list[str], index: int, lex: Lexicon) -> bool:
    after = paragraphs[index + 1 : index + 3]
    if any(is_meta_line(p, lex) for p in after):
        return True
    if after and dek_after(paragraphs, index, lex):
        return True
    before = paragraphs[index - 1].strip().rstrip(":") if index else ""
    return bool(before and _cues(lex).labels.match(before))


def dek_after(paragraphs: list[str], index: int, lex: Lexicon) -> str:
    """The standfirst right under the headline: a short prose paragraph, not a byline, date or dateline."""
    if index < 0 or index + 1 >= len(paragraphs):
        return ""
    candidate = paragraphs[index + 1]
    words = _words(candidate)
    if is_meta_line(candidate, lex) or _cues(lex).caption.search(candidate) or LEDE_DATELINE.match(candidate):
        return ""
    if words < 6 or words > DEK_WORDS or NUMBERED.match(candidate) or candidate[:1] in QUOTE_MARKS:
        return ""
    if lex.pattern("metadata.headline.lede_cues").search(candidate):
        return ""  # "… have today agreed …": the lede
    closed = candidate.rstrip("\"”’'")[-1:] in ".!?"
    under_it = paragraphs[index + 2] if index + 2 < len(paragraphs) else ""
    # Unpunctuated, it is a dek only with the byline, the date or the lede's dateline right under it.
    if not closed and not (
        words >= 8 and under_it and (is_meta_line(under_it, lex) or LEDE_DATELINE.match(under_it))
    ):
        return ""
    return candidate
