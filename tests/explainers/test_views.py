"""The public site: cited explainers, the pages behind every citation, feeds and JSON."""

import datetime as dt
import json
import re
from html import unescape

import pytest
from django.test import Client
from django.utils import timezone

from explainers.models import Claim
from tests.factories import (
    AgreementFactory,
    AuthorFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerAuthorFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    PublishedExplainerFactory,
    PublisherFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    UserFactory,
    build_explainer,
    publish_now,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def reader():
    return Client()


@pytest.fixture
def staff_client():
    client = Client()
    client.force_login(UserFactory(username="desk", groups=["Editor"]))
    return client


def cited_explainer():
    """Three sentences: A cites s1; B cites s2 and s1; C cites s2. So s1 is [1], s2 is [2]."""
    explainer = ExplainerFactory(title="Why the pact matters", slug="why-the-pact-matters")
    s1 = SourceFactory(title="Report one", publisher=PublisherFactory(name="The Daily"))
    s2 = SourceFactory(title="Report two", publisher=PublisherFactory(name="Wire Co"))
    block = BlockFactory(explainer=explainer, position=0)
    texts = ["Sentence A.", "Sentence B.", "Sentence C."]
    claims = [ClaimFactory(text=t) for t in texts]
    CitationFactory(claim=claims[0], source=s1, quote="covers mining, processing")
    CitationFactory(claim=claims[1], source=s2, quote="signed a bilateral")
    CitationFactory(claim=claims[1], source=s1, quote="rare earth refining")
    CitationFactory(claim=claims[2], source=s2, quote="critical minerals framework")
    for n, claim in enumerate(claims):
        BlockClaimFactory(block=block, claim=claim, position=n)
    publish_now(explainer)
    return explainer, s1, s2


def test_explainer_numbers_sources_by_first_appearance_with_backlinks(reader):
    _explainer, s1, _s2 = cited_explainer()
    html = reader.get("/explainers/why-the-pact-matters/").content.decode()
    markers = re.findall(r'<sup class="cite" id="(cite-\d-[a-z]+)"[^>]*><a href="#ref-(\d)"', html)
    assert markers == [("cite-1-a", "1"), ("cite-1-b", "1"), ("cite-2-a", "2"), ("cite-2-b", "2")]
    assert '<li id="ref-1">' in html and 'href="#cite-1-a"' in html and 'href="#cite-1-b"' in html
    ref_one = html[html.index('<li id="ref-1">') : html.index('<li id="ref-2">')]
    assert "Report one" in ref_one and "The Daily" in ref_one
    assert f"/sources/{s1.slug}/#passage-" in ref_one


def test_marker_tooltip_shows_quote_and_publisher_without_javascript(reader):
    cited_explainer()
    html = reader.get("/explainers/why-the-pact-matters/").content.decode()
    tip = re.search(
        r'<span class="cite-tip" role="tooltip" id="tip-cite-1-a">(.*?)</span></sup>', html
    ).group(1)
    assert "covers mining, processing" in tip and "The Daily" in tip
    assert 'aria-describedby="tip-cite-1-a"' in html


def test_tooltip_and_reference_give_the_updated_date_when_the_source_states_only_that(reader):
    _explainer, s1, _ = cited_explainer()
    from explainers import renderings
    from sources.models import Source

    Source.objects.filter(pk=s1.pk).update(
        published_at=None, modified_at=dt.datetime(2026, 5, 26, 23, 7, tzinfo=dt.UTC)
    )
    renderings.refresh(_explainer.snapshots.values_list("pk", flat=True))  # update() sends no signal
    html = reader.get("/explainers/why-the-pact-matters/").content.decode()
    tip = re.search(r'id="tip-cite-1-a">(.*?)</span></sup>', html).group(1)
    assert "The Daily, 26 May 2026" in tip
    assert "The Daily, <time" in html


def test_explainer_page_has_canonical_open_graph_and_json_ld(reader):
    cited_explainer()
    html = reader.get("/explainers/why-the-pact-matters/").content.decode()
    assert '<link rel="canonical" href="http://testserver/explainers/why-the-pact-matters/">' in html
    assert '<meta property="og:title" content="Why the pact matters">' in html
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and len(data["citation"]) == 2
    assert data["citation"][0]["publisher"]["name"] == "The Daily"


def test_pull_quote_and_analysis_keep_their_roles(reader):
    explainer = ExplainerFactory(slug="roles")
    lede = ClaimFactory(text="The lede.")
    CitationFactory(claim=lede)
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=0), claim=lede, position=0)
    BlockClaimFactory(
        block=BlockFactory(explainer=explainer, position=1, kind="pullquote"), claim=lede, position=0
    )
    analysis = ClaimFactory(text="What it means.", kind="analysis")
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=2, kind="analysis"), claim=analysis)
    publish_now(explainer)
    html = reader.get("/explainers/roles/").content.decode()
    assert '<blockquote class="pullquote"><p>The lede.</p></blockquote>' in html
    assert 'aria-label="Analysis"' in html and '<p class="label">Analysis</p>' in html
    assert html.count('class="cite"') == 1  # the pull quote repeats, it does not re-cite


def test_a_partly_supported_sentence_is_marked_with_the_terms_its_sources_do_not_say(reader):
    explainer = ExplainerFactory(slug="partial")
    claim = ClaimFactory(text="India and the US signed a critical minerals framework in Geneva.")
    CitationFactory(claim=claim, quote="India and the US signed a bilateral critical minerals framework")
    supported = ClaimFactory(text="The pact covers mining and processing.")
    CitationFactory(claim=supported, quote="The pact covers mining, processing")
    block = BlockFactory(explainer=explainer)
    BlockClaimFactory(block=block, claim=claim, position=0)
    BlockClaimFactory(block=block, claim=supported, position=1)
    publish_now(explainer)
    html = reader.get("/explainers/partial/").content.decode()
    assert html.count('class="support-mark support-mark--partial"') == 1  # only the partial sentence
    assert "The sources cited here don't mention “Geneva”." in unescape(html)
    assert 'role="tooltip"' in html and "support-mark-button" in html


@pytest.mark.parametrize(
    "status, offset", [("draft", -1), ("review", -1), ("archived", -1), ("published", 1)]
)
def test_unpublished_or_scheduled_explainers_are_not_public(reader, staff_client, status, offset):
    explainer = ExplainerFactory(slug="hidden", status="review" if status == "published" else status)
    if status == "published":
        publish_now(explainer, at=timezone.now() + dt.timedelta(hours=offset))
    for url in ["/explainers/hidden/", "/explainers/hidden/evidence/", "/api/explainers/hidden/"]:
        assert reader.get(url).status_code == 404
    assert "hidden" not in reader.get("/api/explainers/").content.decode()
    assert "hidden" not in reader.get("/feed/").content.decode()
    assert "hidden" not in reader.get("/sitemap.xml").content.decode()
    preview = staff_client.get("/explainers/hidden/")
    assert preview.status_code == 200 and "Preview" in preview.content.decode()
    assert "no-store" in preview["Cache-Control"] and "noindex" in preview["X-Robots-Tag"]
    assert explainer.pk


def test_scheduled_explainer_appears_on_time_by_itself(reader, settings):
    soon = timezone.now() + dt.timedelta(seconds=1)
    PublishedExplainerFactory(slug="scheduled", publish=soon)
    assert reader.get("/explainers/scheduled/").status_code == 404
    from unittest import mock

    with mock.patch("django.utils.timezone.now", return_value=soon + dt.timedelta(seconds=5)):
        assert reader.get("/explainers/scheduled/").status_code == 200


def test_api_list_and_detail_follow_the_contract(reader):
    _explainer, _s1, _s2 = cited_explainer()
    listing = reader.get("/api/explainers/").json()
    assert listing["results"][0].keys() >= {"slug", "title", "url", "published_at"}
    data = reader.get("/api/explainers/why-the-pact-matters/").json()
    assert data.keys() >= {"slug", "title", "dek", "status", "published_at", "blocks", "references"}
    sentence = data["blocks"][0]["sentences"][1]
    assert sentence.keys() >= {"claim", "kind", "text", "refs"} and sentence["refs"] == [1, 2]
    ref = data["references"][0]
    assert ref["n"] == 1 and ref["source"].keys() >= {"slug", "title", "publisher", "url", "published_at"}
    assert ref["citations"][0].keys() >= {"claim", "quote", "status", "score"}
    assert ref["citations"][0]["status"] == "exact"


def test_source_page_highlights_and_anchors_every_cited_passage(reader, staff_client):
    _explainer, s1, _s2 = cited_explainer()
    html = reader.get(f"/sources/{s1.slug}/").content.decode()
    for citation in s1.citations.all():
        assert f'id="passage-{citation.pk}"' in html
    assert '<mark class="passage" id="passage-' in html and "covers mining, processing</mark>" in html
    assert "As received" not in html
    assert "As received (staff only)" in staff_client.get(f"/sources/{s1.slug}/").content.decode()


def test_uncited_source_is_not_public(reader):
    source = SourceFactory()
    assert reader.get(f"/sources/{source.slug}/").status_code == 404


def test_person_page_shows_roles_and_quotes_with_citations(reader):
    role = RoleFactory(
        title="External Affairs Minister", person=PersonFactory(name="S. Jaishankar", slug="jaishankar")
    )
    quote = QuoteFactory(
        text="It is clearly something very timely.",
        speaker_person=role.person,
        speaker_role=role,
        status=Claim.Status.VERIFIED,
    )
    CitationFactory(claim=quote)
    publish_now(quote)
    html = reader.get("/people/jaishankar/").content.decode()
    assert "External Affairs Minister" in html and "It is clearly something very timely." in html
    assert "as External Affairs Minister" in html


def test_person_contact_never_reaches_public_pages(reader):
    person = PersonFactory(slug="private", contact="phone 555 0100")
    quote = QuoteFactory(speaker_person=person, status=Claim.Status.VERIFIED)
    CitationFactory(claim=quote)
    publish_now(quote)
    assert "555 0100" not in reader.get("/people/private/").content.decode()


def test_agreement_page_has_fact_box_timeline_and_explainers(reader):
    agreement = AgreementFactory(slug="pact", signed_place="Hyderabad House, New Delhi")
    milestone = ClaimFactory(
        text="FORGE launched.",
        agreement=agreement,
        occurred_on=dt.date(2026, 2, 4),
        status=Claim.Status.VERIFIED,
    )
    CitationFactory(claim=milestone)
    publish_now(agreement)
    PublishedExplainerFactory(agreement=agreement, title="About the pact")
    html = reader.get("/agreements/pact/").content.decode()
    assert "Hyderabad House, New Delhi" in html and 'class="timeline"' in html
    assert "4 February 2026" in html and "FORGE launched." in html and "About the pact" in html


def test_claim_page_counts_independent_publishers(reader):
    claim = ClaimFactory(status=Claim.Status.VERIFIED)
    CitationFactory(claim=claim)
    CitationFactory(claim=claim)
    publish_now(claim)
    assert "Backed by 2 independent publishers" in reader.get(f"/claims/{claim.pk}/").content.decode()


def test_draft_claim_outside_published_explainers_is_not_public(reader):
    claim = ClaimFactory(status=Claim.Status.DRAFT)
    assert reader.get(f"/claims/{claim.pk}/").status_code == 404


def test_tag_page_lists_published_explainers(reader):
    explainer = ExplainerFactory(title="Tagged one")
    explainer.tags.add("rare earths")
    publish_now(explainer)
    ExplainerFactory(title="Draft tagged").tags.add("rare earths")
    html = reader.get("/tags/rare-earths/").content.decode()
    assert "Tagged one" in html and "Draft tagged" not in html


def test_search_finds_published_explainers_with_highlighted_snippets(reader):
    explainer = PublishedExplainerFactory(title="Rare earths explained", dek="Why Hyderabad House matters.")
    ExplainerFactory(title="Draft on Hyderabad House")
    html = reader.get("/search/", {"q": "Hyderabad House"}).content.decode()
    assert explainer.get_absolute_url() in html and "Draft on" not in html
    assert "<mark>Hyderabad</mark>" in html


def test_search_snippets_escape_stored_text(reader):
    PublishedExplainerFactory(title="Payload", dek="Lithium <img src=x onerror=alert(1)> lithium")
    html = reader.get("/search/", {"q": "lithium"}).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html


def test_search_paginates(reader):
    for n in range(25):
        PublishedExplainerFactory(title=f"Lithium story {n}")
    first = reader.get("/search/", {"q": "lithium"}).content.decode()
    assert "Page 1 of 2" in first and "Next page" in first


def test_feed_sitemap_and_robots(reader):
    explainer = PublishedExplainerFactory(title="In the feed")
    feed = reader.get("/feed/")
    assert feed["Content-Type"].startswith("application/atom+xml") and b"In the feed" in feed.content
    assert explainer.get_absolute_url().encode() in reader.get("/sitemap.xml").content
    robots = reader.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: http://testserver/sitemap.xml" in robots


def test_home_lists_published_explainers_and_the_agreement(reader):
    PublishedExplainerFactory(title="Published one")
    ExplainerFactory(title="Draft one")
    publish_now(AgreementFactory(title="The framework"))
    html = reader.get("/").content.decode()
    assert "Published one" in html and "Draft one" not in html and "The framework" in html


def test_friendly_404(reader):
    response = reader.get("/explainers/no-such-thing/")
    assert response.status_code == 404 and "Page not found" in response.content.decode()


def test_authors_and_tags_are_shown(reader):
    explainer = ExplainerFactory(slug="authored")
    ExplainerAuthorFactory(explainer=explainer, author=AuthorFactory(name="Desk Writer"))
    ExplainerAuthorFactory(explainer=explainer, author=AuthorFactory(name="Second Writer"), position=1)
    explainer.tags.add("minerals")
    publish_now(explainer)
    html = reader.get("/explainers/authored/").content.decode()
    assert "By Desk Writer and Second Writer" in html and "/tags/minerals/" in html
    assert '<meta property="article:author" content="Desk Writer">' in html
    feed = reader.get("/feed/").content.decode()
    assert "<author><name>Desk Writer, Second Writer</name></author>" in feed
    data = reader.get("/api/explainers/authored/").json()
    assert data["authors"] == ["Desk Writer", "Second Writer"]


# --- a bounded number of queries, whatever the size -----------------------------------------


@pytest.mark.parametrize(
    "url", ["/explainers/{slug}/", "/explainers/{slug}/evidence/", "/api/explainers/{slug}/"]
)
def test_explainer_pages_run_the_same_number_of_queries_for_5_and_50_citations(
    reader, url, django_assert_num_queries
):
    small = build_explainer(paragraphs=1, sentences=5, sources=3)
    large = build_explainer(paragraphs=10, sentences=5, sources=10)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for explainer in (small, large):
        reader.get(url.format(slug=explainer.slug))  # warm caches such as the support scores
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(url.format(slug=explainer.slug)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize(
    "make_url",
    [
        lambda e: f"/sources/{e.blocks.first().items.first().claim.citations.first().source.slug}/",
        lambda e: "/",
        lambda e: "/search/?q=framework",
    ],
)
def test_other_pages_are_bounded_too(reader, make_url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for size in (2, 20):
        explainer = build_explainer(paragraphs=size, sentences=2, sources=2)
        url = make_url(explainer)
        reader.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


# --- hostile text is escaped everywhere -----------------------------------------------------

PAYLOADS = ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)"]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_every_field_is_escaped(reader, payload):
    org = OrganizationFactory(name=f"Org {payload}")
    person = PersonFactory(name=f"Person {payload}", slug="hostile-person")
    RoleFactory(person=person, title=f"Role {payload}", organization=org)
    publisher = PublisherFactory(name=f"Publisher {payload}")
    source = SourceFactory(
        title=f"Title {payload}",
        byline=f"By {payload}",
        publisher=publisher,
        raw_text=f"Body {payload} text.",
        text=f"Body {payload} text.",
        slug="hostile-source",
    )
    agreement = AgreementFactory(
        title=f"Agreement {payload}", signed_place=f"Place {payload}", slug="hostile-pact"
    )
    explainer = ExplainerFactory(
        title=f"Explainer {payload}",
        dek=f"Dek {payload}",
        slug="hostile",
        agreement=agreement,
        notes=f"Notes {payload}",
    )
    explainer.tags.add(f"tag {payload}")
    quote = QuoteFactory(
        text=f"Quote {payload}",
        speaker_person=person,
        status=Claim.Status.VERIFIED,
        agreement=agreement,
        occurred_on=dt.date(2026, 5, 26),
    )
    CitationFactory(claim=quote, source=source, quote=f"Body {payload}")
    BlockClaimFactory(block=BlockFactory(explainer=explainer, kind="paragraph", position=0), claim=quote)
    BlockFactory(explainer=explainer, kind="heading", text=f"Heading {payload}", position=1)
    publish_now(explainer)
    publish_now(agreement)
    urls = [
        "/",
        "/explainers/hostile/",
        "/explainers/hostile/evidence/",
        "/sources/hostile-source/",
        "/people/hostile-person/",
        "/agreements/hostile-pact/",
        f"/claims/{quote.pk}/",
        "/search/?q=quote",
        "/feed/",
    ]
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert(1)" not in html, url
        assert "<img src=x" not in html, url
        assert 'href="javascript:' not in html, url


def test_search_index_can_be_rebuilt_from_the_records(reader):
    from io import StringIO

    from django.core.management import call_command

    from explainers.models import SearchDocument

    explainer = PublishedExplainerFactory(title="Rebuilt lithium story")
    SearchDocument.objects.all().delete()
    assert "Rebuilt lithium story" not in reader.get("/search/", {"q": "lithium"}).content.decode()
    out = StringIO()
    call_command("rebuild_search_index", stdout=out)
    assert "Indexed" in out.getvalue()
    assert explainer.get_absolute_url() in reader.get("/search/", {"q": "lithium"}).content.decode()
