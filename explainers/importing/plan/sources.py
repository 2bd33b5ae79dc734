"""Planning publishers, the curation file's organisations and one source per document (pure)."""

import datetime as dt

from django.utils import timezone
from django.utils.text import slugify

from explainers.importing.curation import Curation
from explainers.importing.doubts import document_doubts
from explainers.importing.existing import Existing
from explainers.importing.parse import ParsedDocument
from explainers.importing.plan.items import (
    NEW,
    ORGANIZATION,
    PUBLISHER,
    REPLACE,
    SAME,
    SOURCE,
    TWIN,
    Ref,
    Row,
    SourcePlan,
)
from sources.models import Organization, Publisher, Source
from sources.models.sources import sha256

UNKNOWN_PUBLISHER = ("publisher-not-stated", "Publisher not stated")
TITLE_LIMIT = 120


def first_sentence(text: str) -> str:
    """A title for a document that states none: its first sentence, shortened."""
    first = text.strip().split("\n", 1)[0]
    for end in (". ", "? ", "! "):
        if end in first:
            first = first.split(end, 1)[0] + end.strip()
            break
    return first if len(first) <= TITLE_LIMIT else first[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def aware(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


def plan_publishers(parsed: list[ParsedDocument], curation: Curation) -> dict[str, Row]:
    """The curation file's publishers, then one per publisher the documents name (or "not stated")."""
    rows = {
        key: Row(
            Ref(PUBLISHER, key),
            Publisher,
            {"slug": key},
            {"name": entry.name, "kind": entry.kind, "url": entry.url, "description": entry.basis},
            f"publisher:{key}",
        )
        for key, entry in curation.publishers.items()
    }
    for document in parsed:
        slug = publisher_slug(document, curation)
        if slug not in rows:
            name = document.metadata.publisher or UNKNOWN_PUBLISHER[1]
            rows[slug] = Row(
                Ref(PUBLISHER, slug), Publisher, {"slug": slug}, {"name": name}, f"publisher:{slug}"
            )
    return rows


def publisher_slug(document: ParsedDocument, curation: Curation) -> str:
    entry = curation.documents.get(document.name)
    if entry and entry.publisher:
        return entry.publisher
    if document.metadata.publisher:
        return slugify(document.metadata.publisher)[:200] or UNKNOWN_PUBLISHER[0]
    return UNKNOWN_PUBLISHER[0]


def plan_organizations(curation: Curation, existing: Existing) -> list[Row]:
    """The curation file's organisations, countries first (others point to them)."""
    rows = []
    for key, entry in sorted(curation.organizations.items(), key=lambda item: bool(item[1].country)):
        country = Ref(ORGANIZATION, entry.country) if entry.country else None
        values = {
            "name": entry.name,
            "kind": entry.kind,
            "short_name": entry.short_name,
            "aliases": list(entry.aliases),
            "description": entry.description,
            "founded_on": entry.founded_on,
            "country_id": country,
        }
        known = existing.organizations.get(f"slug:{key}")
        ref = Ref(ORGANIZATION, key, known[0] if known else None)
        rows.append(Row(ref, Organization, {"slug": key}, values, f"organization:{key}"))
    return rows


def plan_source(document: ParsedDocument, curation: Curation, existing: Existing) -> tuple[SourcePlan, str]:
    """The document's source, and a note when it is a copy of one imported under another name."""
    meta = document.metadata
    entry = curation.documents.get(document.name)
    title = (entry.title if entry else "") or meta.headline or first_sentence(document.text) or document.name
    values = {
        "title": title[:500],
        "publisher_id": Ref(PUBLISHER, publisher_slug(document, curation)),
        "kind": (entry.kind if entry and entry.kind else meta.kind) or Source.Kind.OTHER,
        "dek": meta.dek,
        "byline": meta.byline[:300],
        "dateline": meta.dateline[:200],
        "url": entry.url if entry else "",
        "archive_url": entry.archive_url if entry else "",
        "published_at": aware(meta.published_at),
        "modified_at": aware(meta.modified_at),
        "stated_dates": [
            {
                "label": d.label,
                "text": d.text,
                "value": d.value.isoformat() if d.value else None,
                "timezone": d.timezone,
            }
            for d in meta.stated_dates
        ],
        "text": document.text,
        "removed": [{"kind": r.kind, "text": r.text, "start": r.start} for r in document.cleaned.removed],
    }
    raw = document.document.raw_text
    doubts = document_doubts(document, entry, title=values["title"])
    found = existing.sources.get(document.name)
    note = ""
    if found is None:
        twin = existing.twins.get(sha256(raw))
        if twin is not None:
            earlier = twin.origin_file or f"“{twin.title}”"
            note = f"{document.name}: same text as {earlier}; imported once, as “{twin.title}”"
            action, ref, text, title = TWIN, Ref(SOURCE, document.name, twin.pk), twin.text, twin.title
        else:
            action, ref, text = NEW, Ref(SOURCE, document.name), document.text
    else:
        action = SAME if found.content_hash == sha256(raw) else REPLACE
        ref = Ref(SOURCE, document.name, found.pk)
        # An editor's clean text stands (the writer keeps it); the evidence search reads that one.
        text = found.text if found.is_edited else document.text
        title = found.title if found.is_edited else values["title"]
    plan = SourcePlan(document.name, ref, action, values, raw, title, text, title, doubts)
    return plan, note
