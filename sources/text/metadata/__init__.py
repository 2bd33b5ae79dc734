"""Document metadata read from the page itself: headline, dek, byline, dateline, stated dates,
publisher, kind, caption, editor's notes, and what could not be established.

Stages, each in its own module: dates (`dates`, `running`), byline and dateline (`byline`),
headline and dek (`headline`), publisher and kind (`publisher`). Each reads the document's
lexicon, so a page is read with its locale's conventions.
"""

import datetime
from dataclasses import dataclass

from sources.text.clean import STATED, Cleaned
from sources.text.clean.lines import plain_of
from sources.text.clean.metalines import byline_line
from sources.text.dates import grammar, timezone_for
from sources.text.document import TextDocument
from sources.text.doubts import HEADLINE_GUESSED, NO_DATE, PUBLISHER_NOT_FOUND, Doubt
from sources.text.lexicon import lexicon
from sources.text.locale import infer_locale
from sources.text.metadata.byline import TOP_PARAGRAPHS, find_byline, find_dateline, reading_time
from sources.text.metadata.dates import StatedDate, place_date, stated_dates, zone_of_place
from sources.text.metadata.headline import choose_headline, dek_after, is_meta_line
from sources.text.metadata.publisher import document_kind, find_caption, find_publisher
from sources.text.metadata.running import find_dates, resolve_relative_date

RAW_TOP = 40  # raw lines read for the page's own date lines
# The cleaner's removals read back as lines of the page: what states the page's metadata, and the
# head's lines that tell a headline from what stands above it.
READ_BACK = frozenset({*STATED, "masthead", "tagline", "section", "running title", "field"})

__all__ = [
    "Metadata",
    "StatedDate",
    "document_kind",
    "extract_metadata",
    "find_byline",
    "find_dates",
    "resolve_relative_date",
    "stated_dates",
    "timezone_for",
]


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
    # Editor's notes and appended corrections the cleaner took out of the body.
    notes: tuple[str, ...] = ()
    # What could not be established (no date, headline guessed, publisher not found).
    doubts: tuple[Doubt, ...] = ()

    @property
    def reference_date(self) -> datetime.date | None:
        """The day the text speaks from, for resolving "on Tuesday": published, else updated, else any date."""
        for value in (self.published_at, self.modified_at, *(d.value for d in self.stated_dates)):
            if isinstance(value, datetime.datetime):
                return value.date()
            if isinstance(value, datetime.date):
                return value
        return None


def extract_metadata(raw: str, document: TextDocument | Cleaned) -> Metadata:
    """Read `document`'s metadata with its lexicon (a bare `Cleaned` is read with the inferred locale's)."""
    if isinstance(document, Cleaned):
        document = TextDocument.read(raw, document, lexicon(infer_locale(raw)))
    lex, cleaned = document.lexicon, document.cleaned
    paragraphs = page_paragraphs(document)
    headline = choose_headline(paragraphs, raw, lex)
    byline_at, byline, authors = find_byline(paragraphs, raw, lex)
    byline = _with_role(byline, byline_at, paragraphs, cleaned, lex)
    dateline, agency = find_dateline(paragraphs, byline_at, byline, lex, cleaned.text)
    zone = zone_of_place(dateline, lex)
    stated = _stated(paragraphs, raw, lex, zone)
    publisher = find_publisher(cleaned, paragraphs, lex, raw=raw, headline=headline.text, agency=agency)
    published = _first(stated, ("published",)) or _first(stated, ("date",))
    modified = _first(stated, ("updated",))
    return Metadata(
        headline=headline.text,
        dek=dek_after(paragraphs, headline.index, lex),
        byline=byline,
        authors=authors,
        publisher=publisher,
        dateline=dateline,
        stated_dates=stated,
        published_at=published,
        modified_at=modified,
        kind=document_kind(
            cleaned.text, paragraphs, lex, headline.text, publisher, cleaned.of_kind("press label")
        ),
        caption=find_caption(cleaned, raw, paragraphs, lex),
        reading_time=reading_time(paragraphs[:TOP_PARAGRAPHS]),
        notes=tuple(" ".join(r.text.split()) for r in cleaned.of_kind("editor-note")),
        doubts=_doubts(headline, publisher, published or modified, paragraphs),
    )


def _with_role(byline: str, at: int, paragraphs: list[str], cleaned: Cleaned, lex) -> str:
    """The author's role printed under the byline ("Environment correspondent"): the cleaner took it
    out of the body with the byline, and it is shown with the byline."""
    if not byline or at < 0 or at + 1 >= len(paragraphs):
        return byline
    following = paragraphs[at + 1]
    taken = {plain_of(removal.text) for removal in cleaned.of_kind("byline")}
    if following in taken and not byline_line(lex).match(following) and following not in byline:
        return f"{byline}, {following}"
    return byline


def page_paragraphs(document: TextDocument) -> list[str]:
    """The page's paragraphs as this stage reads them: the story's, with the lines the cleaner took
    out of the body as the page's own metadata (bylines, date lines, the masthead, section labels
    …) back in their places."""
    cleaned = document.cleaned
    found = [(cleaned.raw_offset(p.start), p.text.strip()) for p in document.paragraphs if p.text.strip()]
    found += [(r.start, plain_of(r.text)) for r in cleaned.removed if r.kind in READ_BACK]
    return [text for _, text in sorted(found) if text]


def _stated(paragraphs: list[str], raw: str, lex, zone: str) -> tuple[StatedDate, ...]:
    """Dates stated near the top (read from the raw page too: the cleaner takes date lines out of
    the body), short date lines further down, else a place-and-date line anywhere ("Brussels,
    14 April 2026", "Done at London on 11 June 2026")."""
    g = grammar(lex)
    top = [" ".join(line.replace("*", "").split()) for line in raw.splitlines()[:RAW_TOP] if line.strip()]
    head = [p for p in paragraphs[: TOP_PARAGRAPHS + 4] if p not in top]
    lower = [
        p for p in paragraphs[TOP_PARAGRAPHS:] if len(p) <= 80 and (g.label.match(p) or is_meta_line(p, lex))
    ]
    found = stated_dates(top + head + lower, lex, zone=zone)
    if found:
        return tuple(found)
    for paragraph in paragraphs:
        comma = paragraph.find(",")
        if 0 < comma <= 40 and len(paragraph) <= 80:
            stated = place_date(paragraph, comma + 1, lex, zone)
            if stated:
                return (stated,)
    return ()


def _first(
    stated: tuple[StatedDate, ...], labels: tuple[str, ...]
) -> datetime.datetime | datetime.date | None:
    return next((d.value for d in stated if d.label in labels and d.value is not None), None)


def _doubts(headline, publisher: str, day, paragraphs: list[str]) -> tuple[Doubt, ...]:
    doubts = []
    if headline.text and not headline.settled:
        doubts.append(Doubt(HEADLINE_GUESSED, headline.text))
    elif not headline.text and paragraphs:
        doubts.append(Doubt(HEADLINE_GUESSED, "no headline found; the first sentence stands in"))
    if day is None:
        doubts.append(Doubt(NO_DATE, "no publication or update date stated on the page"))
    if not publisher:
        doubts.append(Doubt(PUBLISHER_NOT_FOUND, "no branding, copyright line, wire tag or issuing body"))
    return tuple(doubts)
