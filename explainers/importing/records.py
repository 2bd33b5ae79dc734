"""Idempotent writes: create, update, leave unchanged, or keep an editor's version, and count each."""

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models

CREATED, UPDATED, UNCHANGED, KEPT = "created", "updated", "unchanged", "kept"


@dataclass
class Counts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    @property
    def changed(self) -> int:
        return self.created + self.updated


@dataclass
class Summary:
    counts: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    kept: list[str] = field(default_factory=list)  # what was left alone, and why
    notes: list[str] = field(default_factory=list)  # duplicates, weak support, publishing outcomes
    # What the import found in each document (dates, quotations with speakers), for its report.
    found: dict[str, dict] = field(default_factory=dict)

    def record(self, model, outcome: str) -> None:
        self.counts[model._meta.verbose_name_plural.capitalize()].add(outcome)

    @property
    def changed(self) -> int:
        return sum(c.changed for c in self.counts.values())


def _plain(value):
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, models.Model):
        return value.pk
    return value


def fingerprint(values: dict) -> str:
    plain = {key: _plain(value) for key, value in values.items()}
    return hashlib.sha256(json.dumps(plain, sort_keys=True, default=str).encode()).hexdigest()


def current_values(obj: models.Model, keys) -> dict:
    return {key: getattr(obj, key) for key in keys}


def upsert(summary: Summary, model, *, lookup: dict, values: dict, origin_key: str = "", label: str = ""):
    """Create or update one imported row; an editor's change since the last import is kept.

    `values` are the fields the import owns (foreign keys by attname, e.g. `publisher_id`).
    Returns (row, outcome).
    """
    wanted = fingerprint(values)
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        if hasattr(obj, "import_fingerprint"):
            obj.origin_key, obj.import_fingerprint = origin_key, wanted
        obj.save()
        summary.record(model, CREATED)
        return obj, CREATED
    now = fingerprint(current_values(obj, values))
    if now == wanted:
        if getattr(obj, "import_fingerprint", wanted) != wanted:
            type(obj)._default_manager.filter(pk=obj.pk).update(import_fingerprint=wanted)
        summary.record(model, UNCHANGED)
        return obj, UNCHANGED
    if getattr(obj, "import_fingerprint", "") != now:
        # Not what the import wrote last time: an editor changed it (or made it). Theirs stands.
        name = label or str(obj)
        summary.kept.append(f"{model._meta.verbose_name} “{name}”: edited in the admin since the last import")
        summary.record(model, KEPT)
        return obj, KEPT
    for key, value in values.items():
        setattr(obj, key, value)
    obj.import_fingerprint = wanted
    obj.save()
    summary.record(model, UPDATED)
    return obj, UPDATED
