"""Bylines, datelines and reading times: who wrote a page, from where, and the wire that carried it.

Byline labels, the words that end a name, news agencies and their tags come from the lexicon
(`data/metadata/`); a dateline is kept as printed ("SACRAMENTO, Calif.", "OSLO/LONDON").
"""

import functools
import re
from collections import Counter
from dataclasses import dataclass

from sources.text.clean.metalines import byline_line, is_role_line
from sources.text.dates import explicit_date_at, grammar, skip_weekday
from sources.text.lexicon import Lexicon, lexicon

TOP_PARAGRAPHS = 8
NAME_TOKEN = re.compile(r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)(?=\s|,|$|\|)")
NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")
SPACES = re.compile(r"\s*")
DESCRIPTION = re.compile(r"\s+(?!and\b)[a-z]")
BYLINE_SEPARATORS = re.compile(r"[\s|,•·]+")
# After the names, a description with a word in lower case ("…, HSC Geography teacher"), not a place.
DESCRIBED = re.compile(r",\s*(?:[A-Z][\w'’-]*\s+){0,3}(?!and\b)[a-z]")
BYLINE_END = re.compile(r"\s[|·•]\s|\b\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
READING_TIME = re.compile(r"\b\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
_PLACE = r"[A-Z][A-Za-z.'’-]+(?:[ -][A-Z][A-Za-z.'’-]+){0,3}"
LEDE_DATELINE = re.compile(
    rf"^(?P<place>{_PLACE}(?:/{_PLACE})*(?:,\s*(?P<region>[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)?))?)"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,20})\))?\s*(?P<mark>[—–]|--|-|:)\s+\S"
)
PLACE_DATE = re.compile(r"(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3}),[ \t]*")
PLACE_LABEL = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2})[ \t]*[|,•·][ \t]*"
    r"(?=(?i:(?:last\s+)?(?:updated|published|posted)))"
)
BARE_NAME = re.compile(r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,3}")
HEAD = 20  # opening paragraphs searched for a byline or a dateline
SPEAKER_AFTER = re.compile(r"[A-Z][A-Z.'’ -]{1,40}:\s")
SPEAKER_LABEL = re.compile(r"^(?P<label>[A-Z][A-Z.'’ -]{1,40}):\s", re.MULTILINE)


@dataclass(frozen=True)
class Bylines:
    """A lexicon's byline conventions, compiled once."""

    line: re.Pattern
    not_names: frozenset[str]
    agencies: dict[str, str]  # casefolded tag → the agency's name


@functools.cache
def conventions(lex: Lexicon) -> Bylines:
    agencies = {
        tag.casefold(): name for name, tags in lex.value("metadata.agencies", {}).items() for tag in tags
    }
    cities = {city.casefold() for city in lex.value("dates.cities", {})}
    not_names = lex.words("metadata.byline.not_names") | set(agencies) | cities
    return Bylines(
        line=byline_line(lex),
        not_names=frozenset(not_names),
        agencies=agencies,
    )


RAW_BYLINE = re.compile(
    r"(?im)^[^\S\n]*(?:(?:written|reported|posted|edited|compiled)\s+)?by\s*[:\-|]?\s*"
    r"(?:\*\*|__|\[)(?P<name>[^*_\]\n]{2,80})(?:\*\*|__|\])"
)


def find_byline(
    paragraphs: list[str], raw: str = "", lex: Lexicon | None = None
) -> tuple[int, str, tuple[str, ...]]:
    """(paragraph index, byline as printed, authors) of the first byline near the top, or (-1, "", ())."""
    b = conventions(lex or lexicon(""))
    head = paragraphs[:HEAD]
    for index, paragraph in enumerate(head):
        match = b.line.match(paragraph)
        if not match or len(paragraph.split()) > 40:
            continue
        rest = match.group("rest")
        marked = _marked_name(raw, rest)
        if marked:
            return index, marked, tuple(_tidy_name(n) for n in NAME_SEPARATOR.split(marked) if n.strip())
        authors, end, described = _authors(rest, b)
        if authors:
            return (
                index,
                (_with_description(rest, end, lex or lexicon("")) if described else rest[:end]),
                authors,
            )
    return _bare_name(head, b, lex or lexicon(""))


def _bare_name(head: list[str], b: Bylines, lex: Lexicon) -> tuple[int, str, tuple[str, ...]]:
    """A name alone on its line right above a date line ("Catherine Wairimu" / "16 April 2026") or
    its author's role ("Tan Hui Ling" / "Senior Correspondent")."""
    g = grammar(lex)
    for index, paragraph in enumerate(head[:-1]):
        name = paragraph.strip()
        if not BARE_NAME.fullmatch(name) or any(w.casefold() in b.not_names for w in name.split()):
            continue
        following = head[index + 1].strip()
        if explicit_date_at(following, skip_weekday(following, 0, g), g) or is_role_line(following, lex):
            return index, name, (_tidy_name(name),)
    return -1, "", ()


def _marked_name(raw: str, rest: str) -> str:
    """The name as the page marked it up (bold or link) right after "by": the surest end of the name."""
    for match in RAW_BYLINE.finditer(raw):
        name = " ".join(match.group("name").split())
        if name and rest.startswith(name):
            return name
    return ""


def _with_description(rest: str, end: int, lex: Lexicon) -> str:
    """The names and the description after them, as printed ("Jane Doe, HSC Geography teacher"), up to
    a separator, a date or a reading time."""
    cuts = [len(rest)] + [
        m.start() for m in (BYLINE_END.search(rest, end), grammar(lex).label.search(rest, end)) if m
    ]
    return rest[: min(cuts)].rstrip(" ,;")


def _authors(rest: str, b: Bylines) -> tuple[tuple[str, ...], int, bool]:
    """The names opening `rest` ("Jane Doe and John Smith 4 min read …"), the offset where they end,
    and whether a description follows them ("Jane Doe, HSC Geography teacher"). A lone word after
    them ("Jane Doe, Mumbai") is a place, not an author."""
    names: list[tuple[str, int]] = []
    current: list[str] = []
    position = end = 0
    while position < len(rest):
        separator = NAME_SEPARATOR.match(rest, position)
        if current and separator:
            names.append((" ".join(current), end))
            current = []
            position = separator.end()
            continue
        token = NAME_TOKEN.match(rest, SPACES.match(rest, position).end())
        if not token or token.group().rstrip(".").casefold() in b.not_names or len(current) >= 4:
            if names and current and DESCRIPTION.match(rest, position):
                current = []  # "Jane Doe, HSC Geography teacher": a description, not a second author
            break
        current.append(token.group())
        position = end = token.end()
    if current:
        names.append((" ".join(current), end))
    kept = [(name, at) for name, at in names if len(name.split()) >= 2 or name.isupper()]
    end = kept[-1][1] if kept else 0
    return (
        tuple(_tidy_name(name) for name, _ in kept),
        end,
        bool(kept) and DESCRIBED.match(rest, end) is not None,
    )


def _tidy_name(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 3 else name


def reading_time(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        match = READING_TIME.search(paragraph)
        if match:
            return " ".join(match.group().split())
    return ""


def find_dateline(
    paragraphs: list[str], byline_at: int, byline: str, lex: Lexicon, text: str = ""
) -> tuple[str, str]:
    """(place as printed, agency) of the dateline: in the byline line, before a date line, or opening the lede."""
    if byline_at >= 0:
        place = _place_in_byline(paragraphs[byline_at], byline, conventions(lex))
        if place:
            return place, ""
    g = grammar(lex)
    not_places = set(g.months) | {day.casefold() for day in g.weekdays}
    for paragraph in paragraphs[:TOP_PARAGRAPHS]:
        match = PLACE_DATE.match(paragraph) or PLACE_LABEL.match(paragraph)
        if not match or match.group("place").casefold() in not_places:
            continue
        if match.re is PLACE_LABEL or explicit_date_at(paragraph, skip_weekday(paragraph, match.end(), g), g):
            return match.group("place"), ""
    labels = Counter(m.group("label") for m in SPEAKER_LABEL.finditer(text))
    for paragraph in paragraphs[:HEAD]:
        match = LEDE_DATELINE.match(paragraph)
        if not match or not (match.group("when") or match.group("agency") or match.group("place").isupper()):
            continue
        if SPEAKER_AFTER.match(paragraph, match.end() - 1):
            continue  # "CLIP – NUR HIDAYAH OSMAN: …": a transcript's label before a speaker's, no place
        if match.group("mark") == ":" and (
            labels[match.group("place")] > 1 or not _known_place(match.group("place"), lex)
        ):
            continue  # "SPEAKERS:" or "GOVERNOR SMITH:" opening each turn is a label, not a place
        return match.group("place"), (match.group("agency") or "").strip()
    return "", ""


def _known_place(place: str, lex: Lexicon) -> bool:
    known = {city.casefold() for city in lex.value("dates.cities", {})}
    for cue in lex.value("locale.cue", {}).values():
        known |= {p.casefold() for p in cue.get("places", ())}
    return all(part.strip().casefold() in known for part in place.split("/"))


def _place_in_byline(line: str, byline: str, b: Bylines) -> str:
    """In "Written by: X 4 min read New Delhi Updated: ...", the place between the name and the date label."""
    at = line.find(byline)
    rest = READING_TIME.sub(" ", line[at + len(byline) :] if at != -1 else "")
    label = re.search(r"(?i)\b(?:last\s+)?(?:updated|published|posted)\b", rest)
    rest = rest[: label.start()] if label else rest
    words = [w for w in BYLINE_SEPARATORS.split(rest) if w]
    if words and (words[0].casefold() in b.agencies or words[0].casefold() in {"staff", "desk", "bureau"}):
        return ""
    if 0 < len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
        return " ".join(words)
    return ""


def agency_named(tag: str, lex: Lexicon) -> str:
    """The agency a wire tag ("AP", "Reuters") stands for, as a reference names it; "" when unknown."""
    return conventions(lex).agencies.get(tag.strip().casefold(), "")
