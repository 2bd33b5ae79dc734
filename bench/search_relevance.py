"""Search relevance: for queries a reader would type, is the explainer or claim they want in the top 3?

Builds a corpus through the real import, as a newsroom would have it: the seeds (India–US critical
minerals, with their curation), every story of tests/data/stories (fisheries, water, carbon storage,
wildfire insurance, food security; each with its cited explainer, reports, releases, transcripts and
study notes) and generated documents like the seeds (reports, briefs and explainers on other
minerals and countries, with their people), every imported explainer published. Then runs each
query of QUERIES through the search the page uses and prints whether the expected explainer or claim
is among the first three results, and the overall figure.

With `--timing N` (PostgreSQL), it also times the search with each filter over N more synthetic
search documents (mostly claims; 90% public), as the page runs it: p50 and p95 per filter.

Usage: .venv/bin/python bench/search_relevance.py [--generated 48] [--verbose] [--postgres]
       [--timing 150000]
       (SQLite in a temporary folder; with --postgres, a database of its own on 127.0.0.1:5432,
       `policydesk_relevance`, dropped and made again)
"""

import argparse
import os
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
DB_NAME = "policydesk_relevance"
ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
STORIES = ROOT / "tests" / "data" / "stories"
TOP = 3


@dataclass(frozen=True)
class Query:
    text: str
    kind: str  # what a reader is after: people, places, topics, phrases
    explainer: str = ""  # the slug of the explainer expected in the top 3
    claim: str = ""  # or words of the claim expected there ("a|b": either wording)


MINERALS = "india-us-critical-minerals-pact"
FISHERIES = "what-kenyas-fisheries-deal-with-the-eu-means-for-the-coast"
WATER = "whats-actually-in-the-new-murraydarling-water-deal-and-will-it-work"
CARBON = "explainer-what-the-uknorway-carbon-storage-deal-does-and-what-it-leaves-open"
INSURANCE = "what-californias-new-wildfire-insurance-rule-does-and-what-it-doesnt"
FOOD = "what-the-singapore-food-security-deal-means-for-new-zealand"

QUERIES = [
    # people
    Query("Rubio", "person", MINERALS),
    Query("Marco Rubio", "person", MINERALS),
    Query("Jaishankar", "person", MINERALS),
    Query("Esther Akinyi Odhiambo", "person", FISHERIES),
    Query("Anneli Virtanen", "person", FISHERIES),
    Query("Claire Whitfield", "person", WATER),
    Query("Tom Galanis", "person", WATER),
    Query("Helen Marchbank", "person", CARBON),
    Query("Eirik Haugland", "person", CARBON),
    Query("Janet Morikawa", "person", INSURANCE),
    Query("Tamati Paraone", "person", FOOD),
    # places
    Query("Hyderabad House", "place", MINERALS),
    Query("Shimoni", "place", FISHERIES),
    Query("Renmark", "place", WATER),
    Query("Teesside", "place", CARBON),
    Query("Grass Valley", "place", INSURANCE),
    Query("Singapore", "place", FOOD),
    # topics
    Query("critical minerals", "topic", MINERALS),
    Query("tuna fishing", "topic", FISHERIES),
    Query("water buybacks", "topic", WATER),
    Query("carbon capture and storage", "topic", CARBON),
    Query("wildfire insurance", "topic", INSURANCE),
    Query("food security", "topic", FOOD),
    Query("U.S.-India critical minerals", "topic", MINERALS),
    # phrases, claims
    Query("Pax Silica", "phrase", claim="India signed onto Pax Silica|India signs on to Pax Silica"),
    Query("Quad foreign ministers' meeting", "phrase", claim="during the Quad foreign ministers"),
    Query("24 nautical miles", "phrase", claim="24 nautical miles"),
    Query("FAIR Plan policies", "phrase", claim="FAIR Plan policies"),
    Query("Kenya got the crumbs", "phrase", claim="Kenya got the crumbs"),
    Query("cultural water", "phrase", claim="cultural water"),
    Query("Ember-Ready", "phrase", claim="Ember-Ready"),
    Query("cement works on Teesside", "phrase", claim="cement works on Teesside"),
]


# --- the corpus -----------------------------------------------------------------------------------


def build_corpus(*, generated: int = 48) -> dict:
    """Import the seeds, every story and `generated` generated documents; publish every explainer."""
    from django.conf import settings

    from bench.generate import generate
    from explainers.actor import Operator
    from explainers.importing import import_documents
    from explainers.models import Explainer
    from explainers.services import publishing

    started = time.perf_counter()
    limit = settings.IMPORT_MAX_BYTES
    # The seeds as `make run` has them: their curation publishes the explainer, the agreement's
    # record and the quotes.
    import_documents([SEEDS], root=SEEDS, max_bytes=limit, publish=True)
    with tempfile.TemporaryDirectory(prefix="relevance-") as folder:
        for story in sorted(p for p in STORIES.iterdir() if p.is_dir()):
            # Each story's files under names of their own (every story has a 005_cited_explainer.txt,
            # and a file name is a document's identity in the import).
            copy = Path(folder) / story.name
            copy.mkdir()
            for path in story.glob("*.txt"):
                (copy / f"{story.name}-{path.name}").write_bytes(path.read_bytes())
            import_documents([copy], root=copy, max_bytes=limit)
        if generated:
            made = Path(folder) / "generated"
            generate(made, generated, seed=11)
            import_documents([made], root=made, max_bytes=limit)
    publisher = Operator("relevance bench")
    for explainer in Explainer.objects.exclude(status=Explainer.Status.PUBLISHED).order_by("pk"):
        # What a publisher's action does, without the integrity gate: the import leaves most
        # citations suggested, and a reader's search is what is measured here.
        snapshot = publishing.publish(explainer, by=publisher)
        Explainer.objects.filter(pk=explainer.pk).update_versioned(
            status=Explainer.Status.PUBLISHED, published_at=snapshot.first_published_at
        )
    return corpus_size(time.perf_counter() - started)


def corpus_size(seconds: float = 0.0) -> dict:
    from explainers.models import Claim, Explainer, SearchDocument
    from sources.models import Person, Source

    return {
        "explainers": Explainer.objects.count(),
        "claims": Claim.objects.count(),
        "sources": Source.objects.count(),
        "people": Person.objects.count(),
        "search documents": SearchDocument.objects.count(),
        "seconds": round(seconds, 1),
    }


# --- the measure ----------------------------------------------------------------------------------


@dataclass
class Outcome:
    query: Query
    position: int | None  # 1-based place of the expected result, None when not in the top 3
    top: list

    @property
    def found(self) -> bool:
        return self.position is not None


def expected_urls(query: Query) -> set[str]:
    from django.urls import reverse

    from explainers.models import Claim

    if query.explainer:
        return {reverse("explainers:detail", kwargs={"slug": query.explainer})}
    return {
        reverse("explainers:claim", kwargs={"pk": pk})
        for wording in query.claim.split("|")
        for pk in Claim.objects.filter(text__icontains=wording).values_list("pk", flat=True)
    }


def run_query(query: Query) -> Outcome:
    from explainers import search

    top = search.results(query.text, 1, TOP).hits[:TOP]
    wanted = expected_urls(query)
    position = next((n for n, hit in enumerate(top, 1) if hit.url in wanted), None)
    return Outcome(query, position, top)


def evaluate(queries=QUERIES) -> list[Outcome]:
    return [run_query(query) for query in queries]


def report(outcomes: list[Outcome], *, verbose: bool = False) -> str:
    lines = []
    for outcome in outcomes:
        query = outcome.query
        wanted = query.explainer or f"claim “{query.claim}”"
        mark = f"#{outcome.position}" if outcome.found else "MISS"
        lines.append(f"{mark:>5}  {query.kind:<7} {query.text!r:<40} → {wanted}")
        if verbose or not outcome.found:
            lines += [f"         {n}. {hit.label}: {hit.title[:90]}" for n, hit in enumerate(outcome.top, 1)]
    found = sum(o.found for o in outcomes)
    first = sum(o.position == 1 for o in outcomes)
    lines.append(
        f"In the top {TOP}: {found}/{len(outcomes)} queries ({100 * found / len(outcomes):.0f}%); "
        f"first: {first}/{len(outcomes)}"
    )
    return "\n".join(lines)


# --- the cost of each filter at size (PostgreSQL) -------------------------------------------------

TIMED = ["minerals", "supply chains", "Rubio", "Okonjo-Iweala", "xylophonist", "U.S.-India critical minerals"]


def add_synthetic_documents(count: int) -> None:
    import datetime as dt
    import random

    from django.db import connection
    from django.utils import timezone

    from explainers import search
    from explainers.models import SearchDocument

    rng = random.Random(1)
    words = [
        f"{a}{b}{c}" for a in "bcdfgklmnprst" for b in "aeiou" for c in ("n", "r", "s", "l", "t", "mo", "ra")
    ]
    common = ["minerals", "supply", "chains", "framework", "agreement", "india", "water", "carbon"]
    names = ["Rubio", "Jaishankar", "Odhiambo", "Okonjo-Iweala"]
    kinds = ["claim"] * 12 + ["source"] * 2 + ["explainer", "person"]
    now = timezone.now()
    batch = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        body = " ".join(rng.choice(words) for _ in range(300 if kind == "source" else 40))
        body += " " + " ".join(rng.sample(common, 3)) + (f" {rng.choice(names)}" if n % 97 == 0 else "")
        batch.append(
            SearchDocument(
                kind=kind,
                object_id=10_000_000 + n,
                title=" ".join(rng.choice(words) for _ in range(8)),
                dek=" ".join(rng.choice(words) for _ in range(15)),
                body=body,
                url=f"/synthetic/{n}/",
                visible_from=now - dt.timedelta(days=1) if n % 10 else None,
                published_at=now - dt.timedelta(days=rng.randint(0, 3650)),
            )
        )
        if len(batch) == 5000:
            SearchDocument.objects.bulk_create(batch)
            batch = []
    SearchDocument.objects.bulk_create(batch)
    SearchDocument.objects.filter(vector__isnull=True).update(vector=search._vector())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


def time_filters(repeats: int = 5) -> str:
    import datetime as dt
    import statistics

    from django.utils import timezone

    from explainers import search

    now = timezone.now()
    chosen = {
        "none": search.Filters(),
        "claims": search.Filters(kinds=("claim",)),
        "explainers": search.Filters(kinds=("explainer",)),
        "people": search.Filters(kinds=("person",)),
        "past month": search.Filters(since=now - dt.timedelta(days=31)),
        "sources, past year": search.Filters(kinds=("source",), since=now - dt.timedelta(days=366)),
    }
    for query in TIMED:  # warm the caches once
        search.results(query, 1, 20)
    lines, every = [], []
    for label, filters in chosen.items():
        times = []
        for query in TIMED:
            for _ in range(repeats):
                started = time.perf_counter()
                search.results(query, 1, 20, filters=filters)
                times.append((time.perf_counter() - started) * 1000)
        times.sort()
        every += times
        p95 = times[max(0, round(0.95 * len(times)) - 1)]
        lines.append(f"  {label:<18} p50 {statistics.median(times):6.1f} ms   p95 {p95:6.1f} ms")
    every.sort()
    p95 = every[max(0, round(0.95 * len(every)) - 1)]
    lines.append(f"  {'every filter':<18} p50 {statistics.median(every):6.1f} ms   p95 {p95:6.1f} ms")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--generated", type=int, default=48, help="generated documents added (default 48)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list the top 3 of every query")
    parser.add_argument("--postgres", action="store_true", help=f"run on PostgreSQL ({DB_NAME})")
    parser.add_argument("--timing", type=int, default=0, help="time each filter over N more documents")
    args = parser.parse_args()
    if args.timing and not args.postgres:
        parser.error("--timing measures PostgreSQL: add --postgres")
    work = Path(tempfile.mkdtemp(prefix="search-relevance-"))
    if args.postgres:
        import psycopg

        with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {DB_NAME}")
            admin.execute(f"CREATE DATABASE {DB_NAME}")
        os.environ["DATABASE_URL"] = ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'relevance.sqlite3'}"
    os.environ.setdefault("VAR_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    size = build_corpus(generated=args.generated)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # as production's autovacuum would (it is off on this machine)
    print(f"Corpus on {connection.vendor}: " + ", ".join(f"{v} {k}" for k, v in size.items()))
    print(report(evaluate(), verbose=args.verbose))
    if args.timing:
        add_synthetic_documents(args.timing)
        from explainers.models import SearchDocument

        total = SearchDocument.objects.count()
        print(f"search.results (one page of 20) over {total} search documents, {len(TIMED)} queries:")
        print(time_filters())


if __name__ == "__main__":
    main()
