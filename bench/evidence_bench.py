"""Benchmark: the support checker on the labelled corpus, and the evidence search at library scale.

1. Precision and recall of "partial or unsupported", the accuracy of the three-way class and the
   share of labelled unbacked terms the checker names, on tests/data/evidence/ (goal: >= 0.9).
2. The evidence search for one sentence in a library of --sources sources (default 10,000): the
   corpus's own sources hidden among generated ones on other topics; median and p95 per sentence
   (goal: p95 under 200 ms), and how often the source that says it comes first.

Usage:
  .venv/bin/python bench/evidence_bench.py                       # SQLite (a fresh file), 10,000 sources
  DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
      .venv/bin/python bench/evidence_bench.py                   # PostgreSQL (a fresh database)
  .venv/bin/python bench/evidence_bench.py --corpus-only
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Generated sources write about other things, in the same register: names, places, figures, verbs.
NAMES = [
    "Alvarez",
    "Brennan",
    "Chidi",
    "Dimitrov",
    "Eriksen",
    "Fujita",
    "Gallo",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Laurent",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrov",
    "Quist",
    "Rossi",
    "Sato",
    "Tanaka",
    "Urbina",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
]
PLACES = [
    "Lisbon",
    "Accra",
    "Hanoi",
    "Lima",
    "Oslo",
    "Dakar",
    "Quito",
    "Riga",
    "Tunis",
    "Manila",
    "Perth",
    "Cork",
    "Bilbao",
    "Mombasa",
    "Recife",
    "Gdansk",
    "Izmir",
    "Kochi",
    "Durban",
    "Leeds",
]
NOUNS = [
    "port",
    "tariff",
    "harbour",
    "railway",
    "pipeline",
    "budget",
    "council",
    "ministry",
    "treaty",
    "grid",
    "turbine",
    "vaccine",
    "clinic",
    "school",
    "bridge",
    "reservoir",
    "election",
    "subsidy",
    "bond",
    "levy",
    "fishery",
    "forest",
    "wetland",
    "corridor",
    "terminal",
    "warehouse",
    "refinery",
    "smelter",
    "mine",
    "quarry",
    "airport",
    "runway",
    "shipyard",
    "satellite",
    "telescope",
    "reactor",
    "dam",
    "canal",
    "highway",
    "tunnel",
    "stadium",
    "museum",
    "library",
    "hospital",
    "factory",
    "cooperative",
    "union",
    "court",
    "senate",
]
VERBS = [
    "approved",
    "rejected",
    "delayed",
    "funded",
    "expanded",
    "opened",
    "closed",
    "audited",
    "inspected",
    "leased",
    "sold",
    "bought",
    "renamed",
]
ADJECTIVES = [
    "regional",
    "municipal",
    "coastal",
    "northern",
    "southern",
    "public",
    "private",
    "joint",
    "temporary",
    "national",
]


def generated_text(rng: random.Random, n: int) -> str:
    sentences = []
    for _ in range(rng.randint(25, 45)):
        sentences.append(
            f"{rng.choice(NAMES)} said the {rng.choice(ADJECTIVES)} {rng.choice(NOUNS)} in "
            f"{rng.choice(PLACES)} was {rng.choice(VERBS)} on {rng.randint(1, 28)} "
            f"{rng.choice(['March', 'June', 'October', 'January'])} {rng.randint(1990, 2030)} for "
            f"${rng.randint(2, 900)} million, and the {rng.choice(NOUNS)} {rng.choice(VERBS)} "
            f"{rng.randint(3, 97)} percent of its {rng.choice(NOUNS)}s."
        )
    return f"Report {n}\n\n" + " ".join(sentences)


def corpus_figures() -> None:
    from tests.evidence_corpus import load, score

    pairs = load()
    started = time.perf_counter()
    scores = score(pairs)
    elapsed = time.perf_counter() - started
    stories = len({p.story for p in pairs})
    print(f"labelled corpus: {len(pairs)} sentence-passage pairs from {stories} stories")
    print(f"  precision of 'partial or unsupported': {scores.precision:.3f}")
    print(f"  recall of 'partial or unsupported':    {scores.recall:.3f}")
    print(f"  accuracy of the three-way class:       {scores.accuracy:.3f}")
    print(
        f"  labelled unbacked terms named:         {scores.term_recall:.3f} ({scores.terms_found}/{scores.terms})"
    )
    print(f"  checked in {elapsed * 1000:.0f} ms ({elapsed / len(pairs) * 1000:.2f} ms per pair)")
    for pair, support in scores.misses:
        print(f"  miss: {pair.label} -> {support.label}: {pair.sentence}")


def search_figures(count: int, sentences: int, seed: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from explainers import evidence_search, search
    from explainers.services import support
    from sources.models import Publisher, Source
    from sources.models.sources import sha256
    from tests.evidence_corpus import CORPUS, load

    call_command("migrate", verbosity=0)
    rng = random.Random(seed)
    publisher = Publisher.objects.create(name="Bench", slug="bench")
    import tomllib

    real = []
    for path in sorted(CORPUS.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        real += [(f"{path.stem}-{key}", s["title"], s["text"].strip()) for key, s in data["sources"].items()]
    started = time.perf_counter()
    with transaction.atomic():
        rows = [
            Source(
                title=title,
                slug=slug[:200],
                publisher=publisher,
                raw_text=text,
                text=text,
                content_hash=sha256(text),
                text_hash=sha256(text),
            )
            for slug, title, text in real
        ]
        for n in range(count - len(real)):
            text = generated_text(rng, n)
            rows.append(
                Source(
                    title=f"Report {n}",
                    slug=f"report-{n}",
                    publisher=publisher,
                    raw_text=text,
                    text=text,
                    content_hash=sha256(text),
                    text_hash=sha256(text),
                )
            )
        made = Source.objects.bulk_create(rows, batch_size=500)
        search.index_many(made)
    print(
        f"\nlibrary: {count} sources on {connection.vendor} (built in {time.perf_counter() - started:.0f} s)"
    )

    by_text = {s.text: s.pk for s in made[: len(real)]}
    pairs = [p for p in load() if p.label == "supported"]
    rng.shuffle(pairs)
    aliases = support.known_aliases()
    library = evidence_search.DatabaseLibrary()
    started = time.perf_counter()
    evidence_search.search("warm up the index and the caches", library, aliases=aliases)
    print(
        f"  first search (builds the in-process index where there is no full-text search): "
        f"{(time.perf_counter() - started) * 1000:.0f} ms"
    )
    timings, first = [], 0
    for pair in (pairs * (sentences // max(1, len(pairs)) + 1))[:sentences]:
        started = time.perf_counter()
        found = evidence_search.search(pair.sentence, library, aliases=aliases)
        timings.append((time.perf_counter() - started) * 1000)
        wanted = {pk for text, pk in by_text.items() if any(p in text or text in p for p in pair.passages)}
        first += bool(found.ranked) and found.ranked[0].source in wanted
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"  evidence search, {len(timings)} sentences: median {statistics.median(timings):.1f} ms, "
        f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms (goal: p95 under 200 ms)"
    )
    print(f"  the source that says it ranked first: {first}/{len(timings)}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=10_000)
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--corpus-only", action="store_true")
    parser.add_argument("--keep-db", action="store_true", help="leave the PostgreSQL database for inspection")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    work = Path(tempfile.mkdtemp(prefix="evidence-bench-"))
    os.environ.setdefault("VAR_DIR", str(work))
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        # A database of its own, so the bench never touches another.
        name = f"evidence_bench_{os.getpid()}"
        import psycopg

        admin = url.rsplit("/", 1)[0] + "/postgres"
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        os.environ["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"
    else:
        os.environ["DATABASE_URL"] = f"sqlite:///{work / 'bench.sqlite3'}"
    import django

    django.setup()
    corpus_figures()
    if not args.corpus_only:
        try:
            search_figures(args.sources, args.sentences, args.seed)
        finally:
            if url.startswith("postgres") and not args.keep_db:
                from django.db import connections

                connections.close_all()
                with psycopg.connect(admin, autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{name}"')


if __name__ == "__main__":
    main()
