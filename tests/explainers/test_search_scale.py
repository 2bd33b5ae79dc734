"""Search at archive scale: visibility kept on each document, bounded counts, one parser, limits, plans."""

import datetime as dt
import json
import random
from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from explainers import search
from explainers.models import Block, SearchDocument, Snapshot
from explainers.services import publishing
from tests.factories import (
    TEST_PUBLISHER,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    SourceFactory,
    UserFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db
HOUR = dt.timedelta(hours=1)
POSTGRES = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL query plans")


@pytest.fixture
def reader():
    from django.core.cache import cache

    cache.clear()
    return Client()


def found(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def explainer_citing(*sources, title="Story", word="framework"):
    explainer = ExplainerFactory(title=title)
    block = BlockFactory(explainer=explainer, position=0)
    for n, source in enumerate(sources):
        claim = ClaimFactory(text=f"Sentence {n} about the {word}.")
        CitationFactory(claim=claim, source=source)
        BlockClaimFactory(block=block, claim=claim, position=n)
    return explainer


def at(moment):
    """Readers' clock moved to `moment` (every module reads django.utils.timezone.now)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


# --- the run of public versions ---------------------------------------------------------------


def test_run_of_merges_touching_versions_and_rechecks_after_a_gap():
    t = timezone.now()
    assert search.run_of([], t) == (None, None, None)
    assert search.run_of([(t - HOUR, None)], t) == (t - HOUR, None, None)
    assert search.run_of([(t - HOUR, t + HOUR), (t + HOUR, None)], t) == (t - HOUR, None, None)
    assert search.run_of([(t - 2 * HOUR, t - HOUR)], t) == (None, None, None)  # ended: gone
    assert search.run_of([(t + 2 * HOUR, None), (t - HOUR, t + HOUR)], t) == (
        t - HOUR,
        t + HOUR,
        t + 2 * HOUR,
    )


# --- readers find a source exactly while a public version shows it ----------------------------


def test_a_source_is_found_only_while_a_public_version_shows_it(reader):
    source = SourceFactory(title="Quarry ledger", text="The zirconium quarry ledger lists every shipment.")
    explainer = explainer_citing(source)
    assert "Quarry ledger" not in found(reader, "zirconium")  # a draft's source
    publish_now(explainer)
    assert "Quarry ledger" in found(reader, "zirconium")
    publishing.withdraw(explainer, by=TEST_PUBLISHER)
    assert "Quarry ledger" not in found(reader, "zirconium")
    later = timezone.now() + HOUR
    publish_now(explainer, at=later)
    assert "Quarry ledger" not in found(reader, "zirconium")  # scheduled, not yet public
    with at(later + dt.timedelta(minutes=1)):
        assert "Quarry ledger" in found(reader, "zirconium")


def test_a_source_dropped_by_a_scheduled_change_and_shown_again_later_follows_both_times(reader):
    source = SourceFactory(title="Tungsten survey", text="The tungsten survey maps every deposit.")
    first = explainer_citing(source, title="First story")
    publish_now(first)
    second = explainer_citing(source, title="Second story")
    now = timezone.now()
    publish_now(second, at=now + 2 * HOUR)
    Block.objects.filter(explainer=first).delete()  # the first story's next version no longer cites it
    BlockClaimFactory(
        block=BlockFactory(explainer=first, position=0), claim=ClaimFactory(text="A sentence citing nothing.")
    )
    publish_now(first, at=now + HOUR)
    assert "Tungsten survey" in found(reader, "tungsten")
    with at(now + 90 * dt.timedelta(minutes=1)):
        assert "Tungsten survey" not in found(reader, "tungsten")  # between the two: shown by neither
    with at(now + 150 * dt.timedelta(minutes=1)):
        assert "Tungsten survey" in found(reader, "tungsten")  # the second story is public now
        assert not SearchDocument.objects.filter(recheck_at__isnull=False).exists()


def test_deleting_a_published_version_hides_its_sources(reader):
    source = SourceFactory(title="Cobalt register", text="The cobalt register names each mine.")
    explainer = explainer_citing(source)
    publish_now(explainer)
    assert "Cobalt register" in found(reader, "cobalt")
    Snapshot.objects.filter(explainer=explainer).delete()
    assert "Cobalt register" not in found(reader, "cobalt")


def test_rebuilding_the_index_keeps_what_readers_may_find(reader):
    shown = SourceFactory(title="Shown report", text="The vanadium output rose.")
    SourceFactory(title="Hidden report", text="The vanadium output fell.")
    publish_now(explainer_citing(shown))
    search.rebuild_index()
    html = found(reader, "vanadium")
    assert "Shown report" in html and "Hidden report" not in html


# --- the query -------------------------------------------------------------------------------


def test_dotted_abbreviations_are_one_word_on_both_sides(reader):
    source = SourceFactory(title="Joint note", text="The U.S.-India critical minerals framework was signed.")
    publish_now(explainer_citing(source, title="Framework story"))
    html = found(reader, "U.S.-India critical minerals")
    assert "Joint note" in html


def test_a_large_result_set_is_counted_up_to_a_cap_and_paged(reader, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 30)
    sources = [
        SourceFactory(title=f"Nickel report {n}", text=f"Nickel output, report {n}.") for n in range(45)
    ]
    publish_now(explainer_citing(*sources, word="nickel"))
    first = found(reader, "nickel")
    assert "More than 30 results" in first and "Page 1 of 2" in first
    second = reader.get("/search/", {"q": "nickel", "page": "2"}).content.decode()
    assert "Page 2 of 2" in second and "Previous page" in second
    assert reader.get("/search/", {"q": "nickel", "page": "junk"}).status_code == 200


def test_the_search_page_runs_the_same_queries_for_5_and_for_50_matches(reader):
    def queries(count: int, word: str) -> int:
        sources = [SourceFactory(title=f"{word} {n}", text=f"The {word} report {n}.") for n in range(count)]
        publish_now(explainer_citing(*sources, word=word))
        with CaptureQueriesContext(connection) as captured:
            found(reader, word)
        return len(captured)

    assert queries(5, "molybdenum") == queries(50, "manganese")


def test_a_search_the_database_cannot_finish_in_time_gets_a_friendly_503(reader, monkeypatch):
    def slow(*args, **kwargs):
        raise OperationalError("canceling statement due to statement timeout")

    monkeypatch.setattr(search, "results", slow)
    response = reader.get("/search/", {"q": "lithium"})
    assert response.status_code == 503 and response["Retry-After"] == "10"
    assert "Search is busy" in response.content.decode()


@POSTGRES
def test_the_statement_timeout_really_cancels_a_slow_search(reader, monkeypatch):
    monkeypatch.setattr(search, "STATEMENT_TIMEOUT_MS", 20)
    original = search.search
    monkeypatch.setattr(search, "search", lambda q: original(q).extra(where=["pg_sleep(0.2) IS NOT NULL"]))
    publish_now(explainer_citing(SourceFactory(text="The lithium report."), word="lithium"))
    response = reader.get("/search/", {"q": "lithium"})
    assert response.status_code == 503 and "Search is busy" in response.content.decode()


def test_a_client_past_the_search_limit_gets_a_friendly_429_and_others_do_not(reader, settings):
    settings.SEARCH_RATE_PER_MINUTE = 3
    for _ in range(3):
        assert reader.get("/search/", {"q": "lithium"}).status_code == 200
    refused = reader.get("/search/", {"q": "other words"})
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 60
    assert "Too many searches" in refused.content.decode() and "no-store" in refused["Cache-Control"]
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get("/search/", {"q": "lithium"}).status_code == 200
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    assert staff.get("/search/", {"q": "lithium"}).status_code == 200


# --- the plans (PostgreSQL) ------------------------------------------------------------------

WORDS = [f"word{n}" for n in range(400)]


@pytest.fixture
def archive(db):
    """4,000 documents, a tenth of them public: enough for the planner to choose as at scale."""
    rng = random.Random(5)
    now = timezone.now()
    rows = [
        SearchDocument(
            kind="source",
            object_id=n,
            title=f"Document {n}",
            body=" ".join(rng.choice(WORDS) for _ in range(60)) + (" rareword" if n == 7 else ""),
            url=f"/sources/doc-{n}/",
            visible_from=now - HOUR if n % 10 == 0 else None,
        )
        for n in range(4000)
    ]
    SearchDocument.objects.bulk_create(rows, batch_size=1000)
    SearchDocument.objects.update(vector=search._vector())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def plan(queryset) -> dict:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON, ANALYZE) {sql}", params)
        (value,) = cursor.fetchone()
    return (json.loads(value) if isinstance(value, str) else value)[0]


def nodes(node: dict):
    yield node
    for child in node.get("Plans", []):
        yield from nodes(child)


@POSTGRES
@pytest.mark.parametrize("query", ["word3", "word3 word4", "rareword", "nothingmatches"])
def test_search_queries_use_the_index_read_only_matches_and_need_no_jit(archive, query):
    matches = search.search(query)
    ranked = (
        matches.annotate(rank=search.SearchRank(search.F("vector"), search._query(query)))
        .order_by("-rank")
        .values_list("pk", "rank")[:20]
    )
    for queryset in (matches.values("pk")[: search.COUNT_CAP + 1], ranked):
        explained = plan(queryset)
        every = list(nodes(explained["Plan"]))
        scans = [n for n in every if n.get("Relation Name") == SearchDocument._meta.db_table]
        assert scans and all(n["Node Type"] == "Bitmap Heap Scan" for n in scans), [
            n["Node Type"] for n in every
        ]
        # A GIN index on the vector (the partial one over what readers may find, or the whole one:
        # for a word nobody uses the planner may take either; the visibility filter is on the row).
        assert any(
            n.get("Index Name") in {"search_document_visible_gin", "search_document_vector_gin"}
            for n in every
        )
        assert {n.get("Relation Name") for n in every} - {None} == {SearchDocument._meta.db_table}  # no joins
        assert "JIT" not in explained


@POSTGRES
def test_a_broad_query_still_ranks_every_explainer_it_matches(reader, monkeypatch):
    monkeypatch.setattr(search, "COUNT_CAP", 10)
    monkeypatch.setattr(search, "RANK_POOL", 5)
    sources = [
        SourceFactory(title=f"Graphite note {n}", text=f"Graphite output, note {n}.") for n in range(30)
    ]
    explainer = explainer_citing(*sources, title="Why graphite matters", word="graphite")
    publish_now(explainer)
    html = found(reader, "graphite")
    assert "More than 10 results" in html and explainer.get_absolute_url() in html
    assert reader.get("/search/", {"q": "graphite", "page": "99"}).status_code == 200
