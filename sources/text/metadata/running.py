"""Dates in running text: explicit ones ("26 May 2026", "05/06/2026" in the locale's order) and
relative ones ("on Tuesday", "three days ago", "later that month") resolved against a reference day."""

import datetime
import re

from sources.text.dates import Grammar, date_from, grammar
from sources.text.lexicon import Lexicon, lexicon

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
YEAR_ONLY = re.compile(
    r"\b(?:in|since|by|from|until|till|during|before|after|through|of|year|early|late|mid-?)\s+"
    r"(?P<year>(?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
WEEKDAY_PHRASE = re.compile(
    r"\b(?:(?P<mod>on|last|this|next|past|previous|coming)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
DAY_WORD = re.compile(r"\b(?P<word>today|yesterday|tomorrow|tonight)\b", re.IGNORECASE)
AGO = re.compile(
    r"\b(?P<count>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
    r"(?P<unit>days?|weeks?|months?|years?)\s+ago\b",
    re.IGNORECASE,
)
THAT_PERIOD = re.compile(
    r"\b(?:(?:earlier|later|late|early|the end of|the start of|the beginning of|in|during)\s+)?that\s+"
    r"(?P<unit>month|year)\b",
    re.IGNORECASE,
)
THIS_PERIOD = re.compile(
    r"\b(?:(?:earlier|later)\s+)?(?P<which>last|this|next|previous|past)\s+(?P<unit>month|year)\b",
    re.IGNORECASE,
)
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
NUMBER_WORDS |= {"seven": 7, "eight": 8, "nine": 9, "ten": 10}

Found = tuple[int, int, str, datetime.date, str]


def resolve_relative_date(phrase: str, reference: datetime.date) -> datetime.date | None:
    """Today/yesterday/tomorrow, "(on|last|next) Tuesday", "3 days ago", "last month" against `reference`."""
    resolved = _relative(phrase.strip(), reference)
    return resolved[0] if resolved else None


def _relative(phrase: str, reference: datetime.date) -> tuple[datetime.date, str] | None:
    if isinstance(reference, datetime.datetime):
        reference = reference.date()
    word = DAY_WORD.fullmatch(phrase)
    if word:
        shift = {"yesterday": -1, "tomorrow": 1}.get(word.group("word").lower(), 0)
        return reference + datetime.timedelta(days=shift), "day"
    weekday = WEEKDAY_PHRASE.fullmatch(phrase)
    if weekday:
        return _weekday_date(weekday.group("weekday"), (weekday.group("mod") or "").lower(), reference), "day"
    ago = AGO.fullmatch(phrase)
    if ago:
        return _ago(ago, reference)
    period = THIS_PERIOD.fullmatch(phrase)
    if period:
        return _period(period.group("which").lower(), period.group("unit").lower(), reference)
    return None


def _weekday_date(name: str, modifier: str, reference: datetime.date) -> datetime.date:
    target = WEEKDAYS.index(name.capitalize())
    back = (reference.weekday() - target) % 7
    if modifier in {"next", "coming"}:
        return reference + datetime.timedelta(days=(target - reference.weekday()) % 7 or 7)
    if modifier in {"last", "past", "previous"} and back == 0:
        back = 7
    return reference - datetime.timedelta(days=back)


def _ago(match: re.Match[str], reference: datetime.date) -> tuple[datetime.date, str]:
    raw = match.group("count").lower()
    count = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
    unit = match.group("unit").lower().rstrip("s")
    if unit == "day":
        return reference - datetime.timedelta(days=count), "day"
    if unit == "week":
        return reference - datetime.timedelta(weeks=count), "day"
    if unit == "month":
        return _shift_month(reference, -count), "month"
    return datetime.date(reference.year - count, 1, 1), "year"


def _period(which: str, unit: str, reference: datetime.date) -> tuple[datetime.date, str]:
    step = {"last": -1, "previous": -1, "past": -1, "next": 1}.get(which, 0)
    if unit == "month":
        return _shift_month(reference, step), "month"
    return datetime.date(reference.year + step, 1, 1), "year"


def _shift_month(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def find_dates(text: str, reference: datetime.date | None, lex: Lexicon | None = None) -> list[Found]:
    """Explicit and relative dates in running text: (start, end, matched text, date, precision)."""
    g = grammar(lex or lexicon(""))
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: datetime.date, precision: str) -> None:
        if not any(start < e and s < end for s, e in taken):
            found.append((start, end, text[start:end], value, precision))
            taken.append((start, end))

    for pattern in g.day_patterns:
        for match in pattern.finditer(text):
            value = date_from(match, g)
            if value:
                add(match.start(), match.end(), value, "day")
    for match in g.month_year.finditer(text):
        month = g.months[match.group("month").casefold()]
        add(match.start(), match.end(), datetime.date(int(match.group("year")), month, 1), "month")
    _month_days(text, reference, found, add, g)
    for match in YEAR_ONLY.finditer(text):
        add(match.start("year"), match.end("year"), datetime.date(int(match.group("year")), 1, 1), "year")
    if reference is not None:
        _relative_dates(text, reference, add, g)
    _that_periods(text, found, add)
    return sorted(found)


def _month_days(text: str, reference, found: list[Found], add, g: Grammar) -> None:
    """A day without a year ("February 4") takes the year nearest the reference date (or the last one written)."""
    for pattern in g.month_day:
        for match in pattern.finditer(text):
            year = reference.year if reference else _last_year_before(found, match.start())
            if year is None:
                continue
            month, day = g.months[match.group("month").casefold()], int(match.group("day"))
            candidates = []
            for y in (year - 1, year, year + 1):
                try:
                    candidates.append(datetime.date(y, month, day))
                except ValueError:
                    continue
            if not candidates:
                continue
            anchor = reference or datetime.date(year, 7, 1)
            add(match.start(), match.end(), min(candidates, key=lambda d: abs((d - anchor).days)), "day")


def _last_year_before(found: list[Found], position: int) -> int | None:
    years = [item[3].year for item in found if item[0] < position]
    return years[-1] if years else None


def _relative_dates(text: str, reference: datetime.date, add, g: Grammar) -> None:
    for pattern in (DAY_WORD, AGO, THIS_PERIOD):
        for match in pattern.finditer(text):
            resolved = _relative(match.group(), reference)
            if resolved:
                add(match.start(), match.end(), resolved[0], resolved[1])
    for match in WEEKDAY_PHRASE.finditer(text):
        if g.after_weekday.match(text, match.end()):
            continue  # "Tuesday, May 26, 2026": the explicit date already says which day
        resolved = _relative(match.group(), reference)
        if resolved:
            add(match.start(), match.end(), resolved[0], resolved[1])


def _that_periods(text: str, found: list[Found], add) -> None:
    """Phrases like "later that month" mean the month of the nearest date written before them."""
    for match in THAT_PERIOD.finditer(text):
        before = [item for item in sorted(found) if item[1] <= match.start()]
        if not before:
            continue
        value = before[-1][3]
        if match.group("unit").lower() == "month":
            add(match.start(), match.end(), value.replace(day=1), "month")
        else:
            add(match.start(), match.end(), datetime.date(value.year, 1, 1), "year")
