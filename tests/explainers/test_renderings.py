"""Rendering once: a published version's reader pages are stored with it and served from the row."""

import io
import json

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from explainers import api, renderings, views
from explainers.models import Rendering, Snapshot
from explainers.services import publishing
from sources.models import Source
from tests.factories import (
    TEST_PUBLISHER,
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    SourceFactory,
    UserFactory,
    build_explainer,
    publish_now,
)

pytestmark = pytest.mark.django_db

PAGES = ("/explainers/{slug}/", "/explainers/{slug}/evidence/", "/api/explainers/{slug}/")


@pytest.fixture
def reader():
    return Client()


def live_version(explainer) -> Snapshot:
    return explainer.snapshots.public().get()


def live_responses(client, monkeypatch, slug) -> list[bytes]:
    """The same pages rendered live from the version, as they were before pages were stored."""
    with monkeypatch.context() as patched:

        def rendered_live(request, slug, *args):
            return None, views.explainer_page(request, slug)

        patched.setattr(views, "reader_rendering", rendered_live)
        patched.setattr(api, "reader_rendering", rendered_live)
        return [client.get(url.format(slug=slug)).content for url in PAGES]


def cited_story():
    """A story with what a page can show: a heading, a pull quote, analysis, two sources, a tag."""
    explainer = ExplainerFactory(title="Why the pact matters", slug="why-it-matters", dek="A <b>dek</b>.")
    explainer.tags.add("minerals")
    one, two = SourceFactory(title="Report one"), SourceFactory(title="Report two")
    BlockFactory(explainer=explainer, kind="heading", text="What was signed", position=0)
    body = BlockFactory(explainer=explainer, position=1)
    claims = [ClaimFactory(text=f"Sentence {n} & more.") for n in range(3)]
    CitationFactory(claim=claims[0], source=one)
    CitationFactory(claim=claims[1], source=two)
    CitationFactory(claim=claims[1], source=one, quote="covers mining, processing")
    for n, claim in enumerate(claims):
        BlockClaimFactory(block=body, claim=claim, position=n)
    BlockClaimFactory(block=BlockFactory(explainer=explainer, kind="pullquote", position=2), claim=claims[0])
    analysis = ClaimFactory(text="What it means.", kind="analysis")
    BlockClaimFactory(block=BlockFactory(explainer=explainer, kind="analysis", position=3), claim=analysis)
    publish_now(explainer)
    return explainer, one


def test_publishing_stores_the_rendering_of_the_version(reader):
    explainer = build_explainer(paragraphs=2, sentences=2, sources=2)
    row = Rendering.objects.get(snapshot=live_version(explainer))
    assert row.format == renderings.current_format()
    assert row.title == explainer.title
    assert "Sentence 1.1 about the framework." in row.article
    assert '<table class="evidence-map">' in row.evidence
    assert json.loads(row.api)["slug"] == explainer.slug
    assert row.mark and row.mark in row.head and "testserver" not in row.head


def test_only_published_explainer_versions_are_stored():
    explainer = build_explainer(published=False)
    preview = publishing.preview(explainer, by=TEST_PUBLISHER)
    agreement = AgreementFactory()
    agreement_version = publish_now(agreement)
    assert renderings.store(preview) is None
    assert renderings.store(agreement_version) is None
    assert not Rendering.objects.filter(snapshot__in=[preview, agreement_version]).exists()


@pytest.mark.parametrize("size", ["story", "large"])
def test_the_stored_pages_are_what_a_live_render_gives(reader, monkeypatch, size):
    if size == "story":
        explainer, _ = cited_story()
    else:
        explainer = build_explainer(paragraphs=12, sentences=5, sources=30)
    stored = [reader.get(url.format(slug=explainer.slug)) for url in PAGES]
    assert all(response.status_code == 200 for response in stored)
    assert [r.content for r in stored] == live_responses(reader, monkeypatch, explainer.slug)
    assert stored[2]["Content-Type"] == "application/json"


def test_absolute_urls_get_the_request_origin(reader):
    explainer, _ = cited_story()
    page = reader.get(f"/explainers/{explainer.slug}/", HTTP_HOST="localhost", secure=True).content.decode()
    data = reader.get(f"/api/explainers/{explainer.slug}/", HTTP_HOST="localhost").json()
    mark = live_version(explainer).rendering.mark
    assert '<link rel="canonical" href="https://localhost/explainers/why-it-matters/">' in page
    assert data["url"] == "http://localhost/explainers/why-it-matters/"
    assert data["references"][0]["source"]["page"].startswith("http://localhost/sources/")
    assert mark not in page and mark not in json.dumps(data)


def test_a_reader_page_costs_one_query_whatever_its_size(reader, django_assert_num_queries):
    small = build_explainer(paragraphs=1, sentences=3, sources=3)
    large = build_explainer(paragraphs=30, sentences=10, sources=300)
    assert len(reader.get(f"/api/explainers/{large.slug}/").json()["references"]) == 300
    # A 300 × 300 map takes minutes to judge; what is measured here is reading the stored one.
    assert live_version(large).rendering.evidence == ""
    Rendering.objects.filter(snapshot=live_version(large)).update(evidence="<p>the map</p>\n")
    for url in PAGES:
        for explainer in (small, large):
            with django_assert_num_queries(1):
                assert reader.get(url.format(slug=explainer.slug)).status_code == 200


def test_a_changed_source_is_shown_once_its_versions_are_refreshed(reader):
    explainer, source = cited_story()
    Source.objects.filter(pk=source.pk).update(title="Report one, revised")  # no signal: nothing refreshed
    url = f"/explainers/{explainer.slug}/"
    assert "Report one, revised" not in reader.get(url).content.decode()
    assert renderings.refresh([live_version(explainer).pk]) == 1
    assert "Report one, revised" in reader.get(url).content.decode()
    assert "Report one, revised" in reader.get(f"/api/explainers/{explainer.slug}/").content.decode()


def test_refresh_drops_the_rows_of_ended_versions():
    explainer = build_explainer()
    first = live_version(explainer)
    publish_now(explainer)
    assert renderings.refresh([first.pk]) == 0
    assert not Rendering.objects.filter(snapshot=first).exists()


def test_the_json_and_evidence_map_are_served_from_the_stored_row(reader):
    explainer = build_explainer()
    row = live_version(explainer).rendering
    row.api = json.dumps({"from": "the row", "url": row.mark + "/x/"})
    row.evidence = "<p>evidence from the row</p>\n"
    row.save()
    assert reader.get(f"/api/explainers/{explainer.slug}/").json() == {
        "from": "the row",
        "url": "http://testserver/x/",
    }
    assert (
        "<p>evidence from the row</p>"
        in reader.get(f"/explainers/{explainer.slug}/evidence/").content.decode()
    )


@pytest.mark.parametrize("damage", ["missing", "outdated"])
def test_a_missing_or_outdated_rendering_is_rendered_on_first_view(reader, monkeypatch, damage):
    explainer = build_explainer()
    version = live_version(explainer)
    before = [reader.get(url.format(slug=explainer.slug)).content for url in PAGES]
    if damage == "missing":
        Rendering.objects.filter(snapshot=version).delete()
    else:
        Rendering.objects.filter(snapshot=version).update(
            format="0-templates-of-an-earlier-deploy", article="old"
        )
    assert reader.get(f"/explainers/{explainer.slug}/").content == before[0]
    row = Rendering.objects.get(snapshot=version)
    assert row.format == renderings.current_format() and row.article != "old"
    assert [reader.get(url.format(slug=explainer.slug)).content for url in PAGES] == before


def test_staff_previews_of_working_rows_are_rendered_live_and_never_stored():
    explainer = build_explainer()
    version = live_version(explainer)
    stored = version.rendering.article
    claim = explainer.blocks.first().items.first().claim
    type(claim).objects.filter(pk=claim.pk).update(text="A pending correction.")
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    response = staff.get(f"/explainers/{explainer.slug}/")
    assert "A pending correction." in response.content.decode()
    assert response["Cache-Control"] == "no-store, private"
    assert Rendering.objects.get(snapshot=version).article == stored
    assert "A pending correction." not in Client().get(f"/explainers/{explainer.slug}/").content.decode()


def test_staff_see_the_stored_page_when_nothing_is_pending(reader):
    explainer = build_explainer()
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    Rendering.objects.filter(snapshot=live_version(explainer)).update(article="<p>stored</p>\n")
    assert "<p>stored</p>" in staff.get(f"/explainers/{explainer.slug}/").content.decode()


def test_render_versions_renders_every_current_version_and_is_idempotent():
    kept = build_explainer()
    replaced = build_explainer()
    old = live_version(replaced)
    publish_now(replaced)
    Rendering.objects.all().delete()
    Rendering.objects.create(snapshot=old, head="", article="")
    call_command("render_versions", stdout=io.StringIO())
    current = {live_version(kept).pk, live_version(replaced).pk}
    assert set(Rendering.objects.values_list("snapshot_id", flat=True)) == current
    first = {r.pk: (r.head, r.article, r.evidence, r.api) for r in Rendering.objects.all()}
    call_command("render_versions", stdout=io.StringIO())
    assert {r.pk: (r.head, r.article, r.evidence, r.api) for r in Rendering.objects.all()} == first


def test_render_versions_outdated_leaves_current_rows_alone():
    fresh = build_explainer()
    stale = build_explainer()
    Rendering.objects.filter(snapshot=live_version(fresh)).update(article="kept")
    Rendering.objects.filter(snapshot=live_version(stale)).update(format="0-old", article="stale")
    call_command("render_versions", "--outdated", stdout=io.StringIO())
    assert Rendering.objects.get(snapshot=live_version(fresh)).article == "kept"
    assert Rendering.objects.get(snapshot=live_version(stale)).article != "stale"


def test_a_large_evidence_map_is_left_for_its_first_view(reader, monkeypatch):
    monkeypatch.setattr(renderings, "EVIDENCE_CELLS", 3)
    explainer = build_explainer(paragraphs=2, sentences=2, sources=4)
    version = live_version(explainer)
    assert version.rendering.evidence == "" and version.rendering.article
    page = reader.get(f"/explainers/{explainer.slug}/evidence/").content.decode()
    assert '<table class="evidence-map">' in page
    assert Rendering.objects.get(snapshot=version).evidence in page


def test_reading_the_live_version_with_its_rendering_is_one_query():
    explainer = build_explainer()
    with CaptureQueriesContext(connection) as captured:
        version = renderings.live_version(explainer.slug)
        row = renderings.for_version(version)
    assert len(captured) == 1 and row.article
