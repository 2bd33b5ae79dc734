"""The explainer's own history: every change to its working version, whatever path made it.

Model signals record an `Edit` per change to an explainer's details, byline, blocks, sentences,
citations and corrections, with the person acting (`explainers.actor`). Bulk work that says what it
did in one line (an import, a restore) runs inside `quiet()` and records that line itself.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from explainers.actor import as_user, current_actor
from explainers.models import Block, BlockClaim, Citation, Claim, Correction, Edit, Explainer, ExplainerAuthor

DETAIL_FIELDS = ("title", "slug", "dek", "notes", "social_title", "social_description", "agreement_id")
_quiet: ContextVar[bool] = ContextVar("editlog_quiet", default=False)
_deleting: ContextVar[frozenset] = ContextVar("editlog_deleting", default=frozenset())


@contextmanager
def quiet():
    token = _quiet.set(True)
    try:
        yield
    finally:
        _quiet.reset(token)


def record(explainer_ids, kind: str, summary: str, *, claim_id=None, force: bool = False) -> None:
    """Record an edit of these explainers (`force`: the one line a quiet bulk operation writes)."""
    ids = [pk for pk in dict.fromkeys(explainer_ids) if pk is not None and pk not in _deleting.get()]
    if not ids or (_quiet.get() and not force):
        return
    by = as_user(current_actor())
    by = by if getattr(by, "pk", None) else None
    Edit.objects.bulk_create(
        Edit(explainer_id=pk, kind=kind, summary=summary[:2000], claim_id=claim_id, by=by) for pk in ids
    )


def _short(text: str, limit: int = 120) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def holders(claim_id) -> list[int]:
    return list(
        Explainer.objects.filter(blocks__items__claim_id=claim_id).values_list("pk", flat=True).distinct()
    )


def _stored(instance):
    if instance.pk is None:
        return None
    return type(instance)._base_manager.filter(pk=instance.pk).first()


# --- explainer details and byline --------------------------------------------------------------


def _explainer_saved(sender, instance, raw=False, **kwargs):
    stored = _stored(instance)
    if stored is None:
        return
    changed = [
        name.removesuffix("_id") for name in DETAIL_FIELDS if getattr(stored, name) != getattr(instance, name)
    ]
    if changed:
        record([instance.pk], Edit.Kind.DETAILS, "Changed " + ", ".join(n.replace("_", " ") for n in changed))


def _explainer_deleting(sender, instance, **kwargs):
    # Its rows go with it: recording their removal would point at an explainer about to vanish.
    _deleting.set(_deleting.get() | {instance.pk})


def _explainer_deleted(sender, instance, **kwargs):
    _deleting.set(_deleting.get() - {instance.pk})


def _byline_changed(sender, instance, **kwargs):
    record([instance.explainer_id], Edit.Kind.BYLINE, f"Byline: {instance.author}")


# --- blocks and sentences ----------------------------------------------------------------------


def _block_saving(sender, instance, raw=False, **kwargs):
    stored = _stored(instance)
    if stored is not None and (stored.kind, stored.text) != (instance.kind, instance.text):
        label = instance.text or instance.get_kind_display()
        record([instance.explainer_id], Edit.Kind.BLOCK_CHANGED, f"Block now: {_short(label)}")


def _block_saved(sender, instance, created=False, raw=False, **kwargs):
    if created:
        label = instance.text or instance.get_kind_display()
        record([instance.explainer_id], Edit.Kind.BLOCK_ADDED, f"Added {_short(label)}")


def _block_deleted(sender, instance, **kwargs):
    label = instance.text or instance.get_kind_display()
    record([instance.explainer_id], Edit.Kind.BLOCK_REMOVED, f"Removed {_short(label)}")


def _placement_explainer(instance) -> int | None:
    return Block.objects.filter(pk=instance.block_id).values_list("explainer_id", flat=True).first()


def _sentence_placed(sender, instance, created=False, raw=False, **kwargs):
    if created:
        text = Claim.objects.filter(pk=instance.claim_id).values_list("text", flat=True).first() or ""
        record(
            [_placement_explainer(instance)],
            Edit.Kind.SENTENCE_ADDED,
            _short(text),
            claim_id=instance.claim_id,
        )


def _sentence_unplaced(sender, instance, **kwargs):
    text = Claim.objects.filter(pk=instance.claim_id).values_list("text", flat=True).first() or ""
    record(
        [_placement_explainer(instance)], Edit.Kind.SENTENCE_REMOVED, _short(text), claim_id=instance.claim_id
    )


def _claim_saving(sender, instance, raw=False, **kwargs):
    stored = _stored(instance)
    if stored is None or (stored.text == instance.text and stored.kind == instance.kind):
        return
    summary = f"“{_short(stored.text, 90)}” → “{_short(instance.text, 90)}”"
    if stored.kind != instance.kind:
        summary += f" (now {instance.get_kind_display().lower()})"
    record(holders(instance.pk), Edit.Kind.SENTENCE_EDITED, summary, claim_id=instance.pk)


# --- citations and corrections -----------------------------------------------------------------


def citation_line(citation) -> str:
    source = citation.source.title if citation.source_id else "a source"
    return f"{_short(source, 60)}: “{_short(citation.quote, 90)}”"


def _citation_saving(sender, instance, raw=False, **kwargs):
    stored = _stored(instance)
    if stored is not None and (stored.source_id, stored.quote) != (instance.source_id, instance.quote):
        record(
            holders(instance.claim_id),
            Edit.Kind.CITATION_CHANGED,
            citation_line(instance),
            claim_id=instance.claim_id,
        )


def _citation_saved(sender, instance, created=False, raw=False, **kwargs):
    if created:
        record(
            holders(instance.claim_id),
            Edit.Kind.CITATION_ADDED,
            citation_line(instance),
            claim_id=instance.claim_id,
        )


def _citation_deleted(sender, instance, **kwargs):
    record(
        holders(instance.claim_id),
        Edit.Kind.CITATION_REMOVED,
        citation_line(instance),
        claim_id=instance.claim_id,
    )


def _correction_saved(sender, instance, created=False, raw=False, **kwargs):
    kind = Edit.Kind.CORRECTION_ADDED if created else Edit.Kind.CORRECTION_CHANGED
    record([instance.explainer_id], kind, _short(instance.text))


def install() -> None:
    connections = [
        (pre_save, Explainer, _explainer_saved),
        (pre_delete, Explainer, _explainer_deleting),
        (post_delete, Explainer, _explainer_deleted),
        (post_save, ExplainerAuthor, _byline_changed),
        (post_delete, ExplainerAuthor, _byline_changed),
        (pre_save, Block, _block_saving),
        (post_save, Block, _block_saved),
        (post_delete, Block, _block_deleted),
        (post_save, BlockClaim, _sentence_placed),
        (post_delete, BlockClaim, _sentence_unplaced),
        (pre_save, Claim, _claim_saving),
        (pre_save, Citation, _citation_saving),
        (post_save, Citation, _citation_saved),
        (post_delete, Citation, _citation_deleted),
        (post_save, Correction, _correction_saved),
    ]
    for signal, model, handler in connections:
        signal.connect(
            handler, sender=model, dispatch_uid=f"editlog-{handler.__name__}-{model._meta.model_name}"
        )
