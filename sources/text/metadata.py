"""Document metadata read from the page itself: headline, dek, byline, dateline, stated dates, kind, caption."""

import datetime
import re
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sources.text.cited import has_citation_markers
from sources.text.clean import Cleaned


@dataclass(frozen=True)
class StatedDate:
    label: str
    text: str
    value: datetime.datetime | datetime.date | None
    timezone: str = ""


@dataclass(frozen=True)
class Metadata:
    headline: str = ""
    dek: str = ""
    byline: str = ""
    authors: tuple[str, ...] = ()
    publisher: str = ""
    dateline: str = ""
    stated_dates: tuple[StatedDate, ...] = ()
    published_at: datetime.datetime | datetime.date | None = None
    modified_at: datetime.datetime | datetime.date | None = None
    kind: str = "report"
    caption: str = ""
    reading_time: str = ""

    @property
    def reference_date(self) -> datetime.date | None:
        """The day the text speaks from, for resolving "on Tuesday": published, else updated, else any date."""
        for value in (self.published_at, self.modified_at, *(d.value for d in self.stated_dates)):
            if isinstance(value, datetime.datetime):
                return value.date()
            if isinstance(value, datetime.date):
                return value
        return None


# --- Dates --------------------------------------------------------------------------------------

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:1[89]|20|21)\d\d)"
_WEEKDAY = r"(?:(?:" + "|".join(WEEKDAYS) + r"|Mon|Tue|Tues|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)\.?,?\s+)?"

WEEKDAY_PREFIX = re.compile(_WEEKDAY)
DAY_PATTERNS = (
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b"),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>[01]?\d)-(?P<day>[0-3]?\d)\b"),
    re.compile(r"\b(?P<day>\d{1,2})[-/.](?P<mnum>\d{1,2})[-/.](?P<year>\d{4})\b"),
)
MONTH_DAY = (
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?![,:]?\s*\d)"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}(?!\w|,?\s+\d{{4}})"),
)
MONTH_YEAR = re.compile(rf"\b{_MONTH},?\s+{_YEAR}\b")
YEAR_ONLY = re.compile(
    r"\b(?:in|since|by|from|until|till|during|before|after|through|of|year|early|late|mid-?)\s+(?P<year>(?:19|20)\d\d)\b(?![-/]\d)",
    re.IGNORECASE,
)
WEEKDAY_PHRASE = re.compile(
    r"\b(?:(?P<mod>on|last|this|next|past|previous|coming)\s+)?(?P<weekday>" + "|".join(WEEKDAYS) + r")\b",
    re.IGNORECASE,
)
_MONTH_NAME = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
DATE_AFTER_WEEKDAY = re.compile(rf",?\s*(?:{_MONTH_NAME}\s+\d|\d{{1,2}}\s+{_MONTH_NAME})")
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

TIME = re.compile(
    r"\s*[,|·•]?\s*(?:at\s+)?(?P<hour>[012]?\d)(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?"
    r"(?:\s*\(?(?P<tz>[A-Z]{2,5}(?:[+-]\d{1,2}(?::?\d\d)?)?)\)?)?"
)
# Fixed offsets; the zones with summer time are resolved through zoneinfo for the date given.
# fmt: off
TZ_OFFSETS = {
    "IST": 330, "UTC": 0, "GMT": 0, "Z": 0, "EST": -300, "EDT": -240, "CDT": -300, "MST": -420, "MDT": -360,
    "PST": -480, "PDT": -420, "BST": 60, "CET": 60, "CEST": 120, "EET": 120, "EEST": 180, "WET": 0, "MSK": 180,
    "JST": 540, "KST": 540, "SGT": 480, "HKT": 480, "AEST": 600, "AEDT": 660, "NZST": 720, "NZDT": 780,
    "PKT": 300, "NPT": 345, "GST": 240, "WIB": 420, "PHT": 480, "SAST": 120, "CST": -360, "BDT": 360,
}
# fmt: on
UTC_OFFSET = re.compile(r"(?:GMT|UTC)([+-])(\d{1,2})(?::?(\d\d))?")
TZ_NAMES = {
    "ET": "America/New_York",
    "CT": "America/Chicago",
    "MT": "America/Denver",
    "PT": "America/Los_Angeles",
}
LABEL = re.compile(
    r"(?P<label>(?:last\s+)?updated|(?:first\s+)?published|posted|(?:last\s+)?modified|released|issued"
    r"|dated|date)(?:\s+on)?\s*[:|\-–]?\s*(?:on\s+)?",
    re.IGNORECASE,
)

# --- Page structure -------------------------------------------------------------------------------

BYLINE = re.compile(
    r"^(?:(?:written|reported|posted|edited|compiled|story|text)\s+by|by|authors?)\s*[:\-|]?\s*(?P<rest>\S.*)$",
    re.IGNORECASE,
)
RAW_BYLINE = re.compile(
    r"(?im)^[^\S\n]*(?:(?:written|reported|posted|edited|compiled)\s+)?by\s*[:\-|]?\s*"
    r"(?:\*\*|__|\[)(?P<name>[^*_\]\n]{2,80})(?:\*\*|__|\])"
)
NAME_TOKEN = re.compile(r"(?:[A-Z][\w'’-]*\.?|[A-Z]\.)(?=\s|,|$|\|)")
NAME_SEPARATOR = re.compile(r"\s*(?:,|&|\band\b)\s*")
SPACES = re.compile(r"\s*")
BYLINE_SEPARATORS = re.compile(r"[\s|,•·]+")
AGENCY_WORDS = {
    "reuters",
    "ap",
    "afp",
    "pti",
    "ani",
    "ians",
    "bloomberg",
    "staff",
    "desk",
    "bureau",
    "agencies",
}
READING_TIME = re.compile(r"\b\d{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\b", re.IGNORECASE)
NOT_NAME_WORDS = {
    "updated",
    "published",
    "posted",
    "last",
    "first",
    "date",
    "new",
    "photo",
    "edited",
    "staff",
    "special",
    "correspondent",
    "reporter",
    "desk",
    "team",
    "bureau",
    "agencies",
    "reuters",
    "pti",
    "ani",
    "ians",
    "afp",
    "ap",
    "min",
    "read",
    "news",
    "network",
    "online",
    "delhi",
    "mumbai",
    "washington",
    "london",
    "the",
}
LEDE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3})"
    r"(?:,\s*(?P<when>[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?|\d{1,2}\s+[A-Z][a-z]{2,8}(?:\s+\d{4})?))?"
    r"\s*(?:\((?P<agency>[A-Za-z .&]{2,20})\))?\s*(?:[—–]|--|-|:)\s+\S"
)
PLACE_DATE = re.compile(r"(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,3}),[ \t]*")
PLACE_LABEL = re.compile(
    r"(?P<place>[A-Z][A-Za-z.'-]+(?:[ -][A-Z][A-Za-z.'-]+){0,2})[ \t]*[|,•·][ \t]*"
    r"(?=(?i:(?:last\s+)?(?:updated|published|posted)))"
)
CAPTION = re.compile(
    r"\((?:[\w.&/' -]{0,30}\s)?(?:Photo|Photograph|Image|Picture|Pic|File photo|Photo credit)s?\b[^()]{0,40}\)\s*$"
    r"|^(?:Photo|Image|Caption|Picture|Pic)(?:\s+credit)?\s*[:|]"
    r"|\b(?:Express|PTI|AP|Reuters|AFP|Getty|ANI|IANS)\s+(?:Photo|Images)\b",
    re.IGNORECASE,
)
STRONG_STUDY_CUE = re.compile(
    r"^(?:key highlights|important facts|important personalities|important terms|why in (?:the )?news\??"
    r"|prelims?(?: focus| facts| pointers)?|mains?(?: focus| question| practice)|gs paper.*|syllabus.*"
    r"|practice questions?|static gk|upsc.*|mcqs?)\s*:?$",
    re.IGNORECASE,
)
WEAK_STUDY_CUE = re.compile(
    r"^(?:about [^.]{2,60}|significance|way forward|key points|key takeaways|importance for [^.]{2,40}"
    r"|what (?:is|are) [^.]{2,60}\?|background|challenges|conclusion)\s*:?$",
    re.IGNORECASE,
)
EDUCATION_BRAND = re.compile(
    r"\b(?:ias|academy|coaching|classes|tutorials?|institute|upsc|psc)\b", re.IGNORECASE
)
PRESS_RELEASE_CUE = re.compile(
    r"\b(?:press release|for immediate release|media contacts?|press contacts?|press information bureau|news release)\b"
    r"|^(?:###|-ends-|ends|\*\*\*)$",
    re.IGNORECASE,
)
OFFICIAL_CUE = re.compile(
    r"\b(?:office of the spokesperson|media note|joint statement|readout|fact sheet|remarks by|statement by the"
    r"|ministry of [a-z ]{3,40}|government of [a-z ]{3,30}|department of state|white house)\b",
    re.IGNORECASE,
)
WIRE_CUE = re.compile(
    r"\((?:Reuters|AP|AFP|PTI|IANS|ANI|Bloomberg|UNI|Xinhua|dpa|AA)\)\s*(?:[—–-]|--)"
    r"|^\(?(?:reporting|writing|additional reporting) by\b",
    re.IGNORECASE,
)
ANALYSIS_CUE = re.compile(
    r"^(?:analysis|opinion|comment|column|perspective|view|op-ed)\s*[:|—–-]|^(?:analysis|opinion)$"
    r"|^\(?the (?:writer|author) is\b|\bviews expressed\b",
    re.IGNORECASE,
)
EXPLAINER_CUE = re.compile(r"^(?:explained|explainer|express explained)\s*[:|—–-]", re.IGNORECASE)
TOP_PARAGRAPHS = 8


def extract_metadata(raw: str, cleaned: Cleaned) -> Metadata:
    paragraphs = [p.strip() for p in cleaned.text.split("\n\n") if p.strip()]
    headline = cleaned.headline
    byline_at, byline, authors = find_byline(paragraphs, raw)
    stated = tuple(stated_dates(paragraphs[:TOP_PARAGRAPHS] + _date_lines(paragraphs[TOP_PARAGRAPHS:])))
    publisher = _publisher(cleaned, paragraphs)
    dateline = _dateline(paragraphs, byline_at, byline)
    return Metadata(
        headline=headline,
        dek=_dek(paragraphs, headline),
        byline=byline,
        authors=authors,
        publisher=publisher,
        dateline=dateline,
        stated_dates=stated,
        published_at=_first(stated, ("published",)) or _first(stated, ("date",)),
        modified_at=_first(stated, ("updated",)),
        kind=document_kind(cleaned.text, paragraphs, headline, publisher),
        caption=_caption(paragraphs),
        reading_time=_reading_time(paragraphs[:TOP_PARAGRAPHS]),
    )


def _first(
    stated: tuple[StatedDate, ...], labels: tuple[str, ...]
) -> datetime.datetime | datetime.date | None:
    return next((d.value for d in stated if d.label in labels and d.value is not None), None)


def _is_meta_line(paragraph: str) -> bool:
    return bool(BYLINE.match(paragraph) or LABEL.match(paragraph) or _only_date(paragraph))


def _dek(paragraphs: list[str], headline: str) -> str:
    """The standfirst right under the headline: a short prose paragraph, not a byline, date or lede dateline."""
    if not headline or headline not in paragraphs[:6]:
        return ""
    at = paragraphs.index(headline) + 1
    if at >= len(paragraphs):
        return ""
    candidate = paragraphs[at]
    words = len(candidate.split())
    if _is_meta_line(candidate) or CAPTION.search(candidate) or LEDE_DATELINE.match(candidate):
        return ""
    if words < 6 or words > 90 or candidate.rstrip("\"”’'")[-1:] not in ".!?":
        return ""
    return candidate


# --- Byline, dateline, reading time -------------------------------------------------------------------


def find_byline(paragraphs: list[str], raw: str = "") -> tuple[int, str, tuple[str, ...]]:
    """(paragraph index, byline as printed, authors) of the first byline near the top, or (-1, "", ())."""
    for index, paragraph in enumerate(paragraphs[:TOP_PARAGRAPHS]):
        match = BYLINE.match(paragraph)
        if not match:
            continue
        rest = match.group("rest")
        marked = _marked_name(raw, rest)
        if marked:
            return index, marked, tuple(_tidy_name(n) for n in NAME_SEPARATOR.split(marked) if n.strip())
        authors, end = _authors(rest)
        if authors:
            return index, rest[:end], authors
    return -1, "", ()


def _marked_name(raw: str, rest: str) -> str:
    """The name as the page marked it up (bold or link) right after "by": the surest end of the name."""
    for match in RAW_BYLINE.finditer(raw):
        name = " ".join(match.group("name").split())
        if name and rest.startswith(name):
            return name
    return ""


def _authors(rest: str) -> tuple[tuple[str, ...], int]:
    """The names opening `rest` ("Jane Doe and John Smith 4 min read …") and the offset where they end."""
    names: list[str] = []
    current: list[str] = []
    position = end = 0
    while position < len(rest):
        separator = NAME_SEPARATOR.match(rest, position)
        if current and separator:
            names.append(" ".join(current))
            current = []
            position = separator.end()
            continue
        token = NAME_TOKEN.match(rest, SPACES.match(rest, position).end())
        if not token or token.group().rstrip(".").casefold() in NOT_NAME_WORDS or len(current) >= 4:
            break
        current.append(token.group())
        position = end = token.end()
    if current:
        names.append(" ".join(current))
    return tuple(_tidy_name(name) for name in names if len(name.split()) >= 2 or name.isupper()), end


def _tidy_name(name: str) -> str:
    name = " ".join(name.split())
    return name.title() if name.isupper() and len(name) > 3 else name


def _reading_time(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        match = READING_TIME.search(paragraph)
        if match:
            return " ".join(match.group().split())
    return ""


def _dateline(paragraphs: list[str], byline_at: int, byline: str) -> str:
    if byline_at >= 0:
        place = _place_in_byline(paragraphs[byline_at], byline)
        if place:
            return place
    for paragraph in paragraphs[:TOP_PARAGRAPHS]:
        match = PLACE_DATE.match(paragraph) or PLACE_LABEL.match(paragraph)
        if match and (
            match.re is PLACE_LABEL or _explicit_date_at(paragraph, _skip_weekday(paragraph, match.end()))
        ):
            place = match.group("place")
            return place.title() if place.isupper() else place
    for paragraph in paragraphs[:TOP_PARAGRAPHS]:
        match = LEDE_DATELINE.match(paragraph)
        if match and (match.group("when") or match.group("agency") or match.group("place").isupper()):
            place = match.group("place")
            return place.title() if place.isupper() else place
    return ""


def _place_in_byline(line: str, byline: str) -> str:
    """In "Written by: X 4 min read New Delhi Updated: ...", the place between the name and the date label."""
    at = line.find(byline)
    rest = READING_TIME.sub(" ", line[at + len(byline) :] if at != -1 else "")
    label = LABEL.search(rest)
    rest = rest[: label.start()] if label else rest
    words = [w for w in BYLINE_SEPARATORS.split(rest) if w]
    if words and words[0].casefold() in AGENCY_WORDS:
        return ""
    if 0 < len(words) <= 4 and all(w[:1].isupper() and w.isalpha() for w in words):
        return " ".join(words)
    return ""


# --- Stated dates -----------------------------------------------------------------------------------


def _date_lines(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if len(p) <= 80 and (LABEL.match(p) or _only_date(p))]


def _only_date(paragraph: str) -> bool:
    found = _explicit_date_at(paragraph, _skip_weekday(paragraph, 0))
    if found is None:
        return False
    end = _time_at(paragraph, found[0])[0]
    return not paragraph[end:].strip(" .,|")


def _skip_weekday(text: str, position: int) -> int:
    match = WEEKDAY_PREFIX.match(text, position)
    return match.end() if match else position


def stated_dates(paragraphs: list[str]) -> list[StatedDate]:
    found: list[StatedDate] = []
    for paragraph in paragraphs:
        for match in LABEL.finditer(paragraph):
            if match.start() and paragraph[match.start() - 1].isalnum():
                continue
            stated = _stated_at(paragraph, match.start(), match.end(), _label(match.group("label")))
            if stated:
                found.append(stated)
        if _only_date(paragraph) and not any(d.text in paragraph for d in found):
            stated = _stated_at(paragraph, 0, 0, "date")
            if stated:
                found.append(stated)
        place = PLACE_DATE.match(paragraph)
        if place and not found and _explicit_date_at(paragraph, _skip_weekday(paragraph, place.end())):
            stated = _stated_at(paragraph, place.end(), place.end(), "date")
            if stated:
                found.append(stated)
    return found


def _label(word: str) -> str:
    word = word.casefold()
    if "updat" in word or "modif" in word:
        return "updated"
    if "publish" in word or "post" in word or "releas" in word or "issu" in word:
        return "published"
    return "date"


def _stated_at(text: str, label_start: int, date_start: int, label: str) -> StatedDate | None:
    found = _explicit_date_at(text, _skip_weekday(text, date_start))
    if found is None:
        return None
    end, day = found
    time_end, value, zone = _time_at(text, end, day)
    return StatedDate(label, text[label_start:time_end].strip(" ,|"), value, zone)


def _explicit_date_at(text: str, position: int) -> tuple[int, datetime.date] | None:
    for pattern in DAY_PATTERNS:
        match = pattern.match(text, position)
        if match:
            day = _date_from(match)
            if day:
                return match.end(), day
    return None


def _date_from(match: re.Match[str]) -> datetime.date | None:
    groups = match.groupdict()
    day = int(groups["day"])
    month = MONTHS[groups["month"]] if groups.get("month") else int(groups["mnum"])
    if month > 12 >= day:
        day, month = month, day  # 05/28/2026: written month first
    try:
        return datetime.date(int(groups["year"]), month, day)
    except ValueError:
        return None


def _time_at(
    text: str, position: int, day: datetime.date | None = None
) -> tuple[int, datetime.datetime | datetime.date | None, str]:
    """Extend a date with a following time and zone: (end, value, zone name)."""
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
    zone = timezone_for(zone_name, day)
    end = match.end() if zone is not None or not zone_name else match.start("tz")
    if zone is None:
        zone_name = ""
        end = match.end("ampm") if match.group("ampm") else match.end("minute")
    value = datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
    return end, value, zone_name


def timezone_for(name: str, day: datetime.date) -> datetime.tzinfo | None:
    """The zone of an abbreviation such as IST or ET on a given day (None when unknown)."""
    name = name.upper()
    offset = UTC_OFFSET.fullmatch(name)
    if offset:
        minutes = int(offset.group(2)) * 60 + int(offset.group(3) or 0)
        return datetime.timezone(datetime.timedelta(minutes=minutes if offset.group(1) == "+" else -minutes))
    if name in TZ_NAMES:
        try:
            return ZoneInfo(TZ_NAMES[name])
        except ZoneInfoNotFoundError:
            return datetime.timezone(datetime.timedelta(hours=-5 if name == "ET" else -8))
    if name in TZ_OFFSETS:
        return datetime.timezone(datetime.timedelta(minutes=TZ_OFFSETS[name]), name)
    return None


# --- Dates in running text ----------------------------------------------------------------------------


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


def find_dates(text: str, reference: datetime.date | None) -> list[tuple[int, int, str, datetime.date, str]]:
    """Explicit and relative dates in running text: (start, end, matched text, date, precision)."""
    found: list[tuple[int, int, str, datetime.date, str]] = []
    taken: list[tuple[int, int]] = []

    def add(start: int, end: int, value: datetime.date, precision: str) -> None:
        if not any(start < e and s < end for s, e in taken):
            found.append((start, end, text[start:end], value, precision))
            taken.append((start, end))

    for pattern in DAY_PATTERNS:
        for match in pattern.finditer(text):
            value = _date_from(match)
            if value:
                add(match.start(), match.end(), value, "day")
    for match in MONTH_YEAR.finditer(text):
        add(
            match.start(),
            match.end(),
            datetime.date(int(match.group("year")), MONTHS[match.group("month")], 1),
            "month",
        )
    _month_days(text, reference, found, add)
    for match in YEAR_ONLY.finditer(text):
        add(match.start("year"), match.end("year"), datetime.date(int(match.group("year")), 1, 1), "year")
    if reference is not None:
        _relative_dates(text, reference, found, add)
    _that_periods(text, found, add)
    return sorted(found)


def _month_days(text, reference, found, add) -> None:
    """A day without a year ("February 4") takes the year nearest the reference date (or the last one written)."""
    for pattern in MONTH_DAY:
        for match in pattern.finditer(text):
            year = reference.year if reference else _last_year_before(found, match.start())
            if year is None:
                continue
            month, day = MONTHS[match.group("month")], int(match.group("day"))
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


def _last_year_before(found, position: int) -> int | None:
    years = [item[3].year for item in found if item[0] < position]
    return years[-1] if years else None


def _relative_dates(text, reference, found, add) -> None:
    for pattern in (DAY_WORD, AGO, THIS_PERIOD):
        for match in pattern.finditer(text):
            resolved = _relative(match.group(), reference)
            if resolved:
                add(match.start(), match.end(), resolved[0], resolved[1])
    for match in WEEKDAY_PHRASE.finditer(text):
        if DATE_AFTER_WEEKDAY.match(text, match.end()):
            continue  # "Tuesday, May 26, 2026": the explicit date already says which day
        resolved = _relative(match.group(), reference)
        if resolved:
            add(match.start(), match.end(), resolved[0], resolved[1])


def _that_periods(text, found, add) -> None:
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


# --- Publisher, kind, caption ---------------------------------------------------------------------------


def _publisher(cleaned: Cleaned, paragraphs: list[str]) -> str:
    """Branding the cleaner removed (its most repeated, best-cased form), else a wire agency credit."""
    brands = [removal.text.replace("*", "").strip() for removal in cleaned.of_kind("branding")]
    if brands:
        counts: dict[str, int] = {}
        for brand in brands:
            counts[brand.casefold()] = counts.get(brand.casefold(), 0) + 1
        best = max(counts, key=lambda key: counts[key])
        forms = [brand for brand in brands if brand.casefold() == best]
        return next((form for form in forms if not form.isupper()), forms[0].title())
    return next((agency for agency in map(_agency, paragraphs[:TOP_PARAGRAPHS]) if agency), "")


def document_kind(text: str, paragraphs: list[str], headline: str = "", publisher: str = "") -> str:
    top = paragraphs[:4]
    if has_citation_markers(text) or (headline and EXPLAINER_CUE.match(headline)):
        return "explainer"
    if any(PRESS_RELEASE_CUE.search(p) for p in paragraphs if len(p) < 200):
        return "press_release"
    if any(OFFICIAL_CUE.search(p) for p in top if len(p) < 120):
        return "official"
    if any(WIRE_CUE.search(p) for p in paragraphs) or any(_agency(p) for p in paragraphs[:TOP_PARAGRAPHS]):
        return "wire"
    strong = sum(bool(STRONG_STUDY_CUE.match(p)) for p in paragraphs)
    weak = sum(bool(WEAK_STUDY_CUE.match(p)) for p in paragraphs)
    if strong >= 2 or (strong and weak) or (EDUCATION_BRAND.search(publisher) and strong + weak):
        return "summary"
    if any(ANALYSIS_CUE.search(p) for p in top) or any(ANALYSIS_CUE.search(p) for p in paragraphs[-2:]):
        return "analysis"
    if sum(len(p.split()) for p in paragraphs) < 25:
        return "other"
    return "report"


def _agency(paragraph: str) -> str:
    """The news agency credited in a lede dateline, as in "SYDNEY, March 3 (Wire) - "."""
    match = LEDE_DATELINE.match(paragraph)
    return match.group("agency").strip() if match and match.group("agency") else ""


def _caption(paragraphs: list[str]) -> str:
    for paragraph in paragraphs:
        if len(paragraph.split()) <= 80 and CAPTION.search(paragraph):
            return paragraph
    return ""
