"""Evidence records: database rules refuse bad rows; cited or used records cannot be deleted."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError

from sources.models import Person, PersonAlias, Role, ScopeItem, Source
from tests.factories import (
    AgreementFactory,
    CitationFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_source_slug_is_unique():
    SourceFactory(slug="same")
    refused(lambda: SourceFactory(slug="same"))


def test_source_content_hash_is_unique():
    SourceFactory(raw_text="The same document.")
    refused(lambda: SourceFactory(raw_text="The same document."))


def test_source_hash_follows_raw_text_and_clean_text_defaults_to_it():
    source = SourceFactory(raw_text="Received text.", text="")
    assert source.text == "Received text."
    assert len(source.content_hash) == 64


def test_source_raw_text_is_immutable_once_stored():
    source = Source.objects.get(pk=SourceFactory().pk)
    source.raw_text = "Tampered."
    with pytest.raises(ValueError, match="immutable"):
        source.save()


def test_replacing_raw_text_is_an_explicit_new_version():
    source = Source.objects.get(pk=SourceFactory().pk)
    source.replace_raw_text("Changed document.", "Changed document.")
    source.save()
    assert Source.objects.get(pk=source.pk).raw_text == "Changed document."


def test_empty_raw_text_is_refused():
    refused(
        lambda: Source.objects.create(
            title="x", slug="x", publisher=PublisherFactory(), raw_text="", text="y"
        )
    )


def test_source_cannot_derive_from_itself():
    source = SourceFactory()
    refused(lambda: Source.objects.filter(pk=source.pk).update(derived_from=source))


def test_person_slug_is_unique():
    PersonFactory(slug="jaishankar")
    refused(lambda: PersonFactory(slug="jaishankar"))


def test_role_cannot_end_before_it_starts():
    person = PersonFactory()
    refused(
        lambda: Role.objects.create(
            person=person,
            title="Minister",
            started_on=dt.date(2026, 1, 2),
            ended_on=dt.date(2025, 1, 1),
        )
    )


def test_aliases_in_any_spelling_resolve_to_one_person():
    person = PersonFactory(name="S. Jaishankar")
    for spelling in ["S Jaishankar", "S. Jaishankar", "Dr. S. Jaishankar"]:
        assert person.add_alias(spelling).person == person
    assert list(Person.objects.by_alias("dr s jaishankar")) == [person]
    assert PersonAlias.objects.filter(person=person).count() == 1
    refused(lambda: PersonAlias.objects.create(person=PersonFactory(), name="S. JAISHANKAR"))


def test_scope_positions_are_unique_within_an_agreement():
    agreement = AgreementFactory()
    ScopeItem.objects.create(agreement=agreement, label="Mining", position=1)
    refused(lambda: ScopeItem.objects.create(agreement=agreement, label="Processing", position=1))
    ScopeItem.objects.create(agreement=AgreementFactory(), label="Processing", position=1)


def test_signed_agreement_needs_a_date():
    refused(lambda: AgreementFactory(status="signed", signed_on=None))


def test_cited_source_cannot_be_deleted():
    citation = CitationFactory()
    with pytest.raises(ProtectedError, match=r"Citation\.source"):
        citation.source.delete()
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_person_who_is_quoted_cannot_be_deleted():
    quote = QuoteFactory()
    with pytest.raises(ProtectedError, match=r"Claim\.speaker_person"):
        quote.speaker_person.delete()


def test_publisher_with_sources_cannot_be_deleted():
    source = SourceFactory()
    with pytest.raises(ProtectedError):
        source.publisher.delete()
