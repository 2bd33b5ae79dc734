"""Benchmark: `verify_citations` over 10,000 citations into 1,000 sources (target: under 10 s).

A fresh SQLite database; a tenth of the sources get their clean text edited first, so part of the
run re-anchors for real (exact moves, normalised and fuzzy matches, orphans).
Usage: .venv/bin/python bench/verify_bench.py [--sources 1000 --citations 10000]
"""

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "lithium",
    "cobalt",
    "nickel",
    "graphite",
    "copper",
    "supply",
    "chain",
    "framework",
    "minister",
    "signed",
    "agreement",
    "mining",
    "processing",
    "refining",
    "recycling",
    "investment",
    "partnership",
    "strategic",
    "critical",
    "minerals",
    "rare",
    "earths",
]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sources", type=int, default=1000)
    parser.add_argument("--citations", type=int, default=10000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="verify-bench-"))
    os.environ.update({"DATABASE_URL": f"sqlite:///{work / 'bench.sqlite3'}", "VAR_DIR": str(work)})
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import transaction

    from explainers.models import Citation, Claim
    from explainers.services.verification import verify_citations
    from sources.models import Publisher, Source
    from sources.text.anchor import context

    call_command("migrate", verbosity=0)
    rng = random.Random(3)
    publisher = Publisher.objects.create(name="Bench", slug="bench")
    texts = [" ".join(rng.choice(WORDS) for _ in range(800)) + f" document {n}." for n in range(args.sources)]
    with transaction.atomic():
        sources = Source.objects.bulk_create(
            Source(
                title=f"S{n}",
                slug=f"s{n}",
                publisher=publisher,
                raw_text=t,
                text=t,
                content_hash=f"{n:064d}",
                text_hash=f"{n:064d}",
            )
            for n, t in enumerate(texts)
        )
        claims = Claim.objects.bulk_create(Claim(text=f"Claim {n}.") for n in range(args.citations))
        citations = []
        for n, claim in enumerate(claims):
            source = sources[n % len(sources)]
            start = rng.randrange(0, len(source.text) - 80)
            quote = source.text[start : start + 60]
            prefix, suffix = context(source.text, start, start + 60)
            citations.append(
                Citation(
                    claim=claim,
                    source=source,
                    quote=quote,
                    status="exact",
                    start=start,
                    end=start + 60,
                    score=1.0,
                    text_hash=source.text_hash,
                    prefix=prefix,
                    suffix=suffix,
                )
            )
        Citation.objects.bulk_create(citations)
        for source in sources[: len(sources) // 10]:  # edited texts: quotes move, some change
            edited = "Editor's note. " + source.text.replace(" mining ", " mining, ", 3)
            Source.objects.filter(pk=source.pk).update(text=edited, text_hash=f"e{source.pk:063d}")
    started = time.perf_counter()
    result = verify_citations(Citation.objects.all(), force=True)
    elapsed = time.perf_counter() - started
    print(
        f"verified {result.checked} citations into {args.sources} sources in {elapsed:.2f} s "
        f"({result.changed} changed; {dict(sorted(result.by_status.items()))})"
    )


if __name__ == "__main__":
    main()
