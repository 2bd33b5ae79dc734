"""`manage.py rebuild_search_index`: rebuild full-text search from the records (e.g. after a restore);
`--outdated` rebuilds only the documents stored in an older format (what `migrate` also does)."""

from django.core.management.base import BaseCommand

from explainers.search import rebuild_index, rebuild_outdated


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every explainer, claim, source, person and agreement."

    def add_arguments(self, parser):
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="Rebuild only the documents stored in an older format, in chunks.",
        )

    def handle(self, *args, outdated=False, **options):
        if outdated:
            count = rebuild_outdated()
            self.stdout.write(self.style.SUCCESS(f"Rebuilt {count} document(s) stored in an older format."))
            return
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} record(s)."))
