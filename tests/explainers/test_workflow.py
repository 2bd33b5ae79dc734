"""Editorial workflow and citation integrity: who may move an explainer where, and what blocks publishing."""

import datetime as dt
import json
import re
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from explainers.models import Citation, Claim, Correction, DisagreementReview, Explainer, Transition
from explainers.services import workflow
from explainers.services.integrity import disagreements, explainer_report
from tests.admin_forms import change_form_data
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    PublisherFactory,
    SourceFactory,
    UserFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db


def ready_explainer(status="review", **fields):
    """An explainer with one claim cited by two independent publishers: nothing to warn about."""
    explainer = ExplainerFactory(status=status, **fields)
    claim = ClaimFactory(text="The pact covers mining and processing.")
    CitationFactory(claim=claim, quote="covers mining, processing")
    CitationFactory(claim=claim, quote="covers mining, processing")
    for citation in claim.citations.all():
        Citation.objects.filter(pk=citation.pk).update(support_score=0.9)
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=0), claim=claim, position=0)
    return explainer


def act(client, explainer, action, **extra):
    explainer.refresh_from_db()
    data = {"action": action, "seen_version": explainer.version, **extra}
    return client.post(reverse("admin:explainers_explainer_workflow", args=[explainer.pk]), data, follow=True)


def messages_of(response) -> str:
    return " | ".join(str(m) for m in response.context["messages"])


# --- who may do what -------------------------------------------------------------------------


def test_contributor_submits_a_draft_for_review(contributor_client):
    explainer = ready_explainer(status="draft")
    act(contributor_client, explainer, "submit")
    explainer.refresh_from_db()
    assert explainer.status == "review"
    record = explainer.transitions.get()
    assert (record.from_status, record.to_status, record.by.username) == ("draft", "review", "contributor")


def test_contributor_sees_no_publish_button_and_a_forced_publish_is_refused(contributor_client):
    explainer = ready_explainer(status="review")
    page = contributor_client.get(reverse("admin:explainers_explainer_change", args=[explainer.pk]))
    assert 'value="publish"' not in page.content.decode()
    response = act(contributor_client, explainer, "publish")
    assert response.status_code == 403
    explainer.refresh_from_db()
    assert explainer.status == "review" and not explainer.transitions.exists()


def test_contributor_cannot_edit_an_explainer_under_review(contributor_client):
    explainer = ready_explainer(status="review", title="Under review")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    page = contributor_client.get(url)
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert contributor_client.post(url, {"title": "Changed"}).status_code == 403
    explainer.refresh_from_db()
    assert explainer.title == "Under review"


def test_editor_returns_to_draft_only_with_a_comment(editor_client):
    explainer = ready_explainer(status="review")
    response = act(editor_client, explainer, "return")
    assert "needs a comment" in messages_of(response)
    explainer.refresh_from_db()
    assert explainer.status == "review"
    act(editor_client, explainer, "return", comment="Source 2 says export, not processing.")
    explainer.refresh_from_db()
    assert explainer.status == "draft"
    assert explainer.transitions.get().comment == "Source 2 says export, not processing."


def test_publisher_publishes_and_the_page_is_live_at_once(publisher_client):
    explainer = ready_explainer(slug="live-now")
    assert Client().get("/explainers/live-now/").status_code == 404
    act(publisher_client, explainer, "publish")
    explainer.refresh_from_db()
    assert explainer.status == "published" and explainer.published_at <= timezone.now()
    assert Client().get("/explainers/live-now/").status_code == 200


def test_transitions_are_shown_on_the_admin_page(publisher_client):
    explainer = ready_explainer()
    act(publisher_client, explainer, "publish")
    act(publisher_client, explainer, "unpublish", comment="Needs a correction first.")
    page = publisher_client.get(
        reverse("admin:explainers_explainer_change", args=[explainer.pk])
    ).content.decode()
    assert (
        "review → published" in page and "published → draft" in page and "Needs a correction first." in page
    )


def test_stale_workflow_action_is_refused(publisher_client):
    explainer = ready_explainer()
    stale = explainer.version
    Explainer.objects.filter(pk=explainer.pk).update_versioned(title="Changed meanwhile")
    response = publisher_client.post(
        reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
        {"action": "publish", "seen_version": stale},
        follow=True,
    )
    assert "after you opened it" in messages_of(response)
    explainer.refresh_from_db()
    assert explainer.status == "review"


# --- the publishing gate ---------------------------------------------------------------------


def test_publishing_is_refused_with_each_problem_naming_the_claim_and_source(publisher_client):
    explainer = ready_explainer()
    block = explainer.blocks.get()
    uncited = ClaimFactory(text="An uncited fact.")
    BlockClaimFactory(block=block, claim=uncited, position=5)
    orphan_claim = ClaimFactory(text="A fact with a lost quote.")
    orphan = CitationFactory(claim=orphan_claim, quote="words that are nowhere in the source")
    BlockClaimFactory(block=block, claim=orphan_claim, position=6)
    retracted = ClaimFactory(text="A retracted fact.", status=Claim.Status.RETRACTED)
    CitationFactory(claim=retracted)
    BlockClaimFactory(block=block, claim=retracted, position=7)
    Explainer.objects.filter(pk=explainer.pk).update(dek="")
    response = act(publisher_client, explainer, "publish", accept_warnings="on", comment="ok")
    text = messages_of(response)
    assert "cannot be published" in text
    assert f"claim #{uncited.pk} “An uncited fact.” has no citation" in text
    assert (
        f"claim #{orphan_claim.pk}" in text
        and f"cites “{orphan.source.title}”, but its quote is not found" in text
    )
    assert f"claim #{retracted.pk} “A retracted fact.” is retracted" in text
    assert "the dek is empty" in text
    explainer.refresh_from_db()
    assert explainer.status == "review"


def test_warnings_must_be_accepted_with_a_comment_and_stay_in_the_record_not_on_the_page(publisher_client):
    explainer = ready_explainer(slug="with-warnings")
    single = ClaimFactory(text="A fact from one paper.")
    CitationFactory(claim=single, source=SourceFactory(publisher=PublisherFactory(name="Only Paper")))
    BlockClaimFactory(block=explainer.blocks.get(), claim=single, position=3)
    refused = act(publisher_client, explainer, "publish")
    assert "accept them with a comment" in messages_of(refused)
    assert "rests on one publisher (Only Paper)" in messages_of(refused)
    no_comment = act(publisher_client, explainer, "publish", accept_warnings="on")
    assert "needs a comment" in messages_of(no_comment)
    act(publisher_client, explainer, "publish", accept_warnings="on", comment="Second source is coming.")
    explainer.refresh_from_db()
    assert explainer.status == "published"
    record = explainer.transitions.get(to_status="published")
    assert any("rests on one publisher" in w for w in record.accepted_warnings)
    page = Client().get("/explainers/with-warnings/").content.decode()
    # Readers get plain words (the evidence map shows the single source), not the desk's checklist.
    assert "rests on one publisher" not in page and "claim #" not in page
    evidence = Client().get("/explainers/with-warnings/evidence/").content.decode()
    assert "single source" in evidence


def test_fuzzy_match_is_a_warning_and_partial_support_a_notice_not_problems():
    explainer = ready_explainer()
    claim = ClaimFactory(text="Rubio launched FORGE in Geneva.")
    source = SourceFactory(raw_text="Rubio launched the Forum on Resource Geostategic Engagement (FORGE).")
    CitationFactory(
        claim=claim,
        source=source,
        quote="Rubio launched the Forum on Resource Geostrategic Engagement (FORGE)",
    )
    BlockClaimFactory(block=explainer.blocks.get(), claim=claim, position=9)
    report = explainer_report(explainer)
    assert report.can_publish
    assert {"fuzzy", "single_publisher"} <= {issue.code for issue in report.warnings}
    partial = [issue for issue in report.notices if issue.code == "partial" and issue.claim_id == claim.pk]
    assert partial and "“Geneva”" in partial[0].message


def test_syndicated_copy_does_not_count_as_a_second_publisher():
    original = SourceFactory(publisher=PublisherFactory(name="Original"))
    copy = SourceFactory(publisher=PublisherFactory(name="Syndicator"), derived_from=original)
    claim = ClaimFactory()
    CitationFactory(claim=claim, source=original)
    CitationFactory(claim=claim, source=copy)
    assert Claim.objects.with_counts().get(pk=claim.pk).publisher_count == 1
    publish_now(claim)
    assert "Backed by 1 independent publisher." in Client().get(f"/claims/{claim.pk}/").content.decode()


def test_scheduled_publication_appears_on_time_by_itself(publisher_client):
    explainer = ready_explainer(slug="scheduled")
    later = (timezone.now() + dt.timedelta(hours=2)).replace(second=0, microsecond=0)
    act(
        publisher_client,
        explainer,
        "publish",
        publish_at=timezone.localtime(later).strftime("%Y-%m-%dT%H:%M"),
    )
    explainer.refresh_from_db()
    assert explainer.status == "published" and explainer.published_at == later
    reader = Client()
    assert reader.get("/explainers/scheduled/").status_code == 404
    assert "scheduled" not in reader.get("/api/explainers/").content.decode()
    with mock.patch("django.utils.timezone.now", return_value=later + dt.timedelta(minutes=1)):
        assert reader.get("/explainers/scheduled/").status_code == 200
        assert "scheduled" in reader.get("/api/explainers/").content.decode()
        assert "scheduled" in reader.get("/feed/").content.decode()


# --- previews --------------------------------------------------------------------------------


def preview_link(client, explainer) -> str:
    """Create a preview link the way an editor does, and return its path."""
    response = client.post(
        reverse("admin:explainers_explainer_preview_link", args=[explainer.pk]), follow=True
    )
    return re.search(r"http://testserver(/preview/[^/]+/)", messages_of(response)).group(1)


def test_signed_preview_link_opens_a_draft_without_an_account(editor_client):
    explainer = ready_explainer(status="draft", title="Secret draft")
    response = Client().get(preview_link(editor_client, explainer))
    assert response.status_code == 200 and "Secret draft" in response.content.decode()
    assert "no-store" in response["Cache-Control"] and "noindex" in response["X-Robots-Tag"]
    assert "Preview" in response.content.decode()


def test_forged_or_expired_preview_links_are_refused(editor_client):
    explainer = ready_explainer(status="draft")
    path = preview_link(editor_client, explainer)
    assert Client().get(path[:-3] + "xx/").status_code == 404
    with mock.patch("django.core.signing.time.time", return_value=timezone.now().timestamp() + 8 * 24 * 3600):
        assert Client().get(path).status_code == 404


def test_preview_link_redirects_to_the_live_page_once_published(editor_client, publisher_client):
    explainer = ready_explainer(status="review", slug="now-live")
    path = preview_link(editor_client, explainer)
    act(publisher_client, explainer, "publish")
    response = Client().get(path)
    assert response.status_code == 302 and response["Location"] == "/explainers/now-live/"


# --- corrections, retractions ----------------------------------------------------------------


def test_correction_is_shown_on_the_page_the_corrections_list_and_json_ld(editor_client, publisher_client):
    explainer = ready_explainer(slug="corrected")
    act(publisher_client, explainer, "publish")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    data = change_form_data(editor_client.get(url))
    data |= {
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-text": "An earlier version gave the wrong date.",
        "corrections-0-published_at_0": "2026-05-28",
        "corrections-0-published_at_1": "09:00:00",
    }
    assert editor_client.post(url, data).status_code == 302
    assert Correction.objects.get().created_by.username == "editor"
    reader = Client()
    # The correction is part of the pending version: readers see it once a publisher publishes it.
    assert "An earlier version" not in reader.get("/explainers/corrected/").content.decode()
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    page = reader.get("/explainers/corrected/").content.decode()
    assert "An earlier version gave the wrong date." in page
    assert "An earlier version gave the wrong date." in reader.get("/corrections/").content.decode()
    ld = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert ld["correction"][0]["text"] == "An earlier version gave the wrong date."


def test_retracted_claim_stays_visible_struck_through_with_its_note(editor_client, publisher_client):
    explainer = ready_explainer(slug="retracted")
    act(publisher_client, explainer, "publish")
    claim = explainer.blocks.get().items.get().claim
    editor_client.post(
        reverse("admin:explainers_claim_status", args=[claim.pk]),
        {"status": "retracted", "note": "The source withdrew the figure.", "seen_version": claim.version},
    )
    assert "The source withdrew" not in Client().get("/explainers/retracted/").content.decode()
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish")
    page = Client().get("/explainers/retracted/").content.decode()
    assert f"<del>{claim.text}</del>" in page and "The source withdrew the figure." in page


# --- revisions -------------------------------------------------------------------------------


def test_revisions_can_be_compared_and_restored(editor_client):
    explainer = ready_explainer(status="draft", title="First title")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    for title in ["Second title", "Third title"]:
        assert (
            editor_client.post(url, change_form_data(editor_client.get(url)) | {"title": title}).status_code
            == 302
        )
    versions = list(Version.objects.get_for_object(explainer).order_by("pk"))
    compare = reverse("admin:explainers_explainer_compare", args=[explainer.pk])
    page = editor_client.get(compare, {"a": f"r{versions[0].pk}", "b": "w"}).content.decode()
    assert "<del>Second</del>" in page and "<ins>Third</ins>" in page
    assert "The pact covers mining and processing." in page  # the sentences are compared too
    revert = reverse("admin:explainers_explainer_revision", args=[explainer.pk, versions[0].pk])
    assert "<ins>Second</ins>" in editor_client.get(revert).content.decode()
    assert editor_client.post(revert).status_code == 302
    explainer.refresh_from_db()
    assert explainer.title == "Second title"


def test_revision_views_need_permission_on_explainers():
    explainer = ready_explainer()
    client = Client()
    client.force_login(UserFactory(username="staff0"))
    assert client.get(reverse("admin:explainers_explainer_compare", args=[explainer.pk])).status_code == 403
    assert client.get(reverse("admin:explainers_explainer_history", args=[explainer.pk])).status_code == 403


# --- integrity tools -------------------------------------------------------------------------


def disagreeing_claims():
    a = ClaimFactory(text="Signed at Hyderabad House.", topic="signing-place", status=Claim.Status.VERIFIED)
    b = ClaimFactory(
        text="Finalised during the Quad meeting.", topic="signing-place", status=Claim.Status.VERIFIED
    )
    CitationFactory(claim=a)
    CitationFactory(claim=b)
    return a, b


def test_disagreements_are_found_reviewed_and_shown_to_readers(editor_client):
    a, _b = disagreeing_claims()
    assert [d.topic for d in disagreements()] == ["signing-place"]
    report = editor_client.get(reverse("admin:integrity")).content.decode()
    assert "signing-place" in report and "not yet reviewed" in report
    add = reverse("admin:explainers_disagreementreview_add")
    editor_client.post(
        add,
        {"topic": "signing-place", "note": "Both true: discussed at the Quad, signed at Hyderabad House."},
    )
    assert DisagreementReview.objects.get().reviewed_by.username == "editor"
    for claim in Claim.objects.filter(topic="signing-place"):
        publish_now(claim)
    page = Client().get(f"/claims/{a.pk}/").content.decode()
    assert "Sources differ on signing place" in page and "Finalised during the Quad meeting." in page
    assert "Both true" in page


def test_a_sentence_on_a_disputed_topic_waits_for_an_editors_review_then_tells_readers():
    a, _ = disagreeing_claims()
    explainer = ready_explainer()
    BlockClaimFactory(block=explainer.blocks.get(), claim=a, position=4)
    report = explainer_report(explainer)
    assert not report.can_publish
    assert "disagreement" in {issue.code for issue in report.problems}
    DisagreementReview.objects.create(topic=a.topic, label="where it was signed", note="They differ.")
    report = explainer_report(explainer)
    assert "disagreement" not in {issue.code for issue in report.problems}
    assert any("sources differ on where it was signed" in issue.message for issue in report.notices)


def test_integrity_report_lists_uncited_orphans_and_unused_sources(editor_client):
    ClaimFactory(text="Nobody cites me.")
    CitationFactory(quote="nowhere in this text at all, really")
    unused = SourceFactory(title="Lonely source")
    page = editor_client.get(reverse("admin:integrity")).content.decode()
    assert "Nobody cites me." in page and "nowhere in this text at all" in page and unused.title in page


def test_verify_citations_command_reanchors_and_summarises():
    citation = CitationFactory(quote="covers mining, processing")
    from sources.models import Source

    Source.objects.filter(pk=citation.source_id).update(text="Preface. " + citation.source.text)
    out = StringIO()
    call_command("verify_citations", stdout=out)
    citation.refresh_from_db()
    assert "Verified 1 citation(s)" in out.getvalue() and "exact" in out.getvalue()
    assert citation.passage == "covers mining, processing"


def test_allowed_actions_follow_the_groups(contributor, editor, publisher_user):
    explainer = ready_explainer(status="review")
    assert [a.name for a in workflow.allowed_actions(explainer, contributor)] == []
    assert [a.name for a in workflow.allowed_actions(explainer, editor)] == ["return"]
    assert [a.name for a in workflow.allowed_actions(explainer, publisher_user)] == ["return", "publish"]
    assert Transition.objects.count() == 0


def test_integrity_report_pages_through_each_kind_of_finding(editor_client):
    uncited = [ClaimFactory(text=f"Uncited sentence number {n}.") for n in range(75)]
    single = ClaimFactory(text="Only one paper says this.")
    CitationFactory(claim=single)
    overview = editor_client.get(reverse("admin:integrity")).content.decode()
    assert "Uncited sentence number 74." in overview and "Uncited sentence number 40." not in overview
    assert "the latest 20" in overview and "?section=uncited" in overview
    assert "Only one paper says this." in overview  # single publisher
    first = editor_client.get(reverse("admin:integrity"), {"section": "uncited"}).content.decode()
    assert "Uncited sentence number 25." in first and "Uncited sentence number 24." not in first
    assert "page=2" in first and "Older findings" in first
    second = editor_client.get(
        reverse("admin:integrity"), {"section": "uncited", "page": "2"}
    ).content.decode()
    assert "Uncited sentence number 0." in second and "Older findings" not in second
    assert len(uncited) == 75
    assert editor_client.get(reverse("admin:integrity"), {"section": "bogus", "page": "x"}).status_code == 200
