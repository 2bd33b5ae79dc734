"""The whole-page cache for anonymous readers: keyed by page versions kept in the database.

A hit costs one indexed read and renders nothing; a change retires, on every worker at once, the
pages that show it and only those; the cache being down or stalled never serves a stale page.
Workers are simulated by separate local caches (each gunicorn worker has its own).
"""

import datetime as dt
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection, transaction
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from explainers import page_cache, page_versions
from explainers.actor import acting_as
from explainers.models import Claim, PageVersion
from explainers.page_cache import _seconds_until_next_publication
from explainers.services import publishing
from sources.models import Person, Source
from tests.explainers.page_workers import worker
from tests.factories import (
    TEST_PUBLISHER,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    PersonFactory,
    PublishedExplainerFactory,
    UserFactory,
    build_explainer,
    publish_now,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]
CACHED = override_settings(PAGE_CACHE_SECONDS=300)


@pytest.fixture
def clear_cache():
    cache.clear()
    page_cache.recent.clear()
    yield
    cache.clear()
    page_cache.recent.clear()


def page(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache")


@CACHED
def test_a_hit_costs_one_indexed_read_and_renders_nothing():
    build_explainer(slug="cached", paragraphs=3)
    reader = Client()
    first = reader.get("/explainers/cached/")
    assert first["X-Page-Cache"] == "miss"
    with (
        CaptureQueriesContext(connection) as queries,
        mock.patch("django.template.base.Template.render", side_effect=AssertionError("rendered")),
    ):
        second = reader.get("/explainers/cached/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert [q["sql"] for q in queries] == [queries[0]["sql"]] and "explainers_pageversion" in queries[0][
        "sql"
    ]
    for header in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "X-Frame-Options",
        "X-Content-Type-Options",
    ):
        assert second[header] == first[header], header
    assert "Set-Cookie" not in second
    assert second["ETag"] == first["ETag"] and "max-age=0" in second["Cache-Control"]


def test_every_worker_sees_a_correction_published_by_another_on_its_next_request():
    explainer = build_explainer(slug="coherent", paragraphs=1, sentences=1)
    claim = Claim.objects.get(placements__block__explainer=explainer)
    urls = ["/explainers/coherent/", "/explainers/coherent/evidence/", "/api/explainers/coherent/", "/"]
    for name in ("a", "b"):
        with worker(name) as client:
            for url in urls:
                client.get(url)
                assert page(client, url)[2] == "hit"
    with worker("c"):  # the change is made elsewhere (another worker, a command, a shell)
        claim.text = "A corrected sentence about the framework."
        claim.save()
        publish_now(explainer)
    for name in ("a", "b"):
        with worker(name) as client:
            for url in urls[:3]:
                _status, body, state = page(client, url)
                assert state == "miss" and "A corrected sentence" in body, (name, url)


def test_an_unpublished_explainer_is_gone_from_every_worker_at_once():
    explainer = build_explainer(slug="withdrawn", paragraphs=1, sentences=1)
    for name in ("a", "b"):
        with worker(name) as client:
            client.get("/explainers/withdrawn/")
            client.get("/")
            assert "withdrawn" in page(client, "/")[1]
    publishing.withdraw(explainer, by=TEST_PUBLISHER)
    for name in ("a", "b"):
        with worker(name) as client:
            assert page(client, "/explainers/withdrawn/")[0] == 404
            assert "/explainers/withdrawn/" not in page(client, "/")[1]


def test_a_change_retires_only_the_pages_that_show_it():
    build_explainer(slug="touched", paragraphs=1, sentences=1, sources=1)
    build_explainer(slug="untouched", paragraphs=1, sentences=1, sources=1)
    touched_source = Source.objects.get(citations__claim__placements__block__explainer__slug="touched")
    other_source = Source.objects.get(citations__claim__placements__block__explainer__slug="untouched")
    with worker("a") as client:
        urls = [
            "/explainers/touched/",
            "/explainers/untouched/",
            f"/sources/{touched_source.slug}/",
            f"/sources/{other_source.slug}/",
            "/",
        ]
        for url in urls:
            client.get(url)
        touched_source.title = "A retitled report"
        with acting_as(TEST_PUBLISHER):
            touched_source.save()
        states = {url: page(client, url) for url in urls}
    assert (
        states["/explainers/touched/"][2] == "miss"
        and "A retitled report" in states["/explainers/touched/"][1]
    )
    assert states[f"/sources/{touched_source.slug}/"][2] == "miss"
    assert states["/explainers/untouched/"][2] == "hit"
    assert states[f"/sources/{other_source.slug}/"][2] == "hit"
    assert states["/"][2] == "hit"  # the lists show no source titles


def test_a_person_renamed_retires_their_page_and_the_explainers_quoting_them():
    speaker = PersonFactory(name="Asha Rao", slug="asha-rao")
    explainer = build_explainer(slug="quoting", paragraphs=1, sentences=1, published=False)
    quote = ClaimFactory(text="“We will build it,” Rao said.", kind=Claim.Kind.QUOTE, speaker_person=speaker)
    CitationFactory(claim=quote)
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=5), claim=quote)
    publish_now(explainer)
    with worker("a") as client:
        client.get("/people/asha-rao/")
        client.get("/explainers/quoting/")
        with acting_as(TEST_PUBLISHER):
            Person.objects.filter(pk=speaker.pk).first().save()  # a save of the person: any field
        assert page(client, "/people/asha-rao/")[2] == "miss"
        assert page(client, "/explainers/quoting/")[2] == "miss"


def test_editing_working_rows_retires_nothing_until_published():
    explainer = build_explainer(slug="drafting", paragraphs=1, sentences=1)
    with worker("a") as client:
        client.get("/explainers/drafting/")
        claim = Claim.objects.get(placements__block__explainer=explainer)
        claim.text = "An unpublished edit."
        claim.save()
        _status, body, state = page(client, "/explainers/drafting/")
        assert state == "hit" and "An unpublished edit." not in body


def test_a_cached_404_is_retired_when_the_page_is_published():
    explainer = build_explainer(slug="soon", paragraphs=1, sentences=1, published=False)
    with worker("a") as client:
        assert page(client, "/explainers/soon/")[0] == 404
        assert page(client, "/explainers/soon/")[2] == "hit"
        publish_now(explainer)
        assert page(client, "/explainers/soon/")[:1] == (200,)


def test_a_rolled_back_change_leaves_versions_and_a_later_change_still_retires():
    build_explainer(slug="rolled", paragraphs=1, sentences=1)
    before = page_versions.read("explainer:rolled")
    with pytest.raises(RuntimeError), transaction.atomic():
        page_versions.retire(["explainer:rolled"])
        raise RuntimeError("rolled back")
    assert page_versions.read("explainer:rolled") == before
    with transaction.atomic():
        page_versions.retire(["explainer:rolled"])
        page_versions.retire(["explainer:rolled"])  # once per transaction
    once = page_versions.read("explainer:rolled")
    assert once != before
    with transaction.atomic():
        try:
            with transaction.atomic():
                page_versions.retire(["explainer:rolled"])
                raise RuntimeError("savepoint rolled back")
        except RuntimeError:
            pass
        page_versions.retire(["explainer:rolled"])
    assert page_versions.read("explainer:rolled") not in (before, once)


def test_one_publication_moves_each_scope_once():
    explainer = build_explainer(slug="many", paragraphs=4, sentences=5, sources=6)
    versions = dict(PageVersion.objects.values_list("scope", "version"))
    publish_now(explainer)
    after = dict(PageVersion.objects.values_list("scope", "version"))
    moved = {scope for scope in after if after[scope] != versions.get(scope, 0)}
    assert {"explainer:many", "index", "search"} <= moved
    assert len([s for s in moved if s.startswith("source:")]) == 6
    with CaptureQueriesContext(connection) as queries:
        publish_now(explainer)
    assert len([q for q in queries if "explainers_pageversion" in q["sql"]]) == 1


@CACHED
def test_conditional_get_answers_304_until_the_page_changes():
    explainer = build_explainer(slug="etag", paragraphs=1, sentences=1)
    reader = Client()
    first = reader.get("/explainers/etag/")
    etag = first["ETag"]
    assert reader.get("/explainers/etag/", headers={"if-none-match": etag}).status_code == 304
    claim = Claim.objects.get(placements__block__explainer=explainer)
    claim.text = "Changed for the reader."
    claim.save()
    publish_now(explainer)
    fresh = reader.get("/explainers/etag/", headers={"if-none-match": etag})
    assert fresh.status_code == 200 and fresh["ETag"] != etag


@override_settings(PAGE_CACHE_SECONDS=300, PAGE_CDN_SECONDS=60)
def test_a_cdn_may_keep_pages_as_long_as_configured():
    build_explainer(slug="cdn", paragraphs=1, sentences=1)
    response = Client().get("/explainers/cdn/")
    assert "s-maxage=60" in response["Cache-Control"] and "public" in response["Cache-Control"]


@CACHED
def test_staff_are_never_served_cached_pages():
    build_explainer(slug="staffed", paragraphs=1, sentences=1)
    Client().get("/explainers/staffed/")
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    response = staff.get("/explainers/staffed/")
    assert "X-Page-Cache" not in response and "public" not in response.get("Cache-Control", "")


@CACHED
def test_pages_keep_serving_and_never_go_stale_when_the_cache_is_down():
    explainer = build_explainer(slug="outage", paragraphs=1, sentences=1)
    reader = Client()
    reader.get("/explainers/outage/")
    claim = Claim.objects.get(placements__block__explainer=explainer)
    with (
        mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("down")),
        mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("down")),
    ):
        claim.text = "Saved while the cache was down."
        claim.save()
        publish_now(explainer)
        assert "Saved while the cache was down." in page(reader, "/explainers/outage/")[1]
    assert "Saved while the cache was down." in page(reader, "/explainers/outage/")[1]


def test_cached_pages_expire_before_the_next_scheduled_publication():
    assert _seconds_until_next_publication(300) == 300
    PublishedExplainerFactory(publish=timezone.now() + dt.timedelta(seconds=42))
    assert 40 <= _seconds_until_next_publication(300) <= 42


def test_paths_map_to_the_scope_of_what_they_show():
    assert page_versions.scope_of_path("/explainers/a-b/") == "explainer:a-b"
    assert page_versions.scope_of_path("/explainers/a-b/evidence/") == "explainer:a-b"
    assert page_versions.scope_of_path("/api/explainers/a-b/") == "explainer:a-b"
    assert page_versions.scope_of_path("/claims/12/") == "claim:12"
    assert page_versions.scope_of_path("/sources/r/") == "source:r"
    assert page_versions.scope_of_path("/search/") == "search"
    lists = ("/", "/api/explainers/", "/corrections/")
    assert {page_versions.scope_of_path(p) for p in lists} == {"index"}
    assert page_versions.scope_of_path("/feed/") == "feed"  # whole explainers: retired by their records too
    assert page_versions.scope_of_path("/sitemap.xml") == "sitemap"
    assert page_versions.scope_of_path("/admin/") is None
    assert page_versions.scope_of_path("/preview/abc/") is None


def test_a_claim_page_shows_a_disagreement_published_later_in_another_explainer():
    first = build_explainer(slug="first", paragraphs=1, sentences=1, published=False)
    Claim.objects.filter(placements__block__explainer=first).update(
        topic="deal-value", text="It is worth $1bn."
    )
    publish_now(first)
    claim = Claim.objects.get(placements__block__explainer=first)
    second = build_explainer(slug="second", paragraphs=1, sentences=1, published=False)
    Claim.objects.filter(placements__block__explainer=second).update(
        topic="deal-value", text="It is worth $2bn."
    )
    with worker("a") as client:
        assert "It is worth $2bn." not in page(client, f"/claims/{claim.pk}/")[1]
        publish_now(second)
        _status, body, state = page(client, f"/claims/{claim.pk}/")
    assert state == "miss" and "It is worth $2bn." in body


@CACHED
def test_a_worker_keeps_recent_pages_in_its_own_memory_within_its_budget():
    for n in range(5):
        build_explainer(slug=f"recent-{n}", paragraphs=1, sentences=1)
    reader = Client()
    first = reader.get("/explainers/recent-0/")
    with mock.patch("django.core.cache.cache.get", side_effect=AssertionError("shared cache asked")):
        assert reader.get("/explainers/recent-0/")["X-Page-Cache"] == "hit"
    budget = len(first.content) * 4 + 200  # room for four such pages
    with override_settings(PAGE_CACHE_LOCAL_BYTES=budget):
        for n in range(1, 5):
            reader.get(f"/explainers/recent-{n}/")
        assert page_cache.recent.size <= budget and len(page_cache.recent.entries) == 4
        assert not any(":explainer:recent-0:" in key for key in page_cache.recent.entries)  # the oldest went
    assert reader.get("/explainers/recent-0/")["X-Page-Cache"] == "hit"  # from the shared cache


@CACHED
def test_a_page_from_the_shared_cache_is_kept_locally_no_longer_than_there():
    build_explainer(slug="shared", paragraphs=1, sentences=1)
    PublishedExplainerFactory(publish=timezone.now() + dt.timedelta(seconds=42))
    Client().get("/explainers/shared/")  # kept until the scheduled publication, not 300 s
    page_cache.recent.clear()  # another worker: the page is only in the shared cache
    with mock.patch.object(page_cache.recent, "put", wraps=page_cache.recent.put) as put:
        assert Client().get("/explainers/shared/")["X-Page-Cache"] == "hit"
    assert 0 < put.call_args.args[2] <= 42
