"""An organisation renamed reaches every page and search result naming it, through the page cache:
the pages of the people holding a role in it (their roles name it), the pages of the quotes said in
one of those roles, and the search documents of those people and of the quotes it speaks. A role
moved to another organisation, or removed, is followed too."""

import pytest
from django.test import Client

from explainers.actor import acting_as
from explainers.models import SearchDocument
from sources.models import Organization, Role
from tests.explainers.organisation_corpus import story
from tests.explainers.page_workers import empty_caches, worker
from tests.factories import TEST_PUBLISHER, OrganizationFactory, RoleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_caches():
    yield from empty_caches()


def state(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split('id="main"', 1)[1].split("</main>", 1)[0], response.get(
        "X-Page-Cache"
    )


def rename(organization, name):
    with acting_as(TEST_PUBLISHER):
        organization = Organization.objects.get(pk=organization.pk)
        organization.name = name
        organization.save()


def found(client, query) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_a_person_page_follows_the_renaming_of_an_organisation_they_took_a_role_in_after_publication():
    s = story("kestrel")
    story("osprey")  # another story's people hold no role in it
    with worker("a") as client:
        page = f"/people/{s.minister.slug}/"
        other = "/people/asha-osprey/"
        client.get(page), client.get(other)
        assert state(client, page)[1] == state(client, other)[1] == "hit"
        with acting_as(TEST_PUBLISHER):
            council = OrganizationFactory(name="Zeta Council", slug="zeta-council")
            RoleFactory(person=s.minister, title="Envoy", organization=council)
        html, cached = state(client, page)
        assert cached == "miss" and 'Envoy, <a href="/organisations/zeta-council/">Zeta Council</a>' in html
        assert state(client, page)[1] == "hit"
        rename(council, "Omega Council")
        html, cached = state(client, page)
        assert cached == "miss", "the person's page was served from the cache after the rename"
        assert "Omega Council" in html and "Zeta Council" not in html
        assert state(client, other)[1] == "hit"  # only the pages showing it are retired


def test_search_finds_the_people_holding_a_role_in_a_renamed_organisation_by_its_new_name():
    s = story("kestrel")
    with acting_as(TEST_PUBLISHER):
        council = OrganizationFactory(name="Zeta Council", slug="zeta-council")
        RoleFactory(person=s.minister, title="Envoy", organization=council)
    client = Client()
    assert f"/people/{s.minister.slug}/" in found(client, "Zeta")
    rename(council, "Omega Council")
    assert f"/people/{s.minister.slug}/" in found(client, "Omega")
    assert f"/people/{s.minister.slug}/" not in found(client, "Zeta")
    document = SearchDocument.objects.get(kind="person", object_id=s.minister.pk, snapshot=None)
    assert "Envoy, Omega Council" in document.dek


def test_search_finds_the_published_quotes_of_a_renamed_organisation_under_its_new_name():
    s = story("kestrel")
    spoken = [c for c in s.quotes if c.speaker_organization_id == s.embassy.pk]
    assert spoken
    rename(s.embassy, "Kestrelland High Commission")
    documents = SearchDocument.objects.filter(kind="claim", object_id__in=[c.pk for c in spoken])
    assert documents.exists()
    assert {d.dek for d in documents} == {"Kestrelland High Commission"}
    html = found(Client(), "High Commission")
    assert all(f"/claims/{c.pk}/" in html for c in spoken)
    # Each version's other documents are still there, once.
    assert SearchDocument.objects.filter(kind="explainer", object_id=s.explainer.pk).count() == 1


def test_a_quote_page_follows_the_renaming_of_the_organisation_its_role_moved_to_after_publication():
    s = story("kestrel")
    said = next(c for c in s.quotes if c.speaker_role_id == s.minister_role.pk)
    url = f"/claims/{said.pk}/"
    with worker("a") as client:
        client.get(url)
        with acting_as(TEST_PUBLISHER):
            council = OrganizationFactory(name="Zeta Council", slug="zeta-council")
            role = Role.objects.get(pk=s.minister_role.pk)
            role.organization = council
            role.save()
        html, cached = state(client, url)
        assert cached == "miss" and "Trade Minister, Zeta Council" in html
        rename(council, "Omega Council")
        html, cached = state(client, url)
        assert cached == "miss" and "Trade Minister, Omega Council" in html and "Zeta" not in html


def test_a_renamed_country_reaches_the_pages_of_people_holding_a_role_in_it():
    s = story("kestrel")
    with acting_as(TEST_PUBLISHER):
        RoleFactory(person=s.minister, title="Honorary Consul", organization=s.country)
    with worker("a") as client:
        page = f"/people/{s.minister.slug}/"
        client.get(page)
        rename(s.country, "Republic of Kestrel")
        html, cached = state(client, page)
        assert cached == "miss" and "Honorary Consul, " in html and "Republic of Kestrel" in html


def test_a_role_removed_leaves_the_person_search_document():
    s = story("kestrel")
    with acting_as(TEST_PUBLISHER):
        role = RoleFactory(person=s.minister, title="Special Envoy", organization=s.forum)
    assert f"/people/{s.minister.slug}/" in found(Client(), "Special Envoy")
    with acting_as(TEST_PUBLISHER):
        role.delete()
    document = SearchDocument.objects.get(kind="person", object_id=s.minister.pk, snapshot=None)
    assert "Special Envoy" not in document.dek
    assert f"/people/{s.minister.slug}/" not in found(Client(), "Special Envoy")


def test_renaming_an_organisation_costs_the_same_queries_whatever_the_number_of_its_roles():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    s = story("kestrel")
    counts = []
    for n in (1, 8):
        council = OrganizationFactory(name=f"Council {n}", slug=f"council-{n}")
        with acting_as(TEST_PUBLISHER):
            for k in range(n):
                RoleFactory(person=s.minister, title=f"Envoy {k}", organization=council)
        with CaptureQueriesContext(connection) as queries:
            rename(council, f"Renamed council {n}")
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
