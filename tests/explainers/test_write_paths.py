"""Write paths around the rule, found by an attacker's audit: child rows, history reverts of any
model, crafted ids and dates, tag merging, the agreement's timeline inline."""

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from explainers.models import Claim
from sources.models import Organization, Person, Role, Source
from tests.admin_forms import change_form_data, form_data
from tests.factories import (
    TEST_PUBLISHER,
    AgreementFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db


def reader(url: str) -> str:
    response = Client().get(url)
    return f"{response.status_code} {response.content.decode()}"


def shown_person(slug="shown-minister"):
    """A person readers see: the speaker of a claim published on its own page."""
    person = PersonFactory(name="Shown Minister", slug=slug)
    quote = QuoteFactory(text="We signed it today.", speaker_person=person)
    CitationFactory(claim=quote)
    publish_now(quote)
    return person


def test_a_contributor_cannot_add_a_role_to_a_person_readers_see(contributor_client):
    person = shown_person()
    before = reader("/people/shown-minister/")
    add = reverse("admin:sources_role_add")
    data = change_form_data(contributor_client.get(add)) | {"person": person.pk, "title": "Injected role"}
    assert contributor_client.post(add, data).status_code == 403
    assert not Role.objects.filter(title="Injected role").exists()
    assert reader("/people/shown-minister/") == before


def test_an_organisation_shown_through_a_role_is_locked_too(contributor_client):
    person = shown_person()
    organisation = OrganizationFactory(name="Ministry of Mines")
    from explainers.actor import acting_as

    with acting_as(TEST_PUBLISHER):  # a publisher adds a role after publication
        RoleFactory(person=person, title="Minister", organization=organisation)
    assert "Ministry of Mines" in reader("/people/shown-minister/")
    url = reverse("admin:sources_organization_change", args=[organisation.pk])
    assert contributor_client.post(url, {"name": "Renamed"}).status_code == 403
    assert Organization.objects.get(pk=organisation.pk).name == "Ministry of Mines"


def test_a_role_cannot_be_moved_onto_or_away_from_a_person_readers_see(editor):
    from explainers.actor import acting_as
    from explainers.services.publishing import PublicRecordLocked

    person = shown_person()
    with acting_as(TEST_PUBLISHER):
        shown_role = Role.objects.create(person=person, title="Minister")
    spare = RoleFactory(person=PersonFactory(), title="Spare role")
    with acting_as(editor):
        shown_role.person = spare.person
        with pytest.raises(PublicRecordLocked):
            shown_role.save()
        spare.person = person
        with pytest.raises(PublicRecordLocked):
            spare.save()
    assert list(Role.objects.filter(person=person).values_list("title", flat=True)) == ["Minister"]


def test_a_history_version_of_another_model_is_refused(contributor_client, publisher_client):
    source = SourceFactory(title="Original title")
    url = reverse("admin:sources_source_change", args=[source.pk])
    publisher_client.post(url, change_form_data(publisher_client.get(url)) | {"title": "Second title"})
    source_version = Version.objects.get_for_object(source).order_by("pk").first()
    person = PersonFactory()
    crafted = reverse("admin:sources_person_revision", args=[person.pk, source_version.pk])
    assert contributor_client.get(crafted).status_code == 404
    assert contributor_client.post(crafted, {}).status_code == 404
    recover = reverse("admin:sources_publisher_recover", args=[source_version.pk])
    assert contributor_client.post(recover, {}).status_code == 404
    assert Source.objects.get(pk=source.pk).title == "Second title"


def test_a_non_publisher_cannot_revert_a_record_readers_see(editor_client, publisher_client, publisher_user):
    person = shown_person()
    url = reverse("admin:sources_person_change", args=[person.pk])
    publisher_client.post(url, change_form_data(publisher_client.get(url)) | {"description": "First."})
    publisher_client.post(url, change_form_data(publisher_client.get(url)) | {"description": "Corrected."})
    first = Version.objects.get_for_object(person).order_by("pk").first()
    revert = reverse("admin:sources_person_revision", args=[person.pk, first.pk])
    page = editor_client.get(revert)
    if page.status_code == 200:
        editor_client.post(revert, form_data(page.content.decode(), "person_form"))
    assert Person.objects.get(pk=person.pk).description == "Corrected."
    assert "Corrected." in reader("/people/shown-minister/")


@pytest.mark.parametrize(
    "url",
    [
        "/admin/explainers/claim/abc/status/",
        "/admin/explainers/explainer/abc/workflow/",
        "/admin/explainers/explainer/abc/preview-link/",
        "/admin/explainers/explainer/abc/versions/1/restore/",
        "/admin/sources/agreement/abc/publication/",
    ],
)
def test_a_garbled_id_in_an_action_url_is_a_404(editor_client, url):
    assert editor_client.post(url, {"status": "verified"}).status_code == 404


def test_a_garbled_id_in_the_compare_url_is_a_404(editor_client):
    assert editor_client.get("/admin/explainers/explainer/abc/compare/").status_code == 404


def test_an_impossible_publish_time_is_a_message_not_a_500(publisher_client):
    explainer = ExplainerFactory(status="review")
    response = publisher_client.post(
        reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
        {"action": "publish", "seen_version": explainer.version, "publish_at": "2024-02-30T10:00"},
        follow=True,
    )
    assert response.status_code == 200
    assert "is not a date and time" in " ".join(str(m) for m in response.context["messages"])


def test_tags_cannot_be_merged_behind_the_workflow(contributor_client):
    from taggit.models import Tag

    page = contributor_client.get("/admin/taggit/tag/merge-tags/", follow=True)
    assert "new_tag_name" not in page.content.decode()
    contributor_client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "merged-behind"}, follow=True)
    assert not Tag.objects.filter(name="merged-behind").exists()


def test_the_agreement_admin_publishes_the_record_and_milestone_status_is_read_only(
    editor_client, publisher_client
):
    agreement = AgreementFactory(slug="pact")
    milestone = ClaimFactory(text="Talks began.", agreement=agreement, occurred_on="2026-02-04")
    CitationFactory(claim=milestone)
    url = reverse("admin:sources_agreement_change", args=[agreement.pk])
    page = editor_client.get(url).content.decode()
    assert "The record readers see" in page and "Only a publisher can publish the record" in page
    data = change_form_data(editor_client.get(url))
    assert not any(name.endswith("-status") for name in data)  # no status field in the timeline inline
    data |= {f"{prefix}-status": "retracted" for prefix in ["claims-0", "claim_set-0"]}
    editor_client.post(url, data)
    assert Claim.objects.get(pk=milestone.pk).status == "draft"
    assert Client().get("/agreements/pact/").status_code == 404
    publisher_client.post(
        reverse("admin:sources_agreement_publication", args=[agreement.pk]),
        {"action": "publish", "comment": "Checked.", "accept_warnings": "on"},
    )
    assert "Talks began." in reader("/agreements/pact/")


def test_reverting_a_revision_that_also_holds_a_shown_record_is_refused(contributor_client, publisher_client):
    """A revision holds every record saved with it: reverting one that is not shown must not bring
    back the old state of one that is."""
    import reversion

    with reversion.create_revision():
        shown = PersonFactory(name="Shown Minister", slug="shown-minister", description="Old words.")
        hidden = PersonFactory(name="Hidden Person", slug="hidden-person")
    quote = QuoteFactory(speaker_person=shown)
    CitationFactory(claim=quote)
    publish_now(quote)
    url = reverse("admin:sources_person_change", args=[shown.pk])
    publisher_client.post(url, change_form_data(publisher_client.get(url)) | {"description": "Corrected."})
    assert "Corrected." in reader("/people/shown-minister/")
    version = Version.objects.get_for_object(hidden).order_by("pk").first()
    revert = reverse("admin:sources_person_revision", args=[hidden.pk, version.pk])
    page = contributor_client.get(revert)
    response = contributor_client.post(revert, form_data(page.content.decode(), "person_form"))
    assert response.status_code == 403
    assert Person.objects.get(pk=shown.pk).description == "Corrected."
    assert "Corrected." in reader("/people/shown-minister/")


# --- second audit ------------------------------------------------------------------------------


def test_the_independent_publisher_count_readers_see_is_frozen_at_publication(editor_client):
    from explainers.actor import acting_as
    from tests.factories import PublisherFactory

    original = SourceFactory(publisher=PublisherFactory(name="Original Paper"))
    copy = SourceFactory(publisher=PublisherFactory(name="Syndicator"))
    other = SourceFactory(publisher=PublisherFactory(name="Other Paper"))
    claim = ClaimFactory(text="A fact from a copy and another paper.")
    CitationFactory(claim=claim, source=copy)
    CitationFactory(claim=claim, source=other)
    with acting_as(TEST_PUBLISHER):
        Source.objects.filter(pk=copy.pk).update(derived_from=original)
    publish_now(claim)
    assert "Backed by 2 independent publishers" in reader(f"/claims/{claim.pk}/")
    # An editor moves the (unshown) original to the other paper: readers' count must not move.
    url = reverse("admin:sources_source_change", args=[original.pk])
    data = change_form_data(editor_client.get(url)) | {"publisher": other.publisher_id}
    assert editor_client.post(url, data).status_code == 302
    assert "Backed by 2 independent publishers" in reader(f"/claims/{claim.pk}/")


@pytest.mark.parametrize("huge", ["9223372036854775808", "99999999999999999999999", "-9223372036854775809"])
def test_an_out_of_range_id_in_an_autocomplete_field_is_a_form_error(editor_client, huge):
    add = reverse("admin:sources_person_add")
    data = change_form_data(editor_client.get(add)) | {"name": "Big", "slug": "big", "country": huge}
    response = editor_client.post(add, data)
    assert response.status_code == 200 and "errornote" in response.content.decode()
    add = reverse("admin:explainers_claim_add")
    data = change_form_data(editor_client.get(add)) | {
        "text": "A quote.",
        "kind": "quote",
        "speaker_person": huge,
    }
    assert editor_client.post(add, data).status_code == 200


def test_a_spelling_already_known_is_a_form_error_not_a_500(editor_client):
    person = PersonFactory(name="Marco Rubio")
    person.add_alias("Marco Rubio")
    add = reverse("admin:sources_person_add")
    data = change_form_data(editor_client.get(add)) | {
        "name": "Another",
        "slug": "another",
        "aliases-TOTAL_FORMS": "2",
        "aliases-0-name": "Marco  Rubio",
    }
    response = editor_client.post(add, data)
    assert response.status_code == 200 and "already a spelling of Marco Rubio" in response.content.decode()
    data |= {"aliases-0-name": "Twin Name", "aliases-1-name": "twin name"}
    response = editor_client.post(add, data)
    assert response.status_code == 200 and "are the same spelling" in response.content.decode()
    assert not Person.objects.filter(slug="another").exists()


@pytest.mark.parametrize("value", ["null", "5", '["not a date"]'])
def test_source_form_refuses_malformed_stated_dates(editor_client, value):
    source = SourceFactory(title="Existing")
    url = reverse("admin:sources_source_change", args=[source.pk])
    response = editor_client.post(url, change_form_data(editor_client.get(url)) | {"stated_dates": value})
    assert response.status_code == 200 and "A list of dates" in response.content.decode()


def test_source_form_refuses_a_text_already_imported(editor_client):
    existing = SourceFactory(title="Existing")
    add = reverse("admin:sources_source_add")
    data = change_form_data(editor_client.get(add)) | {
        "title": "New",
        "slug": "new",
        "publisher": existing.publisher_id,
        "raw_text": existing.raw_text,
    }
    response = editor_client.post(add, data)
    assert response.status_code == 200 and "This text is already the source" in response.content.decode()


def test_organisation_aliases_must_be_a_list_of_names(editor_client):
    add = reverse("admin:sources_organization_add")
    data = change_form_data(editor_client.get(add)) | {"name": "Org", "slug": "org", "aliases": "null"}
    response = editor_client.post(add, data)
    assert response.status_code == 200 and "A list of names" in response.content.decode()


def test_restoring_a_revision_with_a_dated_claim_works(editor_client):
    from explainers.models import BlockClaim
    from tests.factories import BlockClaimFactory, BlockFactory

    explainer = ExplainerFactory(status="draft", slug="dated")
    claim = ClaimFactory(text="Signed on 26 May.", occurred_on="2026-05-26")
    CitationFactory(claim=claim)
    BlockClaimFactory(block=BlockFactory(explainer=explainer), claim=claim)
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    editor_client.post(url, change_form_data(editor_client.get(url)) | {"dek": "With its dated sentence."})
    version = Version.objects.get_for_object(explainer).order_by("-pk").first()
    Claim.objects.filter(pk=claim.pk).update(occurred_on="2020-01-01", text="Changed since.")
    revert = reverse("admin:explainers_explainer_revision", args=[explainer.pk, version.pk])
    assert editor_client.post(revert).status_code == 302
    restored = BlockClaim.objects.get(block__explainer=explainer).claim
    assert restored.text == "Signed on 26 May." and str(restored.occurred_on) == "2026-05-26"


@pytest.mark.parametrize(("saved", "since"), [("late", "early"), ("", "late"), ("early", "")])
def test_restoring_a_revision_brings_back_where_a_milestone_sits_in_its_month(editor_client, saved, since):
    from explainers.models import BlockClaim
    from tests.factories import BlockClaimFactory, BlockFactory

    explainer = ExplainerFactory(status="draft", slug="placed")
    claim = ClaimFactory(
        text="India joined later that month.",
        occurred_on="2026-02-01",
        occurred_precision="month",
        occurred_placement=saved,
    )
    CitationFactory(claim=claim)
    BlockClaimFactory(block=BlockFactory(explainer=explainer), claim=claim)
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    editor_client.post(url, change_form_data(editor_client.get(url)) | {"dek": "With its milestone."})
    version = Version.objects.get_for_object(explainer).order_by("-pk").first()
    Claim.objects.filter(pk=claim.pk).update(occurred_placement=since)
    revert = reverse("admin:explainers_explainer_revision", args=[explainer.pk, version.pk])
    assert editor_client.post(revert).status_code == 302
    assert BlockClaim.objects.get(block__explainer=explainer).claim.occurred_placement == saved


def test_a_restore_leaves_alone_a_claim_shared_with_an_explainer_the_user_may_not_edit(contributor_client):
    from explainers.models import BlockClaim
    from tests.factories import BlockClaimFactory, BlockFactory

    shared = ClaimFactory(text="Original shared wording.")
    CitationFactory(claim=shared)
    in_review = ExplainerFactory(status="review", slug="in-review")
    BlockClaimFactory(block=BlockFactory(explainer=in_review), claim=shared)
    mine = ExplainerFactory(status="draft", slug="mine")
    import reversion

    with reversion.create_revision():
        BlockClaimFactory(block=BlockFactory(explainer=mine), claim=shared)
        reversion.add_to_revision(mine)
    version = Version.objects.get_for_object(mine).order_by("-pk").first()
    Claim.objects.filter(pk=shared.pk).update(text="Wording an editor approved.")
    revert = reverse("admin:explainers_explainer_revision", args=[mine.pk, version.pk])
    response = contributor_client.post(revert, follow=True)
    assert "kept as it is" in " ".join(str(m) for m in response.context["messages"])
    assert Claim.objects.get(pk=shared.pk).text == "Wording an editor approved."
    assert BlockClaim.objects.filter(block__explainer=mine, claim=shared).exists()


def test_a_publish_time_beyond_any_calendar_is_refused(publisher_client):
    explainer = ExplainerFactory(status="review")
    response = publisher_client.post(
        reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
        {"action": "publish", "seen_version": explainer.version, "publish_at": "9999-12-31T23:59:59-12:00"},
        follow=True,
    )
    assert response.status_code == 200
    assert "up to ten years ahead" in " ".join(str(m) for m in response.context["messages"])
