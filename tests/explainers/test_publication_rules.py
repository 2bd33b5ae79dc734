"""Only a publisher's publish action changes what readers see: the findings of the write-path audit.

Each numbered test is one finding; the others pin down the live/pending model every surface obeys.
"""

import datetime as dt
import re
from io import StringIO
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from explainers.actor import acting_as
from explainers.models import Block, BlockClaim, Citation, Claim, Explainer, Snapshot, Transition
from explainers.services import publishing, workflow
from sources.models import Source
from tests.admin_forms import change_form_data
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    PersonFactory,
    PublisherFactory,
    QuoteFactory,
    SourceFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db


def story(slug="story", status="review", sentences=("The pact covers mining and processing.",)):
    """An explainer whose every sentence is cited by two independent publishers: nothing to warn about."""
    explainer = ExplainerFactory(slug=slug, status=status, title="The story", dek="What happened.")
    block = BlockFactory(explainer=explainer, position=0)
    for n, text in enumerate(sentences):
        claim = ClaimFactory(text=text)
        for _ in range(2):
            citation = CitationFactory(claim=claim, quote="covers mining, processing")
            Citation.objects.filter(pk=citation.pk).update(support_score=0.9)
        BlockClaimFactory(block=block, claim=claim, position=n)
    return explainer


def act(client, explainer, action, **extra):
    explainer.refresh_from_db()
    data = {"action": action, "seen_version": explainer.version, "comment": "checked", **extra}
    return client.post(reverse("admin:explainers_explainer_workflow", args=[explainer.pk]), data, follow=True)


def messages_of(response) -> str:
    return " | ".join(str(m) for m in response.context["messages"])


def public_text(url: str) -> str:
    response = Client().get(url)
    return f"{response.status_code} {response.content.decode()}"


def sentence(explainer) -> Claim:
    return BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first().claim


# --- 1. an editor cannot publish by restoring a revision ----------------------------------------


def test_1_restoring_a_revision_saved_while_published_publishes_nothing(editor_client, publisher_client):
    explainer = story()
    act(publisher_client, explainer, "publish")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    editor_client.post(url, change_form_data(editor_client.get(url)) | {"title": "Saved while live"})
    saved_while_live = Version.objects.get_for_object(explainer).order_by("-pk").first()
    assert saved_while_live.field_dict["status"] == "published"
    act(publisher_client, explainer, "unpublish", comment="Taken down for checks.")
    assert Client().get("/explainers/story/").status_code == 404

    revision = reverse("admin:explainers_explainer_revision", args=[explainer.pk, saved_while_live.pk])
    assert editor_client.get(revision).status_code == 200
    assert editor_client.post(revision).status_code == 302

    explainer.refresh_from_db()
    assert explainer.status == "draft" and explainer.title == "Saved while live"
    assert Client().get("/explainers/story/").status_code == 404
    assert not Transition.objects.filter(explainer=explainer, to_status="published", by__username="editor")
    assert not Snapshot.objects.public().filter(explainer=explainer).exists()


# --- 2. edits of a published explainer wait for a publisher ------------------------------------


def test_2_contributor_and_editor_edits_of_a_live_explainer_never_reach_readers(
    contributor_client, editor_client, publisher_client
):
    explainer = story(sentences=("First sentence of the pact.",))
    second = story(slug="other", sentences=("Second sentence of the pact.",)).blocks.get()
    second.explainer, second.position = explainer, 1
    second.save()
    act(publisher_client, explainer, "publish")
    live = public_text("/explainers/story/")
    first = sentence(explainer)
    claim_url = reverse("admin:explainers_claim_change", args=[first.pk])
    citation = first.citations.first()

    # A contributor is refused outright; the page is untouched.
    assert contributor_client.post(claim_url, {"text": "Contributor text."}).status_code == 403
    assert (
        contributor_client.post(
            reverse("admin:explainers_citation_delete", args=[citation.pk]), {"post": "yes"}
        ).status_code
        == 403
    )

    # An editor's edits land in the pending version only.
    data = change_form_data(editor_client.get(claim_url)) | {"text": "Rewritten by the editor."}
    assert editor_client.post(claim_url, data).status_code == 302
    explainer_url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    data = change_form_data(editor_client.get(explainer_url)) | {"blocks-1-DELETE": "on"}
    assert editor_client.post(explainer_url, data).status_code == 302
    assert public_text("/explainers/story/") == live
    assert "Rewritten by the editor" not in public_text("/api/explainers/story/")

    # The publisher sees what would change, then publishes it.
    panel = publisher_client.get(explainer_url).content.decode()
    assert "Unpublished changes" in panel and "removed sentence" in panel
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    page = public_text("/explainers/story/")
    assert "Rewritten by the editor." in page and "Second sentence" not in page


# --- 3. a claim's status is recorded, and never publishes anything ----------------------------


def test_3_contributor_cannot_set_a_status_and_a_status_makes_nothing_public(
    contributor_client, editor_client
):
    person = PersonFactory(name="Quoted Minister", slug="quoted-minister")
    source = SourceFactory(title="Unpublished report", slug="unpublished-report")
    claim = QuoteFactory(text="We will sign it soon, the minister said.", speaker_person=person)
    CitationFactory(claim=claim, source=source, quote="covers mining, processing")
    url = reverse("admin:explainers_claim_change", args=[claim.pk])

    data = change_form_data(contributor_client.get(url)) | {"status": "verified"}
    contributor_client.post(url, data)
    status = reverse("admin:explainers_claim_status", args=[claim.pk])
    denied = contributor_client.post(status, {"status": "verified", "seen_version": claim.version})
    assert denied.status_code == 403
    claim.refresh_from_db()
    assert claim.status == "draft" and not claim.reviews.exists()

    editor_client.post(status, {"status": "verified", "seen_version": claim.version})
    claim.refresh_from_db()
    assert claim.status == "verified"
    review = claim.reviews.get()
    assert (review.from_status, review.to_status, review.by.username) == ("draft", "verified", "editor")
    reader = Client()
    for url in (f"/claims/{claim.pk}/", "/sources/unpublished-report/", "/people/quoted-minister/"):
        assert reader.get(url).status_code == 404, url
    sitemap = reader.get("/sitemap.xml").content.decode()
    assert "unpublished-report" not in sitemap and "quoted-minister" not in sitemap
    assert "minister said" not in reader.get("/search/", {"q": "minister"}).content.decode()


def test_retracting_needs_a_note_and_reaches_readers_when_published(editor_client, publisher_client):
    explainer = story()
    act(publisher_client, explainer, "publish")
    claim = sentence(explainer)
    status = reverse("admin:explainers_claim_status", args=[claim.pk])
    refused = editor_client.post(status, {"status": "retracted", "seen_version": claim.version}, follow=True)
    assert "needs a note" in messages_of(refused)
    editor_client.post(status, {"status": "retracted", "note": "Withdrawn.", "seen_version": claim.version})
    assert "<del>" not in public_text("/explainers/story/")
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    assert "<del>" in public_text("/explainers/story/") and "Withdrawn." in public_text("/explainers/story/")


# --- 4. public lists inside pages show only published claims -----------------------------------


def test_4_a_draft_claim_never_appears_in_the_disagreement_section_of_a_public_claim():
    published = ClaimFactory(text="Signed at Hyderabad House.", topic="signing-place")
    CitationFactory(claim=published)
    draft = ClaimFactory(text="Signed during the Quad meeting (draft only).", topic="signing-place")
    CitationFactory(claim=draft)
    publish_now(published)
    page = public_text(f"/claims/{published.pk}/")
    assert page.startswith("200") and "Quad meeting" not in page and "Sources disagree" not in page
    assert Client().get(f"/claims/{draft.pk}/").status_code == 404
    publish_now(draft)
    assert "Quad meeting" in public_text(f"/claims/{published.pk}/")


def test_person_page_lists_only_published_quotes():
    person = PersonFactory(slug="speaker")
    shown = QuoteFactory(text="Published words.", speaker_person=person)
    CitationFactory(claim=shown)
    hidden = QuoteFactory(text="Draft words.", speaker_person=person)
    CitationFactory(claim=hidden)
    publish_now(shown)
    page = public_text("/people/speaker/")
    assert "Published words." in page and "Draft words." not in page


# --- 5. preview links die with the explainer and carry their version ---------------------------


def preview_link(client, explainer) -> str:
    response = client.post(
        reverse("admin:explainers_explainer_preview_link", args=[explainer.pk]), follow=True
    )
    return re.search(r"http://testserver(/preview/[^/]+/)", messages_of(response)).group(1)


def test_5_preview_link_dies_when_the_explainer_is_archived(editor_client, publisher_client):
    explainer = story(status="draft")
    path = preview_link(editor_client, explainer)
    assert Client().get(path).status_code == 200
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    assert Client().get(path).status_code == 302
    act(publisher_client, explainer, "archive")
    assert Client().get(path).status_code == 404


def test_preview_link_of_pending_changes_shows_its_version_until_a_later_one_is_published(
    editor_client, publisher_client
):
    explainer = story()
    act(publisher_client, explainer, "publish")
    claim = sentence(explainer)
    Claim.objects.filter(pk=claim.pk).update_versioned(text="Pending wording for review.")
    path = preview_link(editor_client, explainer)
    Claim.objects.filter(pk=claim.pk).update_versioned(text="Wording typed after the link was made.")
    page = public_text(path)
    assert "Pending wording for review." in page and "after the link was made" not in page
    assert "Pending wording" not in public_text("/explainers/story/")
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    assert Client().get(path)["Location"] == "/explainers/story/"


def test_preview_link_dies_when_the_explainer_is_deleted(editor_client, publisher_client):
    explainer = story(status="draft")
    path = preview_link(editor_client, explainer)
    publisher_client.post(reverse("admin:explainers_explainer_delete", args=[explainer.pk]), {"post": "yes"})
    assert not Explainer.objects.filter(pk=explainer.pk).exists()
    assert Client().get(path).status_code == 404


# --- 6. over-long login values --------------------------------------------------------------------


@pytest.mark.parametrize("length", [256, 300, 5000])
def test_6_an_over_long_username_on_the_login_page_is_a_form_error(length):
    client = Client()
    response = client.post(
        "/admin/login/", {"username": "u" * length, "password": "whatever", "next": "/admin/"}
    )
    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
    from axes.models import AccessAttempt

    assert not AccessAttempt.objects.filter(username__startswith="u" * 200).exists()


def test_an_over_long_password_is_a_form_error_too():
    response = Client().post("/admin/login/", {"username": "someone", "password": "p" * 10_000})
    assert response.status_code == 200 and "at most 4096 characters" in response.content.decode()


# --- 7. old revisions open and restore ------------------------------------------------------------


def test_7_a_revision_from_before_the_sentences_opens_and_restores_without_deleting_claims(editor_client):
    add = reverse("admin:explainers_explainer_add")
    data = change_form_data(editor_client.get(add)) | {"title": "Early", "slug": "early", "dek": "Dek."}
    assert editor_client.post(add, data).status_code == 302
    explainer = Explainer.objects.get(slug="early")
    first_revision = Version.objects.get_for_object(explainer).get()
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    data = change_form_data(editor_client.get(url)) | {
        "blocks-TOTAL_FORMS": "1",
        "blocks-0-kind": "paragraph",
        "blocks-0-position": "0",
    }
    assert editor_client.post(url, data).status_code == 302
    claim = ClaimFactory(text="A sentence added later.")
    BlockClaim.objects.create(block=explainer.blocks.get(), claim=claim, position=0)
    editor_client.post(url, change_form_data(editor_client.get(url)) | {"dek": "Later dek."})

    revision = reverse("admin:explainers_explainer_revision", args=[explainer.pk, first_revision.pk])
    page = editor_client.get(revision)
    assert page.status_code == 200 and "Restore as the pending version" in page.content.decode()
    restored = editor_client.post(revision, follow=True)
    assert "Restored" in messages_of(restored)
    explainer.refresh_from_db()
    assert explainer.dek == "Dek." and not Block.objects.filter(explainer=explainer).exists()
    assert Claim.objects.filter(pk=claim.pk).exists()  # the later sentence stays in the library


def test_restoring_a_revision_brings_back_a_deleted_claim_as_a_draft(editor_client):
    explainer = story(status="draft")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    editor_client.post(url, change_form_data(editor_client.get(url)) | {"dek": "Saved with its sentence."})
    revision = Version.objects.get_for_object(explainer).order_by("-pk").first()
    claim = sentence(explainer)
    text = claim.text
    explainer.blocks.all().delete()
    Claim.objects.filter(pk=claim.pk).delete()
    editor_client.post(reverse("admin:explainers_explainer_revision", args=[explainer.pk, revision.pk]))
    restored = sentence(explainer)
    assert restored.text == text and restored.status == "draft" and restored.citations.count() == 2


def test_a_published_version_can_be_restored_as_the_pending_version(editor_client, publisher_client):
    explainer = story(sentences=("Original sentence.",))
    act(publisher_client, explainer, "publish")
    Claim.objects.filter(pk=sentence(explainer).pk).update_versioned(text="Changed sentence.")
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    first = explainer.snapshots.get(number=1)
    restore = reverse("admin:explainers_explainer_restore_version", args=[explainer.pk, first.number])
    editor_client.post(restore)
    assert sentence(explainer).text == "Original sentence."
    assert "Changed sentence." in public_text("/explainers/story/")


# --- 8. database outages ----------------------------------------------------------------------


def test_8_a_database_outage_answers_503_with_retry_after():
    with mock.patch(
        "explainers.views.renderings.live_version",
        side_effect=OperationalError("server closed the connection"),
    ):
        client = Client(raise_request_exception=False)
        response = client.get("/explainers/anything/")
    assert response.status_code == 503 and response["Retry-After"].isdigit()
    body = response.content.decode()
    assert "Back in a moment" in body and "Traceback" not in body and "OperationalError" not in body


def test_other_errors_keep_the_plain_500_page():
    with mock.patch("explainers.views.renderings.live_version", side_effect=ValueError("bug")):
        response = Client(raise_request_exception=False).get("/explainers/anything/")
    assert response.status_code == 500 and "Something went wrong" in response.content.decode()


def test_healthz_still_reports_a_database_outage_as_json():
    with mock.patch("config.health._database", return_value="error: OperationalError"):
        response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["database"].startswith("error")


# --- the live version and its pending changes, on every surface --------------------------------


def test_readers_keep_the_live_version_on_every_surface_while_changes_wait(editor_client, publisher_client):
    explainer = story(sentences=("Live wording of the pact.",))
    act(publisher_client, explainer, "publish")
    Claim.objects.filter(pk=sentence(explainer).pk).update_versioned(text="Pending wording of the pact.")
    Explainer.objects.filter(pk=explainer.pk).update_versioned(title="Pending title")
    surfaces = [
        "/explainers/story/",
        "/explainers/story/evidence/",
        "/api/explainers/story/",
        "/api/explainers/",
        "/feed/",
        f"/claims/{sentence(explainer).pk}/",
        "/search/?q=wording",
        "/",
    ]
    for url in surfaces:
        text = public_text(url)
        assert text.startswith("200") and "Pending" not in text, url
    assert "Live wording" in re.sub(r"<[^>]+>", "", public_text("/search/?q=wording"))  # words marked
    staff = editor_client.get("/explainers/story/").content.decode()
    assert "Pending wording" in staff and "Preview" in staff
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    page = public_text("/explainers/story/")
    assert "Pending wording of the pact." in page and "Updated" in page and "Pending title" in page


def test_a_scheduled_change_replaces_the_live_version_at_its_time(editor_client, publisher_client):
    explainer = story(sentences=("Before the change.",))
    act(publisher_client, explainer, "publish")
    Claim.objects.filter(pk=sentence(explainer).pk).update_versioned(text="After the change.")
    act(editor_client, explainer, "submit")
    later = (timezone.now() + dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    act(
        publisher_client,
        explainer,
        "publish",
        publish_at=timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
    )
    assert "Before the change." in public_text("/explainers/story/")
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(minutes=1)):
        assert "After the change." in public_text("/explainers/story/")
    act(publisher_client, explainer, "cancel_schedule", comment="Not yet.")
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(minutes=1)):
        assert "Before the change." in public_text("/explainers/story/")


def test_publish_is_refused_to_anyone_without_the_right_whatever_the_path(editor):
    explainer = story()
    with pytest.raises(PermissionDenied):
        publishing.publish(explainer, by=editor)
    with pytest.raises(PermissionDenied):
        workflow.apply_action(explainer, "publish", by=editor)
    assert not explainer.snapshots.exists()


# --- evidence records readers see -----------------------------------------------------------------


def test_an_editor_cannot_change_a_source_readers_see_but_a_publisher_can(editor, publisher_user):
    explainer = story()
    publish_now(explainer)
    source = sentence(explainer).citations.first().source
    source.title = "Retitled"
    with acting_as(editor), pytest.raises(publishing.PublicRecordLocked):
        source.save()
    with acting_as(editor):
        source.refresh_from_db()
        source.notes = "Editors' notes are not shown to readers."
        source.save()  # a field readers never see
    with acting_as(publisher_user):
        source.title = "Retitled by the publisher"
        source.save()
    assert "Retitled by the publisher" in public_text(f"/sources/{source.slug}/")


def test_an_unpublished_source_is_an_editors_to_change(editor):
    source = SourceFactory()
    with acting_as(editor):
        source.title = "Freely retitled"
        source.save()
    assert Source.objects.get(pk=source.pk).title == "Freely retitled"


def test_the_source_admin_is_read_only_for_editors_when_readers_see_it(editor_client, publisher_client):
    explainer = story()
    publish_now(explainer)
    source = sentence(explainer).citations.first().source
    url = reverse("admin:sources_source_change", args=[source.pk])
    page = editor_client.get(url).content.decode()
    assert "only a publisher can" in page and 'name="_save"' not in page
    assert editor_client.post(url, {"title": "x"}).status_code == 403
    assert 'name="_save"' in publisher_client.get(url).content.decode()


def test_a_publisher_who_changes_a_quoted_source_text_keeps_published_quotes_anchored(publisher_user):
    explainer = story()
    publish_now(explainer)
    source = sentence(explainer).citations.first().source
    with acting_as(publisher_user):
        source.replace_raw_text("Preface added.\n\n" + source.raw_text, "Preface added.\n\n" + source.text)
        source.save()
    page = public_text(f"/sources/{source.slug}/")
    assert "<mark" in page and "covers mining, processing</mark>" in page


def test_import_without_publish_refuses_to_change_what_readers_see(tmp_path, settings):
    folder = tmp_path / "docs"
    folder.mkdir()
    document = folder / "report.txt"
    document.write_text(
        "Headline of the report\n\nThe pact was signed on Tuesday in Delhi.\n", encoding="utf-8"
    )
    cited = folder / "cited.txt"
    cited.write_text("The pact was signed on Tuesday [1].\n", encoding="utf-8")
    (folder / "curation.toml").write_text(
        '[explainers."cited.txt"]\ntitle = "When the pact was signed"\ndek = "A short explainer."\n'
        'accept = ["single_publisher"]\n'
        '[[explainers."cited.txt".citations]]\nsentence = "The pact was signed"\nsource = "report.txt"\n'
        'quote = "The pact was signed on Tuesday"\n',
        encoding="utf-8",
    )
    settings.SEEDS_DIR = folder
    call_command("import_seeds", "--publish", stdout=StringIO())
    assert Explainer.objects.get().is_public
    document.write_text(
        "Headline of the report\n\nThe pact was signed on Tuesday in New Delhi.\n", encoding="utf-8"
    )
    with pytest.raises(CommandError, match="readers see it"):
        call_command("import_seeds", stdout=StringIO())
    assert "in Delhi" in Source.objects.get(origin_file="report.txt").text
    call_command("import_seeds", "--publish", stdout=StringIO())
    assert "New Delhi" in Source.objects.get(origin_file="report.txt").text


def test_a_person_readers_see_cannot_be_renamed_or_deleted_by_an_editor(editor_client):
    person = PersonFactory(slug="seen")
    quote = QuoteFactory(speaker_person=person)
    CitationFactory(claim=quote, source=SourceFactory(publisher=PublisherFactory()))
    publish_now(quote)
    url = reverse("admin:sources_person_change", args=[person.pk])
    assert editor_client.post(url, {"name": "Renamed"}).status_code == 403
    person.refresh_from_db()
    assert person.name != "Renamed"


# --- the workflow's edit rule holds on forms that choose a parent --------------------------------


def test_a_contributor_cannot_add_a_citation_to_a_sentence_of_an_explainer_in_review(contributor_client):
    explainer = story(status="review")
    claim = sentence(explainer)
    before = claim.citations.count()
    add = reverse("admin:explainers_citation_add")
    data = change_form_data(contributor_client.get(add)) | {
        "claim": claim.pk,
        "source": SourceFactory().pk,
        "quote": "covers mining, processing",
    }
    response = contributor_client.post(add, data)
    assert response.status_code == 200 and "You may not edit" in response.content.decode()
    assert claim.citations.count() == before


def test_a_contributor_cannot_move_a_block_into_an_explainer_in_review(contributor_client):
    target = story(slug="in-review", status="review")
    draft = story(slug="a-draft", status="draft")
    block = draft.blocks.get()
    url = reverse("admin:explainers_block_change", args=[block.pk])
    data = change_form_data(contributor_client.get(url)) | {"explainer": target.pk}
    response = contributor_client.post(url, data)
    assert response.status_code == 200 and "You may not edit" in response.content.decode()
    block.refresh_from_db()
    assert block.explainer_id == draft.pk


def test_a_deleted_explainer_is_recovered_as_a_draft_with_its_sentences(publisher_client):
    explainer = story(slug="gone", status="review")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    publisher_client.post(
        url, change_form_data(publisher_client.get(url)) | {"dek": "Saved before deletion."}
    )
    text = sentence(explainer).text
    publisher_client.post(reverse("admin:explainers_explainer_delete", args=[explainer.pk]), {"post": "yes"})
    assert not Explainer.objects.filter(slug="gone").exists()
    version = Version.objects.get_deleted(Explainer).first()
    recover = reverse("admin:explainers_explainer_recover", args=[version.pk])
    assert publisher_client.get(recover).status_code == 200
    assert publisher_client.post(recover).status_code == 302
    recovered = Explainer.objects.get(slug="gone")
    assert recovered.status == "draft" and recovered.dek == "Saved before deletion."
    assert sentence(recovered).text == text
    assert Client().get("/explainers/gone/").status_code == 404
