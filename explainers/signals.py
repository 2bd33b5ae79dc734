"""Keeping derived data true: re-anchoring citations when a source changes, the search index of
sources and people, and the page cache. (Explainers, agreements and claims are indexed when they
are published: see `services.publishing`.)"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from explainers import page_cache, search, snapshots
from explainers.models import Citation, Claim, Snapshot
from explainers.services import support
from sources.models import Organization, Person, PersonAlias, Role, Source

INDEXED = (Source, Person)


@receiver(post_save, sender=Source, dispatch_uid="reanchor-citations-of-changed-source")
def reanchor_citations(sender, instance: Source, created=False, **kwargs):
    if created:  # a new source has no citations yet (a history revert is a raw save: it counts)
        return
    from explainers.services.verification import reanchor_source

    with support.deferred():
        reanchor_source(instance)
        # What a passage backs can change with the text around it, even where the quote held.
        support.schedule(
            Citation.objects.filter(source=instance).values_list("claim_id", flat=True).distinct()
        )


def _index(sender, instance, **kwargs):
    search.index_object(instance)


def _unindex(sender, instance, **kwargs):
    search.remove_object(sender._meta.model_name, instance.pk)


for model in INDEXED:
    post_save.connect(_index, sender=model, dispatch_uid=f"search-index-{model._meta.model_name}")
    post_delete.connect(_unindex, sender=model, dispatch_uid=f"search-unindex-{model._meta.model_name}")


@receiver(post_save, sender=PersonAlias, dispatch_uid="search-person-alias")
@receiver(post_save, sender=Role, dispatch_uid="search-person-role")
def _reindex_person(sender, instance, raw=False, **kwargs):
    if not raw:
        search.index_object(instance.person)


def _content_changed(sender, **kwargs):
    if sender._meta.app_label in page_cache.CONTENT_APPS:
        page_cache.bump_generation()


post_save.connect(_content_changed, dispatch_uid="page-cache-content-saved")
post_delete.connect(_content_changed, dispatch_uid="page-cache-content-deleted")
m2m_changed.connect(_content_changed, dispatch_uid="page-cache-content-related")


# --- what the cited passages back of each sentence (services.support) ---------------------------


@receiver(post_save, sender=Citation, dispatch_uid="support-citation-saved")
@receiver(post_delete, sender=Citation, dispatch_uid="support-citation-deleted")
def _assess_citation(sender, instance, **kwargs):
    support.schedule([instance.claim_id])


@receiver(post_save, sender=Claim, dispatch_uid="support-claim-saved")
def _assess_claim(sender, instance, update_fields=None, **kwargs):
    if update_fields is None or {"text", "kind"} & set(update_fields):
        support.schedule([instance.pk])


@receiver(post_save, sender=Person, dispatch_uid="support-names-person")
@receiver(post_delete, sender=Person, dispatch_uid="support-names-person-deleted")
@receiver(post_save, sender=PersonAlias, dispatch_uid="support-names-alias")
@receiver(post_delete, sender=PersonAlias, dispatch_uid="support-names-alias-deleted")
@receiver(post_save, sender=Organization, dispatch_uid="support-names-organization")
@receiver(post_delete, sender=Organization, dispatch_uid="support-names-organization-deleted")
def _names_changed(sender, **kwargs):
    support.names_changed()


@receiver(post_delete, sender=Snapshot, dispatch_uid="search-snapshot-deleted")
def forget_deleted_version(sender, instance, **kwargs):
    """A deleted version no longer shows its sources and people: their search documents follow."""
    if instance.published_at is not None:
        search.refresh_visibility([], snapshots.referenced_ids(instance.content))
