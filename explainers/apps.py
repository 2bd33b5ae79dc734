"""App configuration for claims, citations and explainers."""

from django.apps import AppConfig


class ExplainersConfig(AppConfig):
    name = "explainers"
    verbose_name = "Explainers"

    def ready(self):
        from explainers import history, signals  # noqa: F401  (reversion registry, re-anchoring)
