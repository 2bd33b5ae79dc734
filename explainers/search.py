"""Full-text search across explainers, claims, sources, people and agreements.

PostgreSQL: a weighted tsvector per record (GIN index), ranked with ts_rank, snippets from
ts_headline. SQLite: every word must appear in the title or body; ranked by where and how often.
Snippets are built from escaped text, so nothing an editor or a document wrote becomes markup.
"""

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from explainers.models import PublicReference, SearchDocument, Snapshot
from sources.models import Person, Source

MAX_QUERY = 200
ANALYZE_AFTER = 200
COUNT_CAP = 500  # "more than 500 results": counting further would read every match
RANK_POOL = 400  # a broad query ranks its explainers and agreements, and this many other matches
LEADING = ("explainer", "agreement")
STATEMENT_TIMEOUT_MS = 2000
BULK = 500
SNIPPET_WIDTH = 90
START, STOP = "\x02", "\x03"  # sentinels ts_headline wraps matches in, replaced after escaping
CONFIG = "english"
WORD = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)  # "U.S." and "India's" stay whole


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
                visible_from=snapshot.published_at,
                visible_until=snapshot.ended_at,
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
                visible_from=snapshot.published_at,
                visible_until=snapshot.ended_at,
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
    refresh_records(kind, [pk])


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
    for kind in {row[0] for row in rows}:
        refresh_records(kind, [row[1] for row in rows if row[0] == kind])
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
    for kind in (SearchDocument.Kind.SOURCE, SearchDocument.Kind.PERSON):
        refresh_records(kind, PublicReference.objects.filter(model=kind).values_list("object_id", flat=True))
    return count


# --- when readers may find a document --------------------------------------------------------


def refresh_visibility(snapshots, records: dict[str, set[int]]) -> None:
    """After versions were published, ended or rescheduled: copy their intervals onto their documents,
    and recompute the sources and people they show."""
    for snapshot in snapshots:
        SearchDocument.objects.filter(snapshot=snapshot).update(
            visible_from=snapshot.published_at, visible_until=snapshot.ended_at
        )
    for kind in (SearchDocument.Kind.SOURCE, SearchDocument.Kind.PERSON):
        if records.get(kind):
            refresh_records(kind, records[kind])


def refresh_records(kind: str, ids) -> None:
    """A source's or person's document is findable while a public version shows the record: the run of
    such versions going on now (or the next one), and a recheck when a later run starts after a gap."""
    ids = list(ids)
    now = timezone.now()
    for start in range(0, len(ids), BULK):
        chunk = ids[start : start + BULK]
        spans: dict[int, list] = {pk: [] for pk in chunk}
        rows = PublicReference.objects.filter(
            model=kind, object_id__in=chunk, snapshot__in=Snapshot.objects.current(now=now)
        ).values_list("object_id", "snapshot__published_at", "snapshot__ended_at")
        for pk, begins, ends in rows:
            spans[pk].append((begins, ends))
        documents = list(SearchDocument.objects.filter(snapshot=None, kind=kind, object_id__in=chunk))
        for document in documents:
            document.visible_from, document.visible_until, document.recheck_at = run_of(
                spans[document.object_id], now
            )
        SearchDocument.objects.bulk_update(
            documents, ["visible_from", "visible_until", "recheck_at"], batch_size=BULK
        )


def run_of(spans, now):
    """(from, until, recheck) for intervals (start, end or None): the run of touching intervals that is
    going on at `now` or comes next, and the start of the run after it, if any."""
    runs: list[list] = []
    for begins, ends in sorted(spans, key=lambda span: span[0]):
        if runs and (runs[-1][1] is None or begins <= runs[-1][1]):
            runs[-1][1] = None if runs[-1][1] is None or ends is None else max(runs[-1][1], ends)
        else:
            runs.append([begins, ends])
    runs = [run for run in runs if run[1] is None or run[1] > now]
    if not runs:
        return None, None, None
    return runs[0][0], runs[0][1], runs[1][0] if len(runs) > 1 else None


def catch_up(now=None) -> None:
    """A record whose next run of public versions has begun since its document was computed."""
    due = list(
        SearchDocument.objects.filter(recheck_at__lte=now or timezone.now()).values_list("kind", "object_id")[
            :BULK
        ]
    )
    for kind in {k for k, _ in due}:
        refresh_records(kind, [pk for k, pk in due if k == kind])


def visible(now=None) -> Q:
    """What readers may find now: the interval kept on each document (no joins, no subqueries)."""
    now = now or timezone.now()
    # "IS NOT NULL" spelled out: it is the partial indexes' condition, so the planner picks them.
    return (
        Q(visible_from__isnull=False)
        & Q(visible_from__lte=now)
        & (Q(visible_until__isnull=True) | Q(visible_until__gt=now))
    )


def terms_of(query: str) -> list[str]:
    return WORD.findall(query[:MAX_QUERY].lower())[:12]


def _query(query: str) -> SearchQuery:
    """Parsed by the same parser as the documents ("U.S." stays one word on both sides)."""
    return SearchQuery(" ".join(query[:MAX_QUERY].split()), config=CONFIG, search_type="plain")


def search(query: str):
    """A queryset of the visible SearchDocuments matching `query` (unordered)."""
    terms = terms_of(query)
    if not terms:
        return SearchDocument.objects.none()
    documents = SearchDocument.objects.filter(visible())
    if connection.vendor == "postgresql":
        return documents.filter(vector=_query(query))
    for term in terms:
        documents = documents.filter(Q(title__icontains=term) | Q(body__icontains=term))
    return documents


@dataclass
class Results:
    hits: list
    count: int  # capped at COUNT_CAP + 1 ("more than 1,000")
    number: int
    size: int
    pageable: int = COUNT_CAP  # how many of them can be paged through (a broad query ranks a pool)

    @property
    def more_than(self) -> bool:
        return self.count > COUNT_CAP

    @property
    def shown_count(self) -> int:
        return min(self.count, COUNT_CAP)

    @property
    def num_pages(self) -> int:
        return max(1, -(-min(self.shown_count, self.pageable) // self.size))

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.num_pages

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1

    @property
    def has_other_pages(self) -> bool:
        return self.num_pages > 1


def page_number(value) -> int:
    try:
        return max(1, int(str(value)[:6]))
    except (TypeError, ValueError):
        return 1


def results(query: str, number: int, size: int, *, fallback_limit: int = 500) -> Results:
    """One page of results: matches found through the index, counted up to a cap, ranked, then only
    the page's rows fetched with their snippets. PostgreSQL runs it under a statement timeout."""
    catch_up()
    matches = search(query)
    if connection.vendor != "postgresql":
        ranked = sorted_fallback(list(matches[:fallback_limit]), query)
        count = len(ranked)
        number = min(number, max(1, -(-min(count, COUNT_CAP) // size)))
        return Results(hits(ranked[(number - 1) * size : number * size], query), count, number, size)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)}")
        # One bounded read gives both the count (up to the cap) and, for a broad query, the pool.
        first = list(matches.values_list("pk", flat=True)[: COUNT_CAP + 1])
        count, pageable = len(first), COUNT_CAP
        search_query = _query(query)
        if count > COUNT_CAP:
            # A broad query: every explainer and agreement it matches (their own small index), and a
            # bounded share of the rest, are ranked; reading every match would grow with the archive.
            leading = matches.filter(kind__in=LEADING).values_list("pk", flat=True)[:RANK_POOL]
            pool = {*first[:RANK_POOL], *leading}
            matches, pageable = SearchDocument.objects.filter(pk__in=pool), len(pool)
        number = min(number, max(1, -(-min(count, COUNT_CAP, pageable) // size)))
        ranked = list(
            matches.annotate(rank=SearchRank(F("vector"), search_query))
            .order_by("-rank", "kind", "title", "pk")
            .values_list("pk", "rank")[(number - 1) * size : number * size]
        )
        # Snippets are cut from the page's rows in Python: ts_headline re-parses each whole body
        # (a source's full text), which cost more than the search itself.
        rows = SearchDocument.objects.defer("vector").in_bulk([pk for pk, _ in ranked])
    page = []
    for pk, rank in ranked:
        row = rows[pk]
        row.rank = rank
        page.append(row)
    return Results(hits(page, query), count, number, size, pageable)


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
