"""History that tells the story: one timeline of every kind of change, and versions compared as text."""

import re

import pytest
from django.urls import reverse

from explainers.compare import compare, word_diff
from explainers.models import Citation, Claim, Edit
from tests.admin_forms import change_form_data
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def story():
    explainer = ExplainerFactory(status="draft", title="The story", slug="story", dek="Dek.")
    block = BlockFactory(explainer=explainer, position=0)
    claim = ClaimFactory(text="The pact covers three minerals.")
    for _ in range(2):
        citation = CitationFactory(claim=claim, quote="covers mining, processing")
        Citation.objects.filter(pk=citation.pk).update(support_score=0.9)
    BlockClaimFactory(block=block, claim=claim, position=0)
    return explainer, claim


def act(client, explainer, action, **extra):
    explainer.refresh_from_db()
    data = {"action": action, "seen_version": explainer.version, "comment": "ok", **extra}
    client.post(reverse("admin:explainers_explainer_workflow", args=[explainer.pk]), data)


def test_the_timeline_lists_each_kind_of_change_with_who(editor_client, publisher_client):
    explainer, claim = story()
    claim_url = reverse("admin:explainers_claim_change", args=[claim.pk])
    data = change_form_data(editor_client.get(claim_url)) | {"text": "The pact covers four minerals."}
    data |= {"citations-0-DELETE": "on"}
    total = int(data["citations-TOTAL_FORMS"])
    data |= {
        "citations-TOTAL_FORMS": str(total + 1),
        f"citations-{total}-source": SourceFactory().pk,
        f"citations-{total}-quote": "signed a bilateral",
    }
    assert editor_client.post(claim_url, data).status_code == 302
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    data = change_form_data(editor_client.get(url)) | {
        "title": "The story, retold",
        "blocks-TOTAL_FORMS": "2",
        "blocks-1-kind": "heading",
        "blocks-1-text": "Why it matters",
        "corrections-TOTAL_FORMS": "1",
        "corrections-0-kind": "correction",
        "corrections-0-text": "We said three; it is four.",
        "corrections-0-published_at_0": "2026-05-28",
        "corrections-0-published_at_1": "09:00:00",
    }
    assert editor_client.post(url, data).status_code == 302
    editor_client.post(
        reverse("admin:explainers_claim_status", args=[claim.pk]),
        {"status": "verified", "seen_version": Claim.objects.get(pk=claim.pk).version},
    )
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish", accept_warnings="on")
    page = editor_client.get(
        reverse("admin:explainers_explainer_timeline", args=[explainer.pk])
    ).content.decode()
    for label in [
        "Sentence edited",
        "Citation added",
        "Citation removed",
        "Details changed",
        "Block added",
        "Correction added",
        "Sentence draft → verified",
        "draft → review",
        "review → published",
        "Version 1 published",
    ]:
        assert label in page, label
    assert "“The pact covers three minerals.” → “The pact covers four minerals.”" in page.replace(
        "&quot;", '"'
    )
    edit = Edit.objects.filter(kind="sentence_edited").get()
    assert edit.by.username == "editor" and edit.explainer == explainer


def test_a_one_word_edit_is_one_changed_word_in_the_compare_view(editor_client, publisher_client):
    explainer, claim = story()
    act(editor_client, explainer, "submit")
    act(publisher_client, explainer, "publish", accept_warnings="on")
    Claim.objects.filter(pk=claim.pk).update_versioned(text="The pact covers four minerals.")
    page = editor_client.get(
        reverse("admin:explainers_explainer_compare", args=[explainer.pk]), {"a": "v1", "b": "w"}
    ).content.decode()
    rows = re.findall(r'<div class="compare-row compare-row--(\w+)"(.*?)</div>\s*</div>', page, re.S)
    changed = [body for state, body in rows if state == "changed"]
    assert len(changed) == 1, rows
    assert re.findall(r"<del>(.*?)</del>", changed[0]) == ["three"]
    assert re.findall(r"<ins>(.*?)</ins>", changed[0]) == ["four"]
    assert "1 change:" in page


def test_word_diff_marks_only_the_words_that_changed():
    old, new = word_diff("India and the US signed a pact.", "India and the US signed a framework.")
    assert [s.text for s in old if s.op == "delete"] == ["pact"]
    assert [s.text for s in new if s.op == "insert"] == ["framework"]


def test_compare_lists_citations_added_and_removed_and_sentences_added():
    def content(claims, order):
        return {
            "explainer": {"title": "T", "dek": ""},
            "blocks": [{"kind": "paragraph", "text": "", "items": order}],
            "claims": {str(c["id"]): c for c in claims},
        }

    one = {"id": 1, "text": "One.", "citations": [{"source": 1, "quote": "a"}]}
    one_recited = {"id": 1, "text": "One.", "citations": [{"source": 2, "quote": "b"}]}
    two = {"id": 2, "text": "Two.", "citations": []}
    rows = compare(content([one], [1]), content([one_recited, two], [1, 2]), source_titles={1: "S1", 2: "S2"})
    body = [r for r in rows if r.label == "Sentence"]
    assert body[0].state == "changed" and body[0].citations_added == ["S2: “b”"]
    assert body[0].citations_removed == ["S1: “a”"]
    assert body[1].state == "added"
