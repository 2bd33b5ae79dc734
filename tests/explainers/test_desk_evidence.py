"""Confirming evidence on the desk: confirm, replace or reject each suggested citation in one action,
decide to publish a sentence unverified with a note, see what each passage backs; who may do what."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from reversion.models import Version

from explainers.models import Citation, Claim, DisagreementReview, Edit, Explainer
from explainers.services.integrity import explainer_report
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    ClaimFactory,
    ExplainerFactory,
    PublisherFactory,
    SourceFactory,
    SuggestedCitationFactory,
    UserFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
PORTS = (
    "Rotterdam and Antwerp agreed on Friday to run one customs window for container traffic. "
    "The window opens in March 2027 and covers 14 million containers a year."
)
WIRE = "Dutch and Belgian ports said a joint customs window would open in 2027 for container traffic."


def desk_url(explainer, name="", *args):
    route = "admin:explainers_explainer_desk" + (f"_{name}" if name else "")
    return reverse(route, args=[explainer.pk, *args])


@pytest.fixture
def story():
    ports = SourceFactory(title="Ports agree", raw_text=PORTS, text=PORTS, publisher=PublisherFactory())
    wire = SourceFactory(title="Wire", raw_text=WIRE, text=WIRE, publisher=PublisherFactory())
    explainer = ExplainerFactory(slug="ports", title="The customs window")
    block = BlockFactory(explainer=explainer, position=0)
    claim = ClaimFactory(text="Rotterdam and Antwerp will run one customs window from March 2027.")
    item = BlockClaimFactory(block=block, claim=claim, position=0)
    suggestion = SuggestedCitationFactory(
        claim=claim, source=ports, quote="Rotterdam and Antwerp agreed on Friday to run one customs window"
    )
    return {"explainer": explainer, "item": item, "claim": claim, "suggestion": suggestion, "wire": wire}


def test_the_desk_shows_what_each_passage_backs_and_what_is_only_suggested(editor_client, story):
    html = editor_client.get(desk_url(story["explainer"])).content.decode()
    assert "Partly supported: the cited passages don't say “March 2027”." in html
    assert '<mark class="unbacked">March 2027</mark>' in html
    marked = re.findall(r'<mark class="backing">([^<]+)</mark>', html)
    assert {"Rotterdam", "Antwerp", "customs window"} <= set(marked)
    assert "<strong>Suggested</strong> by the evidence search: not confirmed" in html
    assert (
        f'id="confirm-{story["suggestion"].pk}"' in html and f'id="replace-{story["suggestion"].pk}"' in html
    )
    assert 'aria-label="Reject this suggestion"' in html


def test_an_editor_confirms_a_suggestion_in_one_action_and_it_is_recorded(editor, editor_client, story):
    suggestion, explainer = story["suggestion"], story["explainer"]
    assert [i.code for i in explainer_report(explainer).problems] == ["unconfirmed"]
    response = editor_client.post(
        desk_url(explainer, "confirm", suggestion.pk),
        {"item": story["item"].pk, "seen_version": suggestion.version},
        **HTMX,
    )
    assert response.status_code == 200 and "Confirmed: “Ports agree” says this." in response.content.decode()
    suggestion.refresh_from_db()
    assert (
        suggestion.is_confirmed and suggestion.confirmed_by == editor and suggestion.confirmed_via == "desk"
    )
    assert explainer_report(explainer).can_publish
    edit = Edit.objects.filter(explainer=explainer, kind="citation_confirmed").get()
    assert edit.by == editor and "Ports agree" in edit.summary
    assert Version.objects.get_for_object(explainer).first().revision.comment == "Desk: confirmed a citation"


def test_replace_puts_another_passage_in_the_suggestions_place_confirmed(editor_client, story):
    suggestion, explainer, item = story["suggestion"], story["explainer"], story["item"]
    found = editor_client.get(
        desk_url(explainer, "passages"), {"item": item.pk, "evidence": "1", "replace": suggestion.pk}
    ).content.decode()
    assert "Choose the passage that replaces" in found and "Cite this instead" in found
    quote = "The window opens in March 2027 and covers 14 million containers a year."
    response = editor_client.post(
        desk_url(explainer, "cite", item.pk),
        {"source": suggestion.source_id, "quote": quote, "replaces": suggestion.pk},
        **HTMX,
    )
    assert "Replaced the citation with “Ports agree”" in response.content.decode()
    (citation,) = Citation.objects.filter(claim=story["claim"])
    assert citation.quote == quote and citation.is_confirmed
    assert not Citation.objects.filter(pk=suggestion.pk).exists()


def test_reject_removes_a_suggestion(editor_client, story):
    response = editor_client.post(
        desk_url(story["explainer"], "uncite", story["suggestion"].pk), {"item": story["item"].pk}, **HTMX
    )
    assert "Suggestion rejected." in response.content.decode()
    assert not Citation.objects.filter(claim=story["claim"]).exists()


def test_the_evidence_search_for_a_sentence_finds_the_sources_that_say_it(editor_client, story):
    html = editor_client.get(
        desk_url(story["explainer"], "passages"), {"item": story["item"].pk, "evidence": "1"}
    ).content.decode()
    passages = re.findall(r'name="quote" value="([^"]+)"', html)
    assert (passages and "14 million containers" in passages[0]) or "March 2027" in passages[0]
    assert "Ports agree" in html and "the passage says" in html


def test_a_decision_needs_a_note_readers_will_see_and_can_be_withdrawn(editor, editor_client, story):
    explainer, item, claim = story["explainer"], story["item"], story["claim"]
    refused = editor_client.post(desk_url(explainer, "decision", item.pk), {"note": "  "}, **HTMX)
    assert "Write the note readers will see" in refused.content.decode()
    claim.refresh_from_db()
    assert claim.decision_note == ""
    editor_client.post(
        desk_url(explainer, "decision", item.pk),
        {"note": "Published as the original article's claim; we have not verified it."},
        **HTMX,
    )
    claim.refresh_from_db()
    assert claim.decided_by == editor and claim.decision_note.startswith("Published as the original")
    assert explainer_report(explainer).can_publish
    assert Edit.objects.filter(explainer=explainer, kind="decision").exists()
    editor_client.post(desk_url(explainer, "decision", item.pk), {"action": "withdraw"}, **HTMX)
    claim.refresh_from_db()
    assert claim.decision_note == "" and not explainer_report(explainer).can_publish


def test_a_sentence_touching_a_disagreement_says_so_on_the_desk(editor_client, story):
    for source, text in (
        (story["wire"], "The customs window opens in 2027."),
        (story["suggestion"].source, "It opens in 2028."),
    ):
        rival = ClaimFactory(text=text, topic="opening-date")
        SuggestedCitationFactory(claim=rival, source=source, quote=source.text.split(" ")[0])
    Claim.objects.filter(pk=story["claim"].pk).update(topic="opening-date")
    html = editor_client.get(desk_url(story["explainer"])).content.decode()
    assert "Sources differ on opening date." in html and "Review the disagreement" in html
    DisagreementReview.objects.create(
        topic="opening-date", label="when the window opens", note="They differ."
    )
    html = editor_client.get(desk_url(story["explainer"])).content.decode()
    assert "Sources differ on when the window opens. Readers see the comparison and your note." in html


# --- who may confirm and decide, on every path, in every state --------------------------------

ROLES = ["contributor", "editor", "publisher", "superuser"]
STATES = ["draft", "review", "live", "live_pending"]


def _client(role):
    user = UserFactory(
        username=f"ev-{role}",
        groups={"contributor": ["Contributor"], "editor": ["Editor"], "publisher": ["Publisher"]}.get(
            role, []
        ),
        is_superuser=role == "superuser",
    )
    client = Client()
    client.force_login(user)
    return client


def _in_state(story, state):
    explainer = story["explainer"]
    if state == "draft":
        return
    Explainer.objects.filter(pk=explainer.pk).update(status="review")
    if state in ("live", "live_pending"):
        Citation.objects.filter(pk=story["suggestion"].pk).update(confirmed_at=story["suggestion"].created_at)
        publish_now(Explainer.objects.get(pk=explainer.pk))
        Citation.objects.filter(pk=story["suggestion"].pk).update(confirmed_at=None)
        Explainer.objects.filter(pk=explainer.pk).update(status="published" if state == "live" else "review")


def _confirm_on_desk(client, story):
    s = Citation.objects.get(pk=story["suggestion"].pk)
    return client.post(
        desk_url(story["explainer"], "confirm", s.pk), {"item": story["item"].pk, "seen_version": s.version}
    )


def _decide_on_desk(client, story):
    return client.post(desk_url(story["explainer"], "decision", story["item"].pk), {"note": "Unverified."})


def _confirm_in_admin(client, story):
    return client.post(
        reverse("admin:explainers_citation_changelist"),
        {"action": "confirm_selected", "_selected_action": [story["suggestion"].pk]},
    )


PATHS = {
    "desk confirm": _confirm_on_desk,
    "desk decision": _decide_on_desk,
    "admin confirm": _confirm_in_admin,
}


def _evidence_state(story):
    claim = Claim.objects.get(pk=story["claim"].pk)
    return claim.decision_note, Citation.objects.get(pk=story["suggestion"].pk).is_confirmed


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("role", ROLES)
def test_only_editors_confirm_or_decide_and_readers_see_no_change_until_published(role, path, state, story):
    _in_state(story, state)
    reader = Client()
    before_public = reader.get("/explainers/ports/").content, reader.get("/api/explainers/ports/").content
    before = _evidence_state(story)
    response = PATHS[path](_client(role), story)
    assert response.status_code != 500
    changed = _evidence_state(story) != before
    # Editors and publishers confirm; an explainer a publisher has in review or live is theirs to edit.
    editable = state == "draft" or role in ("editor", "publisher", "superuser")
    assert changed == (role != "contributor" and editable), (role, path, state)
    after_public = reader.get("/explainers/ports/").content, reader.get("/api/explainers/ports/").content
    assert after_public == before_public, (role, path, state)
