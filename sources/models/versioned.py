"""Optimistic locking: a version number refuses the second of two concurrent saves."""

import time

from django.conf import settings
from django.db import models, transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone
from django.utils.formats import date_format


class StaleEditError(Exception):
    """Raised when a save is based on an older version of the row than the one stored."""

    def __init__(self, instance, *, changed_by=None, changed_at=None, deleted=False):
        self.instance = instance
        self.changed_by = changed_by
        self.changed_at = changed_at
        self.deleted = deleted
        super().__init__(self.message)

    @property
    def message(self) -> str:
        label = f"{self.instance._meta.verbose_name} “{self.instance}”"
        if self.deleted:
            return f"{label} was deleted by someone else; your changes were not saved."
        who = getattr(self.changed_by, "get_username", lambda: None)() or "another editor"
        when = (
            date_format(timezone.localtime(self.changed_at), "j M Y, H:i:s T")
            if self.changed_at
            else "a moment ago"
        )
        return (
            f"{label} was changed by {who} at {when}, after you opened it. "
            "Your changes were not saved: reload the page to see their version and apply yours again."
        )


def new_version_token() -> int:
    """Versions are increasing microsecond stamps, so a restored old row never reuses a number."""
    return time.time_ns() // 1000


class VersionedQuerySet(models.QuerySet):
    def update_versioned(self, **fields) -> int:
        """`update()` that also bumps the version, so open edit forms notice the change."""
        bumped = Greatest(F("version") + 1, Value(new_version_token()))
        return self.update(version=bumped, updated_at=timezone.now(), **fields)


class VersionedModel(models.Model):
    version = models.BigIntegerField(default=new_version_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Set by the seed import: which document entry made this row, and a hash of the values it wrote,
    # so a re-import can tell an editor's change (leave it) from its own earlier output (update it).
    origin_key = models.CharField(max_length=200, blank=True, db_index=True, editable=False)
    import_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.updated_at = timezone.now()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version", "updated_at", "updated_by"}
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or self._state.db
        with transaction.atomic(using=using):
            expected = self.version
            bumped = max(expected + 1, new_version_token())
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, version=expected)
                .update(version=bumped)
            )
            if not claimed:
                raise self.stale_error(using)
            self.version = bumped
            return super().save(*args, **kwargs)

    def stale_error(self, using=None) -> StaleEditError:
        current = (
            type(self)
            ._base_manager.using(using or self._state.db)
            .filter(pk=self.pk)
            .select_related("updated_by")
            .first()
        )
        if current is None:
            return StaleEditError(self, deleted=True)
        # Named as it is stored now (the unsaved instance may already hold the editor's new text).
        return StaleEditError(current, changed_by=current.updated_by, changed_at=current.updated_at)
