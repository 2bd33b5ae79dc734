"""Full-text search across explainers, claims, sources, people and agreements.

PostgreSQL: a weighted tsvector per record (GIN index), ranked with ts_rank, snippets from
ts_headline. SQLite: every word must appear in the title or body; ranked by where and how often.
Snippets are built from escaped text, so nothing an editor or a document wrote becomes markup.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from explainers import visibility
from explainers.models import SearchDocument, Snapshot
from sources.models import Person, Source

MAX_QUERY = 200
ANALYZE_AFTER = 200
BULK = 500
SNIPPET_WIDTH = 90
START, STOP = "\x02", "\x03"  # sentinels ts_headline wraps matches in, replaced after escaping
CONFIG = "english"
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    rank: float


def documents_for(obj) -> tuple[str, int, str, str, str] | None:
    """(kind, id, title, body, url) of the search document for a source or person, or None.

    Explainers, agreements and claims are indexed from their published versions instead
    (`index_snapshot`): readers never search working text.
    """
    if isinstance(obj, Source):
        return "source", obj.pk, obj.title, f"{obj.dek} {obj.byline} {obj.text}", obj.get_absolute_url()
    if isinstance(obj, Person):
        aliases = " ".join(obj.aliases.values_list("name", flat=True))
        roles = " ".join(str(r) for r in obj.roles.select_related("organization"))
        return "person", obj.pk, obj.name, f"{aliases} {roles} {obj.description}", obj.get_absolute_url()
    return None


def _snapshot_documents(snapshot: Snapshot) -> list[SearchDocument]:
    content = snapshot.content
    claims = content.get("claims", {})
    speakers = dict(
        Person.objects.filter(
            pk__in={c["speaker_person"] for c in claims.values() if c["speaker_person"]}
        ).values_list("pk", "name")
    )
    documents = []
    if snapshot.kind in (Snapshot.Kind.EXPLAINER, Snapshot.Kind.AGREEMENT):
        subject = content.get("explainer") or content.get("agreement")
        tags = " ".join(t["name"] for t in subject["tags"])
        extra = subject.get("dek", "") or f"{subject.get('summary', '')} {subject.get('signed_place', '')}"
        body = " ".join([extra, *(c["text"] for c in claims.values()), tags, _about(subject)])
        documents.append(
            SearchDocument(
                kind=snapshot.kind,
                object_id=snapshot.subject_id,
                title=snapshot.title[:500],
                body=body,
                url=snapshot.get_absolute_url(),
                snapshot=snapshot,
            )
        )
    for claim in claims.values():
        speaker = speakers.get(claim["speaker_person"], "")
        documents.append(
            SearchDocument(
                kind="claim",
                object_id=claim["id"],
                title=claim["text"][:500],
                body=f"{claim['text']} {speaker}",
                url=reverse("explainers:claim", kwargs={"pk": claim["id"]}),
                snapshot=snapshot,
            )
        )
    return documents


def _about(subject: dict) -> str:
    """For an explainer: the published record of the agreement it is about (title and place)."""
    if not subject.get("agreement"):
        return ""
    record = (
        Snapshot.objects.current()
        .agreements()
        .filter(agreement_id=subject["agreement"])
        .order_by("-published_at")
        .first()
    )
    if record is None:
        return ""
    return f"{record.title} {record.content['agreement'].get('signed_place', '')}"


def index_snapshot(snapshot: Snapshot) -> None:
    """Index what a published version shows; found by readers only while the version is public."""
    SearchDocument.objects.bulk_create(_snapshot_documents(snapshot), batch_size=BULK)
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(snapshot=snapshot).update(vector=_vector())


def remove_snapshot_documents(snapshot_ids) -> None:
    SearchDocument.objects.filter(snapshot_id__in=list(snapshot_ids)).delete()


def remove_ended_documents(*, now=None) -> None:
    SearchDocument.objects.filter(snapshot__ended_at__lte=now or timezone.now()).delete()


_deferred: ContextVar[dict | None] = ContextVar("search_deferred", default=None)


def _vector():
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector("body", weight="B", config=CONFIG)


def index_object(obj) -> None:
    pending = _deferred.get()
    if pending is not None:
        # Inside `deferred()`: index each record once, at the end, in bulk.
        pending[(type(obj), obj.pk)] = obj
        return
    found = documents_for(obj)
    if found is None:
        return
    kind, pk, title, body, url = found
    SearchDocument.objects.update_or_create(
        kind=kind, object_id=pk, snapshot=None, defaults={"title": title[:500], "body": body, "url": url}
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(kind=kind, object_id=pk, snapshot=None).update(vector=_vector())


@contextmanager
def deferred():
    """Collect index updates (e.g. during an import) and write them in a few bulk queries."""
    token = _deferred.set({})
    try:
        yield
        pending = _deferred.get()
    finally:
        _deferred.reset(token)
    index_many(pending.values())


def index_many(objects) -> None:
    rows = [found for found in map(documents_for, objects) if found is not None]
    if not rows:
        return
    for kind in {row[0] for row in rows}:
        ids = [row[1] for row in rows if row[0] == kind]
        for start in range(0, len(ids), BULK):
            SearchDocument.objects.filter(
                kind=kind, object_id__in=ids[start : start + BULK], snapshot=None
            ).delete()
    SearchDocument.objects.bulk_create(
        [SearchDocument(kind=k, object_id=pk, title=t[:500], body=b, url=u) for k, pk, t, b, u in rows],
        batch_size=BULK,
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(vector__isnull=True).update(vector=_vector())
        if len(rows) >= ANALYZE_AFTER:
            # Many new documents: refresh the statistics the evidence search reads word frequencies from.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def remove_object(kind: str, pk: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk, snapshot=None).delete()


def rebuild_index() -> int:
    SearchDocument.objects.all().delete()
    count = 0
    for model in (Source, Person):
        for obj in model.objects.all().iterator():
            index_object(obj)
            count += 1
    for snapshot in Snapshot.objects.current().iterator():
        index_snapshot(snapshot)
        count += 1
    return count


def _visible() -> Q:
    """What readers may find: published versions now public, and the evidence records they show."""
    return (
        Q(snapshot__in=Snapshot.objects.public().values("pk"))
        | Q(snapshot__isnull=True, kind="source", object_id__in=visibility.shown_ids("source"))
        | Q(snapshot__isnull=True, kind="person", object_id__in=visibility.shown_ids("person"))
    )


def terms_of(query: str) -> list[str]:
    return WORD.findall(query[:MAX_QUERY].lower())[:12]


def search(query: str):
    """A queryset of visible SearchDocuments matching `query`, best first, with `rank` and `headline`."""
    terms = terms_of(query)
    if not terms:
        return SearchDocument.objects.none()
    documents = SearchDocument.objects.filter(_visible())
    if connection.vendor == "postgresql":
        search_query = SearchQuery(" ".join(terms), config=CONFIG, search_type="plain")
        return (
            documents.filter(vector=search_query)
            .annotate(
                rank=SearchRank(F("vector"), search_query),
                headline=SearchHeadline(
                    "body",
                    search_query,
                    config=CONFIG,
                    start_sel=START,
                    stop_sel=STOP,
                    max_words=30,
                    min_words=12,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by("-rank", "kind", "title")
        )
    for term in terms:
        documents = documents.filter(Q(title__icontains=term) | Q(body__icontains=term))
    return documents.order_by("kind", "title")


def rank_fallback(document: SearchDocument, terms: list[str]) -> float:
    title, body = document.title.lower(), document.body.lower()
    return sum(3 * title.count(t) + min(body.count(t), 5) for t in terms)


def hits(page_documents, query: str) -> list[Hit]:
    terms = terms_of(query)
    found, seen = [], set()
    for document in page_documents:
        if document.url in seen:
            continue  # a claim two published versions hold is one result
        seen.add(document.url)
        headline = getattr(document, "headline", None)
        snippet = _from_headline(headline) if headline else _snippet(document.body or document.title, terms)
        rank = getattr(document, "rank", None)
        found.append(
            Hit(
                document.kind,
                document.title,
                document.url,
                snippet,
                rank if rank is not None else rank_fallback(document, terms),
            )
        )
    return found


def sorted_fallback(documents, query: str) -> list[SearchDocument]:
    """SQLite: order the (already filtered) matches by a simple relevance score."""
    terms = terms_of(query)
    return sorted(documents, key=lambda d: -rank_fallback(d, terms))


def _from_headline(headline: str) -> SafeString:
    return mark_safe(escape(headline).replace(START, "<mark>").replace(STOP, "</mark>"))  # noqa: S308


def _snippet(text: str, terms: list[str]) -> SafeString:
    lower = text.lower()
    positions = [lower.find(t) for t in terms if lower.find(t) >= 0]
    centre = min(positions) if positions else 0
    start = max(0, centre - SNIPPET_WIDTH // 2)
    window = text[start : start + 2 * SNIPPET_WIDTH]
    pattern = re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)), re.IGNORECASE)
    parts, last = [], 0
    for match in pattern.finditer(window):
        parts += [escape(window[last : match.start()]), "<mark>", escape(match.group()), "</mark>"]
        last = match.end()
    parts.append(escape(window[last:]))
    prefix = "…" if start else ""
    suffix = "…" if start + 2 * SNIPPET_WIDTH < len(text) else ""
    return mark_safe(prefix + "".join(parts) + suffix)  # noqa: S308
