"""Keeping derived data true: re-anchoring citations when a source changes, the search index of
sources and people, and the versions of the reader's pages that show a changed record. (Explainers, agreements and claims are indexed when they
are published: see `services.publishing`.)"""

from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from taggit.models import Tag

from explainers import page_versions, search, snapshots
from explainers.models import Citation, Claim, PublicClaim, Snapshot
from explainers.services import support
from sources.models import Agreement, Organization, Person, PersonAlias, Publisher, Role, Source

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


@receiver(post_delete, sender=PersonAlias, dispatch_uid="search-person-alias-deleted")
@receiver(post_delete, sender=Role, dispatch_uid="search-person-role-deleted")
def _reindex_person_after_removal(sender, instance, **kwargs):
    person = Person.objects.filter(pk=instance.person_id).first()  # gone when the person is deleted
    if person is not None:
        search.index_object(person)


# --- the reader's pages that show a record (page_versions) ------------------------------------
# Records readers see on pages of their own and in every published version that shows them.
# Working rows (explainers, blocks, claims, citations) retire nothing: readers see them only once
# published, and publishing retires what it changes (services.publishing).

PAGED = {Source: "source", Person: "person", Agreement: "agreement", Tag: "tag"}
SHOWN = {**PAGED, Organization: "organization", Publisher: "publisher"}


def _remember_slug(sender, instance, **kwargs):
    instance._page_slug = instance.__dict__.get("slug")
    instance._page_name = instance.__dict__.get("name")


def _record_changed(sender, instance, **kwargs):
    model = SHOWN[sender]
    slugs = {instance.slug, getattr(instance, "_page_slug", None)} if sender in PAGED else set()
    page_versions.record_changed(model, instance.pk, slugs)
    if sender is Publisher:  # a source's page names its publisher
        page_versions.retire(f"source:{slug}" for slug in instance.sources.values_list("slug", flat=True))
    if sender is Organization:  # its own page, and those of the bodies naming it as their country
        page_versions.retire(page_versions.organisation_scopes(instance))
        # the pages and search documents naming it through a role held in it, or quoting it
        page_versions.organisation_changed(instance)
        _reindex_organisation_names(instance)
    if sender is Person and instance.name != getattr(instance, "_page_name", instance.name):
        _reindex_quotes(speaker_person_id=instance.pk)  # their speaker line is the person's name
    instance._page_slug = instance.__dict__.get("slug")
    instance._page_name = instance.__dict__.get("name")


def _reindex_organisation_names(organization) -> None:
    """Search documents showing an organisation's name follow it: those of the people holding a
    role in it (their roles are listed as "Minister, Zeta Council"), and those of the published
    quotes it speaks (its name is their speaker)."""
    if organization.pk is None:
        return
    people = Person.objects.filter(roles__organization_id=organization.pk).distinct()
    search.index_many(people)
    _reindex_quotes(speaker_organization_id=organization.pk)


def _reindex_quotes(**speaker) -> None:
    """The search documents of the published versions holding quotes of this speaker, again."""
    spoken = PublicClaim.objects.filter(**speaker).values("snapshot_id")
    versions = list(Snapshot.objects.filter(pk__in=spoken))
    if versions:
        search.remove_snapshot_documents([v.pk for v in versions])
        search.index_snapshots(versions)


def _person_detail_changed(sender, instance, **kwargs):
    person = Person.objects.filter(pk=instance.person_id).only("slug").first()
    if person is not None:
        page_versions.record_changed("person", person.pk, {person.slug})
    if sender is Role:  # an organisation's page lists the people holding its roles
        held = {instance.organization_id, getattr(instance, "_page_organization", None)} - {None}
        slugs = Organization.objects.filter(pk__in=held).values_list("slug", flat=True)
        page_versions.retire(f"organisation:{slug}" for slug in slugs)
        instance._page_organization = instance.organization_id


def _remember_organization(sender, instance, **kwargs):
    instance._page_organization = instance.__dict__.get("organization_id")


def install_page_versions() -> None:
    """Connected after the publishing guard's receivers: a source's published citations are
    re-anchored before the versions showing them are re-rendered."""
    for model in SHOWN:
        label = model._meta.label
        if model in PAGED or model is Organization:
            post_init.connect(_remember_slug, sender=model, dispatch_uid=f"pages-slug-{label}")
        post_save.connect(_record_changed, sender=model, dispatch_uid=f"pages-saved-{label}")
        post_delete.connect(_record_changed, sender=model, dispatch_uid=f"pages-deleted-{label}")
    post_init.connect(_remember_organization, sender=Role, dispatch_uid="pages-organization-sources.Role")
    for model in (PersonAlias, Role):
        label = model._meta.label
        post_save.connect(_person_detail_changed, sender=model, dispatch_uid=f"pages-saved-{label}")
        post_delete.connect(_person_detail_changed, sender=model, dispatch_uid=f"pages-deleted-{label}")


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
        page_versions.retire_versions([instance])
