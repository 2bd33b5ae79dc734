"""A person renamed reaches the search results of the published quotes they spoke (a quote's search
document gives its speaker's name), as an organisation renamed does."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from explainers.actor import acting_as
from explainers.models import SearchDocument
from sources.models import Person
from tests.explainers.organisation_corpus import story
from tests.factories import TEST_PUBLISHER

pytestmark = pytest.mark.django_db


def save_person(person, **changes):
    with acting_as(TEST_PUBLISHER):
        person = Person.objects.get(pk=person.pk)
        for name, value in changes.items():
            setattr(person, name, value)
        person.save()


@pytest.mark.parametrize("quotes", [1, 4])
def test_search_finds_the_published_quotes_of_a_renamed_person_under_the_new_name(client, quotes):
    s = story(f"heron{quotes}", quotes=quotes)
    spoken = [c for c in s.quotes if c.speaker_person_id == s.minister.pk]
    assert len(spoken) == quotes
    save_person(s.minister, name="Aurelia Quennell-Marsh")
    documents = SearchDocument.objects.filter(kind="claim", object_id__in=[c.pk for c in spoken])
    assert documents.count() == quotes
    assert {d.dek for d in documents} == {"Aurelia Quennell-Marsh"}
    html = Client().get("/search/", {"q": "Quennell-Marsh"}).content.decode()
    assert all(f"/claims/{c.pk}/" in html for c in spoken)


def test_saving_a_person_without_renaming_them_leaves_their_quotes_documents_alone():
    s = story("egret", quotes=3)
    with CaptureQueriesContext(connection) as saved:
        save_person(s.minister, description="A new description.")
    assert not any("explainers_searchdocument" in q["sql"] and "DELETE" in q["sql"] for q in saved)
