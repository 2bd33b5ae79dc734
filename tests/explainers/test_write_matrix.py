"""Who can change what readers see: every role × every write path × every state of an explainer.

For each attempt the test reads the public site as an anonymous reader before and after (now, and
two days later, so a scheduled version counts too) and checks that it changed only when a publisher
(or the superuser) published, unpublished or archived, or saved an evidence record readers see.
Where the path edits the working rows, it also checks who may change the pending version.
"""

import datetime as dt
import re
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from explainers.models import Block, Citation, Claim, Explainer
from explainers.services import workflow
from tests.admin_forms import change_form_data, form_data
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerAuthorFactory,
    ExplainerFactory,
    PersonFactory,
    PublisherFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "contributor", "editor", "publisher", "superuser"]
STATES = ["draft", "review", "scheduled", "live", "live_pending", "archived"]
PUBLISHERS = {"publisher", "superuser"}
GROUPS = {"contributor": ["Contributor"], "editor": ["Editor"], "publisher": ["Publisher"]}


# --- the story, in each state ----------------------------------------------------------------


def _cited(text: str, sources) -> Claim:
    claim = ClaimFactory(text=text)
    for source in sources:
        citation = CitationFactory(claim=claim, source=source, quote="covers mining, processing")
        Citation.objects.filter(pk=citation.pk).update(support_score=0.9)
    return claim


def make_story(state: str) -> dict:
    setup = UserFactory(username="setup-publisher", groups=["Publisher"])
    sources = [SourceFactory(publisher=PublisherFactory()) for _ in range(2)]
    explainer = ExplainerFactory(slug="story", title="The story", dek="What happened.")
    block = BlockFactory(explainer=explainer, position=0)
    claims = [_cited(f"Sentence {n} of the story.", sources) for n in range(2)]
    for n, claim in enumerate(claims):
        BlockClaimFactory(block=block, claim=claim, position=n)
    person = PersonFactory(name="Quoted Minister", slug="quoted-minister")
    quote = ClaimFactory(text="We will sign it, the minister said.", kind="quote", speaker_person=person)
    for source in sources:
        citation = CitationFactory(claim=quote, source=source, quote="covers mining, processing")
        Citation.objects.filter(pk=citation.pk).update(support_score=0.9)
    BlockClaimFactory(block=block, claim=quote, position=2)
    ExplainerAuthorFactory(explainer=explainer)

    def act(name, **extra):
        explainer.refresh_from_db()
        workflow.apply_action(explainer, name, by=setup, comment="set-up", **extra)

    if state != "draft":
        act("submit")
    if state == "scheduled":
        act("publish", publish_at=timezone.now() + dt.timedelta(days=1))
    if state in ("live", "live_pending", "archived"):
        act("publish")
    if state == "live_pending":
        Claim.objects.filter(pk=claims[0].pk).update_versioned(text="Sentence 0, rewritten, pending.")
        act("submit")
    if state == "archived":
        act("archive")
    explainer.refresh_from_db()
    return {
        "explainer": explainer,
        "claims": claims,
        "sources": sources,
        "person": person,
        "citation": claims[1].citations.first(),
    }


# --- what an anonymous reader sees -----------------------------------------------------------


def _text(html: str) -> str:
    main = html[html.find("<main") : html.find("</main>")]
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", main)).strip()


def reader_sees(story) -> tuple:
    reader = Client()
    urls = [
        "/explainers/story/",
        "/api/explainers/story/",
        f"/claims/{story['claims'][1].pk}/",
        f"/sources/{story['sources'][0].slug}/",
        f"/people/{story['person'].slug}/",
        "/search/?q=sentence",
        "/corrections/",
    ]
    seen = []
    for url in urls:
        response = reader.get(url)
        body = response.content.decode()
        seen.append((url, response.status_code, body if url.startswith("/api/") else _text(body)))
    return tuple(seen)


def reader_now_and_later(story, state: str) -> tuple:
    """What readers see now and, for a scheduled version, two days later."""
    now = reader_sees(story)
    if state != "scheduled":
        return now, None
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() + dt.timedelta(days=2)):
        return now, reader_sees(story)


def working_copy(story) -> tuple:
    explainer = Explainer.objects.get(pk=story["explainer"].pk)
    blocks = list(Block.objects.filter(explainer=explainer).values_list("kind", "text"))
    claims = list(Claim.objects.filter(pk__in=[c.pk for c in story["claims"]]).values_list("text", "status"))
    citations = Citation.objects.filter(claim__in=story["claims"]).count()
    return explainer.title, explainer.status, blocks, claims, citations, explainer.corrections.count()


# --- the write paths -------------------------------------------------------------------------


def _change_form(client, obj, changes: dict):
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    page = client.get(url)
    data = change_form_data(page) if page.status_code == 200 else {}
    return client.post(url, data | changes)


def edit_explainer_title(client, story):
    return _change_form(client, story["explainer"], {"title": "Title changed by the attempt"})


def crafted_status_post(client, story):
    return _change_form(
        client,
        story["explainer"],
        {"status": "published", "published_at_0": "2026-01-01", "published_at_1": "00:00:00"},
    )


def edit_claim_text(client, story):
    return _change_form(client, story["claims"][1], {"text": "Sentence changed by the attempt."})


def delete_citation(client, story):
    url = reverse("admin:explainers_citation_delete", args=[story["citation"].pk])
    return client.post(url, {"post": "yes"})


def bulk_delete_citations(client, story):
    ids = list(Citation.objects.filter(claim__in=story["claims"]).values_list("pk", flat=True))
    return client.post(
        reverse("admin:explainers_citation_changelist"),
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )


def add_block(client, story):
    explainer = story["explainer"]
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    page = client.get(url)
    data = change_form_data(page) if page.status_code == 200 else {}
    total = int(data.get("blocks-TOTAL_FORMS", 1))
    data |= {
        "blocks-TOTAL_FORMS": str(total + 1),
        f"blocks-{total}-kind": "heading",
        f"blocks-{total}-text": "A heading added by the attempt",
    }
    return client.post(url, data)


def delete_block(client, story):
    return _change_form(client, story["explainer"], {"blocks-0-DELETE": "on"})


def add_correction(client, story):
    return _change_form(
        client,
        story["explainer"],
        {
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": "A correction added by the attempt.",
            "corrections-0-published_at_0": "2026-05-28",
            "corrections-0-published_at_1": "09:00:00",
        },
    )


def set_claim_status(client, story):
    claim = Claim.objects.get(pk=story["claims"][1].pk)
    client.post(
        reverse("admin:explainers_claim_status", args=[claim.pk]),
        {"status": "retracted", "note": "Retracted by the attempt.", "seen_version": claim.version},
    )
    return _change_form(client, claim, {"status": "verified"})


def restore_revision(client, story):
    explainer = story["explainer"]
    version = Version.objects.get_for_object(explainer).order_by("pk").first()
    if version is None:
        return None
    url = reverse("admin:explainers_explainer_revision", args=[explainer.pk, version.pk])
    page = client.get(url)
    data = form_data(page.content.decode()) if page.status_code == 200 else {}
    return client.post(url, data)


def _workflow(client, story, action, **extra):
    explainer = Explainer.objects.get(pk=story["explainer"].pk)
    return client.post(
        reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
        {"action": action, "seen_version": explainer.version, "comment": "by the attempt", **extra},
    )


def publish(client, story):
    return _workflow(client, story, "publish", accept_warnings="on")


def unpublish(client, story):
    return _workflow(client, story, "unpublish")


def archive(client, story):
    return _workflow(client, story, "archive")


def edit_source_title(client, story):
    return _change_form(client, story["sources"][0], {"title": "Source retitled by the attempt"})


def edit_person_name(client, story):
    return _change_form(client, story["person"], {"name": "Person renamed by the attempt"})


PATHS = {
    "edit_explainer_title": edit_explainer_title,
    "crafted_status_post": crafted_status_post,
    "edit_claim_text": edit_claim_text,
    "delete_citation": delete_citation,
    "bulk_delete_citations": bulk_delete_citations,
    "add_block": add_block,
    "delete_block": delete_block,
    "add_correction": add_correction,
    "set_claim_status": set_claim_status,
    "restore_revision": restore_revision,
    "publish": publish,
    "unpublish": unpublish,
    "archive": archive,
    "edit_source_title": edit_source_title,
    "edit_person_name": edit_person_name,
}
# Paths that edit the explainer's working rows (its draft, or the pending version of a live one).
EDITS = {"edit_explainer_title", "add_block", "delete_block", "add_correction"}
# Where a publisher's action is meant to change what readers see (now, or when scheduled).
READERS_CHANGE = {
    "publish": {"review", "live_pending"},
    "unpublish": {"scheduled", "live", "live_pending"},
    "archive": {"live", "live_pending"},
    # Evidence records readers see: a publisher's save is that publisher's decision.
    "edit_source_title": {"scheduled", "live", "live_pending"},
    "edit_person_name": {"scheduled", "live", "live_pending"},
}


def may_edit_working_copy(role: str, path: str, state: str) -> bool:
    if role == "anonymous":
        return False
    if state == "draft" and path != "add_correction":  # corrections are an editor's to write
        return True
    return role in ("editor", "publisher", "superuser")


def client_for(role: str) -> Client:
    client = Client()
    if role != "anonymous":
        user = UserFactory(
            username=f"matrix-{role}", groups=GROUPS.get(role, []), is_superuser=role == "superuser"
        )
        client.force_login(user)
    return client


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("path", list(PATHS))
@pytest.mark.parametrize("role", ROLES)
def test_only_a_publisher_changes_what_readers_see(role, path, state):
    story = make_story(state)
    before_public, before_working = reader_now_and_later(story, state), working_copy(story)
    response = PATHS[path](client_for(role), story)
    assert response is None or response.status_code != 500, (role, path, state)
    after_public, after_working = reader_now_and_later(story, state), working_copy(story)
    allowed = role in PUBLISHERS and state in READERS_CHANGE.get(path, set())
    assert (after_public != before_public) == allowed, (role, path, state)
    if path in EDITS:
        expected = may_edit_working_copy(role, path, state)
        assert (after_working != before_working) == expected, (role, path, state)


def test_the_matrix_covers_every_role_path_and_state():
    assert len(ROLES) * len(PATHS) * len(STATES) == 450
