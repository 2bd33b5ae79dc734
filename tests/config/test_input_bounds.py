"""Over-long values in any admin form are form errors, never a 500 (on SQLite and on PostgreSQL)."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, reverse

from tests.admin_forms import form_data
from tests.factories import (
    AgreementFactory,
    ClaimFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    PublisherFactory,
    SourceFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
LONG = "9" * 30 + "x" * 20_000
SKIPPED = ("csrfmiddlewaretoken", "_FORMS", "seen_version", "_continue", "_addanother", "_save")


def _registered():
    return sorted(admin.site._registry.items(), key=lambda pair: pair[0]._meta.label)


def _skipped(name: str) -> bool:
    return any(part in name for part in SKIPPED)


def _flooded(html: str) -> dict:
    data = form_data(html)
    return {
        name: value if _skipped(name) else ([LONG] if isinstance(value, list) else LONG)
        for name, value in data.items()
    }


@pytest.fixture
def superuser_client():
    client = Client()
    client.force_login(UserFactory(username="root", is_superuser=True))
    return client


@pytest.mark.parametrize("model, model_admin", _registered(), ids=[m._meta.label for m, _ in _registered()])
def test_every_admin_add_form_refuses_over_long_values_with_a_form_error(
    superuser_client, model, model_admin
):
    try:
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    except NoReverseMatch:
        pytest.skip("no add form")
    page = superuser_client.get(url)
    if page.status_code != 200:
        pytest.skip(f"add form answers {page.status_code}")
    response = superuser_client.post(url, _flooded(page.content.decode()))
    assert response.status_code in (200, 302, 403), response.status_code


CHANGE_FACTORIES = [
    SourceFactory,
    PublisherFactory,
    PersonFactory,
    OrganizationFactory,
    AgreementFactory,
    ClaimFactory,
    ExplainerFactory,
]


@pytest.mark.parametrize("factory", CHANGE_FACTORIES, ids=[f._meta.model.__name__ for f in CHANGE_FACTORIES])
def test_every_field_of_a_change_form_refuses_an_over_long_value(superuser_client, factory):
    """One field at a time, the others as the page shows them: each value alone must not cause a 500."""
    obj = factory()
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    fields = [name for name in form_data(superuser_client.get(url).content.decode()) if not _skipped(name)]
    assert fields
    for name in fields:
        data = form_data(superuser_client.get(url).content.decode())
        data[name] = [LONG] if isinstance(data[name], list) else LONG
        response = superuser_client.post(url, data)
        assert response.status_code in (200, 302), (name, response.status_code)


def test_over_long_workflow_comment_and_claim_note_are_cut_or_refused(superuser_client):
    explainer = ExplainerFactory(status="draft")
    response = superuser_client.post(
        reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
        {"action": "submit", "seen_version": explainer.version, "comment": "c" * 50_000},
    )
    assert response.status_code == 302
    assert len(explainer.transitions.get().comment) <= 5000
    claim = ClaimFactory()
    response = superuser_client.post(
        reverse("admin:explainers_claim_status", args=[claim.pk]),
        {"status": "retracted", "note": "n" * 50_000, "seen_version": "9" * 40},
        follow=True,
    )
    assert response.status_code == 200 and "keep it under" in response.content.decode()
