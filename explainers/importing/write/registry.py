"""The rows a run has written so far, by reference: how the writers turn a plan's Refs into keys."""

import datetime as dt
from contextlib import contextmanager

import reversion
from django.utils import timezone
from django.utils.text import slugify

from explainers.importing.plan.items import SOURCE, Ref, Row
from explainers.importing.records import CREATED, UPDATED, Summary, upsert
from sources.models import Source


@contextmanager
def revision(comment: str):
    with reversion.create_revision():
        reversion.set_comment(comment)
        yield


def unique_slug(model, text: str, *, fallback: str, limit: int = 80) -> str:
    base = (slugify(text)[:limit].strip("-") or slugify(fallback)[:limit] or "item").strip("-")
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class Registry:
    """Primary keys of the rows written in this run, what changed, and the run's clock."""

    def __init__(self, summary: Summary):
        self.summary = summary
        self.now: dt.datetime = timezone.now()
        self.pks: dict[tuple[str, str], int] = {}
        self.changed: set[tuple[str, str]] = set()  # rows created or updated in this run

    def put(self, ref: Ref, pk: int, outcome: str = "") -> None:
        self.pks[(ref.kind, ref.key)] = pk
        if outcome in (CREATED, UPDATED):
            self.changed.add((ref.kind, ref.key))

    def has(self, ref: Ref) -> bool:
        return (ref.kind, ref.key) in self.pks

    def pk(self, ref: Ref | None) -> int | None:
        if ref is None:
            return None
        found = self.pks.get((ref.kind, ref.key))
        if found is not None:
            return found
        if ref.pk is not None:
            return ref.pk
        if ref.kind == SOURCE:  # a document imported in an earlier run (named by evidence or curation)
            found = Source.objects.filter(origin_file=ref.key).values_list("pk", flat=True).first()
            if found is not None:
                self.pks[(ref.kind, ref.key)] = found
                return found
        raise LookupError(f"{ref.kind} “{ref.key}” is neither written in this run nor known before")

    def resolve(self, values: dict) -> dict:
        return {key: self.pk(value) if isinstance(value, Ref) else value for key, value in values.items()}

    def preload_sources(self, names) -> None:
        missing = sorted({name for name in names if (SOURCE, name) not in self.pks})
        for start in range(0, len(missing), 500):
            rows = Source.objects.filter(origin_file__in=missing[start : start + 500]).order_by("-pk")
            for pk, name in rows.values_list("pk", "origin_file"):
                self.pks[(SOURCE, name)] = pk

    def upsert(self, row: Row):
        obj, outcome = upsert(
            self.summary,
            row.model,
            lookup=self.resolve(row.lookup),
            values=self.resolve(row.values),
            origin_key=row.origin_key,
            label=row.label,
        )
        self.put(row.ref, obj.pk, outcome)
        return obj, outcome
