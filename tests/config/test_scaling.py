"""Two stateless app servers on one PostgreSQL and one Redis: a login made on one holds on the other."""

import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from tests.config.servers import ROOT, free_port, reachable, start_server, stop, wait_for
from tests.factories import UserFactory

REDIS = ("127.0.0.1", 6379)
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_servers(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("two app servers need a shared PostgreSQL (run with DATABASE_URL=postgres://…)")
    if not reachable(REDIS):
        pytest.skip("two app servers need the shared Redis on 127.0.0.1:6379")
    settings = connection.settings_dict
    url = f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": url,
        "REDIS_URL": "redis://127.0.0.1:6379/0",
        "SECRET_KEY": "shared-secret-key-" + "x" * 40,
        "DEBUG": "0",
        "VAR_DIR": str(tmp_path),
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    ports = [free_port(), free_port()]
    servers = [start_server(port, env) for port in ports]
    try:
        for port in ports:
            wait_for(port)
        yield ports
    finally:
        for server in servers:
            stop(server)


def test_login_through_one_server_continues_through_the_other(two_servers):
    user = UserFactory(username="roaming", groups=["Editor"])
    # The app servers run the production hashers, not the test suite's fast one.
    hasher = PBKDF2PasswordHasher()
    user.password = hasher.encode("roaming editor password 9", hasher.salt())
    user.save(update_fields=["password"])
    first, second = two_servers
    jar = http.cookiejar.CookieJar()  # cookies belong to 127.0.0.1 whatever the port, as behind one balancer
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login_page = browser.open(f"http://127.0.0.1:{first}/admin/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    form = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "username": "roaming",
            "password": "roaming editor password 9",
            "next": "/admin/",
        }
    ).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{first}/admin/login/",
        data=form,
        headers={"Referer": f"http://127.0.0.1:{first}/admin/login/"},
    )
    assert "Curate the story" in browser.open(request).read().decode()  # the admin index, logged in
    page = browser.open(f"http://127.0.0.1:{second}/admin/explainers/claim/")
    assert page.geturl().endswith("/admin/explainers/claim/")  # not redirected to the login page
    assert "Select claim to change" in page.read().decode()
    health = urllib.request.urlopen(f"http://127.0.0.1:{second}/healthz").read().decode()
    assert '"cache": "ok"' in health
