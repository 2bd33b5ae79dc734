"""Access control: each role against each admin and public URL, drafts included (SECURITY.md §C)."""

import pytest
from django.test import Client

from explainers.models import Explainer
from tests.factories import (
    CitationFactory,
    ExplainerFactory,
    PublishedExplainerFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anon", "staff0", "contributor", "editor", "publisher", "superuser"]
GROUPS = {"contributor": ["Contributor"], "editor": ["Editor"], "publisher": ["Publisher"]}


def client_for(role: str) -> Client:
    client = Client()
    if role == "anon":
        return client
    user = UserFactory(username=role, groups=GROUPS.get(role, []), is_superuser=role == "superuser")
    client.force_login(user)
    return client


@pytest.fixture
def story():
    draft = ExplainerFactory(slug="draft-one", status="draft")
    live = PublishedExplainerFactory(slug="live-one")
    citation = CitationFactory()
    return {"draft": draft, "live": live, "citation": citation}


# role → expected status, per URL. "login" means a redirect to the admin login page.
def expect(anon, staff0, contributor, editor, publisher, superuser):
    return dict(zip(ROLES, [anon, staff0, contributor, editor, publisher, superuser], strict=True))


PREVIEWERS = expect(404, 404, 200, 200, 200, 200)
EDITING_STAFF = expect("login", 403, 200, 200, 200, 200)
SUPERUSER_ONLY = expect("login", 403, 403, 403, 403, 200)
MATRIX = {
    "/explainers/live-one/": expect(200, 200, 200, 200, 200, 200),
    "/explainers/draft-one/": PREVIEWERS,
    "/explainers/draft-one/evidence/": PREVIEWERS,
    "/api/explainers/draft-one/": PREVIEWERS,
    "/admin/": expect("login", 200, 200, 200, 200, 200),
    "/admin/explainers/claim/": EDITING_STAFF,
    "/admin/explainers/explainer/{draft}/change/": EDITING_STAFF,
    "/admin/explainers/explainer/{draft}/history/": EDITING_STAFF,
    "/admin/explainers/explainer/{draft}/compare/": EDITING_STAFF,
    "/admin/explainers/explainer/{draft}/delete/": expect("login", 403, 403, 403, 200, 200),
    "/admin/integrity/": EDITING_STAFF,
    "/admin/auth/user/": SUPERUSER_ONLY,
    "/admin/auth/group/": SUPERUSER_ONLY,
    "/admin/autocomplete/?app_label=explainers&model_name=blockclaim&field_name=claim&term=a": EDITING_STAFF,
    "/admin/autocomplete/?app_label=admin&model_name=logentry&field_name=user&term=a": SUPERUSER_ONLY,
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("url", list(MATRIX))
def test_get_matrix(story, role, url):
    expected = MATRIX[url][role]
    response = client_for(role).get(url.format(draft=story["draft"].pk))
    if expected == "login":
        assert response.status_code == 302 and "/admin/login/" in response["Location"], response.status_code
    else:
        assert response.status_code == expected, (role, url, response.status_code)


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("anon", False),
        ("staff0", False),
        ("contributor", False),
        ("editor", False),
        ("publisher", True),
        ("superuser", True),
    ],
)
def test_only_publishers_can_publish(story, role, allowed):
    from explainers.models import Block, BlockClaim

    draft = story["draft"]
    Explainer.objects.filter(pk=draft.pk).update(status="review")
    block = Block.objects.create(explainer=draft, position=0)
    BlockClaim.objects.create(block=block, claim=story["citation"].claim, position=0)
    client = client_for(role)
    client.post(
        f"/admin/explainers/explainer/{draft.pk}/workflow/",
        {
            "action": "publish",
            "seen_version": Explainer.objects.get(pk=draft.pk).version,
            "accept_warnings": "on",
            "comment": "checked",
        },
    )
    assert (Explainer.objects.get(pk=draft.pk).status == "published") is allowed


@pytest.mark.parametrize("role", ["staff0", "contributor", "editor"])
def test_delete_posts_are_refused_and_change_nothing(story, role):
    source = SourceFactory()
    response = client_for(role).post(f"/admin/sources/source/{source.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert type(source).objects.filter(pk=source.pk).exists()


def test_view_only_post_to_a_change_form_is_refused(story):
    client = client_for("staff0")
    response = client.post(
        f"/admin/explainers/explainer/{story['draft'].pk}/change/", {"title": "Taken over"}
    )
    assert response.status_code == 403
    assert Explainer.objects.get(pk=story["draft"].pk).title != "Taken over"


def test_bulk_delete_with_foreign_ids_as_editor_deletes_nothing(story):
    source = SourceFactory()
    client = client_for("editor")
    client.post(
        "/admin/sources/source/",
        {"action": "delete_selected", "_selected_action": [source.pk], "post": "yes"},
    )
    assert type(source).objects.filter(pk=source.pk).exists()
