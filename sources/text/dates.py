"""How dates are written, read with a locale's conventions: the grammar the cleaner uses to tell a
date line from prose and the metadata stage uses to read its value.

Month names, weekdays, date labels, time-zone abbreviations, the order of all-numeric dates and
the clock of dateline cities come from the lexicon (`data/dates/`). An all-numeric date follows the
locale's order (05/06/2026 is 5 June in en-GB, May 6 in en-US) unless one part is over 12 and so
settles it.
"""

import datetime
import functools
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sources.text.lexicon import Lexicon, lexicon

UTC_OFFSET = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d\d))?")
TIME = re.compile(
    r"\s*[,|·•]?\s*(?:at\s+)?(?P<hour>[012]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
    r"(?:\s*\(?(?P<tz>[A-Z]{1,5}(?:[+-]\d{1,2}(?::?\d\d)?)?)\)?(?![\w]))?"
)


@dataclass(frozen=True)
class Grammar:
    """A lexicon's date conventions, compiled once."""

    months: dict[str, int]
    weekdays: tuple[str, ...]
    order: str
    zones: dict[str, int | str]
    zone: str
    cities: dict[str, str]
    day_patterns: tuple[re.Pattern, ...]
    month_day: tuple[re.Pattern, ...]
    month_year: re.Pattern
    weekday_prefix: re.Pattern
    weekday: re.Pattern  # a weekday's name or abbreviation anywhere ("Wed", "Thursday,")
    label: re.Pattern
    # right after a weekday, the explicit date that says which day it is: "Tuesday, May 26"
    after_weekday: re.Pattern


@functools.cache
def grammar(lex: Lexicon) -> Grammar:
    months = {name.casefold(): int(number) for name, number in lex.value("dates.months").items()}
    weekdays = lex.value("dates.weekdays")
    names = "|".join(sorted(months, key=len, reverse=True))
    month = rf"(?P<month>(?i:{names}))\.?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    year = r"(?P<year>(?:1[89]|20|21)\d\d)"
    short = [alias for aliases in weekdays.values() for alias in aliases]
    weekday = "|".join(sorted([*weekdays, *short], key=len, reverse=True))
    labels = "|".join(
        f"(?P<{kind}>{'|'.join(f'(?:{entry})' for entry in lex.phrases(f'dates.labels.{kind}'))})"
        for kind in ("updated", "published", "date")
    )
    return Grammar(
        months=months,
        weekdays=tuple(name.capitalize() for name in weekdays),
        order=lex.value("dates.order"),
        zones={name.upper(): value for name, value in lex.value("dates.zones", {}).items()},
        zone=lex.value("dates.zone", ""),
        cities={name.casefold(): zone for name, zone in lex.value("dates.cities", {}).items()},
        day_patterns=(
            re.compile(rf"\b{month}\s+{day},?\s+{year}\b"),
            re.compile(rf"\b{day}\s+(?:of\s+)?{month},?\s+{year}\b"),
            re.compile(r"\b(?P<year>\d{4})-(?P<first>[01]?\d)-(?P<second>[0-3]?\d)\b"),
            re.compile(r"\b(?P<first>\d{1,2})([-/.])(?P<second>\d{1,2})\2(?P<year>\d{4})\b"),
        ),
        month_day=(
            re.compile(rf"\b{month}\s+{day}\b(?![,:]?\s*\d)"),
            re.compile(rf"\b{day}\s+(?:of\s+)?{month}(?!\w|,?\s+\d{{4}})"),
        ),
        month_year=re.compile(rf"\b{month},?\s+{year}\b"),
        weekday_prefix=re.compile(rf"(?:(?i:{weekday})\.?,?\s+)?"),
        weekday=re.compile(rf"\b(?i:{weekday})\b\.?,?"),
        label=re.compile(rf"(?:{labels})(?:\s+on)?\s*[:|\-–]?\s*(?:on\s+)?", re.IGNORECASE),
        after_weekday=re.compile(rf",?\s*(?:(?i:{names})\.?\s+\d|\d{{1,2}}\s+(?i:{names})\.?)"),
    )


def date_from(match: re.Match[str], g: Grammar) -> datetime.date | None:
    """The day a match of one of `g.day_patterns` names; all-numeric dates follow `g.order`."""
    groups = match.groupdict()
    if groups.get("month"):
        day, month = int(groups["day"]), g.months[groups["month"].casefold()]
    elif len(match.group("year")) == 4 and match.group().startswith(match.group("year")):
        month, day = int(groups["first"]), int(groups["second"])  # 2026-05-06: year, month, day
    else:
        first, second = int(groups["first"]), int(groups["second"])
        month, day = (first, second) if g.order == "MDY" else (second, first)
        if month > 12 >= day:
            day, month = month, day  # 13/05/2026 or 05/28/2026: the number over 12 is the day
    try:
        return datetime.date(int(groups["year"]), month, day)
    except ValueError:
        return None


def explicit_date_at(text: str, position: int, g: Grammar) -> tuple[int, datetime.date] | None:
    for pattern in g.day_patterns:
        match = pattern.match(text, position)
        if match:
            day = date_from(match, g)
            if day:
                return match.end(), day
    return None


def skip_weekday(text: str, position: int, g: Grammar) -> int:
    match = g.weekday_prefix.match(text, position)
    return match.end() if match else position


def only_date(paragraph: str, g: Grammar) -> bool:
    found = explicit_date_at(paragraph, skip_weekday(paragraph, 0, g), g)
    if found is None:
        return False
    end = time_at(paragraph, found[0], g)[0]
    return not paragraph[end:].strip(" .,|")


def opens_with_date(paragraph: str, g: Grammar) -> bool:
    """A short line that starts with a date ("June 11, 2026 4:18 PM GMT+2 Updated 2 hours ago")."""
    return len(paragraph) <= 80 and explicit_date_at(paragraph, skip_weekday(paragraph, 0, g), g) is not None


def time_at(
    text: str, position: int, g: Grammar, day: datetime.date | None = None, zone: str = ""
) -> tuple[int, datetime.datetime | datetime.date | None, str]:
    """Extend a date with a following time and zone: (end, value, zone name). A time printed
    without a zone reads in `zone` (an IANA name) when one is given."""
    match = TIME.match(text, position)
    if not match or (match.group("minute") is None and match.group("ampm") is None):
        return position, day, ""
    hour, minute = int(match.group("hour")), int(match.group("minute") or 0)
    ampm = (match.group("ampm") or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    if ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or day is None:
        return position, day, ""
    zone_name = match.group("tz") or ""
    tz = timezone_for(zone_name, day, g) if zone_name else None
    end = match.end()
    if tz is None:
        zone_name = ""
        end = match.end("ampm") if match.group("ampm") else match.end("minute")
        tz = _zone(zone)
    return end, datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=tz), zone_name


def _zone(name: str) -> datetime.tzinfo | None:
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def timezone_for(name: str, day: datetime.date, g: Grammar | None = None) -> datetime.tzinfo | None:
    """The zone of an abbreviation such as IST, ET or GMT+2 on a given day (None when unknown)."""
    g = g or grammar(lexicon(""))
    name = name.upper()
    offset = UTC_OFFSET.fullmatch(name)
    if offset:
        minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
        return datetime.timezone(datetime.timedelta(minutes=minutes if offset.group(1) == "+" else -minutes))
    value = g.zones.get(name)
    if isinstance(value, str):
        return _zone(value)
    if isinstance(value, int):
        return datetime.timezone(datetime.timedelta(minutes=value), name)
    return None


# --- where in its month or year a thing happened ------------------------------------------------

EARLY, MID, LATE = "early", "mid", "late"
_PARTS_OF = {
    EARLY: r"start|beginning|outset|opening\s+days|first\s+(?:days|week|fortnight|half|quarter)",
    MID: r"middle|midpoint|second\s+quarter|third\s+quarter",
    LATE: r"end|close|closing\s+days|final\s+(?:days|week)|last\s+(?:days|week|fortnight|quarter)"
    r"|second\s+half|fourth\s+quarter",
}


@dataclass(frozen=True)
class Placement:
    """Where a phrase puts something in its period: "later that month" is late in a month."""

    part: str  # EARLY, MID or LATE
    unit: str  # "month" or "year"
    phrase: str
    start: int
    end: int


@dataclass(frozen=True)
class _PlacementGrammar:
    adverb: re.Pattern  # "later that month", "early February", "late in 2026"
    mid: re.Pattern  # "mid-February", "mid-month", "mid-2026"
    part_of: re.Pattern  # "the end of the month", "the first week of February"
    period_end: re.Pattern  # "month-end", "at year's end"


@functools.cache
def _placement_grammar(lex: Lexicon) -> _PlacementGrammar:
    # Month names as written in prose, capitalised ("early May", never "may" the verb).
    spellings = {form for name in grammar(lex).months for form in (name.capitalize(), name.upper())}
    names = "|".join(sorted(spellings, key=len, reverse=True))
    # The period a phrase is placed in: a month (with or without its year), a year, or "that month".
    period = (
        rf"(?:(?P<month>(?-i:{names}))\.?(?:,?\s+(?:of\s+)?(?:19|20|21)\d\d)?(?![\w-])"
        r"|(?P<year>(?:19|20|21)\d\d)(?![\w-])"
        r"|(?:that|this|the|last|next|same|the\s+same|the\s+following|the\s+previous)\s+(?P<unit>month|year)(?![\w-]))"
    )
    parts = "|".join(f"(?P<{part}>{words})" for part, words in _PARTS_OF.items())
    return _PlacementGrammar(
        adverb=re.compile(
            rf"\b(?P<adverb>earlier|later|early|late)\s+(?:on\s+)?(?:(?:in|during)\s+)?{period}",
            re.IGNORECASE,
        ),
        mid=re.compile(rf"\bmid(?:-|\s+|dle\s+of\s+)?(?:(?P<bare>month|year)\b|{period})", re.IGNORECASE),
        part_of=re.compile(
            rf"\b(?:(?:at|by|towards?|in|around)\s+)?(?:the\s+)?(?:very\s+)?(?:{parts})\s+of\s+{period}",
            re.IGNORECASE,
        ),
        period_end=re.compile(r"\b(?P<unit>month|year)(?:['’]s\s+|-)end\b", re.IGNORECASE),
    )


def _unit(match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("month"):
        return "month"
    if groups.get("year"):
        return "year"
    return (groups.get("unit") or groups.get("bare") or "").lower()


def placements(text: str, lex: Lexicon | None = None) -> list[Placement]:
    """Every phrase of `text` that places something early, in the middle or late in its month or
    year ("earlier that month", "early February", "mid-2026", "the end of the month", "later that
    year"), in the order of the text, none overlapping another."""
    g = _placement_grammar(lex or lexicon(""))
    found: list[Placement] = []

    def add(match: re.Match[str], part: str) -> None:
        start, end = match.span()
        if not any(start < p.end and p.start < end for p in found):
            found.append(Placement(part, _unit(match), match.group(), start, end))

    for match in g.part_of.finditer(text):
        add(match, next(part for part in _PARTS_OF if match.group(part)))
    for match in g.mid.finditer(text):
        add(match, MID)
    for match in g.adverb.finditer(text):
        add(match, EARLY if match.group("adverb").lower().startswith("earl") else LATE)
    for match in g.period_end.finditer(text):
        add(match, LATE)
    return sorted(found, key=lambda p: p.start)


def placement_in(text: str, unit: str, lex: Lexicon | None = None) -> str:
    """Where the first phrase of `text` about a `unit` ("month" or "year") places it: EARLY, MID,
    LATE, or "" when the text does not say."""
    return next((p.part for p in placements(text, lex) if p.unit == unit), "")
