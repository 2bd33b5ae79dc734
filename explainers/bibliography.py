"""What a reference says of its source: the date it gives itself and the people its byline names."""

import datetime as dt
import re

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from sources.models import Source
from sources.text.metadata.byline import find_byline
from sources.text.names import surname

BYLINE_LEAD = re.compile(r"^\s*(?:(?:written|reported|posted|edited|compiled)\s+)?by\b\s*[:\-|]?\s*", re.I)


def stated_when(source: Source) -> tuple[dt.datetime | dt.date | None, dt.date | None]:
    """(when, calendar date) the source gives itself: published, else its "updated" time, as the
    reference list shows it. As printed when it printed it: the time in its own time zone, or the
    date alone when it gave no time."""
    when = source.stated_date
    if when is None:
        return None, None
    for stated in source.stated_dates if isinstance(source.stated_dates, list) else ():
        value = stated.get("value") if isinstance(stated, dict) else None
        if not isinstance(value, str):
            continue
        try:
            day = parse_date(value)  # a date alone ("2026-05-28"), else a time
            printed = None if day else parse_datetime(value)
        except ValueError:
            continue
        if day is not None and day == when.date():
            return day, day
        if printed is not None and timezone.is_aware(printed) and printed == when:
            return printed, printed.date()
    return when, when.date()


def byline_people(byline: str) -> list[tuple[str, str]]:
    """(given, family) of each person a byline names ("Jane Doe and John Smith"); none for an agency
    or a desk ("PTI", "Express News Service"). A name without a given name has it empty."""
    rest = BYLINE_LEAD.sub("", byline or "").strip()
    if not rest:
        return []
    _, _, names = find_byline([f"By {rest}"])
    people = []
    for name in names:
        words = name.split()
        if len(words) < 2:
            continue  # a single word ("PTI", "Reuters") names an agency, not a person
        family = len(surname(" ".join(words).casefold()).split())
        people.append((" ".join(words[:-family]), " ".join(words[-family:])))
    return people
