"""App configuration for claims, citations and explainers."""

from django.apps import AppConfig


class ExplainersConfig(AppConfig):
    name = "explainers"
    verbose_name = "Explainers"

    def ready(self):
        from django.db.models.signals import post_migrate

        from explainers import history, signals  # noqa: F401  (reversion registry, re-anchoring)
        from explainers.services.publishing import install_guard, lock_reason
        from sources.admin_tools import RECORD_LOCKS

        install_guard()
        signals.install_page_versions()
        from explainers import editlog

        editlog.install()
        if lock_reason not in RECORD_LOCKS:
            RECORD_LOCKS.append(lock_reason)

        post_migrate.connect(_install_rules, sender=self, dispatch_uid="explainers-db-rules")
        post_migrate.connect(_rebuild_search, sender=self, dispatch_uid="explainers-search-format")


def _install_rules(sender, using, **kwargs):
    from django.db import connections

    from explainers.db_rules import install_citation_rules

    install_citation_rules(connections[using])


def _rebuild_search(sender, using, plan=None, apps=None, verbosity=1, stdout=None, **kwargs):
    """Once per `migrate`: search documents stored in an older format are rebuilt with the current code."""
    from explainers.search import rebuild_after_migrate

    rebuild_after_migrate(using=using, plan=plan, state=apps, verbosity=verbosity, stdout=stdout)
