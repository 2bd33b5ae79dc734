"""The writers: each aggregate through `upsert`, nothing written when nothing changed, editors' edits kept."""

import pytest
from reversion.models import Revision, Version

from explainers.importing.plan.items import AGREEMENT, PERSON, PUBLISHER, AgreementPlan, PersonPlan, Ref, Row
from explainers.importing.records import CREATED, KEPT, UNCHANGED, UPDATED, Summary
from explainers.importing.write.agreements import write_agreement
from explainers.importing.write.people import write_person
from explainers.importing.write.registry import Registry, revision
from sources.models import Agreement, Person, PersonAlias, Publisher

pytestmark = pytest.mark.django_db


def publisher_row(name: str) -> Row:
    return Row(Ref(PUBLISHER, "daily"), Publisher, {"slug": "daily"}, {"name": name}, "publisher:daily")


def test_a_row_is_created_then_left_alone_then_updated_when_the_document_changes():
    registry = Registry(Summary())
    assert registry.upsert(publisher_row("The Daily"))[1] == CREATED
    again = Registry(Summary())
    assert again.upsert(publisher_row("The Daily"))[1] == UNCHANGED and not again.changed
    changed = Registry(Summary())
    assert changed.upsert(publisher_row("The Daily Times"))[1] == UPDATED
    assert Publisher.objects.get().name == "The Daily Times"


def test_an_editors_change_is_kept():
    Registry(Summary()).upsert(publisher_row("The Daily"))
    Publisher.objects.update(name="Daily (renamed by an editor)")
    summary = Summary()
    _, outcome = Registry(summary).upsert(publisher_row("The Daily Times"))
    assert outcome == KEPT and Publisher.objects.get().name == "Daily (renamed by an editor)"
    assert "edited in the admin" in summary.kept[0]


def test_a_person_is_written_once_with_aliases_and_a_second_run_adds_nothing():
    plan = PersonPlan(
        Ref(PERSON, "ana lima"), "Ana Lima", "Ana Lima", CREATED, aliases=(("ana lima", "Ana Lima"),)
    )
    write_person(plan, Registry(Summary()))
    person = Person.objects.get()
    existing = PersonPlan(
        Ref(PERSON, f"pk:{person.pk}", person.pk),
        "Ana Lima",
        "Ana Lima",
        UNCHANGED,
        aliases=(("ana lima", "Ana Lima"),),  # the same alias again: a second run adds nothing
    )
    summary = Summary()
    write_person(existing, Registry(summary))
    assert Person.objects.count() == 1 and PersonAlias.objects.get().person == person
    assert summary.changed == 0


def test_rewriting_an_agreement_with_its_tags_records_no_new_version():
    row = Row(Ref(AGREEMENT, "pact"), Agreement, {"slug": "pact"}, {"title": "A pact"}, "agreement:pact")
    plan = AgreementPlan(row, ("trade",), (), (), (), ())
    with revision("first"):
        write_agreement(plan, Registry(Summary()))
    versions, revisions = Version.objects.count(), Revision.objects.count()
    with revision("second"):
        write_agreement(plan, Registry(Summary()))
    assert (Version.objects.count(), Revision.objects.count()) == (versions, revisions)
    assert list(Agreement.objects.get().tags.names()) == ["trade"]
