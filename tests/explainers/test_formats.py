"""Every format of an explainer's record: the Atom feed with whole entries, JSON-LD citations with
their dates and publishers, the references as CSL-JSON (valid against the official CSL-JSON schema)
and every citation as a W3C Web Annotation, over a corpus of explainers citing sources of every kind.
"""

import datetime as dt
import json
import re
import xml.etree.ElementTree as ET
from html import unescape
from pathlib import Path
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from jsonschema import Draft7Validator

from explainers import page_cache
from explainers.actor import acting_as
from explainers.feeds import FEED_SIZE
from explainers.models import Citation, Snapshot
from sources.models import Publisher, Source
from tests.factories import (
    TEST_PUBLISHER,
    AuthorFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerAuthorFactory,
    ExplainerFactory,
    PublisherFactory,
    SourceFactory,
    UserFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db

CSL_SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "csl-data.json").read_text())
ATOM = {"a": "http://www.w3.org/2005/Atom"}
IST = dt.timezone(dt.timedelta(hours=5, minutes=30))

# (kind, publisher kind, byline, the people it names) — every kind of source, bylines of people,
# of an agency and of a desk.
KINDS = [
    (Source.Kind.REPORT, Publisher.Kind.NEWSPAPER, "Asha Verma", [("Asha", "Verma")]),
    (Source.Kind.WIRE, Publisher.Kind.WIRE, "PTI", []),
    (
        Source.Kind.ANALYSIS,
        Publisher.Kind.OTHER,
        "Jane Doe and John Smith",
        [("Jane", "Doe"), ("John", "Smith")],
    ),
    (Source.Kind.SUMMARY, Publisher.Kind.EDUCATION, "", []),
    (Source.Kind.EXPLAINER, Publisher.Kind.SYNDICATOR, "Express News Service", []),
    (Source.Kind.PRESS_RELEASE, Publisher.Kind.GOVERNMENT, "", []),
    (Source.Kind.OFFICIAL, Publisher.Kind.GOVERNMENT, "", []),
    (Source.Kind.OTHER, Publisher.Kind.NEWS_AGGREGATOR, "Ravi Menon, Staff Writer", [("Ravi", "Menon")]),
]
CSL_TYPE = {
    Source.Kind.REPORT: "article-newspaper",
    Source.Kind.WIRE: "article-newspaper",
    Source.Kind.ANALYSIS: "webpage",  # analysis from a publisher that is not a news outlet
    Source.Kind.SUMMARY: "webpage",
    Source.Kind.EXPLAINER: "webpage",
    Source.Kind.PRESS_RELEASE: "document",
    Source.Kind.OFFICIAL: "report",
    Source.Kind.OTHER: "webpage",
}


def source_text(name: str, n: int) -> str:
    """A text where one phrase comes twice (the prefix and suffix tell the places apart)."""
    return (
        f"{name} {n}: the ministers met in the capital on Tuesday.\n\n"
        f"The pact covers mining, processing and recycling of critical minerals in story {n}.\n\n"
        f"Officials said the pact covers mining at first. Later, they said “the pact covers mining” "
        f"again, and added that refining would follow in story {n}."
    )


def make_sources(name: str) -> list[Source]:
    sources = []
    for n, (kind, publisher_kind, byline, _) in enumerate(KINDS):
        publisher = PublisherFactory(
            name=f"{name} publisher {n}", slug=f"{name}-pub-{n}", kind=publisher_kind
        )
        fields = {
            "slug": f"{name}-{kind}-{n}",
            "title": f"{name.title()} {kind} {n}",
            "kind": kind,
            "publisher": publisher,
            "byline": byline,
            "raw_text": source_text(name, n),
            "url": f"https://news.example/{name}/{n}" if n % 2 == 0 else "",
            "dek": f"What {kind} {n} says." if n % 3 == 0 else "",
            "retrieved_at": timezone.make_aware(dt.datetime(2026, 6, 1 + n, 9, 0)),
        }
        if n % 3 == 0:  # a published time
            fields["published_at"] = timezone.make_aware(dt.datetime(2026, 5, 26, 10, n))
        elif n % 3 == 1:  # only an "updated" time, printed in its own zone, late in the evening UTC
            printed = dt.datetime(2026, 5, 27, 4, 37, tzinfo=IST)
            fields["published_at"] = None
            fields["modified_at"] = printed
            fields["stated_dates"] = [
                {
                    "label": "updated",
                    "text": "Updated: May 27, 2026 04:37 AM IST",
                    "value": printed.isoformat(),
                }
            ]
        else:  # no date at all
            fields["published_at"] = None
        sources.append(SourceFactory(**fields))
    sources[4].derived_from = sources[0]  # the syndicated explainer copies the report
    sources[4].save()
    return sources


def make_explainer(name: str, e: int, sources: list[Source], *, authors=(), publish=True):
    """Paragraphs whose sentences cite two passages each, the second the phrase that comes twice."""
    explainer = ExplainerFactory(slug=f"{name}-{e}", title=f"{name.title()} explainer {e}")
    for position, author in enumerate(authors):
        ExplainerAuthorFactory(explainer=explainer, author=AuthorFactory(name=author), position=position)
    for p, source in enumerate(sources):
        block = BlockFactory(explainer=explainer, position=p)
        claim = ClaimFactory(text=f"Sentence {e}.{p} of {name}: the pact covers mining.")
        CitationFactory(claim=claim, source=source, quote="covers mining, processing and recycling")
        CitationFactory(claim=claim, source=source, quote="the pact covers mining” again")
        BlockClaimFactory(block=block, claim=claim, position=0)
    if publish:
        publish_now(explainer)
    return explainer


@pytest.fixture
def corpus():
    sources = make_sources("story")
    explainers = [
        make_explainer("story", 0, sources, authors=["Desk Writer", "Second Writer"]),
        make_explainer("story", 1, sources[:4]),
        make_explainer("story", 2, list(reversed(sources[3:]))),
    ]
    return explainers, sources


def feed(client) -> ET.Element:
    response = client.get("/feed/")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content)  # noqa: S314 (the site's own feed, made by the test)


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response, json.loads(response.content)


def page_html(client, explainer) -> str:
    return client.get(explainer.get_absolute_url()).content.decode()


# --- CSL-JSON ----------------------------------------------------------------------------------


def test_the_schema_is_the_official_csl_json_schema_with_its_licence():
    assert CSL_SCHEMA["$id"] == "https://resource.citationstyles.org/schema/v1.0/input/json/csl-data.json"
    assert "MIT" in CSL_SCHEMA["$comment"]
    Draft7Validator.check_schema(CSL_SCHEMA)


def test_references_are_valid_csl_json_for_every_kind_of_source(corpus, client):
    explainers, _ = corpus
    validator = Draft7Validator(CSL_SCHEMA)
    seen_kinds = set()
    for explainer in explainers:
        response, items = get_json(client, f"/explainers/{explainer.slug}/references.json")
        assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(items)]
        assert not errors, errors
        page = page_html(client, explainer)
        # One item per reference, in the order of the numbers on the page.
        numbered = re.findall(r'<li id="ref-(\d+)">', page)
        assert [item["custom"]["n"] for item in items] == [int(n) for n in numbered]
        for item in items:
            source = Source.objects.get(slug=item["id"])
            seen_kinds.add(source.kind)
            assert item["type"] == CSL_TYPE[source.kind]
            assert item["title"] == source.title
            assert source.publisher.name in (item.get("container-title"), item.get("publisher"))
            assert item["URL"] == (source.url or f"http://testserver/sources/{source.slug}/")
            people = next(p for kind, _, _, p in KINDS if kind == source.kind)
            assert [(a["given"], a["family"]) for a in item.get("author", [])] == people
            assert item["accessed"] == {"date-parts": [[2026, 6, source.retrieved_at.day]]}
            if source.published_at:
                assert item["issued"] == {"date-parts": [[2026, 5, 26]]}
            elif source.modified_at:  # the day printed, in the source's own zone (26 May in UTC)
                assert item["issued"] == {"date-parts": [[2026, 5, 27]]}
            else:
                assert "issued" not in item
            if source.derived_from_id:
                assert item["original-publisher"] == source.derived_from.publisher.name
    assert seen_kinds == {kind for kind, *_ in KINDS}


def test_a_news_outlets_analysis_is_a_newspaper_article(client):
    outlet = PublisherFactory(kind=Publisher.Kind.NEWSPAPER)
    source = SourceFactory(kind=Source.Kind.ANALYSIS, publisher=outlet)
    explainer = make_explainer("opinion", 0, [source])
    _, items = get_json(client, f"/explainers/{explainer.slug}/references.json")
    assert items[0]["type"] == "article-newspaper" and items[0]["container-title"] == outlet.name
    assert not list(Draft7Validator(CSL_SCHEMA).iter_errors(items))


# --- Web Annotations ---------------------------------------------------------------------------


def check_annotations(client, explainer) -> int:
    """Every citation readers see is an annotation whose selectors find its passage; returns how many."""
    response, data = get_json(client, f"/explainers/{explainer.slug}/annotations.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection" and data["first"]["type"] == "AnnotationPage"
    items = data["first"]["items"]
    assert data["total"] == len(items)
    page = unescape(page_html(client, explainer))
    api = client.get(f"/api/explainers/{explainer.slug}/").json()
    assert len(items) == sum(len(ref["citations"]) for ref in api["references"])
    texts = {s["claim"]: s["text"] for block in api["blocks"] for s in block["sentences"]}
    for item in items:
        assert item["@context"] == "http://www.w3.org/ns/anno.jsonld"
        assert item["type"] == "Annotation" and item["motivation"] == "linking"
        link, said = item["body"]
        page_url, anchor = link["id"].split("#")
        assert page_url == f"http://testserver{explainer.get_absolute_url()}"
        assert f'id="{anchor}"' in page  # the marker of the sentence that cites the passage
        assert said["type"] == "TextualBody" and said["value"] in texts.values() and said["value"] in page
        slug = re.fullmatch(r"http://testserver/sources/([\w-]+)/", item["target"]["source"]).group(1)
        text = Source.objects.get(slug=slug).text
        quote, position = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and position["type"] == "TextPositionSelector"
        start, end = position["start"], position["end"]
        assert text[start:end] == quote["exact"]
        assert text[:start].endswith(quote["prefix"]) and quote["prefix"]
        assert text[end:].startswith(quote["suffix"]) and quote["suffix"]
    return len(items)


def test_every_citation_is_an_annotation_whose_selectors_find_its_passage(corpus, client):
    explainers, _ = corpus
    counts = [check_annotations(client, explainer) for explainer in explainers]
    assert counts == [16, 8, 10]  # two passages per source cited


def test_the_phrase_that_comes_twice_is_told_apart_by_its_prefix(corpus, client):
    explainers, _ = corpus
    _, data = get_json(client, f"/explainers/{explainers[0].slug}/annotations.jsonld")
    repeated = [
        item["target"]["selector"][0]
        for item in data["first"]["items"]
        if "again" in item["target"]["selector"][0]["exact"]
    ]
    assert repeated and all(q["prefix"].endswith("said “") for q in repeated)


def test_annotations_follow_a_source_whose_text_was_cleaned_again(corpus, client):
    explainers, sources = corpus
    source = sources[0]
    source.text = "Furniture the import missed, now kept.\n\n" + source.text
    with acting_as(TEST_PUBLISHER):
        source.save()  # re-renders the versions that show it
    for explainer in explainers:
        check_annotations(client, explainer)


def test_a_passage_no_longer_in_its_source_keeps_its_quote_selector_alone(client):
    source = SourceFactory()
    explainer = make_explainer("orphaned", 0, [source])
    published = [
        {"type": "TextQuoteSelector", "exact": quote, "prefix": prefix, "suffix": suffix}
        for quote, prefix, suffix in Citation.objects.filter(source=source)
        .order_by("pk")
        .values_list("quote", "prefix", "suffix")
    ]
    source.text = "A different text altogether, without the passages."
    with acting_as(TEST_PUBLISHER):
        source.save()
    _, data = get_json(client, f"/explainers/{explainer.slug}/annotations.jsonld")
    assert [item["target"]["selector"] for item in data["first"]["items"]] == [[q] for q in published]


# --- JSON-LD -----------------------------------------------------------------------------------


def json_ld(html: str) -> dict:
    return json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))


def test_json_ld_gives_each_citation_its_date_publisher_and_authors(corpus, client):
    explainers, sources = corpus
    citations = {c["name"]: c for c in json_ld(page_html(client, explainers[0]))["citation"]}
    assert len(citations) == len(sources)
    for source in sources:
        cited = citations[source.title]
        assert cited["publisher"] == {"@type": "Organization", "name": source.publisher.name}
        people = next(p for kind, _, _, p in KINDS if kind == source.kind)
        assert [a["name"] for a in cited.get("author", [])] == [f"{g} {f}" for g, f in people]
        if source.published_at:
            assert cited["datePublished"] == source.published_at.isoformat()
        elif source.modified_at:  # the "updated" time the reference list shows, as printed
            assert cited["datePublished"] == "2026-05-27T04:37:00+05:30"
        else:
            assert "datePublished" not in cited


def test_a_date_stated_without_a_time_stays_a_date(client):
    source = SourceFactory(
        published_at=timezone.make_aware(dt.datetime(2026, 5, 28)),
        stated_dates=[{"label": "published", "text": "Published On: 28-05-2026", "value": "2026-05-28"}],
    )
    explainer = make_explainer("dated", 0, [source])
    (cited,) = json_ld(page_html(client, explainer))["citation"]
    assert cited["datePublished"] == "2026-05-28"
    _, items = get_json(client, f"/explainers/{explainer.slug}/references.json")
    assert items[0]["issued"] == {"date-parts": [[2026, 5, 28]]}


# --- the feed ----------------------------------------------------------------------------------


def test_feed_entries_have_authors_the_whole_explainer_and_their_times(corpus, client):
    explainers, _ = corpus
    root = feed(client)
    entries = {e.find("a:title", ATOM).text: e for e in root.findall("a:entry", ATOM)}
    assert set(entries) == {e.title for e in explainers}
    for explainer in explainers:
        entry = entries[explainer.title]
        version = Snapshot.objects.current().get(explainer=explainer)
        authors = [a.find("a:name", ATOM).text for a in entry.findall("a:author", ATOM)]
        assert authors == (["Desk Writer, Second Writer"] if explainer.slug == "story-0" else ["Policy Desk"])
        assert entry.find("a:updated", ATOM).text == version.published_at.isoformat()
        assert entry.find("a:published", ATOM).text == version.first_published_at.isoformat()
        content = entry.find("a:content", ATOM)
        assert content.get("type") == "html"
        html = content.text
        api = client.get(f"/api/explainers/{explainer.slug}/").json()
        for block in api["blocks"]:
            for sentence in block["sentences"]:
                assert sentence["text"] in html
        for ref in api["references"]:
            assert ref["source"]["title"] in html
            assert f'href="http://testserver/sources/{ref["source"]["slug"]}/#passage-' in html
        assert 'href="http://testserver/explainers/' in html
        assert not re.search(r'(href|src)="[/#]', html)  # every link absolute
        assert "cite-tip" not in html and "<h1" not in html and "<button" not in html


def add_sentence(explainer, source, text: str) -> None:
    claim = ClaimFactory(text=text)
    CitationFactory(claim=claim, source=source, quote="the ministers met in the capital")
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=100), claim=claim)


def test_a_new_version_updates_its_entry_but_not_when_it_was_first_published(client):
    source = SourceFactory()
    explainer = make_explainer("revised", 0, [source])
    first = Snapshot.objects.current().get(explainer=explainer)
    add_sentence(explainer, source, "A sentence added in the second version.")
    second = publish_now(explainer)
    root = feed(client)
    (entry,) = root.findall("a:entry", ATOM)
    assert entry.find("a:published", ATOM).text == first.first_published_at.isoformat()
    assert (
        entry.find("a:updated", ATOM).text
        == second.published_at.isoformat()
        != first.published_at.isoformat()
    )
    assert "A sentence added in the second version." in entry.find("a:content", ATOM).text


# --- what readers may see ----------------------------------------------------------------------

FORMAT_URLS = ["/explainers/{slug}/references.json", "/explainers/{slug}/annotations.jsonld"]


@pytest.mark.parametrize("url", FORMAT_URLS)
def test_a_draft_is_not_found_for_readers_and_shown_to_staff(url, client):
    draft = make_explainer("draft", 0, [SourceFactory()], publish=False)
    assert client.get(url.format(slug=draft.slug)).status_code == 404
    assert client.get(url.format(slug="no-such-explainer")).status_code == 404
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    response = staff.get(url.format(slug=draft.slug))
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    cited = data if isinstance(data, list) else data["first"]["items"]
    assert len(cited) == (1 if url.endswith(".json") else 2)  # one source, two passages


@pytest.mark.parametrize("url", FORMAT_URLS)
def test_the_page_links_to_both_formats(url, corpus, client):
    explainer = corpus[0][0]
    html = page_html(client, explainer)
    path = url.format(slug=explainer.slug)
    assert re.search(rf'<link rel="alternate" type="[^"]+" href="{re.escape(path)}"', html)
    references = html[html.index('id="references-heading"') :]
    assert f'href="{path}"' in references
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("url", FORMAT_URLS)
def test_publishing_again_retires_the_cached_formats(url, client):
    cache.clear()
    page_cache.recent.clear()
    explainer = make_explainer("cached", 0, [SourceFactory()])
    path = url.format(slug=explainer.slug)
    with override_settings(PAGE_CACHE_SECONDS=300):
        assert client.get(path)["X-Page-Cache"] == "miss"
        assert client.get(path)["X-Page-Cache"] == "hit"
        add_sentence(explainer, SourceFactory(slug="second-source"), "A sentence citing a second source.")
        publish_now(explainer)
        response = client.get(path)
        assert response["X-Page-Cache"] == "miss" and "second-source" in response.content.decode()
        assert client.get(path)["X-Page-Cache"] == "hit"
    cache.clear()
    page_cache.recent.clear()


def test_the_feed_reads_each_entry_as_stored_at_publication(corpus, client):
    with (
        mock.patch("explainers.feeds.entry_html", side_effect=AssertionError("made again")),
        mock.patch("django.template.base.Template.render", side_effect=AssertionError("rendered")),
    ):
        root = feed(client)
    assert len(root.findall("a:entry", ATOM)) == len(corpus[0])


def test_a_cached_feed_shows_a_cited_sources_new_title(client):
    cache.clear()
    page_cache.recent.clear()
    source = SourceFactory(title="The first title")
    make_explainer("retitled", 0, [source])
    with override_settings(PAGE_CACHE_SECONDS=300):
        assert "The first title" in client.get("/feed/").content.decode()
        assert client.get("/feed/")["X-Page-Cache"] == "hit"
        source.title = "The corrected title"
        with acting_as(TEST_PUBLISHER):
            source.save()
        response = client.get("/feed/")
        assert (
            "The corrected title" in response.content.decode()
            and "The first title" not in response.content.decode()
        )
    cache.clear()
    page_cache.recent.clear()


# --- bounded queries ---------------------------------------------------------------------------


def queries(client, url) -> int:
    assert client.get(url).status_code == 200, url  # stores what was not stored yet
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200, url
    return len(captured)


def test_formats_cost_one_query_whatever_the_number_of_citations(client):
    small = make_explainer("small", 0, make_sources("small")[:2])
    large = make_explainer("large", 0, make_sources("large"))
    for url in FORMAT_URLS:
        assert queries(client, url.format(slug=small.slug)) == 1
        assert queries(client, url.format(slug=large.slug)) == 1


def test_the_feed_costs_the_same_queries_whatever_the_number_of_entries(client):
    sources = make_sources("feed")
    make_explainer("feed", 0, sources[:2])
    one = queries(client, "/feed/")
    for e in range(1, 6):
        make_explainer("feed", e, sources)
    assert queries(client, "/feed/") == one
    assert len(feed(client).findall("a:entry", ATOM)) == min(6, FEED_SIZE)


def test_the_page_gives_a_sources_date_as_the_source_printed_it(corpus, client):
    """An "updated" time printed as 27 May, 04:37 IST falls on 26 May in UTC: the reference list and
    the marker's preview say 27 May, the day readers find printed on the source."""
    explainer = corpus[0][0]
    html = page_html(client, explainer)
    lines = re.findall(r'<span class="ref-meta">(.*?)</span>', html, re.S)
    tips = re.findall(r'<span class="cite-tip-source">(.*?)</span>', html, re.S)
    for said in (lines, tips):
        updated_only = [text for text in said if "publisher 1," in text or "publisher 4," in text]
        assert len(updated_only) >= 2
        assert all("27 May 2026" in text and "26 May" not in text for text in updated_only)
