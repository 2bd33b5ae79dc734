"""The whole-page cache for anonymous readers: hits cost no query; any change retires every page."""

import datetime as dt
from unittest import mock

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from explainers.models import Claim
from explainers.page_cache import _seconds_until_next_publication
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ExplainerFactory,
    PublishedExplainerFactory,
    UserFactory,
    publish_now,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("clear_cache")]


@pytest.fixture
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def story():
    explainer = ExplainerFactory(slug="cached")
    claim = CitationFactory().claim
    BlockClaimFactory(block=BlockFactory(explainer=explainer), claim=claim)
    publish_now(explainer)
    return explainer, claim


@override_settings(PAGE_CACHE_SECONDS=300)
def test_second_anonymous_request_is_served_from_the_cache_without_queries():
    story()
    reader = Client()
    first = reader.get("/explainers/cached/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = reader.get("/explainers/cached/")
    assert second["X-Page-Cache"] == "hit" and second.content == first.content
    assert len(queries) == 0
    assert "Content-Security-Policy" in second and "Set-Cookie" not in second


@override_settings(PAGE_CACHE_SECONDS=300)
def test_publishing_a_change_retires_the_cached_pages():
    explainer, claim = story()
    reader = Client()
    reader.get("/explainers/cached/")
    claim = Claim.objects.get(pk=claim.pk)
    claim.text = "A corrected sentence."
    claim.save()
    unpublished = reader.get("/explainers/cached/")
    assert "A corrected sentence." not in unpublished.content.decode()
    publish_now(explainer)
    response = reader.get("/explainers/cached/")
    assert response["X-Page-Cache"] == "miss" and "A corrected sentence." in response.content.decode()


@override_settings(PAGE_CACHE_SECONDS=300)
def test_staff_are_never_served_cached_pages():
    story()
    Client().get("/explainers/cached/")
    staff = Client()
    staff.force_login(UserFactory(username="desk", groups=["Editor"]))
    response = staff.get("/explainers/cached/")
    assert "X-Page-Cache" not in response


@override_settings(PAGE_CACHE_SECONDS=300)
def test_pages_keep_serving_when_the_cache_is_down():
    story()
    with (
        mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("down")),
        mock.patch("django.core.cache.cache.set", side_effect=ConnectionError("down")),
    ):
        assert Client().get("/explainers/cached/").status_code == 200


def test_cached_pages_expire_before_the_next_scheduled_publication():
    assert _seconds_until_next_publication(300) == 300
    PublishedExplainerFactory(publish=timezone.now() + dt.timedelta(seconds=42))
    assert 40 <= _seconds_until_next_publication(300) <= 42
