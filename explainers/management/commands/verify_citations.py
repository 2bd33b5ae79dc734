"""`manage.py verify_citations`: re-anchor every quote in its source's current text and report."""

import time

from django.core.management.base import BaseCommand

from explainers.models import Citation
from explainers.services.verification import verify_citations


class Command(BaseCommand):
    help = (
        "Re-anchor every citation's quote in the current source text (exact, then normalised, then fuzzy "
        "with a score) and update its status, offsets and score."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--source", action="append", default=[], help="only citations into this source slug"
        )

    def handle(self, *args, source, **options):
        citations = Citation.objects.all()
        if source:
            citations = citations.filter(source__slug__in=source)
        started = time.perf_counter()
        result = verify_citations(citations, force=True)
        seconds = time.perf_counter() - started
        self.stdout.write(
            self.style.SUCCESS(
                f"Verified {result.checked} citation(s) in {seconds:.1f} s; {result.changed} changed."
            )
        )
        for status, count in sorted(result.by_status.items()):
            self.stdout.write(f"  {status:<12} {count}")
        orphans = result.by_status.get(Citation.Status.NOT_FOUND, 0)
        if orphans:
            self.stdout.write(self.style.WARNING(f"{orphans} quote(s) not found: they block publishing."))
