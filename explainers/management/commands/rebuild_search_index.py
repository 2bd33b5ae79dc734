"""`manage.py rebuild_search_index`: rebuild full-text search from the records (e.g. after a restore)."""

from django.core.management.base import BaseCommand

from explainers.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the full-text search index from every explainer, claim, source, person and agreement."

    def handle(self, *args, **options):
        count = rebuild_index()
        self.stdout.write(self.style.SUCCESS(f"Indexed {count} record(s)."))
