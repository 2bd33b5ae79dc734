"""The one rule for what readers see: only a publisher's publish action changes it.

Readers see published versions (`Snapshot`) and the public index written with them, never the
working rows editors change. So every write path — admin forms, inlines, bulk actions, restores,
the importer, the shell — changes at most the pending version; `publish` (and `withdraw`, its
undo) is the only code that writes what readers see, and it checks the publisher's right itself.

Evidence records a published version shows (sources, publishers, people with their aliases and
roles, organisations, tags) are shared by every story, so they are not copied: instead, changing
or deleting one that readers see is refused unless the person making the change may publish. That
check runs on the models' save and delete signals, so it holds on every path too.
"""

import datetime as dt
from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F, Max, Min, Q
from django.db.models.signals import post_save, pre_delete, pre_save
from django.utils import timezone
from taggit.models import Tag

from explainers import page_versions, search, snapshots
from explainers.actor import as_user, current_actor
from explainers.models import (
    Claim,
    Explainer,
    PublicCitation,
    PublicClaim,
    PublicCorrection,
    PublicReference,
    Snapshot,
)
from sources.models import Agreement, Organization, Person, PersonAlias, Publisher, Role, Source
from sources.text import anchor

PUBLISH_PERMISSION = "explainers.publish_explainer"
SUBJECTS = {Explainer: "explainer", Agreement: "agreement", Claim: "claim"}


class PublicRecordLocked(PermissionDenied):
    """A change to something readers see, by someone who may not publish."""

    def __init__(self, instance, *, deleting: bool = False):
        self.instance = instance
        label = f"{instance._meta.verbose_name} “{instance}”"
        verb = "deleted" if deleting else "changed"
        self.message = (
            f"The {label} is shown to readers, so only a publisher can have it {verb}; nothing was saved."
        )
        super().__init__(self.message)


def can_publish(user) -> bool:
    return bool(user is not None and user.is_active and user.has_perm(PUBLISH_PERMISSION))


def _require_publisher(by) -> None:
    if not can_publish(by):
        raise PermissionDenied("Only a publisher can change what readers see.")


# --- reading the state of a subject ------------------------------------------------------------


def _field(subject) -> str:
    for model, name in SUBJECTS.items():
        if isinstance(subject, model):
            return name
    raise TypeError(f"{type(subject).__name__} has no published versions")


def versions_of(subject):
    return Snapshot.objects.filter(**{_field(subject): subject})


def live_snapshot(subject, *, now=None) -> Snapshot | None:
    return versions_of(subject).public(now=now).order_by("-published_at", "-number").first()


def scheduled_snapshot(subject, *, now=None) -> Snapshot | None:
    return versions_of(subject).scheduled(now=now).order_by("published_at", "number").first()


def has_pending_changes(subject, *, live: Snapshot | None = None) -> bool:
    """True when the working rows differ from what readers see (or are about to see)."""
    live = live or scheduled_snapshot(subject) or live_snapshot(subject)
    if live is None:
        return False
    return snapshots.content_hash(snapshots.content_of(subject)) != live.content_hash


# --- publishing ---------------------------------------------------------------------------------


def _display(subject, content: dict) -> dict:
    claims = content.get("claims", {})
    common = {
        "claim_count": snapshots.sentence_count(content),
        "source_count": len(snapshots.cited_sources(content)),
    }
    if isinstance(subject, Explainer):
        return {**common, "title": subject.title, "slug": subject.slug, "dek": subject.dek}
    if isinstance(subject, Agreement):
        return {**common, "title": subject.title, "slug": subject.slug, "dek": subject.summary}
    text = next(iter(claims.values()))["text"] if claims else str(subject)
    return {**common, "title": text[:500], "slug": "", "dek": ""}


def _next_number(subject) -> int:
    return (versions_of(subject).aggregate(n=Max("number"))["n"] or 0) + 1


def _lock(subject):
    return type(subject)._base_manager.select_for_update().get(pk=subject.pk)


def publish(subject, *, by, at=None, comment: str = "", accepted_warnings=()) -> Snapshot:
    """Freeze the subject's working rows into a new version that readers see from `at` (default now).

    The version readers see now stays public until then; a version scheduled earlier and not yet
    public is replaced.
    """
    _require_publisher(by)
    now = timezone.now()
    at = now if at is None or at < now else at
    with transaction.atomic():
        subject = _lock(subject)
        content = snapshots.content_of(subject)
        versions = versions_of(subject)
        touched = list(versions.current(now=now))
        for waiting in versions.scheduled(now=now):
            _end(waiting, waiting.published_at)
        live = versions.public(now=now).order_by("-published_at").first()
        if live is not None:
            live.ended_at = at
            live.save(update_fields=["ended_at"])
        first = (
            versions.filter(published_at__lte=now)
            .exclude(ended_at__lte=F("published_at"))
            .aggregate(first=Min("published_at"))["first"]
        )
        snapshot = Snapshot.objects.create(
            kind=_field(subject),
            **{_field(subject): subject},
            number=_next_number(subject),
            content=content,
            content_hash=snapshots.content_hash(content),
            created_by=as_user(by),
            published_at=at,
            published_by=as_user(by),
            first_published_at=first or at,
            comment=comment,
            accepted_warnings=list(accepted_warnings),
            **_display(subject, content),
        )
        _write_index(snapshot, content)
        from explainers import renderings  # renders through the views' code, which imports this module

        renderings.store(snapshot)
        purge_ended(now=now)
        _refresh_search([*touched, snapshot])
    return snapshot


def withdraw(subject, *, by) -> list[Snapshot]:
    """Take the subject away from readers now, and cancel any version scheduled for later."""
    _require_publisher(by)
    now = timezone.now()
    with transaction.atomic():
        subject = _lock(subject)
        ended = []
        for snapshot in versions_of(subject).current(now=now):
            _end(snapshot, now if snapshot.published_at <= now else snapshot.published_at)
            ended.append(snapshot)
        purge_ended(now=now)
        _refresh_search(ended)
    return ended


def cancel_scheduled(subject, *, by) -> Snapshot | None:
    """Drop a version scheduled for later; the version readers see now stays public."""
    _require_publisher(by)
    now = timezone.now()
    with transaction.atomic():
        subject = _lock(subject)
        waiting = list(versions_of(subject).scheduled(now=now))
        for snapshot in waiting:
            _end(snapshot, snapshot.published_at)
        live = versions_of(subject).public(now=now).order_by("-published_at").first()
        if live is not None and live.ended_at is not None:
            live.ended_at = None
            live.save(update_fields=["ended_at"])
        purge_ended(now=now)
        _refresh_search([*waiting, *([live] if live else [])])
    return waiting[0] if waiting else None


def preview(subject, *, by) -> Snapshot:
    """A frozen copy of the working rows for a signed preview link; never public."""
    with transaction.atomic():
        subject = _lock(subject)
        content = snapshots.content_of(subject)
        return Snapshot.objects.create(
            kind=_field(subject),
            **{_field(subject): subject},
            number=_next_number(subject),
            content=content,
            content_hash=snapshots.content_hash(content),
            created_by=as_user(by),
            **_display(subject, content),
        )


def _end(snapshot: Snapshot, when: dt.datetime) -> None:
    snapshot.ended_at = when
    snapshot.save(update_fields=["ended_at"])
    _drop_index(snapshot.pk)


def purge_ended(*, now=None) -> None:
    """Drop the public index of versions no longer public (their content stays, for history)."""
    ended = Q(snapshot__ended_at__lte=now or timezone.now())
    for model in (PublicCitation, PublicClaim, PublicCorrection, PublicReference):
        model.objects.filter(ended).delete()
    search.remove_ended_documents(now=now)


def _drop_index(*snapshot_ids: int) -> None:
    for model in (PublicCitation, PublicClaim, PublicCorrection, PublicReference):
        model.objects.filter(snapshot_id__in=snapshot_ids).delete()
    search.remove_snapshot_documents(snapshot_ids)


def _refresh_search(touched) -> None:
    """Search documents and cached pages follow the versions whose intervals changed, and the
    records they show (in this transaction: every worker sees the change and the retirement together)."""
    page_versions.retire_versions(touched)
    records = defaultdict(set)
    for snapshot in touched:
        for model, ids in snapshots.referenced_ids(snapshot.content).items():
            records[model] |= set(ids)
    search.refresh_visibility(touched, records)


def _write_index(snapshot: Snapshot, content: dict) -> None:
    claims = content.get("claims", {})
    _write_public_claims(snapshot, claims)
    PublicCitation.objects.bulk_create(
        PublicCitation(
            snapshot=snapshot,
            claim_id=claim["id"],
            citation_id=c["id"],
            source_id=c["source"],
            quote=c["quote"],
            start=c["start"],
            end=c["end"],
            status=c["status"],
            text_hash=c["text_hash"],
        )
        for claim in claims.values()
        for c in claim["citations"]
        if c.get("confirmed", True)  # a suggestion no editor confirmed is not shown as a citation
    )
    PublicCorrection.objects.bulk_create(
        PublicCorrection(snapshot=snapshot, kind=c["kind"], text=c["text"], published_at=c["published_at"])
        for c in content.get("corrections", [])
    )
    PublicReference.objects.bulk_create(
        PublicReference(snapshot=snapshot, model=model, object_id=pk)
        for model, ids in _shown_records(content).items()
        for pk in sorted(ids)
    )
    search.index_snapshot(snapshot)


def _write_public_claims(snapshot: Snapshot, claims: dict) -> None:
    PublicClaim.objects.bulk_create(
        PublicClaim(
            snapshot=snapshot,
            claim_id=claim["id"],
            kind=claim["kind"],
            status=claim["status"],
            topic=claim["topic"],
            speaker_person_id=claim["speaker_person"],
            speaker_organization_id=claim["speaker_organization"],
            about_person_id=claim["about_person"],
            agreement_id=claim["agreement"],
            occurred_on=claim["occurred_on"],
            data=claim,
        )
        for claim in claims.values()
    )


def _shown_records(content: dict) -> dict[str, set[int]]:
    """Every evidence record the version shows, with the publishers and organisations behind them."""
    found = snapshots.referenced_ids(content)
    if found["source"]:
        rows = Source.objects.filter(pk__in=found["source"]).values_list(
            "publisher_id", "derived_from__publisher_id"
        )
        found["publisher"].update(pk for pair in rows for pk in pair if pk)
    if found["person"]:
        found["role"].update(Role.objects.filter(person_id__in=found["person"]).values_list("pk", flat=True))
    if found["role"]:
        found["organization"].update(
            Role.objects.filter(pk__in=found["role"], organization__isnull=False).values_list(
                "organization_id", flat=True
            )
        )
    return found


# --- sources whose text changes under published citations -------------------------------------


def reanchor_public_citations(source: Source) -> int:
    """A publisher changed the clean text of a source readers see: find each published quote again."""
    changed = 0
    rows = PublicCitation.objects.filter(source=source, snapshot__in=Snapshot.objects.current()).exclude(
        text_hash=source.text_hash
    )
    by_snapshot = defaultdict(list)
    for row in rows:
        found = anchor.anchor_quote(source.text, row.quote, start=row.start, end=row.end)
        row.status, row.start, row.end, row.text_hash = found.status, found.start, found.end, source.text_hash
        row.save(update_fields=["status", "start", "end", "text_hash"])
        by_snapshot[row.snapshot_id].append(row)
        changed += 1
    for snapshot in Snapshot.objects.filter(pk__in=by_snapshot):
        fixed = {row.citation_id: row for row in by_snapshot[snapshot.pk]}
        for claim in snapshot.content.get("claims", {}).values():
            for citation in claim["citations"]:
                row = fixed.get(citation["id"])
                if row is not None:
                    citation.update(status=row.status, start=row.start, end=row.end, text_hash=row.text_hash)
        snapshot.save(update_fields=["content"])
        PublicClaim.objects.filter(snapshot=snapshot).delete()
        _write_public_claims(snapshot, snapshot.content.get("claims", {}))
    return changed


# --- the guard on evidence records readers see -------------------------------------------------

# Fields readers never see: changing only these needs no publisher.
UNSHOWN = {"version", "updated_at", "updated_by", "created_at", "origin_key", "import_fingerprint"}
PRIVATE = {
    Source: {"notes", "raw_text", "content_hash", "removed", "origin_file"},
    Person: {"contact"},
}
# For each guarded model: the records whose being shown makes a row shown (a role or an alias is
# shown with its person; a role can also be shown on its own, as the role a quote was said in).
GUARDED = {
    Source: lambda o: [("source", o.pk)],
    Publisher: lambda o: [("publisher", o.pk)],
    Person: lambda o: [("person", o.pk)],
    PersonAlias: lambda o: [("person", o.person_id)],
    Role: lambda o: [("role", o.pk), ("person", o.person_id)],
    Organization: lambda o: [("organization", o.pk)],
    Tag: lambda o: [("tag", o.pk)],
}
# Rows that exist only as part of their parent: adding one to a shown parent changes what readers see.
CHILDREN = (PersonAlias, Role)


def _shown_refs(model: str):
    return PublicReference.objects.filter(model=model, snapshot__in=Snapshot.objects.current())


def is_shown(model: str, pk) -> bool:
    """Does a published (or scheduled) version show this record, or a page it is part of?

    A publisher is shown with the sources it published; an organisation with the roles of the
    people shown (person pages list every role): both follow the current rows, not just the rows as
    they were when the version was published.
    """
    if pk is None:
        return False
    if _shown_refs(model).filter(object_id=pk).exists():
        return True
    if model == "publisher":
        return Source.objects.filter(
            publisher_id=pk, pk__in=_shown_refs("source").values("object_id")
        ).exists()
    if model == "organization":
        people = _shown_refs("person").values("object_id")
        return Role.objects.filter(organization_id=pk, person_id__in=people).exists()
    return False


def has_current_version(subject) -> bool:
    return subject.pk is not None and versions_of(subject).current().exists()


def _shown(instance, stored=None) -> bool:
    keys = GUARDED[type(instance)](instance) + (GUARDED[type(stored)](stored) if stored is not None else [])
    return any(is_shown(model, pk) for model, pk in dict.fromkeys(keys))


def lock_reason(obj, user) -> str | None:
    """Why `user` may not change `obj` (for the admin to show the page read-only), or None."""
    if obj is None or type(obj) not in GUARDED or can_publish(user) or not _shown(obj):
        return None
    return PublicRecordLocked(obj).message.replace("; nothing was saved.", ".")


def _public_fields_changed(instance, stored) -> bool:
    private = UNSHOWN | PRIVATE.get(type(instance), set())
    names = [
        f.attname for f in instance._meta.concrete_fields if f.attname not in private and not f.primary_key
    ]
    return any(getattr(stored, name) != getattr(instance, name) for name in names)


def _guard_save(sender, instance, raw=False, **kwargs):
    """Refuse a change readers would see unless a publisher makes it. Raw saves (a history revert,
    loaded data) are checked too: they write rows readers see all the same."""
    if can_publish(current_actor()):
        return
    stored = sender._base_manager.filter(pk=instance.pk).first() if instance.pk is not None else None
    if stored is None:
        if isinstance(instance, CHILDREN) and _shown(instance):
            raise PublicRecordLocked(instance)
        return
    if _public_fields_changed(instance, stored) and _shown(instance, stored):
        raise PublicRecordLocked(instance)


def _guard_delete(sender, instance, **kwargs):
    if can_publish(current_actor()):
        return
    shown = _shown(instance) if sender in GUARDED else has_current_version(instance)
    if shown:
        raise PublicRecordLocked(instance, deleting=True)


def _reanchor_published(sender, instance: Source, created=False, **kwargs):
    if not created:
        reanchor_public_citations(instance)


def install_guard() -> None:
    for model in GUARDED:
        pre_save.connect(_guard_save, sender=model, dispatch_uid=f"guard-save-{model._meta.label_lower}")
        pre_delete.connect(
            _guard_delete, sender=model, dispatch_uid=f"guard-delete-{model._meta.label_lower}"
        )
    for model in SUBJECTS:
        pre_delete.connect(
            _guard_delete, sender=model, dispatch_uid=f"guard-delete-{model._meta.label_lower}"
        )
    post_save.connect(_reanchor_published, sender=Source, dispatch_uid="reanchor-published-citations")
