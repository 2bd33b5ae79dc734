"""Readers get the published version on the next request, whichever gunicorn worker answers.

Black-box, against real servers: the module builds its own database (a SQLite file, or a fresh
PostgreSQL database when the suite runs with DATABASE_URL=postgres://…), imports the seeds, and
starts gunicorn with production settings and two sync workers: first without Redis (each worker
has its own local cache), then with a private Redis. Each check fills both workers' caches with the
page as it stands, makes a change (in the admin over HTTP, or from another process), then asks every
public URL of the seed explainer 40 times: a response that does not show the change is stale, and
none may be. Changes carry new marker words, so "shows the change" is never ambiguous.
"""

import http.client
import http.cookies
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.config.servers import ROOT, free_port, missing_gunicorn, start_redis, start_server, stop, wait_for

pytestmark = pytest.mark.xdist_group("cache-coherence")  # one database and one set of servers

REQUESTS_PER_URL = 40
CLIENTS = 4  # concurrent anonymous readers while checking: both sync workers answer some requests
REDIS_READERS = 16
REDIS_TRIALS = 10
PUBLISHER = ("coherence-publisher", "a publisher's long password 7")

# Each public page, and which of the changes below it shows.
PAGES = {
    "explainer": ("/explainers/{slug}/", ("title", "sentence", "source", "tag")),
    "evidence": ("/explainers/{slug}/evidence/", ("title", "sentence")),
    "json": ("/api/explainers/{slug}/", ("title", "sentence", "source", "tag")),
    "claim": ("/claims/{claim}/", ("sentence", "source")),
    "source": ("/sources/{source}/", ("sentence", "source")),
    "home": ("/", ("title",)),
    "feed": ("/feed/", ("title",)),
    "sitemap": ("/sitemap.xml", ("tag",)),
}
# Once the explainer is unpublished these answer 404; the others still answer, without a link to it
# (the lists, and the source's page listing the explainers citing it).
WITHDRAWN = {"explainer", "evidence", "json", "claim"}
LINKS = {
    "home": "/explainers/{slug}/",
    "feed": "/explainers/{slug}/",
    "sitemap": "/explainers/{slug}/",
    "source": "/explainers/{slug}/",  # "Cited in": the explainer, with its sentences citing the source
}

# Run in `manage.py shell` once the seeds are in: a publisher's login, and what the pages show.
SETUP = """
import json, os
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from explainers.models import BlockClaim, Explainer

name, password = json.loads(os.environ["COHERENCE_PUBLISHER"])
user = get_user_model().objects.create_user(name, password=password, is_staff=True)
user.groups.add(Group.objects.get(name="Publisher"))
explainer = Explainer.objects.filter(status=Explainer.Status.PUBLISHED).order_by("pk").first()
item = (
    BlockClaim.objects.filter(block__explainer=explainer, claim__citations__isnull=False)
    .select_related("claim")
    .order_by("block__position", "position")
    .first()
)
source = item.claim.citations.select_related("source").order_by("pk").first().source
print(json.dumps({
    "pk": explainer.pk, "slug": explainer.slug, "title": explainer.title,
    "claim": item.claim_id, "sentence": item.claim.text,
    "source": source.slug, "source_title": source.title,
}))
"""

# Run in `manage.py shell`: a change made by another process, as an operator's script would make it.
CHANGE = """
import json, os, sys
from django.contrib.auth import get_user_model
from explainers.actor import acting_as
from explainers.models import BlockClaim, Explainer
from explainers.services import desk, workflow
from sources.models import Source

print("ready", flush=True)  # set up: the change starts when the test sends it
change = json.loads(sys.stdin.readline())
by = get_user_model().objects.get(username=change["user"])
with acting_as(by):
    explainer = Explainer.objects.get(slug=change["slug"])
    if change.get("title") or change.get("tag"):
        with desk.saved(explainer, by, "Retitled by a script"):
            if change.get("title"):
                explainer.title = change["title"]
                explainer.save()
            if change.get("tag"):
                explainer.tags.add(change["tag"])
    if change.get("sentence"):
        item = (
            BlockClaim.objects.select_related("claim", "block__explainer")
            .filter(block__explainer=explainer, claim_id=change["claim"])
            .first()
        )
        desk.edit_sentence(item, by=by, text=change["sentence"], kind=item.claim.kind, seen_version=item.claim.version)
    if change.get("source_title"):
        source = Source.objects.get(slug=change["source"])
        source.title = change["source_title"]
        source.save()
    explainer.refresh_from_db()
    if change["action"] == "unpublish":
        workflow.apply_action(explainer, "unpublish", by=by, comment="Withdrawn while a figure is checked.")
    elif change["action"] == "publish":
        if explainer.status != workflow.REVIEW:
            workflow.apply_action(explainer, "submit", by=by)
        workflow.apply_action(explainer, "publish", by=by, comment="Corrected.", accept_warnings=True)
print(json.dumps({"status": explainer.status}))
"""


def marker() -> str:
    """A word no page shows until a change puts it there (lower case: a tag's slug keeps it as is)."""
    return f"chk{uuid.uuid4().hex[:10]}"


@dataclass(frozen=True)
class Shown:
    """What every reader must see now: whether the explainer is public, and each changed field's marker."""

    listed: bool = True
    title: str = ""
    sentence: str = ""
    source: str = ""
    tag: str = ""


@dataclass
class Newsroom:
    """The database the servers share, what the seed pages show, and what readers must see now."""

    env: dict
    var: Path
    facts: dict
    shown: Shown

    def paths(self) -> dict[str, str]:
        return {name: path.format(**self.facts) for name, (path, _) in PAGES.items()}

    def is_fresh(self, name: str, status: int, body: str, shown: Shown) -> bool:
        if not shown.listed and name in WITHDRAWN:
            return status == 404
        if status != 200:
            return False
        link = LINKS.get(name)
        if link is not None and (link.format(**self.facts) in body) != shown.listed:
            return False
        return not shown.listed or all(getattr(shown, field) in body for field in PAGES[name][1])


@dataclass
class Site:
    """Two sync gunicorn workers on the newsroom's database, and commands run with their settings."""

    port: int
    env: dict
    newsroom: Newsroom
    redis: subprocess.Popen | None = None

    def get(self, path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def read_every_page(self, times: int = REQUESTS_PER_URL) -> dict[str, list[tuple[int, str]]]:
        """Each page `times` times, from several concurrent anonymous readers."""
        paths = self.newsroom.paths()
        asked = [name for _ in range(times) for name in paths]
        with ThreadPoolExecutor(CLIENTS) as pool:
            answers = list(pool.map(lambda name: self.get(paths[name]), asked))
        pages: dict[str, list[tuple[int, str]]] = {name: [] for name in paths}
        for name, answer in zip(asked, answers, strict=True):
            pages[name].append(answer)
        return pages

    def warm(self, times: int = REQUESTS_PER_URL) -> None:
        """Both workers' caches (or the one Redis) hold every page as it stands."""
        self.read_every_page(times)

    def stale_responses(self) -> dict[str, int]:
        shown = self.newsroom.shown
        return {
            name: sum(not self.newsroom.is_fresh(name, status, body, shown) for status, body in answers)
            for name, answers in self.read_every_page().items()
        }

    def start_command(self) -> subprocess.Popen:
        """`manage.py shell` in its own process, setting up to make the change `finish_command` sends."""
        return subprocess.Popen(
            [sys.executable, "manage.py", "shell", "-v0", "-c", CHANGE],
            cwd=ROOT,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def finish_command(self, process: subprocess.Popen, change: dict, *, timeout: float = 120) -> dict:
        """Send `change` to the waiting command; returns once its process has exited."""
        facts = self.newsroom.facts
        change = {"user": PUBLISHER[0], "slug": facts["slug"], "claim": facts["claim"], **change}
        change.setdefault("source", facts["source"])
        ready = process.stdout.readline().strip() == "ready"
        try:
            out, err = process.communicate(json.dumps(change) + "\n" if ready else None, timeout=timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        assert ready and process.returncode == 0, f"the change failed:\n{out[-2000:]}\n{err[-4000:]}"
        return json.loads(out.strip().splitlines()[-1])

    def command(self, change: dict) -> dict:
        return self.finish_command(self.start_command(), change)


def manage(env: dict, *arguments: str, extra: dict | None = None, timeout: float = 300) -> str:
    done = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=ROOT,
        env={**env, **(extra or {})},
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert done.returncode == 0, (
        f"manage.py {arguments[0]} failed:\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
    )
    return done.stdout


@contextmanager
def private_database(var: Path):
    """A database of our own: a SQLite file, or a fresh PostgreSQL database dropped afterwards."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        yield f"sqlite:///{var / 'coherence.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = f"coherence_{uuid.uuid4().hex[:12]}"
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield parts._replace(path=f"/{name}").geturl()
    finally:
        with psycopg.connect(server, autocommit=True) as connection:
            connection.execute(
                sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
            )


def production_env(var: Path, database_url: str) -> dict:
    env = {name: value for name, value in os.environ.items() if name not in ("REDIS_URL", "DATABASE_URL")}
    return {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "cache-coherence-secret-key-" + "c" * 40,
        "DATABASE_URL": database_url,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback; the admin client says it came over TLS
        "VAR_DIR": str(var),
        "PAGE_CACHE_SECONDS": "300",
        "DEBUG": "0",
    }


@pytest.fixture(scope="module")
def newsroom(tmp_path_factory):
    reason = missing_gunicorn()
    if reason:
        pytest.skip(f"cache coherence tests need real servers: {reason}")
    var = tmp_path_factory.mktemp("coherence")
    with private_database(var) as database_url:
        env = production_env(var, database_url)
        manage(env, "migrate", "--noinput", "-v0")
        manage(env, "import_seeds", "--publish", "-v0")
        manage(env, "collectstatic", "--noinput", "-v0")
        out = manage(env, "shell", "-v0", "-c", SETUP, extra={"COHERENCE_PUBLISHER": json.dumps(PUBLISHER)})
        yield Newsroom(env=env, var=var, facts=json.loads(out.strip().splitlines()[-1]), shown=Shown())


@contextmanager
def two_workers(newsroom: Newsroom, env: dict, name: str):
    port = free_port()
    log = newsroom.var / f"gunicorn-{name}.log"
    server = start_server(port, env, workers=2, worker_class="sync", log=log)
    try:
        try:
            wait_for(port, seconds=30)
        except AssertionError:
            raise AssertionError(log.read_text()[-4000:]) from None
        yield port
    finally:
        stop(server)


@pytest.fixture(scope="module")
def site(newsroom):
    """Without Redis (the documented default): each worker keeps its own local cache."""
    with two_workers(newsroom, newsroom.env, "local") as port:
        yield Site(port=port, env=newsroom.env, newsroom=newsroom)


@pytest.fixture(scope="module")
def redis_site(newsroom):
    if shutil.which("redis-server") is None:
        pytest.skip("the Redis coherence tests need redis-server (Debian package redis-server)")
    port = free_port()
    redis = start_redis(port)
    env = {**newsroom.env, "REDIS_URL": f"redis://127.0.0.1:{port}/0"}
    try:
        with two_workers(newsroom, env, "redis") as server_port:
            yield Site(port=server_port, env=env, newsroom=newsroom, redis=redis)
    finally:
        stop(redis)


class PublisherBrowser:
    """A publisher in the admin over HTTP, as behind the TLS-ending proxy (so cookies are Secure)."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def open(self, path: str, form: dict | None = None) -> tuple[int, str, str]:
        headers = {"X-Forwarded-Proto": "https", "Referer": f"https://127.0.0.1:{self.port}{path}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET" if form is None else "POST", path, body, headers)
            response = connection.getresponse()
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in http.cookies.SimpleCookie(header).items():
                    if morsel.value and morsel["max-age"] != "0":
                        self.cookies[name] = morsel.value
                    else:
                        self.cookies.pop(name, None)
            return response.status, response.getheader("Location", ""), response.read().decode()
        finally:
            connection.close()

    def post(self, path: str, form: dict, *, page: str) -> str:
        """Submit a form of `page` (with its CSRF token); return the page it redirects to."""
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        status, location, body = self.open(path, {"csrfmiddlewaretoken": token, **form})
        assert status == 302, f"POST {path} answered {status}: {body[:2000]}"
        return self.open(location)[2]

    def log_in(self, username: str, password: str) -> None:
        page = self.open("/admin/login/")[2]
        after = self.post(
            "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, page=page
        )
        assert 'action="/admin/logout/"' in after or "Log out" in after, "the publisher could not log in"

    def act(self, pk: int, action: str, *, comment: str = "", now: str) -> None:
        """Press a workflow button on the explainer's change page; the admin must say it is `now` …"""
        url = f"/admin/explainers/explainer/{pk}/workflow/"
        page = self.open(f"/admin/explainers/explainer/{pk}/change/")[2]
        form = page[page.index(f'action="{url}"') :]
        form = form[: form.index("</form>")]
        assert f'value="{action}"' in form, f"no “{action}” button in the workflow panel"
        fields = {"action": action, "comment": comment}
        fields["seen_version"] = re.search(r'name="seen_version" value="(\d+)"', form).group(1)
        if 'name="accept_warnings"' in form:
            fields["accept_warnings"] = "on"
        after = self.post(url, fields, page=page)
        assert f"is now {now}" in after, messages(after)

    def edit_sentence(self, pk: int, claim: int, text: str) -> None:
        """Rewrite the sentence of `claim` on the explainer's desk."""
        page = self.open(f"/admin/explainers/explainer/{pk}/desk/")[2]
        item = next(
            part
            for part in page.split('<li class="desk-sentence"')[1:]
            if f"/admin/explainers/claim/{claim}/change/" in part
        )
        kind = re.search(r'<option value="(\w+)" selected|name="kind" value="(\w+)"', item)
        fields = {
            "action": "save",
            "text": text,
            "kind": kind.group(1) or kind.group(2),
            "seen_version": re.search(r'name="seen_version" value="(\d+)"', item).group(1),
        }
        after = self.post(
            re.search(r'<form method="post" action="([^"]+)"', item).group(1), fields, page=page
        )
        assert "Sentence saved." in after, messages(after)


def messages(page: str) -> str:
    found = re.search(r'<ul class="messagelist">(.*?)</ul>', page, re.S)
    return re.sub(r"<[^>]+>", " ", found.group(1)).strip() if found else "(no message on the page)"


def assert_no_stale(stale: dict[str, int]) -> None:
    counts = ", ".join(f"{name} {count}" for name, count in stale.items())
    assert stale == dict.fromkeys(PAGES, 0), f"stale responses of {REQUESTS_PER_URL} per URL: {counts}"


def a_correction() -> dict:
    """New markers for the title and for a sentence."""
    return {"title": marker(), "sentence": marker()}


def written(facts: dict, markers: dict) -> dict:
    """The fields as a change carrying `markers` writes them."""
    fields = {
        "title": f"{facts['title']} ({markers['title']})" if "title" in markers else None,
        "sentence": f"{facts['sentence'].rstrip('.')} ({markers['sentence']})."
        if "sentence" in markers
        else None,
        "source_title": f"{facts['source_title']} ({markers['source']})" if "source" in markers else None,
        "tag": markers.get("tag"),
    }
    return {name: value for name, value in fields.items() if value is not None}


def published(newsroom: Newsroom, markers: dict) -> dict:
    """A change carrying `markers`, to be published; readers must see them from now on."""
    newsroom.shown = replace(newsroom.shown, listed=True, **markers)
    return {**written(newsroom.facts, markers), "action": "publish"}


# --- without Redis: two workers, two local caches ---------------------------------------------------


def test_an_unpublish_in_the_admin_reaches_both_workers_on_the_next_request(site):
    browser = PublisherBrowser(site.port)
    browser.log_in(*PUBLISHER)
    site.warm()
    browser.act(
        site.newsroom.facts["pk"], "unpublish", comment="Withdrawn while a figure is checked.", now="draft"
    )
    site.newsroom.shown = replace(site.newsroom.shown, listed=False)
    assert_no_stale(site.stale_responses())


def test_a_correction_published_in_the_admin_reaches_both_workers_on_the_next_request(site):
    newsroom, pk = site.newsroom, site.newsroom.facts["pk"]
    browser = PublisherBrowser(site.port)
    browser.log_in(*PUBLISHER)
    markers = {"sentence": marker()}
    browser.edit_sentence(pk, newsroom.facts["claim"], written(newsroom.facts, markers)["sentence"])
    browser.act(pk, "submit", now="in review")
    site.warm()  # readers still get the published version while it waits for the publisher
    browser.act(pk, "publish", comment="Corrected: the sentence said too much.", now="published")
    newsroom.shown = replace(newsroom.shown, listed=True, **markers)
    assert_no_stale(site.stale_responses())


def test_a_change_made_by_a_management_command_reaches_both_workers_on_the_next_request(site):
    site.warm()
    change = published(site.newsroom, {"title": marker(), "tag": marker(), "source": marker()})
    assert site.command(change) == {"status": "published"}
    assert_no_stale(site.stale_responses())


# --- with Redis: one shared cache, readers racing the save ------------------------------------------


def read_while(
    site: Site, process: subprocess.Popen, change: dict, *, after: float = 0.5, at_least: int = 10
):
    """16 readers ask every page in turn while `process` makes `change`, and for `after` s (at least
    `at_least` requests a page) once it has exited. Returns, for the requests made after it exited,
    how many were stale and how many were made, by page."""
    newsroom, paths = site.newsroom, site.newsroom.paths()
    stop_reading = threading.Event()
    answers: list[tuple[float, str, bool]] = []  # (when asked, page, shows the change)

    def reader(offset: int) -> None:
        names = list(paths)
        n = offset
        while not stop_reading.is_set():
            name = names[n % len(names)]
            n += 1
            asked = time.monotonic()
            status, body = site.get(paths[name])
            answers.append((asked, name, newsroom.is_fresh(name, status, body, newsroom.shown)))

    readers = [threading.Thread(target=reader, args=(n,)) for n in range(REDIS_READERS)]
    for thread in readers:
        thread.start()
    try:
        time.sleep(0.3)
        site.finish_command(process, change)
        done = time.monotonic()
        deadline = done + 30
        while time.monotonic() < deadline:
            late = Counter(name for asked, name, _ in list(answers) if asked > done)
            if time.monotonic() > done + after and all(late[name] >= at_least for name in paths):
                break
            time.sleep(0.1)
    finally:
        stop_reading.set()
        for thread in readers:
            thread.join()
    late = [(name, fresh) for asked, name, fresh in answers if asked > done]
    stale = {name: sum(1 for n, fresh in late if n == name and not fresh) for name in paths}
    return stale, Counter(name for name, _ in late)


def test_with_redis_no_reader_gets_the_old_page_once_a_save_has_returned(redis_site):
    newsroom, outcomes = redis_site.newsroom, []
    process = redis_site.start_command()
    for trial in range(REDIS_TRIALS):
        redis_site.warm(times=4)  # one cache for both workers
        if trial % 3 == 2:
            newsroom.shown = replace(newsroom.shown, listed=False)
            change = {"action": "unpublish"}
        else:
            change = published(newsroom, a_correction())
        stale, asked = read_while(redis_site, process, change)
        if trial + 1 < REDIS_TRIALS:
            process = redis_site.start_command()  # sets Django up while the next trial warms
        outcomes.append((change["action"], stale, asked))
    bad = [
        f"trial {n} ({action}): "
        + ", ".join(f"{name} {stale[name]}/{asked[name]}" for name in stale if stale[name])
        for n, (action, stale, asked) in enumerate(outcomes)
        if any(stale.values())
    ]
    assert not bad, "stale responses after the save returned: " + "; ".join(bad)


def test_a_save_during_a_redis_stall_commits_and_leaves_no_stale_page(redis_site):
    redis_site.warm()
    change = published(redis_site.newsroom, a_correction())
    process = redis_site.start_command()
    os.kill(redis_site.redis.pid, signal.SIGSTOP)
    try:
        result = redis_site.finish_command(process, change)
    finally:
        os.kill(redis_site.redis.pid, signal.SIGCONT)
    assert result == {"status": "published"}
    assert_no_stale(redis_site.stale_responses())
