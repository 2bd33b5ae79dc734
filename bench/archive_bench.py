"""Benchmark: a newsroom's archive on PostgreSQL — search, import and admin lists at size.

Builds, in a database of its own (`policydesk_archive`, dropped first):
  1. 1,000 generated documents imported into the empty database (timed),
  2. the rest of --sources documents through the same import, in batches (each timed),
  3. --explainers explainers of --claims-each sentences citing passages of those sources, published
     through the publishing service (what a publisher's action does), then ANALYZE (this machine's
     PostgreSQL runs with autovacuum off; production's would analyse on its own),
  4. 1,000 more documents imported into the full archive (timed: goal at most 1.2x the first).
Then prints search p50/p95/p99 over 12 kinds of query (through the whole view), requests per second
under `wrk -t2 -c16` on a search URL (gunicorn, 2 workers, production settings, page cache off), and
the admin changelists' times (goal < 500 ms) and the search goal (p95 < 50 ms).

Usage: .venv/bin/python bench/archive_bench.py [--sources 10000] [--explainers 1000] [--claims-each 100]
       [--reuse] (keep an archive built before and only measure) [--seconds 15]
Needs PostgreSQL on 127.0.0.1:5432 (user postgres); wrk for the load figure (skipped without it).
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PY = str(ROOT / ".venv" / "bin" / "python")
DB_NAME = "policydesk_archive"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
DB_URL = f"postgres://postgres@127.0.0.1:5432/{DB_NAME}"
RARE = "Okonjo-Iweala"  # a name a handful of documents carry
QUERIES = {
    "common word": "minerals",
    "two common words": "supply chains",
    "rare name": RARE,
    "rare name, last part": "Iweala",
    "phrase": '"framework agreement"',
    "no match": "xylophonist",
    "punctuation": "U.S.-India critical minerals",
    "number": "2026",
    "person": "Priya Menon",
    "place": "Nairobi",
    "long query": "lithium cobalt nickel graphite copper gallium processing refining recycling mining",
    "symbols only": "!!! ??? ...",
}


def environment(var_dir: Path, **extra) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "DATABASE_URL": DB_URL,
        "DEBUG": "0",
        "VAR_DIR": str(var_dir),
        "PAGE_CACHE_SECONDS": "0",
        "SEARCH_RATE_PER_MINUTE": "0",
        **extra,
    }


def child(env: dict, *args: str) -> str:
    return subprocess.run(
        [PY, __file__, "--child", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    ).stdout


# --- in the child (Django set up) ----------------------------------------------------------------


def setup():
    import django

    django.setup()


def import_folder(folder: Path) -> float:
    from explainers.importing import import_documents

    started = time.perf_counter()
    import_documents([folder], root=folder, max_bytes=5 * 1024 * 1024)
    return time.perf_counter() - started


def generate_into(folder: Path, count: int, seed: int, *, rare_every: int = 0) -> None:
    from bench.generate import generate

    generate(folder, count, seed=seed)
    for path in list(folder.iterdir()):  # file names are how the import knows a document again
        path.rename(path.with_name(f"s{seed}-{path.name}"))
    if rare_every:
        for n, path in enumerate(sorted(folder.iterdir())):
            if n % rare_every == 0:
                path.write_text(
                    path.read_text() + f"\n\nDirector-General {RARE} said the rules must change.\n"
                )


def build(args) -> None:
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    work = Path(tempfile.mkdtemp(prefix="archive-"))
    first = work / "first"
    generate_into(first, 1000, seed=101, rare_every=97)
    print(json.dumps({"import_empty": import_folder(first)}), flush=True)
    remaining, batch, seed = args.sources - 1000, 0, 200
    while remaining > 0:
        size = min(2000, remaining)
        folder = work / f"batch-{batch}"
        generate_into(folder, size, seed=seed + batch)
        elapsed = import_folder(folder)
        print(json.dumps({"batch": batch, "documents": size, "seconds": elapsed}), flush=True)
        remaining -= size
        batch += 1
    started = time.perf_counter()
    publish_explainers(args.explainers, args.claims_each)
    print(json.dumps({"explainers_published_in": time.perf_counter() - started}), flush=True)
    analyze()
    last = work / "last"
    generate_into(last, 1000, seed=999)
    print(json.dumps({"import_full": import_folder(last)}), flush=True)
    analyze()
    shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(counts()), flush=True)


def import_once(seed: int, part: int, parts: int) -> None:
    """Import one part (of `parts`) of 1,000 new documents into whatever database this child runs
    on; print the seconds. The documents are the same for every child given the same seed."""
    setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    folder = Path(tempfile.mkdtemp(prefix="archive-import-")) / "docs"
    generate_into(folder, 1000, seed=seed)
    chosen = folder.parent / "part"
    chosen.mkdir()
    for n, path in enumerate(sorted(folder.iterdir())):
        if n % parts == part:
            path.rename(chosen / path.name)
    print(json.dumps({"seconds": import_folder(chosen)}))
    shutil.rmtree(folder.parent, ignore_errors=True)


def analyze() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def counts() -> dict:
    from explainers.models import Citation, Claim, SearchDocument, Snapshot
    from sources.models import Source

    return {
        "sources": Source.objects.count(),
        "claims": Claim.objects.count(),
        "citations": Citation.objects.count(),
        "published_versions": Snapshot.objects.public().count(),
        "search_documents": SearchDocument.objects.count(),
    }


def publish_explainers(count: int, claims_each: int, first: int = 0) -> None:
    """Explainers whose sentences are passages of the library, cited and confirmed, then published."""
    import random

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
    from explainers.services import publishing
    from sources.models import Source
    from sources.text.cited import line_spans

    rng = random.Random(3)
    publisher, _ = get_user_model().objects.get_or_create(
        username="archive-publisher", defaults={"is_staff": True, "is_superuser": True}
    )
    source_ids = list(Source.objects.values_list("pk", flat=True))
    now = timezone.now()
    for n in range(first, first + count):
        explainer = Explainer.objects.create(
            title=f"Archive explainer {n}",
            slug=f"archive-explainer-{n}",
            dek=f"What the archive says, part {n}.",
        )
        sources = {s.pk: s for s in Source.objects.filter(pk__in=rng.sample(source_ids, 10))}
        picks = []
        for source in sources.values():
            spans = [(a, b) for a, b in line_spans(source.text) if 40 < b - a < 400]
            picks += [(source, a, b) for a, b in rng.sample(spans, min(len(spans), claims_each))]
        picks = rng.sample(picks, min(len(picks), claims_each))
        claims = Claim.objects.bulk_create(
            Claim(
                kind=Claim.Kind.FACT, text=source.text[a:b], status=Claim.Status.VERIFIED, support="supported"
            )
            for source, a, b in picks
        )
        Citation.objects.bulk_create(
            Citation(
                claim=claim,
                source=source,
                quote=source.text[a:b],
                start=a,
                end=b,
                text_hash=source.text_hash,
                status=Citation.Status.EXACT,
                score=1.0,
                confirmed_at=now,
                confirmed_via=Citation.Via.ADMIN,
                support="supported",
            )
            for claim, (source, a, b) in zip(claims, picks, strict=True)
        )
        blocks = Block.objects.bulk_create(
            Block(explainer=explainer, position=p, kind=Block.Kind.PARAGRAPH)
            for p in range(0, len(claims), 5)
        )
        BlockClaim.objects.bulk_create(
            BlockClaim(block=blocks[i // 5], claim=claim, position=i % 5) for i, claim in enumerate(claims)
        )
        publishing.publish(explainer, by=publisher)


def measure_search(repeats: int) -> None:
    setup()
    from django.test import Client

    client = Client(HTTP_HOST="localhost")
    for _ in range(2):  # warm the connection and the caches, discarded
        for query in QUERIES.values():
            client.get("/search/", {"q": query})
    every, per_kind = [], {}
    for _ in range(repeats):
        for kind, query in QUERIES.items():
            started = time.perf_counter()
            response = client.get("/search/", {"q": query})
            elapsed = 1000 * (time.perf_counter() - started)
            assert response.status_code == 200, (kind, response.status_code)
            every.append(elapsed)
            per_kind.setdefault(kind, []).append(elapsed)
            if _ == 0:
                count = re.search(r'class="meta[^"]*"[^>]*>([^<]*)', response.content.decode())
                per_kind.setdefault(f"{kind}:found", count.group(1).strip() if count else "")
    print(json.dumps({"every": every, "per_kind": per_kind}))


LONG_ID_LIST = re.compile(r"IN \([0-9, ]{200,}\)")


def print_plans() -> None:
    """EXPLAIN (ANALYZE, BUFFERS) of the queries the search page runs (as it runs them: captured from
    a request), for a common and a rare query."""
    setup()
    from django.db import connection, transaction
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="localhost")
    for query in ("supply chains", RARE):
        client.get("/search/", {"q": query})  # warm
        with CaptureQueriesContext(connection) as ran:
            assert client.get("/search/", {"q": query}).status_code == 200
        selects = [q["sql"] for q in ran.captured_queries if q["sql"].startswith("SELECT")]
        for n, sql in enumerate(s for s in selects if "explainers_searchdocument" in s):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
                shown = LONG_ID_LIST.sub("IN (…)", sql)[:600]
                print(f"-- {query!r}, query {n + 1}: {shown}")
                print("\n".join(row[0] for row in cursor.fetchall()))


def measure_changelists(repeats: int) -> None:
    setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    user = get_user_model().objects.get(username="archive-publisher")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    pages = {
        "sources": "/admin/sources/source/",
        "sources, searched": "/admin/sources/source/?q=Nairobi",
        "claims": "/admin/explainers/claim/",
        "claims, filtered": "/admin/explainers/claim/?kind__exact=quote",
        "citations": "/admin/explainers/citation/",
        "citations, filtered": "/admin/explainers/citation/?status__exact=exact",
        "integrity report": "/admin/integrity/",
    }
    found = {}
    for name, url in pages.items():
        client.get(url)
        times = []
        for _ in range(repeats):
            started = time.perf_counter()
            response = client.get(url)
            times.append(1000 * (time.perf_counter() - started))
        found[name] = {"status": response.status_code, "median_ms": statistics.median(times)}
    print(json.dumps(found))


# --- in the parent ------------------------------------------------------------------------------


def fresh_database(name: str = DB_NAME, *, create: bool = True) -> None:
    import psycopg

    with psycopg.connect(ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if create:
            conn.execute(f"CREATE DATABASE {name}")


def vacuum_analyze() -> None:
    """What production's autovacuum does after a migration rewrote rows (this machine's PostgreSQL
    runs with it off): dead row versions left by a rebuild of the search documents would otherwise
    be read by every search through the index."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(DB_URL, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    print(f"vacuumed and analysed in {time.perf_counter() - started:.1f} s")


def percentile(values, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def load(env: dict, seconds: int) -> dict | None:
    if not shutil.which("wrk"):
        return None
    from bench.load_and_faults import free_port, start_gunicorn, wrk

    port = free_port()
    server_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "archive-bench-secret-key-" + "k" * 40,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECURE_SSL_REDIRECT": "0",
        "GUNICORN_ACCESS_LOG": "",
    }
    subprocess.run(
        [PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=server_env, check=True
    )
    server = start_gunicorn(server_env, port)
    try:
        url = f"http://127.0.0.1:{port}/search/?q=supply+chains"
        wrk(url, 3, threads=1, connections=4)
        return wrk(url, seconds, threads=2, connections=16)
    finally:
        server.terminate()
        server.wait(timeout=20)


def import_side_by_side(env: dict, parts: int = 10) -> None:
    """The same 1,000 new documents into an empty database and into the full archive, in `parts`
    slices taken in turns (ABBA order), so that a change in the machine's load during the run
    weighs on both sides alike; each side's time is the sum of its slices' import times."""
    empty = f"{DB_NAME}_empty"
    fresh_database(empty)
    empty_env = {**env, "DATABASE_URL": DB_URL.replace(DB_NAME, empty)}
    seed = int(time.time()) % 100_000 + 10_000
    spent = {"empty": [], "full": []}
    for part in range(parts):
        order = (("empty", empty_env), ("full", env))
        for side, side_env in order if part % 2 == 0 else reversed(order):
            args = ("import", "--seed", str(seed), "--part", str(part), "--parts", str(parts))
            spent[side].append(json.loads(child(side_env, *args))["seconds"])
    into_empty, into_full = sum(spent["empty"]), sum(spent["full"])
    ratios = sorted(full / empty for empty, full in zip(spent["empty"], spent["full"], strict=True))
    print(
        f"the same 1,000 new documents imported side by side in {parts} slices taken in turns: "
        f"{into_empty:.1f} s into an empty database, {into_full:.1f} s into the archive: "
        f"ratio {into_full / into_empty:.2f} (goal <= 1.2; per slice: median "
        f"{statistics.median(ratios):.2f}, range {ratios[0]:.2f}-{ratios[-1]:.2f})"
    )
    fresh_database(empty, create=False)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--explainers", type=int, default=1_000)
    parser.add_argument("--claims-each", type=int, default=100)
    parser.add_argument("--repeats", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=15)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--more-explainers", type=int, default=0, help="with --reuse: publish this many more")
    parser.add_argument("--plans", action="store_true", help="print the search's query plans and stop")
    parser.add_argument("--seed", type=int, default=4242)
    parser.add_argument(
        "--skip-import", action="store_true", help="with --reuse: measure search and lists only"
    )
    parser.add_argument("--part", type=int, default=0)
    parser.add_argument("--parts", type=int, default=1)
    parser.add_argument("--child", nargs="+")
    args = parser.parse_args()
    if args.child:
        step = args.child[0]
        if step == "build":
            build(args)
        elif step == "search":
            measure_search(args.repeats)
        elif step == "changelists":
            measure_changelists(5)
        elif step == "plans":
            print_plans()
        elif step == "import":
            import_once(args.seed, args.part, args.parts)
        elif step == "explainers":
            setup()
            publish_explainers(args.explainers, args.claims_each, first=args.seed)
            analyze()
        return
    var_dir = Path(tempfile.mkdtemp(prefix="archive-var-"))
    env = environment(var_dir)
    if not args.reuse:
        fresh_database()
        started = time.perf_counter()
        out = subprocess.Popen(
            [
                PY,
                __file__,
                "--child",
                "build",
                "--sources",
                str(args.sources),
                "--explainers",
                str(args.explainers),
                "--claims-each",
                str(args.claims_each),
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        figures = {}
        for line in out.stdout:
            print("  build:", line.strip(), flush=True)
            figures.update(json.loads(line))
        if out.wait():
            raise SystemExit("the build failed")
        print(f"built in {time.perf_counter() - started:.0f} s")
        ratio = figures["import_full"] / figures["import_empty"]
        print(
            f"import of 1,000 documents: {figures['import_empty']:.1f} s into the empty archive, "
            f"{figures['import_full']:.1f} s into the full one: ratio {ratio:.2f} (goal <= 1.2)"
        )
    if args.reuse:  # an archive built by earlier code: bring its schema (and stored documents) up to date
        started = time.perf_counter()
        subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v1"], cwd=ROOT, env=env, check=True)
        print(f"migrated the archive in {time.perf_counter() - started:.1f} s")
        vacuum_analyze()
    if args.reuse and args.more_explainers:
        child(
            env,
            "explainers",
            "--explainers",
            str(args.more_explainers),
            "--claims-each",
            str(args.claims_each),
            "--seed",
            str(int(time.time()) % 1_000_000 + 100_000),
        )
        print(f"published {args.more_explainers} more explainers")
    # The same 1,000 new documents into an empty database and into the full archive, side by side.
    if not args.skip_import:
        import_side_by_side(env)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    if args.plans:
        print(child(env, "plans"))
        return
    search = json.loads(child(env, "search", "--repeats", str(args.repeats)))
    every = search["every"]
    print(
        f"search over {len(every)} requests ({len(QUERIES)} kinds of query, the whole view): "
        f"p50 {percentile(every, 0.5):.1f} ms, p95 {percentile(every, 0.95):.1f} ms, "
        f"p99 {percentile(every, 0.99):.1f} ms (goal p95 < 50 ms)"
    )
    for kind in QUERIES:
        times = search["per_kind"][kind]
        print(
            f"  {kind:<22} median {statistics.median(times):6.1f} ms  {search['per_kind'][kind + ':found']}"
        )
    lists = json.loads(child(env, "changelists"))
    print("admin changelists (median of 5, logged in):")
    for name, figure in lists.items():
        print(f"  {name:<22} {figure['median_ms']:6.1f} ms  (HTTP {figure['status']}; goal < 500 ms)")
    loaded = load(env, args.seconds)
    if loaded is None:
        print("wrk not found: no load figure (apt-get install -y wrk)")
    else:
        print(
            f"wrk -t2 -c16 -d{args.seconds}s /search/?q=supply+chains (gunicorn 2 gthread workers, production "
            f"settings, page cache off): {loaded['requests_per_s']:.1f} req/s, p50 {loaded['p50_ms']:.1f} ms, "
            f"p99 {loaded['p99_ms']:.1f} ms, non-2xx {loaded['non_2xx']}"
        )


if __name__ == "__main__":
    main()
