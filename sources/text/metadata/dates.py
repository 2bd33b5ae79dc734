"""Dates a page states about itself ("Updated: May 27, 2026 04:37 AM IST"), read with a locale's
conventions (the grammar in `sources.text.dates`, shared with the cleaner, which takes date lines
out of the body).

This parser, not `dateparser` (1.5.0), reads them. Measured on the corpus's 13 kinds of date line
(tests/data/stories and the seeds), timed on this machine:
`dateparser.parse` on the whole line returned nothing for 9 of 13 (it wants the date alone) and
took about 30 ms a line; `dateparser.search.search_dates` found dates inside lines but read
"IST" as +02:00 (Israel, not India), split "May 8, 2026 at 5:00 a.m. PDT" into May 8 and
"January 8, 5:00", took "9 min read" for a date, cannot say which date is published and which
updated, and gives no zone to "at 4:12pm" under an Australian dateline; it took about 3.6 ms a
line. This parser read all 13 right, with labels and zones, in about 35 µs a line: at 3.6 ms,
dates alone would cost a 1,000-document import several seconds of its 30.
"""

import datetime
import re
from dataclasses import dataclass

from sources.text.dates import (
    TIME,
    Grammar,
    explicit_date_at,
    grammar,
    only_date,
    opens_with_date,
    skip_weekday,
    time_at,
)
from sources.text.lexicon import Lexicon, lexicon


@dataclass(frozen=True)
class StatedDate:
    label: str  # what the page says the date is: published, updated, date
    text: str  # the date as printed, without its label ("May 27, 2026 04:37 AM IST"): shown once, after the label
    value: datetime.datetime | datetime.date | None
    timezone: str = ""


SEGMENT = re.compile(r"\s*[|·•]\s*")
GAP = re.compile(r"[ ,]*(?:on\s+)?")


def stated_dates(paragraphs: list[str], lex: Lexicon | None = None, *, zone: str = "") -> list[StatedDate]:
    """Every labelled or standalone date in `paragraphs`; `zone` (IANA) reads times printed without one."""
    g = grammar(lex or lexicon(""))
    found: list[StatedDate] = []
    for paragraph in paragraphs:
        before, printed = len(found), []
        for match in g.label.finditer(paragraph):
            if match.start() and paragraph[match.start() - 1].isalnum():
                continue
            stated = _stated_at(paragraph, match.start(), match.end(), match.lastgroup or "date", g, zone)
            whole = paragraph[match.start() : match.end()] + stated.text if stated else ""
            if stated and not any(whole in line for line in printed):
                found.append(stated)
                printed.append(whole)
        if len(found) > before:
            continue
        for start in _segments(paragraph):
            if (
                only_date(paragraph[start:].split("|")[0].split("·")[0], g)
                or (not start and opens_with_date(paragraph, g))
                or (not start and _time_first(paragraph, 0, 0, "date", g))
            ):
                stated = _stated_at(paragraph, start, start, "date", g, zone)
                if stated:
                    found.append(stated)
                    break
    return found


def _segments(paragraph: str) -> list[int]:
    """Where each piece of a short line split by | · • starts ("Daily Current Affairs | 15-04-2026 | …")."""
    if len(paragraph) > 120:
        return [0]
    return [0, *(match.end() for match in SEGMENT.finditer(paragraph))]


def place_date(paragraph: str, start: int, lex: Lexicon, zone: str = "") -> StatedDate | None:
    """A date right after a dateline place ("New Delhi, 12 March 2026"), read from `start`."""
    g = grammar(lex)
    start += len(paragraph[start:]) - len(paragraph[start:].lstrip())
    if explicit_date_at(paragraph, skip_weekday(paragraph, start, g), g) is None:
        return None
    return _stated_at(paragraph, start, start, "date", g, zone)


def _stated_at(
    text: str, label_start: int, date_start: int, label: str, g: Grammar, zone: str
) -> StatedDate | None:
    position = skip_weekday(text, date_start, g)
    found = explicit_date_at(text, position, g)
    if found is None:
        return _time_first(text, label_start, position, label, g)
    end, day = found
    time_end, value, zone_name = time_at(text, end, g, day, zone)
    return StatedDate(label, text[date_start:time_end].strip(" ,|·"), value, zone_name)


def _time_first(text: str, label_start: int, position: int, label: str, g: Grammar) -> StatedDate | None:
    """ "Published 4:32 PM PDT, May 6, 2026": the time and zone, then the day."""
    match = TIME.match(text, position)
    if not match or match.group("minute") is None:
        return None
    found = explicit_date_at(text, skip_weekday(text, match.end() + _gap(text, match.end()), g), g)
    if found is None:
        return None
    end, day = found
    _, value, zone_name = time_at(text, position, g, day)
    return StatedDate(label, text[position:end].strip(" ,|·"), value, zone_name)


def _gap(text: str, position: int) -> int:
    """The commas, spaces and "on" between a time and its day ("7:10 am on 20 June 2026")."""
    return GAP.match(text, position).end() - position


def zone_of_place(place: str, lex: Lexicon) -> str:
    """The IANA zone a time printed without one reads in: the dateline city's, else the locale's."""
    g = grammar(lex)
    for part in re.split(r"[/,]", place):
        zone = g.cities.get(part.strip().casefold())
        if zone:
            return zone
    return g.zone
