"""What the cited passages back of each sentence, stored on claims and citations and kept current.

Every fact or quote gets a class (supported, partial, unsupported) and the phrases no cited passage
backs; every citation gets what its own passage backs. Both are recomputed whenever the sentence,
one of its citations or a cited source's text changes (see `explainers.signals`). Work done inside
`deferred()` (an import, a desk action touching many rows) is assessed once, at the end.
"""

import time
from collections.abc import Iterable
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from explainers.caching import cache_get, cache_set
from explainers.models import Citation, Claim
from sources.models import Organization, Person, PersonAlias
from sources.text.terms import UNSUPPORTED, Aliases, Support, backed_by, judge, judge_passage, parse, reading

_pending: ContextVar[set[int] | None] = ContextVar("support_pending", default=None)
_aliases_cache: dict = {}


ALIASES_VERSION = "support:aliases-version"
LOCAL_SECONDS = 60


def names_changed() -> None:
    """A person's or organisation's names changed: every worker rebuilds its alias groups."""
    cache_set(ALIASES_VERSION, time.time_ns(), None)


def known_aliases() -> Aliases:
    """The names of people and organisations the project knows, grouped (rebuilt when one changes).

    Each worker keeps the groups and checks one cache key per call; with the shared cache down it
    falls back to a cheap count of the rows.
    """
    version = cache_get(ALIASES_VERSION)
    if version is None:
        # First use, or the shared cache is down: start a version here; without a cache, rebuild
        # at most once a minute.
        stale = time.monotonic() - _aliases_cache.get("built", 0.0) > LOCAL_SECONDS
        version = time.time_ns() if stale or "aliases" not in _aliases_cache else _aliases_cache["key"]
        cache_set(ALIASES_VERSION, version, None)
    if _aliases_cache.get("key") != version:
        groups: dict[int, list[str]] = {}
        for person_id, name in Person.objects.values_list("pk", "name"):
            groups.setdefault(person_id, []).append(name)
        for person_id, name in PersonAlias.objects.values_list("person_id", "name"):
            groups.setdefault(person_id, []).append(name)
        names = list(groups.values())
        for name, short, aliases in Organization.objects.values_list("name", "short_name", "aliases"):
            names.append(
                [name, *([short] if short else []), *(a for a in aliases or () if isinstance(a, str))]
            )
        _aliases_cache.update(key=version, aliases=Aliases.of(names), built=time.monotonic())
    return _aliases_cache["aliases"]


def passage_of(citation: Citation) -> str:
    """The text a citation's passage is read in (with the sentence before, when it opens with "It")."""
    source = citation.source
    if citation.is_found and citation.start is not None:
        return reading(source.text, citation.start, citation.end)
    return citation.quote


def sentence_support(text: str, passages: Iterable[str], aliases: Aliases | None = None) -> Support:
    aliases = aliases or known_aliases()
    parsed = parse(text, aliases)
    backed = frozenset().union(*(backed_by(parsed, p, aliases) for p in passages))
    return judge(parsed, backed)


def schedule(claim_ids: Iterable[int]) -> None:
    """Assess these claims now, or at the end of the surrounding `deferred()` block."""
    ids = {pk for pk in claim_ids if pk}
    pending = _pending.get()
    if pending is not None:
        pending |= ids
    elif ids:
        assess(ids)


@contextmanager
def deferred():
    if _pending.get() is not None:  # nested: the outer block assesses
        yield
        return
    token = _pending.set(set())
    try:
        yield
        ids = _pending.get()
    finally:
        _pending.reset(token)
    if ids:
        assess(ids)


def assess(claim_ids: Iterable[int], *, library=None) -> int:
    """Recompute and store what the cited passages back of each claim; the number assessed.

    A fact or quote with no citation is unsupported; its unbacked terms are those no passage in
    the whole library backs (searched in `library`, by default every source in the database).
    """
    ids = sorted(set(claim_ids))
    if not ids:
        return 0
    aliases = known_aliases()
    now = timezone.now()
    citations = Citation.objects.select_related("source").defer("source__raw_text", "source__removed")
    citations = citations.order_by("pk")
    claims = list(
        Claim.objects.filter(pk__in=ids)
        .only("pk", "text", "kind")
        .prefetch_related(Prefetch("citations", queryset=citations))
    )
    changed_citations = []
    for claim in claims:
        parsed = parse(claim.text, aliases)
        union = confirmed = frozenset()
        for citation in claim.citations.all():
            backed = backed_by(parsed, passage_of(citation), aliases)
            own = judge_passage(parsed, backed)
            citation.support, citation.unbacked = own.label, own.unbacked_terms
            citation.support_score = own.coverage
            changed_citations.append(citation)
            union |= backed
            if citation.is_confirmed:
                confirmed |= backed
        # Readers see the confirmed citations: once an editor confirmed one, they are what counts.
        if any(c.is_confirmed for c in claim.citations.all()):
            union = confirmed
        if not claim.needs_citation:
            claim.support, claim.unbacked = "", []
        elif not claim.citations.all():
            claim.support, claim.unbacked = UNSUPPORTED, _unbacked_anywhere(claim.text, aliases, library)
        else:
            verdict = judge(parsed, union)
            claim.support, claim.unbacked = verdict.label, verdict.unbacked_terms
        claim.support_checked_at = now
    _store(Citation, changed_citations, ["support", "unbacked", "support_score"])
    _store(Claim, claims, ["support", "unbacked", "support_checked_at"])
    return len(claims)


def _store(model, rows: list, fields: list[str]) -> None:
    """What `bulk_update` writes, as one statement run for each row: bulk_update's CASE per field
    and row cost more to build than the checking itself (no signals either way, no version bump)."""
    if not rows:
        return
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    assignments = ", ".join(f"{quote(column.column)} = %s" for column in columns)
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    sql = f"UPDATE {table} SET {assignments} WHERE {pk} = %s"  # noqa: S608  (names from the model, values bound)
    params = [
        [column.get_db_prep_save(getattr(row, column.attname), connection) for column in columns] + [row.pk]
        for row in rows
    ]
    with transaction.atomic(savepoint=False), connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _unbacked_anywhere(text: str, aliases: Aliases, library) -> list[str]:
    from explainers import evidence_search

    found = evidence_search.search(text, library or evidence_search.DatabaseLibrary(), aliases=aliases)
    backed = frozenset().union(*(f.backed for f in found.chosen)) if found.chosen else frozenset()
    return judge(found.sentence, backed).unbacked_terms
