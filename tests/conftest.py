"""Shared fixtures: users in each editorial group and a logged-in client for each."""

import pytest

from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches: the database is rolled back between tests, so must they be."""
    from django.core.cache import cache

    from explainers import evidence_search
    from explainers.services import support

    cache.clear()
    support._aliases_cache.clear()
    evidence_search._fallback_index.clear()
    evidence_search._common.clear()
    yield


@pytest.fixture
def contributor(db):
    return UserFactory(username="contributor", groups=["Contributor"])


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", groups=["Editor"])


@pytest.fixture
def publisher_user(db):
    return UserFactory(username="publisher", groups=["Publisher"])


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


def _client_for(client_class, user):
    client = client_class()
    client.force_login(user)
    return client


@pytest.fixture
def editor_client(editor):
    from django.test import Client

    return _client_for(Client, editor)


@pytest.fixture
def contributor_client(contributor):
    from django.test import Client

    return _client_for(Client, contributor)


@pytest.fixture
def publisher_client(publisher_user):
    from django.test import Client

    return _client_for(Client, publisher_user)


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """Say plainly when the real-browser tests did not run, and why."""
    reasons = {
        report.longrepr[2]
        for report in terminalreporter.stats.get("skipped", [])
        if isinstance(report.longrepr, tuple)
        and ("browser tests skipped" in report.longrepr[2] or "fault test skipped" in report.longrepr[2])
    }
    for reason in sorted(reasons):
        terminalreporter.write_line(f"NOTE: {reason.removeprefix('Skipped: ')}", yellow=True)
