"""Keeps citations true to their sources: a source whose clean text changed re-anchors its quotes."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from sources.models import Source


@receiver(post_save, sender=Source, dispatch_uid="reanchor-citations-of-changed-source")
def reanchor_citations(sender, instance: Source, raw=False, **kwargs):
    if raw:
        return
    from explainers.services.verification import reanchor_source

    reanchor_source(instance)
