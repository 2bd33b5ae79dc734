"""`manage.py import_seeds [PATH ...]`: import documents (default: seeds/) as cited records."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from explainers.importing import ImportFailed, import_documents
from sources.text.doubts import Doubt


class Command(BaseCommand):
    help = (
        "Import source documents (files or folders; default seeds/) with the folder's curation.toml: "
        "clean text, people, quotations with verified citations, the agreement and cited explainers."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", type=Path, help="files or folders (default: seeds/)")
        parser.add_argument("--dry-run", action="store_true", help="report what would change; write nothing")
        parser.add_argument(
            "--publish", action="store_true", help="publish explainers that pass the integrity rules"
        )
        parser.add_argument(
            "--root", type=Path, help="folder every path must be inside (default: the seeds folder)"
        )

    def handle(self, *args, paths, dry_run, publish, root, verbosity, **options):
        root = root or settings.SEEDS_DIR
        paths = paths or [settings.SEEDS_DIR]
        started = time.perf_counter()
        try:
            result = import_documents(
                paths,
                root=root,
                max_bytes=settings.IMPORT_MAX_BYTES,
                dry_run=dry_run,
                publish=publish,
                progress=self.stdout.write if verbosity >= 1 else None,
            )
        except ImportFailed as failure:
            raise CommandError(
                f"import failed, nothing was written ({len(failure.problems)} problem(s)):\n"
                + "\n".join(failure.problems)
            ) from None
        self.report(result, time.perf_counter() - started, verbosity)

    def report(self, result, seconds, verbosity):
        write = self.stdout.write
        head = "Dry run: nothing was written. It would have" if result.dry_run else "Imported"
        write(self.style.SUCCESS(f"{head} {result.documents} document(s) in {seconds:.1f} s."))
        write(f"  {'':24} {'created':>8} {'updated':>8} {'unchanged':>10} {'kept':>6}")
        for model, counts in sorted(result.summary.counts.items()):
            write(
                f"  {model:24} {counts.created:>8} {counts.updated:>8} {counts.unchanged:>10} {counts.kept:>6}"
            )
        if not result.summary.changed and not result.dry_run:
            write("Nothing changed: every record was already as the documents say.")
        doubts = {
            name: found["doubts"] for name, found in result.summary.found.items() if found.get("doubts")
        }
        if doubts:
            write("What the import could not establish (check these):")
            for name, listed in doubts.items():
                write(f"  {name}:")
                for doubt in listed:
                    write(f"    - {Doubt.from_stored(doubt)}")
        if result.summary.kept:
            write("Left alone (editors' changes win over the import):")
            for line in result.summary.kept:
                write(f"  - {line}")
        if verbosity >= 1 and result.summary.notes:
            write("Notes:")
            for line in result.summary.notes:
                write(f"  - {line}")
        for outcome in result.explainers:
            state = "published" if outcome.published else "draft"
            write(f"Explainer “{outcome.title}” (/explainers/{outcome.slug}/): {state}")
            for problem in outcome.problems:
                write(f"  cannot publish: {problem}")
