"""The editors' admin: every screen works for an Editor, stale saves are refused, history restores."""

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
from sources.models import Agreement, Organization, Person, Publisher, Source
from tests.admin_forms import change_form_data
from tests.factories import (
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    RoleFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

MODELS = {
    "publisher": (Publisher, PublisherFactory),
    "source": (Source, SourceFactory),
    "person": (Person, PersonFactory),
    "organization": (Organization, OrganizationFactory),
    "agreement": (Agreement, AgreementFactory),
    "claim": (Claim, ClaimFactory),
    "citation": (Citation, CitationFactory),
    "explainer": (Explainer, ExplainerFactory),
}


def admin_url(model, action, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{action}", args=args)


@pytest.mark.parametrize("name", MODELS)
def test_editor_can_list_search_add_and_change_every_model(editor_client, name):
    model, factory = MODELS[name]
    obj = factory()
    assert editor_client.get(admin_url(model, "changelist")).status_code == 200
    assert editor_client.get(admin_url(model, "changelist"), {"q": "framework"}).status_code == 200
    assert editor_client.get(admin_url(model, "add")).status_code == 200
    page = editor_client.get(admin_url(model, "change", obj.pk))
    assert page.status_code == 200
    assert b'name="_save"' in page.content


@pytest.mark.parametrize("name", MODELS)
def test_editor_resaving_an_unchanged_form_succeeds(editor_client, name):
    model, factory = MODELS[name]
    obj = factory()
    page = editor_client.get(admin_url(model, "change", obj.pk))
    response = editor_client.post(admin_url(model, "change", obj.pk), change_form_data(page))
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


def test_claims_list_shows_citation_and_publisher_counts(editor_client):
    claim = ClaimFactory(text="A claim with two citations.")
    CitationFactory(claim=claim)
    CitationFactory(claim=claim)
    page = editor_client.get(admin_url(Claim, "changelist"))
    row = next(r for r in page.context["cl"].result_list if r.pk == claim.pk)
    assert (row.citation_count, row.publisher_count) == (2, 2)


def test_sources_list_shows_claims_per_source(editor_client):
    citation = CitationFactory()
    page = editor_client.get(admin_url(Source, "changelist"))
    row = next(r for r in page.context["cl"].result_list if r.pk == citation.source_id)
    assert row.claim_count == 1


def test_explainers_list_shows_sources_per_explainer(editor_client):
    item = BlockClaimFactory()
    CitationFactory(claim=item.claim)
    page = editor_client.get(admin_url(Explainer, "changelist"))
    row = next(r for r in page.context["cl"].result_list if r.pk == item.block.explainer_id)
    assert (row.source_count, row.claim_count) == (1, 1)


def test_editor_adds_a_claim_with_a_citation_that_is_verified_on_save(editor_client, editor):
    source = SourceFactory()
    page = editor_client.get(admin_url(Claim, "add"))
    data = change_form_data(page)
    data.update({"text": "The pact covers mining and processing.", "kind": "fact", "status": "draft"})
    data.update(
        {
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": source.pk,
            "citations-0-quote": "covers mining, processing",
        }
    )
    response = editor_client.post(admin_url(Claim, "add"), data)
    assert response.status_code == 302
    claim = Claim.objects.get(text="The pact covers mining and processing.")
    citation = claim.citations.get()
    assert citation.status == "exact" and citation.passage == "covers mining, processing"
    assert claim.updated_by == editor


def test_raw_text_is_read_only_on_an_existing_source(editor_client):
    source = SourceFactory()
    page = editor_client.get(admin_url(Source, "change", source.pk))
    assert "raw_text" not in page.context["adminform"].form.fields
    data = change_form_data(page) | {"raw_text": "Tampered."}
    editor_client.post(admin_url(Source, "change", source.pk), data)
    source.refresh_from_db()
    assert source.raw_text != "Tampered."


def test_view_on_site_links_to_the_public_page(editor_client):
    person = PersonFactory(slug="marco-rubio")
    page = editor_client.get(admin_url(Person, "change", person.pk))
    shortcut = reverse("admin:view_on_site", args=[ContentType.objects.get_for_model(Person).pk, person.pk])
    assert shortcut.encode() in page.content
    assert editor_client.get(shortcut)["Location"].endswith("/people/marco-rubio/")


# --- who may do what -------------------------------------------------------------------------


def test_contributor_cannot_publish_through_the_change_form(contributor_client):
    explainer = ExplainerFactory(status="draft")
    page = contributor_client.get(admin_url(Explainer, "change", explainer.pk))
    data = change_form_data(page) | {
        "status": "published",
        "published_at_0": "2026-05-27",
        "published_at_1": "10:00:00",
    }
    contributor_client.post(admin_url(Explainer, "change", explainer.pk), data)
    explainer.refresh_from_db()
    assert explainer.status == "draft" and explainer.published_at is None


@pytest.mark.parametrize("name", ["source", "claim", "explainer", "person"])
def test_contributor_and_editor_cannot_delete(contributor_client, editor_client, name):
    model, factory = MODELS[name]
    obj = factory()
    for client in (contributor_client, editor_client):
        assert client.get(admin_url(model, "delete", obj.pk)).status_code == 403
        assert client.post(admin_url(model, "delete", obj.pk), {"post": "yes"}).status_code == 403
    assert model.objects.filter(pk=obj.pk).exists()


def test_status_cannot_be_set_through_the_change_form_even_by_a_publisher(publisher_client):
    explainer = ExplainerFactory(status="draft")
    page = publisher_client.get(admin_url(Explainer, "change", explainer.pk))
    data = change_form_data(page) | {"status": "published"}
    assert publisher_client.post(admin_url(Explainer, "change", explainer.pk), data).status_code == 302
    explainer.refresh_from_db()
    assert explainer.status == "draft"


def test_deleting_a_cited_source_in_the_admin_says_where_it_is_used(publisher_client):
    citation = CitationFactory()
    page = publisher_client.get(admin_url(Source, "delete", citation.source_id))
    assert b"protected" in page.content and str(citation).encode() in page.content
    publisher_client.post(admin_url(Source, "delete", citation.source_id), {"post": "yes"})
    assert Source.objects.filter(pk=citation.source_id).exists()


def test_bulk_delete_of_a_mixed_selection_deletes_nothing(publisher_client):
    cited = CitationFactory().source
    uncited = SourceFactory()
    data = {"action": "delete_selected", "_selected_action": [cited.pk, uncited.pk], "post": "yes"}
    publisher_client.post(admin_url(Source, "changelist"), data)
    assert Source.objects.filter(pk__in=[cited.pk, uncited.pk]).count() == 2


def test_groups_exist_with_publish_only_for_publishers():
    perms = {g.name: {p.codename for p in g.permissions.all()} for g in Group.objects.all()}
    assert "publish_explainer" in perms["Publisher"]
    assert "publish_explainer" not in perms["Editor"] | perms["Contributor"]
    assert "delete_source" not in perms["Editor"] | perms["Contributor"]
    assert {"add_claim", "change_claim", "add_citation", "change_explainer"} <= perms["Contributor"]


def test_staff_without_a_group_sees_no_models():
    client = Client()
    client.force_login(UserFactory(username="staff0"))
    assert client.get(admin_url(Claim, "changelist")).status_code == 403


# --- concurrent edits ------------------------------------------------------------------------


def two_editors():
    first, second = Client(), Client()
    first.force_login(UserFactory(username="alice", groups=["Editor"]))
    second.force_login(UserFactory(username="bob", groups=["Editor"]))
    return first, second


def test_second_stale_save_of_a_claim_is_refused_and_names_who_changed_it():
    claim = ClaimFactory(text="Original text.")
    alice, bob = two_editors()
    url = admin_url(Claim, "change", claim.pk)
    alice_form, bob_form = change_form_data(alice.get(url)), change_form_data(bob.get(url))
    assert alice.post(url, alice_form | {"text": "Alice's text."}).status_code == 302
    response = bob.post(url, bob_form | {"text": "Bob's text."})
    assert response.status_code == 200
    assert "was changed by alice" in response.content.decode()
    claim.refresh_from_db()
    assert claim.text == "Alice's text."


def test_stale_save_of_an_inline_citation_is_refused():
    citation = CitationFactory(quote="covers mining, processing")
    alice, bob = two_editors()
    claim_url = admin_url(Claim, "change", citation.claim_id)
    citation_url = admin_url(Citation, "change", citation.pk)
    bob_form = change_form_data(bob.get(claim_url))
    alice_form = change_form_data(alice.get(citation_url))
    assert alice.post(citation_url, alice_form | {"note": "Checked by Alice."}).status_code == 302
    response = bob.post(claim_url, bob_form | {"citations-0-note": "Bob's note."})
    assert response.status_code == 200
    assert "was changed by alice" in response.content.decode()
    citation.refresh_from_db()
    assert citation.note == "Checked by Alice."


def test_stale_explainer_save_is_refused_after_an_admin_action_changed_it(publisher_client):
    explainer = ExplainerFactory(title="Original")
    alice, _ = two_editors()
    url = admin_url(Explainer, "change", explainer.pk)
    stale = change_form_data(alice.get(url))
    Explainer.objects.filter(pk=explainer.pk).update_versioned(title="Changed by an action")
    response = alice.post(url, stale | {"title": "Alice's title"})
    assert response.status_code == 200
    explainer.refresh_from_db()
    assert explainer.title == "Changed by an action"


def test_orm_save_from_a_stale_copy_raises():
    from sources.models import StaleEditError

    claim = ClaimFactory()
    first, second = Claim.objects.get(pk=claim.pk), Claim.objects.get(pk=claim.pk)
    first.text = "First."
    first.save()
    second.text = "Second."
    with pytest.raises(StaleEditError, match="after you opened it"):
        second.save()
    assert Claim.objects.get(pk=claim.pk).text == "First."


def test_reverify_action_reports_and_bumps_versions(editor_client):
    citation = CitationFactory()
    before = Citation.objects.get(pk=citation.pk).version
    Source.objects.filter(pk=citation.source_id).update(text="Edited. " + citation.source.text)
    response = editor_client.post(
        admin_url(Claim, "changelist"),
        {"action": "reverify", "_selected_action": [citation.claim_id]},
        follow=True,
    )
    assert "Re-verified 1 citation" in response.content.decode()
    citation.refresh_from_db()
    assert citation.version > before and citation.passage == citation.quote


# --- ordering --------------------------------------------------------------------------------


def test_swapping_block_positions_in_the_inline_works(editor_client):
    explainer = ExplainerFactory()
    first = BlockFactory(explainer=explainer, position=0, kind="paragraph")
    second = BlockFactory(explainer=explainer, position=1, kind="analysis")
    url = admin_url(Explainer, "change", explainer.pk)
    data = change_form_data(editor_client.get(url))
    data |= {"blocks-0-position": "1", "blocks-1-position": "0"}
    assert editor_client.post(url, data).status_code == 302
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.position, second.position) == (1, 0)


def test_duplicate_positions_are_a_form_error_not_a_crash(editor_client):
    explainer = ExplainerFactory()
    BlockFactory(explainer=explainer, position=0)
    BlockFactory(explainer=explainer, position=1)
    url = admin_url(Explainer, "change", explainer.pk)
    data = change_form_data(editor_client.get(url)) | {"blocks-1-position": "0"}
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert "share position 0" in response.content.decode()


def test_sentences_are_added_to_a_block_with_automatic_positions(editor_client):
    block = BlockFactory()
    claims = [ClaimFactory(text=f"Sentence {n}.") for n in range(2)]
    url = admin_url(Block, "change", block.pk)
    data = change_form_data(editor_client.get(url))
    data |= {"items-TOTAL_FORMS": "2", "items-0-claim": claims[0].pk, "items-1-claim": claims[1].pk}
    assert editor_client.post(url, data).status_code == 302
    assert list(BlockClaim.objects.filter(block=block).values_list("claim", "position")) == [
        (claims[0].pk, 1),
        (claims[1].pk, 2),
    ]


# --- history ---------------------------------------------------------------------------------


def test_history_restore_brings_back_an_earlier_claim_and_its_citations(editor_client):
    source = SourceFactory()
    url = admin_url(Claim, "add")
    data = change_form_data(editor_client.get(url)) | {
        "text": "Version one.",
        "kind": "fact",
        "status": "draft",
    }
    data |= {
        "citations-TOTAL_FORMS": "1",
        "citations-0-source": source.pk,
        "citations-0-quote": "covers mining, processing",
    }
    assert editor_client.post(url, data).status_code == 302
    claim = Claim.objects.get(text="Version one.")
    change = admin_url(Claim, "change", claim.pk)
    for text, quote in [
        ("Version two.", "refining and processing"),
        ("Version three.", "signed a bilateral"),
    ]:
        form = change_form_data(editor_client.get(change)) | {"text": text, "citations-0-quote": quote}
        assert editor_client.post(change, form).status_code == 302
    versions = Version.objects.get_for_object(claim).order_by("pk")
    assert versions.count() == 3
    first = versions.first()
    history = editor_client.get(reverse("admin:explainers_claim_history", args=[claim.pk]))
    assert history.status_code == 200
    revert_url = reverse("admin:explainers_claim_revision", args=[claim.pk, first.pk])
    form = change_form_data(editor_client.get(revert_url))
    assert form["text"] == "Version one."
    assert editor_client.post(revert_url, form).status_code == 302
    claim.refresh_from_db()
    assert claim.text == "Version one."
    assert list(claim.citations.values_list("quote", flat=True)) == ["covers mining, processing"]
    assert claim.citations.get().status == "exact"


def test_restore_is_refused_when_someone_saved_in_between(editor_client):
    claim = ClaimFactory(text="One.")
    change = admin_url(Claim, "change", claim.pk)
    for text in ["Two.", "Three."]:
        assert (
            editor_client.post(
                change, change_form_data(editor_client.get(change)) | {"text": text}
            ).status_code
            == 302
        )
    first = Version.objects.get_for_object(claim).order_by("pk").first()
    revert_url = reverse("admin:explainers_claim_revision", args=[claim.pk, first.pk])
    stale_restore = change_form_data(editor_client.get(revert_url))
    alice, _ = two_editors()
    assert alice.post(change, change_form_data(alice.get(change)) | {"text": "Alice."}).status_code == 302
    assert editor_client.post(revert_url, stale_restore).status_code == 200
    claim.refresh_from_db()
    assert claim.text == "Alice."


def test_person_roles_are_edited_inline(editor_client):
    role = RoleFactory(title="External Affairs Minister")
    url = admin_url(Person, "change", role.person_id)
    page = editor_client.get(url)
    assert b"External Affairs Minister" in page.content


def test_agreement_page_edits_parties_signatories_scope_and_milestones(editor_client):
    agreement = AgreementFactory()
    page = editor_client.get(admin_url(Agreement, "change", agreement.pk))
    prefixes = {inline.formset.prefix for inline in page.context["inline_admin_formsets"]}
    assert {"party_links", "signatories", "scope_items", "claims"} <= prefixes


def test_claim_page_shows_each_citations_match_and_passage(editor_client):
    citation = CitationFactory(quote="covers mining, processing")
    html = editor_client.get(admin_url(Claim, "change", citation.claim_id)).content.decode()
    assert '<span class="citation-status citation-status--exact">Exact</span> (score 1.00)' in html
    assert "<q>covers mining, processing</q>" in html


def test_fuzzy_match_shows_the_sources_own_spelling_as_sic(editor_client):
    source = SourceFactory(raw_text="Rubio launched the Forum on Resource Geostategic Engagement (FORGE).")
    citation = CitationFactory(source=source, quote="the Forum on Resource Geostrategic Engagement")
    assert citation.status == "fuzzy"
    html = editor_client.get(admin_url(Citation, "change", citation.pk)).content.decode()
    assert '<mark title="as the source spells it">Geostategic</mark> [sic]' in html
    assert '<del title="in the quote, not in the source">Geostrategic</del>' in html
