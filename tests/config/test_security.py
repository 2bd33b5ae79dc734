"""Deployment safety: health check, security headers, CSP, login throttling, deploy settings."""

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

import pytest
from django.test import Client, override_settings

from tests.factories import PublishedExplainerFactory, UserFactory

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def test_healthz_reports_database_and_cache():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]


def test_healthz_fails_when_the_database_does_not_answer():
    with mock.patch("config.health.connection.cursor", side_effect=OSError("down")):
        response = Client().get("/healthz")
    assert response.status_code == 503 and response.json()["database"].startswith("error")


def test_healthz_stays_up_when_the_cache_is_down():
    with mock.patch("config.health.cache.set", side_effect=ConnectionError("redis down")):
        response = Client().get("/healthz")
    assert response.status_code == 200 and response.json()["cache"].startswith("unavailable")


def test_pages_keep_serving_when_the_cache_is_down():
    explainer = PublishedExplainerFactory()
    with mock.patch("django.core.cache.cache.get", side_effect=ConnectionError("redis down")):
        assert Client().get(f"/explainers/{explainer.slug}/evidence/").status_code == 200


def parse_csp(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in header.split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize("url", ["/", "/admin/login/", "/search/?q=x", "/no-such-page/"])
def test_security_headers_on_public_and_admin_pages(url):
    response = Client().get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert "Access-Control-Allow-Origin" not in response
    csp = parse_csp(response["Content-Security-Policy"])
    assert csp["script-src"] == ["'self'"]
    assert not {"'unsafe-inline'", "'unsafe-eval'", "data:", "https:", "*"} & set(csp["script-src"])
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"]


def test_public_pages_have_no_inline_script_or_style():
    explainer = PublishedExplainerFactory()
    html = Client().get(f"/explainers/{explainer.slug}/").content.decode()
    assert " style=" not in html and "<style" not in html
    for tag in html.split("<script")[1:]:
        assert tag.startswith((' src="', ' type="application/ld+json"'))


def test_anonymous_public_pages_set_no_session_cookie():
    explainer = PublishedExplainerFactory()
    response = Client().get(f"/explainers/{explainer.slug}/")
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies


@override_settings(AXES_FAILURE_LIMIT=5)
def test_admin_login_locks_out_after_repeated_failures():
    UserFactory(username="target", password="the right password 123")
    client = Client()
    for _ in range(4):
        response = client.post("/admin/login/", {"username": "target", "password": "wrong"})
        assert response.status_code == 200  # the usual "please enter the correct username" page
    assert client.post("/admin/login/", {"username": "target", "password": "wrong"}).status_code == 429
    locked = client.post("/admin/login/", {"username": "target", "password": "the right password 123"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_admin_logout_needs_post():
    client = Client()
    client.force_login(UserFactory(username="someone", groups=["Editor"]))
    assert client.get("/admin/logout/").status_code == 405
    assert client.get("/admin/").status_code == 200


def test_admin_post_without_csrf_token_is_refused():
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory(username="csrf", groups=["Editor"]))
    assert client.post("/admin/explainers/claim/add/", {"text": "x", "kind": "fact"}).status_code == 403


def test_production_settings_pass_check_deploy():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 20 + "-production-secret-key-for-the-deploy-check-0123456789",
        "ALLOWED_HOSTS": "explainers.example",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_a_missing_secret_key():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", "SECRET_KEY": ""}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0 and "SECRET_KEY must be set" in result.stderr


@override_settings(
    SECURE_SSL_REDIRECT=True,
    SECURE_HSTS_SECONDS=31536000,
    SECURE_HSTS_INCLUDE_SUBDOMAINS=True,
    SESSION_COOKIE_SECURE=True,
    CSRF_COOKIE_SECURE=True,
    SECURE_REDIRECT_EXEMPT=[r"^healthz$"],
)
def test_https_only_behaviour_of_the_production_settings():
    client = Client()
    redirect = client.get("/")
    assert redirect.status_code == 301 and redirect["Location"] == "https://testserver/"
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert Client().get("/healthz").status_code == 200  # load balancers probe over plain HTTP
