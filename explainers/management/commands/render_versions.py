"""`manage.py render_versions`: render every current explainer version's reader pages (for a deploy)."""

from django.core.management.base import BaseCommand

from explainers.renderings import render_current


class Command(BaseCommand):
    help = (
        "Render and store the reader's pages of every published explainer version readers see or are "
        "scheduled to see, and drop those of versions that ended. Safe to run any number of times."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--outdated",
            action="store_true",
            help="Render only versions with no rendering, or one made by other templates or code.",
        )

    def handle(self, *args, outdated=False, **options):
        rendered, dropped = render_current(outdated_only=outdated)
        self.stdout.write(
            self.style.SUCCESS(
                f"Rendered {rendered} version(s); dropped {dropped} rendering(s) of ended versions."
            )
        )
