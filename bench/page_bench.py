"""Page speed against the peer (Wagtail 8 + wagtail-footnotes), side by side in interleaved rounds.

Builds the peer from ../shared/bench/ (skipped when $PEER_DIR already holds it) and this site in a
scratch directory (SQLite, production settings, DEBUG off): migrate, collectstatic, the seeds
imported and published, and a 300-reference explainer (30 paragraphs of 10 sentences, each citing
its own source) published through the workflow. Serves this site twice with
gunicorn (2 sync workers): page cache off (PAGE_CACHE_SECONDS=0) and on (300 s, the default local
cache), and the peer the same way; then runs wrk -t2 -c16 in rounds, each round asking in turn:

  this site's seed explainer uncached, the peer's seed page, this site's large explainer uncached,
  the peer's large page, this site's seed explainer cached, the peer's seed page as a static file.

Prints medians of requests/s and p50/p99 latencies, response sizes, queries per request, and the
ratios against the goals of issue 14 (each ratio is taken within a round, then the median): seed
uncached ≥ 2× Wagtail, large uncached ≥ 10× Wagtail, cached ≥ 0.9 of the static file. The machine
is shared: compare the ratios, not the absolute figures.

Writing the large explainer takes minutes (5 to 10 here): each of its 330 desk actions records a
revision of the whole explainer, as on the desk. Needs wrk (`apt-get install -y wrk`). Exits non-zero only when setting up fails, not on a missed goal.
Usage: .venv/bin/python bench/page_bench.py [--rounds 3] [--seconds 8] [--keep] [--peer-dir DIR]
"""

import argparse
import json
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.load_and_faults import PY, free_port, start_gunicorn, status, wrk  # noqa: E402

SHARED_BENCH = ROOT.parent / "shared" / "bench"
LARGE_SLUG = "large-explainer"
PARAGRAPHS, SENTENCES = 30, 10
CONNECTIONS = 16
GOALS = {"seed": 2.0, "large": 10.0, "cached": 0.9}
SECRET_KEY = secrets.token_urlsafe(50)  # one per run: both servers and the probes sign alike


class SetupFailed(Exception):
    """The run cannot measure anything: a build step or a server failed."""


# --- this site ---------------------------------------------------------------------------------


def environment(work: Path, *, cache_seconds: int) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": SECRET_KEY,
        "DATABASE_URL": f"sqlite:///{work / 'db.sqlite3'}",
        "VAR_DIR": str(work),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",  # wrk speaks plain HTTP on loopback; TLS ends at the proxy
        "PAGE_CACHE_SECONDS": str(cache_seconds),
        "GUNICORN_ACCESS_LOG": "",
        "DEBUG": "0",
    }
    env.pop("REDIS_URL", None)  # the documented default: each worker's local cache
    return env


def django(env: dict, code: str) -> str:
    """Runs `code` in a fresh Django process of this site; its stdout."""
    done = subprocess.run(
        [PY, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SetupFailed(f"{code} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def manage(env: dict, *args: str) -> None:
    done = subprocess.run([PY, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True)
    if done.returncode:
        raise SetupFailed(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")


def build_site(work: Path) -> dict:
    """The scratch site: schema, static files, the seeds published, the large explainer; its slugs."""
    env = environment(work, cache_seconds=0)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "collectstatic", "--noinput", "-v0")
    manage(env, "import_seeds", "--publish", "-v0")
    out = django(env, "from bench.page_bench import write_large_explainer; write_large_explainer()")
    return json.loads(out.strip().splitlines()[-1])


MINERALS = ["lithium", "cobalt", "nickel", "graphite", "copper", "gallium"]
COUNTRIES = ["India", "Japan", "Australia", "Canada", "Brazil", "Kenya", "Chile", "Indonesia"]
PUBLISHERS = ["Harbour Times", "Mining Weekly Review", "Policy Ledger", "Trade Desk Daily"]


def _passage(n: int) -> tuple[str, str]:
    mineral, country = MINERALS[n % len(MINERALS)], COUNTRIES[n % len(COUNTRIES)]
    sentence = (
        f"The framework commits {country} to joint work on {mineral} mining, processing and "
        f"recycling under clause {n + 1}"
    )
    return mineral, sentence


def write_large_explainer() -> None:
    """Runs inside Django: a 300-reference explainer, then published as a publisher publishes.

    30 paragraphs of 10 sentences; each sentence cites a passage of its own source (300 distinct
    sources, four publishers), confirmed. The rows are written directly: made through the desk,
    each of 330 actions saves a history revision of the whole explainer, and the build takes
    minutes. Submitted and published through the workflow with its warnings accepted. Prints the
    seed's and this explainer's slugs.
    """
    from django.utils import timezone

    from explainers.actor import Operator, acting_as
    from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
    from explainers.services import workflow
    from sources.models import Publisher, Source

    by = Operator("page bench")
    with acting_as(by):
        explainer = Explainer.objects.create(
            title="Large explainer: 30 paragraphs, 300 cited sources",
            slug=LARGE_SLUG,
            dek="What a framework on critical minerals commits its signatories to, clause by clause.",
        )
        publishers = [
            Publisher.objects.get_or_create(name=name, defaults={"slug": f"bench-{k}"})[0]
            for k, name in enumerate(PUBLISHERS)
        ]
        n = 0
        for p in range(PARAGRAPHS):
            passages = [_passage(n + k) for k in range(SENTENCES)]
            block = Block.objects.create(explainer=explainer, position=p, kind=Block.Kind.PARAGRAPH)
            for position, (mineral, sentence) in enumerate(passages):
                text = (
                    f"Officials published note {n + 1} on the critical minerals framework. "
                    f"{sentence}. Both governments said the work on {mineral} would begin "
                    f"within the year, with a review after {n % 5 + 2} years."
                )
                source = Source.objects.create(
                    title=f"Supply note {n + 1}: {mineral}",
                    slug=f"supply-note-{n + 1}",
                    publisher=publishers[n % len(publishers)],
                    raw_text=text,
                    text=text,
                )
                claim = Claim.objects.create(text=f"{sentence}.", kind=Claim.Kind.FACT)
                Citation.objects.create(
                    claim=claim,
                    source=source,
                    quote=f"{sentence}.",
                    confirmed_at=timezone.now(),
                    confirmed_via=Citation.Via.ADMIN,
                )
                BlockClaim.objects.create(block=block, claim=claim, position=position)
                n += 1
        workflow.apply_action(explainer, "submit", by=by)
        workflow.apply_action(explainer, "publish", by=by, comment="Benchmark page", accept_warnings=True)
    published = Explainer.objects.filter(status=Explainer.Status.PUBLISHED)
    seed = published.exclude(slug=LARGE_SLUG).order_by("pk").values_list("slug", flat=True).first()
    print(json.dumps({"seed": seed, "large": LARGE_SLUG}))


def wait_for(url: str, what: str, seconds: float = 60) -> None:
    deadline = time.time() + seconds
    while time.time() < deadline:
        if status(url) == 200:
            return
        time.sleep(0.3)
    raise SetupFailed(f"{what} did not answer 200 at {url}")


# --- the peer ----------------------------------------------------------------------------------


def build_peer(peer_dir: Path) -> None:
    if (peer_dir / "peer" / "db.sqlite3").exists():
        print(f"  peer already built in {peer_dir}")
        return
    print(f"  building the peer in {peer_dir} (a virtualenv and Wagtail: a few minutes)")
    done = subprocess.run(
        [str(SHARED_BENCH / "peer_wagtail" / "setup.sh")],
        env={**os.environ, "PEER_DIR": str(peer_dir)},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SetupFailed(f"peer_wagtail/setup.sh failed:\n{done.stderr[-3000:]}")


def start_peer(peer_dir: Path, port: int) -> int:
    """serve_peer.sh daemonizes gunicorn; the pid its pid file names."""
    done = subprocess.run(
        [str(SHARED_BENCH / "serve_peer.sh"), str(port)],
        env={**os.environ, "PEER_DIR": str(peer_dir)},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SetupFailed(f"serve_peer.sh failed:\n{done.stderr[-3000:]}")
    pid_file = Path(done.stdout.strip().splitlines()[-1])
    wait_for(f"http://127.0.0.1:{port}/seed-explainer/", f"the peer (log: {peer_dir / 'gunicorn.log'})")
    return int(pid_file.read_text().strip())


def stop_peer(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.time() + 20
    while time.time() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


# --- queries and in-process render time ----------------------------------------------------------

# Runs in either site's Django process: a warm request, then one counted, then a few timed.
PROBE = """
import json, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, found = Client(HTTP_HOST="127.0.0.1"), {}
for path in PATHS:
    client.get(path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    queries = len(captured)  # now: the log does not outlive the connection the next request closes
    times = []
    for _ in range(TIMES):
        started = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - started)
    found[path] = {"status": response.status_code, "queries": queries,
                   "render_ms": statistics.median(times) * 1000}
print(json.dumps(found))
"""


def probe_code(paths: list[str], times: int = 15) -> str:
    return f"PATHS = {paths!r}\nTIMES = {times}\n{PROBE}"


def probe_site(work: Path, paths: list[str], *, cache_seconds: int) -> dict:
    env = environment(work, cache_seconds=cache_seconds)
    code = probe_code(paths)
    return json.loads(django(env, f"exec({code!r})").strip().splitlines()[-1])


def probe_peer(peer_dir: Path, paths: list[str]) -> dict:
    done = subprocess.run(
        [str(peer_dir / ".venv-wagtail" / "bin" / "python"), "manage.py", "shell", "-c", probe_code(paths)],
        cwd=peer_dir / "peer",
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "peer.settings.production"},
        capture_output=True,
        text=True,
    )
    if done.returncode:
        raise SetupFailed(f"the peer's probe failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# --- measuring -----------------------------------------------------------------------------------


def size(url: str) -> int:
    with urllib.request.urlopen(url, timeout=30) as response:
        if response.status != 200:
            raise SetupFailed(f"{url} answered {response.status}")
        return len(response.read())


def settle(idle_url: str) -> None:
    """Waits for a server to finish the requests wrk left queued when it stopped.

    A sync worker still renders every connection accepted before wrk closed it (up to 16 large
    pages), which would be counted against whatever is measured next on that server: two requests
    in a row to its cheapest URL come back only once that queue is served.
    """
    for _ in range(2):
        status(idle_url, timeout=120)


def measure(targets: list[tuple[str, str, str]], rounds: int, seconds: int) -> dict[str, list[dict]]:
    print(f"Warm-up: 2 s of wrk on each of the {len(targets)} URLs")
    for _, url, idle_url in targets:
        wrk(url, 2, connections=CONNECTIONS)
        settle(idle_url)
    runs = {name: [] for name, _, _ in targets}
    for n in range(rounds):
        line = []
        for name, url, idle_url in targets:
            result = wrk(url, seconds, connections=CONNECTIONS)
            settle(idle_url)
            runs[name].append(result)
            line.append(f"{name} {result['requests_per_s']:.0f}")
        print(f"  round {n + 1}/{rounds}: " + ", ".join(line) + " req/s")
    return runs


def median(results: list[dict], key: str) -> float:
    return statistics.median(r[key] for r in results)


def kb(n: int) -> str:
    return f"{n / 1024:.1f} KB"


def report(runs: dict, sizes: dict, labels: dict) -> None:
    print()
    print(f"{'page':<34} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'size':>10} {'errors':>7}")
    for name, results in runs.items():
        errors = sum(r["non_2xx"] + r["socket_errors"] for r in results)
        print(
            f"{labels[name]:<34} {median(results, 'requests_per_s'):>9.1f} {median(results, 'p50_ms'):>9.1f}"
            f" {median(results, 'p99_ms'):>9.1f} {kb(sizes[name]):>10} {errors:>7}"
        )
    pairs = [
        ("seed", "site_seed", "peer_seed", "seed explainer, cache off ÷ Wagtail", "×"),
        ("large", "site_large", "peer_large", "300-reference explainer, cache off ÷ Wagtail", "×"),
        ("cached", "site_cached", "peer_static", "seed explainer, page cache on ÷ static file", ""),
    ]
    print()
    print(f"{'ratio (median of the rounds’ ratios)':<48} {'ratio':>7} {'goal':>7}   rounds")
    for goal, mine, theirs, label, unit in pairs:
        per_round = [
            a["requests_per_s"] / b["requests_per_s"] if b["requests_per_s"] else 0.0
            for a, b in zip(runs[mine], runs[theirs], strict=True)
        ]
        ratio = statistics.median(per_round)
        verdict = "PASS" if ratio >= GOALS[goal] else "FAIL"
        rounds = ", ".join(f"{r:.2f}" for r in per_round)
        print(
            f"{label:<48} {ratio:>6.2f}{unit or ' '} {'≥ ' + format(GOALS[goal], 'g') + unit:>7}"
            f"   {verdict}  ({rounds})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=8, help="length of each wrk run")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    parser.add_argument(
        "--peer-dir",
        type=Path,
        default=Path(os.environ.get("PEER_DIR") or Path(tempfile.gettempdir()) / "peer-wagtail"),
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: install it with `apt-get install -y wrk`")
    work = Path(tempfile.mkdtemp(prefix="page-bench-"))
    servers: list[subprocess.Popen] = []
    peer_pid = None
    try:
        print("Peer: Wagtail 8 + wagtail-footnotes (../shared/bench/peer_wagtail)")
        build_peer(args.peer_dir)
        print(f"This site in {work}: migrate, collectstatic, import_seeds --publish, the large explainer")
        started = time.time()
        slugs = build_site(work)
        print(f"  built in {time.time() - started:.0f} s")
        ports = {"off": free_port(), "on": free_port(), "peer": free_port()}
        servers.append(
            start_gunicorn(environment(work, cache_seconds=0), ports["off"], sync=True, log=work / "off.log")
        )
        servers.append(
            start_gunicorn(environment(work, cache_seconds=300), ports["on"], sync=True, log=work / "on.log")
        )
        peer_pid = start_peer(args.peer_dir, ports["peer"])
        off, on, peer = (f"http://127.0.0.1:{ports[k]}" for k in ("off", "on", "peer"))
        seed_path, large_path = f"/explainers/{slugs['seed']}/", f"/explainers/{slugs['large']}/"
        peer_static = peer + "/static/seed-explainer.html"
        targets = [  # (name, URL, the same server's cheapest URL, to wait on after each run)
            ("site_seed", off + seed_path, off + "/healthz"),
            ("peer_seed", peer + "/seed-explainer/", peer_static),
            ("site_large", off + large_path, off + "/healthz"),
            ("peer_large", peer + "/large-explainer/", peer_static),
            ("site_cached", on + seed_path, on + "/healthz"),
            ("peer_static", peer_static, peer_static),
        ]
        labels = {
            "site_seed": "this site: seed, cache off",
            "peer_seed": "Wagtail: seed",
            "site_large": "this site: 300 refs, cache off",
            "peer_large": "Wagtail: large (300 refs)",
            "site_cached": "this site: seed, page cache on",
            "peer_static": "static file: seed (whitenoise)",
        }
        sizes = {name: size(url) for name, url, _ in targets}

        print("Queries per request (Django test client, second request) and in-process render time:")
        site = probe_site(work, [seed_path, large_path], cache_seconds=0)
        cached = probe_site(work, [seed_path], cache_seconds=300)
        theirs = probe_peer(args.peer_dir, ["/seed-explainer/", "/large-explainer/"])
        for label, found in (
            ("this site, cache off", site),
            ("this site, page cache on", cached),
            ("Wagtail", theirs),
        ):
            for path, row in found.items():
                print(
                    f"  {label:<26} {path:<48} status {row['status']}  {row['queries']:>3} queries"
                    f"  {row['render_ms']:7.2f} ms"
                )

        print(
            f"wrk -t2 -c{CONNECTIONS}, {args.rounds} interleaved rounds of {args.seconds} s; gunicorn 2 sync"
            " workers each, SQLite, DEBUG off"
        )
        runs = measure(targets, args.rounds, args.seconds)
        report(runs, sizes, labels)
    except SetupFailed as failure:
        print(f"setup failed: {failure}", file=sys.stderr)
        sys.exit(1)
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
        if peer_pid is not None:
            stop_peer(peer_pid)
        if args.keep:
            print(f"Scratch directory kept: {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
