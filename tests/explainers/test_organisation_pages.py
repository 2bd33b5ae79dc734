"""Organisation pages (/organisations/<slug>/): the bodies that speak or sign, with their published
quotes, the agreements they are party to or an initiative of, and the people who spoke or signed
for them; linked from where public pages name them; 404 for one nothing public shows; cached under
`organisation:<slug>` and retired when what they show changes."""

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from explainers import page_versions
from explainers.actor import acting_as
from explainers.models import Claim
from sources.models import Organization
from tests.explainers.organisation_corpus import main, story
from tests.explainers.page_workers import empty_caches, worker
from tests.factories import (
    TEST_PUBLISHER,
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    OrganizationFactory,
    QuoteFactory,
    UserFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db


def test_the_url_is_the_contract_one():
    assert reverse("explainers:organisation", kwargs={"slug": "quad"}) == "/organisations/quad/"


def test_an_embassy_page_gives_its_name_kind_country_description_and_quotes(client):
    s = story("kestrel")
    html = main(client, "/organisations/kestrel-embassy/")
    assert "<h1>Kestrelland Embassy</h1>" in html and '<p class="kicker">Embassy</p>' in html
    assert "The embassy of Kestrelland in the partner&#x27;s capital." in html
    assert '<dt>Country</dt><dd><a href="/organisations/kestrelland/">Kestrelland</a></dd>' in html
    quotes = re.findall(r"<blockquote><p>(.*?)</p></blockquote>", html)
    assert quotes == [f"The kestrel initiative marks a new chapter, part {n}." for n in range(2)]
    assert html.count('<cite><a href="/sources/kestrel-report/#passage-') == 2
    assert all(
        f'href="/claims/{c.pk}/"' in html for c in s.quotes if c.speaker_organization_id == s.embassy.pk
    )
    assert "Nothing to add." not in html  # the draft's quote


def test_a_ministry_page_gives_the_quotes_said_in_its_roles_with_who_said_them_and_when(client):
    story("kestrel")
    html = main(client, "/organisations/kestrel-ministry/")
    assert re.findall(r"<blockquote><p>(.*?)</p></blockquote>", html) == [
        f"We will build the kestrel supply chain together, step {n}." for n in range(2)
    ]
    assert (
        '— <a href="/people/asha-kestrel/">Asha Kestrel</a>, Trade Minister · <time datetime="2026-05-01">'
        in html
    )
    people = html.split('id="people-heading"', 1)[1].split("</ul>", 1)[0]
    assert "Trade Minister (since January 2025), Deputy Trade Minister (2019–2024)" in people


def test_a_country_page_gives_the_agreements_it_is_party_to_and_who_signed_for_it(client):
    story("kestrel")
    html = main(client, "/organisations/kestrelland/")
    assert (
        '<a href="/agreements/kestrel-pact/">Kestrel pact</a> <span class="meta">(party; signed on its behalf)</span>'
        in html
    )
    assert (
        '<a href="/people/asha-kestrel/">Asha Kestrel</a>; signed the <a href="/agreements/kestrel-pact/">'
        "Kestrel pact</a> on its behalf" in html
    )
    partner = main(client, "/organisations/kestrel-partner/")
    assert "(party)" in partner and "People who spoke" not in partner


def test_an_initiative_page_gives_the_agreements_building_on_it(client):
    story("kestrel")
    html = main(client, "/organisations/kestrel-forum/")
    assert (
        '<a href="/agreements/kestrel-pact/">Kestrel pact</a> <span class="meta">(builds on it)</span>'
        in html
    )
    assert "(FORUM)" in html


def test_an_organisation_nothing_public_shows_is_not_found(client):
    story("kestrel", publish=False)
    for slug in (
        "kestrel-embassy",
        "kestrelland",
        "kestrel-forum",
        "kestrel-ministry",
        "kestrel-quiet",
        "nowhere",
    ):
        assert client.get(f"/organisations/{slug}/").status_code == 404, slug
    OrganizationFactory(slug="lonely")
    assert client.get("/organisations/lonely/").status_code == 404


def test_an_organisation_named_only_by_a_draft_is_not_found_but_staff_may_look(client):
    story("kestrel")
    assert client.get("/organisations/kestrel-quiet/").status_code == 404
    staff = Client()
    staff.force_login(UserFactory(username="staff-editor", groups=["Editor"]))
    assert staff.get("/organisations/kestrel-quiet/").status_code == 200


def test_an_organisation_whose_only_public_version_is_withdrawn_is_not_found(client):
    s = story("kestrel")
    from explainers.services import publishing

    publishing.withdraw(s.explainer, by=TEST_PUBLISHER)
    assert client.get("/organisations/kestrel-embassy/").status_code == 404
    assert client.get("/organisations/kestrelland/").status_code == 200  # the agreement record stands


def test_public_pages_link_the_organisations_they_name(client):
    s = story("kestrel")
    agreement = main(client, "/agreements/kestrel-pact/")
    for slug in ("kestrelland", "kestrel-partner", "kestrel-forum"):
        assert f'href="/organisations/{slug}/"' in agreement, slug
    assert ', for <a href="/organisations/kestrelland/">Kestrelland</a>' in agreement
    embassy_quote = next(c for c in s.quotes if c.speaker_organization_id)
    claim = main(client, f"/claims/{embassy_quote.pk}/")
    assert '— <a href="/organisations/kestrel-embassy/">Kestrelland Embassy</a>' in claim
    person = main(client, "/people/asha-kestrel/")
    assert '<a href="/organisations/kestrel-ministry/">' in person
    for url in re.findall(r'href="(/organisations/[^"]+)"', agreement + claim + person):
        assert client.get(url).status_code == 200, url


def test_the_sitemap_lists_the_organisations_readers_can_reach(client):
    story("kestrel")
    xml = client.get("/sitemap.xml").content.decode()
    listed = set(re.findall(r"/organisations/([^/]+)/", xml))
    assert listed == {
        "kestrelland",
        "kestrel-partner",
        "kestrel-ministry",
        "kestrel-embassy",
        "kestrel-forum",
    }


def test_an_organisation_page_costs_the_same_queries_whatever_its_quotes_agreements_and_people():
    reader = Client()
    small, large = story("wren", quotes=1), story("heron", quotes=15)
    with acting_as(TEST_PUBLISHER):
        for n in range(5):  # more agreements the embassy's country is party to
            agreement = AgreementFactory(slug=f"heron-accord-{n}")
            agreement.party_links.create(organization=large.country, position=0)
            agreement.related_initiatives.add(large.forum)
            publish_now(agreement)
    found = {}
    for s in (small, large):
        for slug in (s.embassy.slug, s.ministry.slug, s.country.slug, s.forum.slug):
            url = f"/organisations/{slug}/"
            reader.get(url)
            with CaptureQueriesContext(connection) as queries:
                assert reader.get(url).status_code == 200
            found[(s.name, slug.split("-")[-1] if "-" in slug else "country")] = len(queries)
    for kind in ("embassy", "ministry", "country", "forum"):
        assert found[("wren", kind)] == found[("heron", kind)], found
    assert max(found.values()) <= 12, found


# --- the page cache ---------------------------------------------------------------------------


def state(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode(), response.get("X-Page-Cache")


@pytest.fixture(autouse=True)
def _empty_caches():
    yield from empty_caches()


def test_the_page_belongs_to_its_own_scope():
    assert page_versions.scope_of_path("/organisations/quad/") == "organisation:quad"


def test_renaming_an_organisation_retires_its_page_and_the_pages_naming_it_as_their_country():
    s = story("kestrel")
    story("osprey")  # another story's pages show nothing of it
    with worker("a") as client:
        for url in (
            "/organisations/kestrel-embassy/",
            "/organisations/kestrelland/",
            "/organisations/osprey-forum/",
        ):
            client.get(url)
            assert state(client, url)[2] == "hit"
        with acting_as(TEST_PUBLISHER):
            country = Organization.objects.get(pk=s.country.pk)
            country.name = "Kestrel Republic"
            country.save()
        status, body, cached = state(client, "/organisations/kestrelland/")
        assert (status, cached) == (200, "miss") and "<h1>Kestrel Republic</h1>" in body
        _status, body, cached = state(client, "/organisations/kestrel-embassy/")
        assert cached == "miss" and ">Kestrel Republic</a>" in body
        assert state(client, "/organisations/osprey-forum/")[2] == "hit"


def test_a_changed_slug_retires_the_old_address():
    s = story("kestrel")
    with worker("a") as client:
        client.get("/organisations/kestrel-forum/")
        with acting_as(TEST_PUBLISHER):
            forum = Organization.objects.get(pk=s.forum.pk)
            forum.slug = "kestrel-minerals-forum"
            forum.save()
        assert state(client, "/organisations/kestrel-forum/")[2] == "miss"


def test_publishing_a_version_quoting_an_organisation_retires_its_page():
    s = story("kestrel")
    with worker("a") as client:
        client.get("/organisations/kestrel-embassy/")
        client.get("/organisations/kestrel-ministry/")
        assert state(client, "/organisations/kestrel-embassy/")[2] == "hit"
        quote = QuoteFactory(
            text="A third statement from the embassy.",
            speaker_person=None,
            speaker_organization=s.embassy,
            status=Claim.Status.VERIFIED,
        )
        CitationFactory(claim=quote)
        BlockClaimFactory(block=BlockFactory(explainer=s.explainer, position=7), claim=quote)
        said = QuoteFactory(
            text="A new word from the minister.",
            speaker_person=s.minister,
            speaker_role=s.minister_role,
            status=Claim.Status.VERIFIED,
        )
        CitationFactory(claim=said)
        BlockClaimFactory(block=BlockFactory(explainer=s.explainer, position=8), claim=said)
        publish_now(s.explainer)
        _status, body, cached = state(client, "/organisations/kestrel-embassy/")
        assert cached == "miss" and "A third statement from the embassy." in body
        _status, body, cached = state(client, "/organisations/kestrel-ministry/")
        assert cached == "miss" and "A new word from the minister." in body


def test_a_cached_not_found_page_is_retired_when_a_version_showing_it_is_published():
    s = story("kestrel", publish=False)
    with worker("a") as client:
        assert state(client, "/organisations/kestrel-embassy/")[0] == 404
        assert state(client, "/organisations/kestrel-embassy/")[2] == "hit"
        publish_now(s.explainer)
        assert state(client, "/organisations/kestrel-embassy/")[0] == 200


def test_a_role_moved_to_another_organisation_retires_both_pages():
    s = story("kestrel")
    with worker("a") as client:
        client.get("/organisations/kestrel-ministry/")
        client.get("/organisations/kestrel-embassy/")
        with acting_as(TEST_PUBLISHER):
            role = type(s.minister_role).objects.get(pk=s.minister_role.pk)
            role.organization = s.embassy
            role.save()
        assert state(client, "/organisations/kestrel-ministry/")[2] == "miss"
        assert state(client, "/organisations/kestrel-embassy/")[2] == "miss"


def test_quotes_spoken_by_the_organisation_name_it_and_no_quote_has_an_empty_speaker_line(client):
    s = story("kestrel")
    undated = QuoteFactory(
        text="The embassy has nothing further to say.",
        speaker_person=None,
        speaker_organization=s.embassy,
        occurred_on=None,
        status=Claim.Status.VERIFIED,
    )
    plain = QuoteFactory(
        text="A word the minister said in no role.",
        speaker_person=s.minister,
        occurred_on=None,
        status=Claim.Status.VERIFIED,
    )
    for n, claim in enumerate((undated, plain), start=5):
        CitationFactory(claim=claim)
        BlockClaimFactory(block=BlockFactory(explainer=s.explainer, position=n), claim=claim)
    publish_now(s.explainer)
    html = main(client, "/organisations/kestrel-embassy/")
    who = re.findall(r'<p class="quotation-who">(.*?)</p>', html)
    assert len(who) == 3
    assert all(
        line.startswith('— <a href="/organisations/kestrel-embassy/">Kestrelland Embassy</a>') for line in who
    )
    person = main(client, f"/people/{s.minister.slug}/")
    assert "A word the minister said in no role." in person
    for page in (html, person):
        assert not re.search(r'<p class="quotation-who">\s*</p>', page)
