"""Full-text search across explainers, claims, sources, people and agreements.

Each record is one document of three parts ranked title (A) > dek (B) > body (C). Results come in
kind order, explainers first, then agreement records, people, claims and sources, by rank within each
kind. PostgreSQL: a GIN-indexed tsvector, ranked with ts_rank. SQLite: the same words (stemmed as
PostgreSQL's English configuration stems them), ranked by where they occur. Snippets are whole words
cut from escaped text, so nothing an editor or a document wrote becomes markup.
"""

import datetime as dt
import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

import snowballstemmer
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import FieldDoesNotExist
from django.db import connection, connections, router, transaction
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Case, F, Func, IntegerField, Q, TextField, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from explainers.bibliography import stated_when
from explainers.models import PublicReference, SearchDocument, Snapshot
from sources.models import Organization, Person, Source
from sources.text.vocabulary import STOPWORDS

# What a stored document holds and how it is tokenised. Raise it whenever that changes: `migrate`
# (and `manage.py rebuild_search_index --outdated`) rebuilds the rows of an older format.
# 1: a dek, the published date (a source's printed day), dotted abbreviations read without dots.
SEARCH_FORMAT = 1
MAX_QUERY = 200
ANALYZE_AFTER = 200
COUNT_CAP = 500  # "more than 500 results": counting further would read every match
RANK_POOL = 400  # a broad query ranks its explainers and agreements, and this many other matches
LEADING = ("explainer", "agreement")
# The order kinds are listed in: what a reader came for first (the explainer about a name or topic),
# then the records behind it.
KIND_ORDER = ("explainer", "agreement", "person", "claim", "source")
KIND_LABELS = {
    "explainer": "Explainer",
    "agreement": "Agreement",
    "person": "Person",
    "claim": "Claim",
    "source": "Source",
}
WEIGHTS = [0.1, 0.2, 0.4, 1.0]  # ts_rank's D, C, B, A: body C, dek B, title A
STATEMENT_TIMEOUT_MS = 2000
BULK = 500
SNIPPET_WIDTH = 90
TITLE_WIDTH = 160  # a claim's text as a result's title: cut, at a word, past this
CONFIG = "english"
WORD = re.compile(r"\w+(?:[.'’]\w+)*", re.UNICODE)  # "India's" stays whole
# Dotted abbreviations are read without their dots, by the query and by the stored vectors alike, so
# "U.S.-India" and "US-India", "E.U." and "EU" are the same words: the dot between single letters,
# then a dot ending a word. The same two rules in PostgreSQL's regular expressions (`_folded`).
DOTTED = re.compile(r"\b([^\W\d_])\.(?=[^\W\d_]\.)")
LAST_DOT = re.compile(r"(?<=[^\W\d_])\.(?!\w)")
DOTTED_SQL = r"\m([[:alpha:]])\.(?=[[:alpha:]]\.)"
LAST_DOT_SQL = r"(?<=[[:alpha:]])\.(?![[:alnum:]_])"
ABBREVIATION = r"(?:[^\W\d_]\.){2,}"  # as written in a text ("U.S.", "e.g.")
HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")
# An imported explainer's reference markers ("[3]", "[1, 2]"): provenance, never search text.
MARKERS = re.compile(r"[ \t]*\[\d{1,3}(?:\s*[,–-]\s*\d{1,3})*\]")
SPACES = re.compile(r"\s+")
# A sentence's end: not the dot of an initial or an abbreviation ("U.S. Secretary", "Dr. Jaishankar").
SENTENCE_END = re.compile(r"(?<![A-Z])(?<!\b(?:Dr|Mr|Ms|St|No))[.!?…][”’\"')]?\s+(?=[A-Z“\"‘'(\d])")


@dataclass
class Hit:
    kind: str
    title: str
    url: str
    snippet: SafeString
    rank: float
    published_at: dt.datetime | None = None

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind.title())


class Record(NamedTuple):
    kind: str
    pk: int
    title: str
    dek: str
    body: str
    url: str
    published_at: dt.datetime | None


def without_markers(text: str) -> str:
    return MARKERS.sub("", text or "")


def _lines(*parts: str) -> str:
    """A dek: its first line is the standfirst shown as a snippet; later lines are indexed only."""
    return "\n".join(part.strip() for part in parts if part and part.strip())


def documents_for(obj) -> Record | None:
    """The search document of a source or person, or None.

    Explainers, agreements and claims are indexed from their published versions instead
    (`index_snapshot`): readers never search working text.
    """
    if isinstance(obj, Source):
        return Record(
            "source",
            obj.pk,
            without_markers(obj.title),
            _lines(without_markers(obj.dek), obj.byline),
            without_markers(obj.text),
            obj.get_absolute_url(),
            # The day the source printed (published, else "Updated"), as references give it: a
            # report "Updated: May 27, 2026 04:37 AM IST" is of 27 May, not of its UTC instant's 26th.
            _midnight(stated_when(obj)[1]),
        )
    if isinstance(obj, Person):
        prefetched = getattr(obj, "_prefetched_objects_cache", {})
        roles = obj.roles.all() if "roles" in prefetched else obj.roles.select_related("organization")
        roles = list(dict.fromkeys(str(r) for r in roles))
        aliases = (
            [alias.name for alias in obj.aliases.all()]
            if "aliases" in prefetched
            else obj.aliases.values_list("name", flat=True)
        )
        return Record(
            "person",
            obj.pk,
            obj.name,
            _lines("; ".join(roles), obj.description),
            _other_names(obj.name, aliases),
            obj.get_absolute_url(),
            None,
        )
    return None


def _midnight(day: dt.date | None) -> dt.datetime | None:
    """A day as the start of it in the site's time zone (the date filter's bounds are the same)."""
    if day is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _other_names(name: str, aliases) -> str:
    """The aliases a person's name does not already spell ("Rubio" is in "Marco Rubio")."""
    known = {word.lower().rstrip(".") for word in WORD.findall(name)}
    others = []
    for alias in aliases:
        words = {word.lower().rstrip(".") for word in WORD.findall(alias)}
        if words - known and alias not in others:
            others.append(alias)
            known |= words
    return f"Also known as {', '.join(others)}." if others else ""


def _speakers(snapshots) -> tuple[dict, dict]:
    """The names of the people and bodies the versions' claims are said by (two queries)."""
    claims = [c for snapshot in snapshots for c in snapshot.content.get("claims", {}).values()]
    people = {c["speaker_person"] for c in claims if c.get("speaker_person")}
    bodies = {c["speaker_organization"] for c in claims if c.get("speaker_organization")}
    return (
        dict(Person.objects.filter(pk__in=people).values_list("pk", "name")) if people else {},
        dict(Organization.objects.filter(pk__in=bodies).values_list("pk", "name")) if bodies else {},
    )


def _snapshot_documents(snapshot: Snapshot, names: tuple[dict, dict] | None = None) -> list[SearchDocument]:
    content = snapshot.content
    claims = content.get("claims", {})
    speakers, bodies = names if names is not None else _speakers([snapshot])
    published = snapshot.first_published_at or snapshot.published_at
    common = {
        "format": SEARCH_FORMAT,
        "snapshot": snapshot,
        "visible_from": snapshot.published_at,
        "visible_until": snapshot.ended_at,
        "published_at": published,
    }
    documents = []
    if snapshot.kind in (Snapshot.Kind.EXPLAINER, Snapshot.Kind.AGREEMENT):
        subject = content.get("explainer") or content.get("agreement")
        topics = ", ".join(t["name"] for t in subject["tags"])
        standfirst = subject.get("dek", "") or subject.get("summary", "")
        body = " ".join([*(without_markers(c["text"]) for c in claims.values()), _about(subject)])
        documents.append(
            SearchDocument(
                kind=snapshot.kind,
                object_id=snapshot.subject_id,
                title=without_markers(snapshot.title)[:500],
                dek=_lines(without_markers(standfirst), topics, subject.get("signed_place", "")),
                body=body,
                url=snapshot.get_absolute_url(),
                **common,
            )
        )
    for claim in claims.values():
        text = without_markers(claim["text"])
        speaker = speakers.get(claim.get("speaker_person")) or bodies.get(claim.get("speaker_organization"))
        documents.append(
            SearchDocument(
                kind="claim",
                object_id=claim["id"],
                title=text[:500],
                dek=speaker or "",
                body=text,
                url=reverse("explainers:claim", kwargs={"pk": claim["id"]}),
                **common,
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


def index_snapshots(snapshots) -> None:
    """`index_snapshot` for many versions, in a few queries."""
    snapshots = list(snapshots)
    if not snapshots:
        return
    names = _speakers(snapshots)
    documents = [document for snapshot in snapshots for document in _snapshot_documents(snapshot, names)]
    SearchDocument.objects.bulk_create(documents, batch_size=BULK)
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(snapshot__in=[s.pk for s in snapshots], vector__isnull=True).update(
            vector=_vector()
        )


def remove_snapshot_documents(snapshot_ids) -> None:
    SearchDocument.objects.filter(snapshot_id__in=list(snapshot_ids)).delete()


def remove_ended_documents(*, now=None) -> None:
    SearchDocument.objects.filter(snapshot__ended_at__lte=now or timezone.now()).delete()


_deferred: ContextVar[dict | None] = ContextVar("search_deferred", default=None)


def _vector():
    return (
        SearchVector(_folded("title"), weight="A", config=CONFIG)
        + SearchVector(_folded("dek"), weight="B", config=CONFIG)
        + SearchVector(_folded("body"), weight="C", config=CONFIG)
    )


def _folded(field: str) -> Func:
    """A column as the vector reads it: `fold` in SQL."""
    inner = Func(F(field), Value(DOTTED_SQL), Value(r"\1"), Value("g"), function="regexp_replace")
    return Func(
        inner, Value(LAST_DOT_SQL), Value(""), Value("g"), function="regexp_replace", output_field=TextField()
    )


def fold(text: str) -> str:
    """Dotted abbreviations without their dots ("U.S.-India" → "US-India"), as the vectors read them."""
    return LAST_DOT.sub("", DOTTED.sub(r"\1", text))


def index_object(obj) -> None:
    pending = _deferred.get()
    if pending is not None:
        # Inside `deferred()`: index each record once, at the end, in bulk.
        pending[(type(obj), obj.pk)] = obj
        return
    found = documents_for(obj)
    if found is None:
        return
    SearchDocument.objects.update_or_create(
        kind=found.kind, object_id=found.pk, snapshot=None, defaults=_fields(found)
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(kind=found.kind, object_id=found.pk, snapshot=None).update(
            vector=_vector()
        )
    refresh_records(found.kind, [found.pk])


def _fields(record: Record) -> dict:
    return {
        "title": record.title[:500],
        "dek": record.dek,
        "body": record.body,
        "url": record.url,
        "published_at": record.published_at,
        "format": SEARCH_FORMAT,
    }


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
    for kind in {row.kind for row in rows}:
        ids = [row.pk for row in rows if row.kind == kind]
        for start in range(0, len(ids), BULK):
            SearchDocument.objects.filter(
                kind=kind, object_id__in=ids[start : start + BULK], snapshot=None
            ).delete()
    SearchDocument.objects.bulk_create(
        [SearchDocument(kind=row.kind, object_id=row.pk, **_fields(row)) for row in rows],
        batch_size=BULK,
    )
    for kind in {row.kind for row in rows}:
        refresh_records(kind, [row.pk for row in rows if row.kind == kind])
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(vector__isnull=True).update(vector=_vector())
        if len(rows) >= ANALYZE_AFTER:
            # Many new documents: refresh the statistics the evidence search reads word frequencies from.
            with connection.cursor() as cursor:
                cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def remove_object(kind: str, pk: int) -> None:
    SearchDocument.objects.filter(kind=kind, object_id=pk, snapshot=None).delete()


def _for_index(model):
    """The records as indexing reads them: without the big fields a document does not hold."""
    if model is Source:
        return Source.objects.defer("raw_text", "removed", "import_doubts", "notes")
    return Person.objects.prefetch_related("roles__organization", "aliases")


def rebuild_index() -> int:
    """Every document, again, from the records (in chunks of BULK, a few queries each)."""
    SearchDocument.objects.all().delete()
    count = 0
    for model in (Source, Person):
        ids = list(model.objects.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(ids), BULK):
            chunk = list(_for_index(model).filter(pk__in=ids[start : start + BULK]))
            index_many(chunk)
            count += len(chunk)
    ids = list(Snapshot.objects.current().order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BULK):
        chunk = list(Snapshot.objects.filter(pk__in=ids[start : start + BULK]))
        index_snapshots(chunk)
        count += len(chunk)
    return count


def rebuild_outdated() -> int:
    """Rebuild the documents stored in an older format (SEARCH_FORMAT) with the current code, in
    chunks of BULK records, each in its own transaction. Returns how many documents were rebuilt."""
    outdated = SearchDocument.objects.filter(format__lt=SEARCH_FORMAT)
    count = 0
    for kind, model in ((SearchDocument.Kind.SOURCE, Source), (SearchDocument.Kind.PERSON, Person)):
        while ids := list(
            outdated.filter(kind=kind, snapshot=None)
            .order_by("object_id")
            .values_list("object_id", flat=True)[:BULK]
        ):
            with transaction.atomic():
                objects = list(_for_index(model).filter(pk__in=ids))
                index_many(objects)  # replaces their documents, visibility recomputed
                gone = set(ids) - {obj.pk for obj in objects}
                if gone:
                    SearchDocument.objects.filter(kind=kind, snapshot=None, object_id__in=gone).delete()
            count += len(ids)
    while snapshot_ids := list(
        outdated.filter(snapshot__isnull=False)
        .order_by("snapshot_id")
        .values_list("snapshot_id", flat=True)[: BULK * 20]
    ):
        snapshot_ids = list(dict.fromkeys(snapshot_ids))[:BULK]
        with transaction.atomic():
            removed, _ = SearchDocument.objects.filter(snapshot_id__in=snapshot_ids).delete()
            index_snapshots(Snapshot.objects.filter(pk__in=snapshot_ids))
        count += removed
    return count


def rebuild_after_migrate(*, using: str, plan, state, verbosity: int = 1, stdout=None) -> int:
    """`post_migrate`: once the database holds every migration, rebuild the documents an older
    version of this code stored. Not after a flush (no plan), not on a database that does not hold
    search documents, not while a migration is left to apply (the current code needs the full schema)."""
    if plan is None or state is None:
        return 0
    if using != router.db_for_write(SearchDocument) or not router.allow_migrate_model(using, SearchDocument):
        return 0
    try:
        state.get_model("explainers", "SearchDocument")._meta.get_field("format")
    except (LookupError, FieldDoesNotExist):
        return 0
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return 0
    count = rebuild_outdated()
    if count and verbosity and stdout is not None:
        stdout.write(f"  Rebuilt {count} search document(s) stored in an older format.\n")
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


# --- the query: the words PostgreSQL's English configuration keeps, stemmed the same way ------------

_stemmer = snowballstemmer.stemmer("english")  # the Snowball stemmer PostgreSQL's `english` uses


@lru_cache(maxsize=16384)
def stem(word: str) -> str:
    return _stemmer.stemWord(word.lower().replace("’", "'"))


def terms_of(query: str) -> list[str]:
    """The query's words, lower-cased, once each, without the words a search ignores."""
    words = WORD.findall(fold(query[:MAX_QUERY]).lower())
    return [word for word in dict.fromkeys(words) if word not in STOPWORDS][:12]


def _needle(term: str) -> str:
    """What every word of the term's lexeme begins with ("polic" for policy and policies)."""
    root = stem(term)
    if root.endswith("i") and not term.endswith("i"):
        root = root[:-1]  # Snowball spells a final y as i
    common = 0
    while common < min(len(root), len(term)) and root[common] == term[common]:
        common += 1
    return term[:common] if common >= 2 else term


def _query(query: str) -> SearchQuery:
    """Parsed by the same parser as the documents, folded as they are ("U.S." is "US" on both sides)."""
    # A hyphenated query is searched by its parts, the words SQLite's fallback searches and every
    # document stores, hyphenated or not ("US-India" finds "the US and India" as "U.S.-India" does).
    parts = HYPHEN.sub(" ", fold(query[:MAX_QUERY]))
    return SearchQuery(" ".join(parts.split()), config=CONFIG, search_type="plain")


@dataclass(frozen=True)
class Filters:
    """What a reader narrowed the search to: kinds of record, and a span of published dates."""

    kinds: tuple[str, ...] = ()
    since: dt.datetime | None = None  # published at or after
    until: dt.datetime | None = None  # published before


def search(query: str):
    """A queryset of the visible SearchDocuments matching `query` (unordered)."""
    terms = terms_of(query)
    if not terms:
        return SearchDocument.objects.none()
    documents = SearchDocument.objects.filter(visible())
    if connection.vendor == "postgresql":
        return documents.filter(vector=_query(query))
    # SQLite: a cheap filter on each term's stem; `_fallback_rank` then keeps whole words only.
    for term in terms:
        needles = [_needle(term)]
        if term.isalpha() and len(term) <= 5:
            needles.append(".".join(term))  # an abbreviation written with dots ("u.s" for "us")
        match = Q()
        for needle in needles:
            match |= Q(title__icontains=needle) | Q(dek__icontains=needle) | Q(body__icontains=needle)
        documents = documents.filter(match)
    return documents


def narrowed(documents, filters: Filters):
    """Matches narrowed to the kinds and the published dates a reader chose."""
    if filters.kinds:
        documents = documents.filter(kind__in=list(filters.kinds))
    if filters.since:
        documents = documents.filter(published_at__gte=filters.since)
    if filters.until:
        documents = documents.filter(published_at__lt=filters.until)
    return documents


def kind_group():
    """Each kind's place in the results (explainers first)."""
    return Case(
        *(When(kind=kind, then=Value(n)) for n, kind in enumerate(KIND_ORDER)),
        default=Value(len(KIND_ORDER)),
        output_field=IntegerField(),
    )


@dataclass
class Results:
    hits: list
    count: int  # capped at COUNT_CAP + 1 ("more than 500")
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


def results(
    query: str,
    number: int,
    size: int,
    *,
    fallback_limit: int = 500,
    filters: Filters = Filters(),
) -> Results:
    """One page of results: matches found through the index, counted up to a cap, ranked (kind first,
    then rank), then only the page's rows fetched with their snippets. PostgreSQL runs it under a
    statement timeout."""
    catch_up()
    matches = narrowed(search(query), filters)
    if connection.vendor != "postgresql":
        return _fallback_results(matches, query, number, size, fallback_limit)
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
            matches.annotate(group=kind_group(), rank=SearchRank(F("vector"), search_query, weights=WEIGHTS))
            .order_by("group", "-rank", "title", "pk")
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


def _fallback_results(matches, query: str, number: int, size: int, limit: int) -> Results:
    """SQLite: the first `limit` candidates in kind order, kept if every term is a whole word of
    them, ranked as PostgreSQL ranks (a title match before a dek match before a body match)."""
    terms = terms_of(query)
    candidates = matches.annotate(group=kind_group()).order_by("group", "pk")[:limit]
    ranked = []
    for document in candidates:
        document.rank = _fallback_rank(document, terms)
        if document.rank is not None:
            ranked.append(document)
    ranked.sort(key=lambda d: (KIND_ORDER.index(d.kind), -d.rank, d.title, d.pk))
    count = len(ranked)
    number = min(number, max(1, -(-min(count, COUNT_CAP) // size)))
    return Results(hits(ranked[(number - 1) * size : number * size], query), count, number, size)


def _fallback_rank(document: SearchDocument, terms: list[str]) -> float | None:
    """ts_rank's weights in order: each term scores where it first occurs (title 1.0, dek 0.4,
    body 0.2), plus a little for how often; None when a term is not a whole word of the document."""
    total = 0.0
    for term in terms:
        matcher = Matcher([term])
        where, often = None, 0
        for weight, text in ((1.0, document.title), (0.4, document.dek), (0.2, document.body)):
            found = len(matcher.spans(text or ""))
            if found and where is None:
                where = weight
            often += found
        if where is None:
            return None
        total += where + 0.01 * min(often, 9)
    return total


# --- what a reader sees of each result ------------------------------------------------------------


class Matcher:
    """Finds the whole words of a text that share a lexeme with the query's terms."""

    def __init__(self, terms: list[str]):
        self.stems = {stem(term) for term in terms}
        needles = sorted({_needle(term) for term in terms}, key=len, reverse=True)
        words = "|".join(map(re.escape, needles))
        self.pattern = (
            re.compile(rf"(?<!\w)(?:{ABBREVIATION}|(?:{words})\w*(?:[.'’]\w+)*)", re.IGNORECASE)
            if needles
            else None
        )

    def spans(self, text: str) -> list[tuple[int, int]]:
        if self.pattern is None:
            return []
        return [m.span() for m in self.pattern.finditer(text) if stem(fold(m.group())) in self.stems]

    def first(self, text: str) -> tuple[int, int] | None:
        """The first match's span, reading no further than it."""
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                if stem(fold(m.group())) in self.stems:
                    return m.span()
        return None


def plain(text: str) -> str:
    """Text as a result shows it: no reference markers, one space between words."""
    return SPACES.sub(" ", without_markers(text)).strip()


def hits(page_documents, query: str) -> list[Hit]:
    matcher = Matcher(terms_of(query))
    found, seen = [], set()
    for document in page_documents:
        if document.url in seen:
            continue  # a claim two published versions hold is one result
        seen.add(document.url)
        title, snippet = presented(document, matcher)
        rank = getattr(document, "rank", None)
        found.append(Hit(document.kind, title, document.url, snippet, rank or 0.0, document.published_at))
    return found


def presented(document: SearchDocument, matcher: Matcher) -> tuple[str, SafeString]:
    """(title, snippet): the title as plain text (a claim's, its text with the query's words marked),
    the snippet in whole words with the query's words marked (escaped, no reference markers)."""
    title = plain(document.title)
    standfirst = plain((document.dek or "").split("\n", 1)[0])
    if document.kind == "claim":
        body = plain(document.body)
        # The claim's own words are its title (cut at a word); the snippet is the passage of it
        # that holds the match when the cut hides it, or who said it.
        shown = _cut(body or title, TITLE_WIDTH)
        marked = _marked(shown, matcher.spans(shown))  # its matching words marked, as in snippets
        spans = matcher.spans(body)
        if spans and spans[0][1] > len(shown.rstrip("…")):
            return marked, _excerpt(body, spans)
        said = f"Said by {standfirst}" if standfirst else ""
        return marked, _marked(said, matcher.spans(said))
    spans = matcher.spans(standfirst)
    if spans:
        return title, _excerpt(standfirst, spans)
    # A long body (an explainer's every sentence) is read up to its first match, and only the part
    # of it a snippet can show is made plain and marked.
    body = document.body or ""
    first = matcher.first(body)
    if first is None and standfirst:
        return title, _excerpt(standfirst, [])
    return title, _excerpt_near(body, first[0] if first else 0, matcher)


def _excerpt_near(text: str, at: int, matcher: Matcher, width: int = 2 * SNIPPET_WIDTH) -> SafeString:
    """The excerpt of `text` around the match at `at`, made from a window of the text about it."""
    low = max(0, at - width)
    if low:
        low = text.find(" ", low, at) + 1 or at
    high = min(len(text), at + 2 * width)
    window = plain(text[low:high])
    return _excerpt(window, matcher.spans(window), width, cut_before=low > 0, cut_after=high < len(text))


def _cut(text: str, width: int) -> str:
    if len(text) <= width:
        return text
    end = text.rfind(" ", 0, width)
    return text[: end if end > width // 2 else width].rstrip(" ,;:–—-") + "…"


def _excerpt(
    text: str,
    spans: list[tuple[int, int]],
    width: int = 2 * SNIPPET_WIDTH,
    *,
    cut_before: bool = False,
    cut_after: bool = False,
) -> SafeString:
    """About `width` characters around the first match, cut at whole words (at the start of the
    match's sentence when it is near). `cut_before`/`cut_after`: `text` is a window of a longer one."""
    if len(text) <= width and not (cut_before or cut_after):
        return _marked(text, spans)
    first = spans[0][0] if spans else 0
    start = max(0, first - width // 3)
    if start:
        ends = [m.end() for m in SENTENCE_END.finditer(text, start, first)]
        if ends:
            start = ends[-1]
        else:
            space = text.find(" ", start, first)
            start = space + 1 if space >= 0 else first
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", max(start, spans[0][1] if spans else start), end)
        end = space if space > 0 else end
    piece = text[start:end].rstrip(" ,;:–—-")
    inside = [(a - start, b - start) for a, b in spans if a >= start and b <= start + len(piece)]
    prefix = "…" if start or cut_before else ""
    suffix = "…" if start + len(piece) < len(text) or cut_after else ""
    return mark_safe(prefix + _marked(piece, inside) + suffix)  # noqa: S308 (escaped by _marked)


def _marked(text: str, spans: list[tuple[int, int]]) -> SafeString:
    parts, last = [], 0
    for begin, end in spans:
        parts += [escape(text[last:begin]), "<mark>", escape(text[begin:end]), "</mark>"]
        last = end
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 (every piece escaped)
