"""App configuration for the evidence."""

from django.apps import AppConfig


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = "Evidence"

    def ready(self):
        from sources import history  # noqa: F401  (registers models with django-reversion)
