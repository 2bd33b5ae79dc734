"""Page versions: which cached reader pages a change retires, kept in the database.

Every cacheable public URL belongs to one scope: an explainer's pages (`explainer:<slug>`: the
page, its evidence map, its JSON, references and annotations), a claim's, a source's, a person's,
an organisation's, an agreement's or a tag's page, the search results (`search`), the sitemap (`sitemap`), the lists (`index`: home,
corrections, the JSON list), or the feed (`feed`: whole explainers). A cached page is keyed by its scope's version, read from the database on every request,
so every worker and every app server agrees on what is current whatever process made the change.

A change moves the versions of the scopes that show it on in the same transaction as the change
(readers see both or neither): publishing, withdrawing or ending a version retires its own pages,
the lists, and the pages of every record it shows; a change to a record (a source's title, a
person's name) retires that record's page and re-renders and retires the published versions that
show it. Edits to working rows retire nothing: readers do not see them until they are published.
"""

from __future__ import annotations

import secrets
from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

from django.db import connection, transaction
from django.db.models import Q
from django.urls import Resolver404, resolve
from django.utils import timezone
from taggit.models import Tag

from explainers.models import PublicClaim, PublicReference, Snapshot
from explainers.snapshots import referenced_ids
from sources.models import Agreement, Organization, Person, Role, Source

INDEX = "index"
SEARCH = "search"
SITEMAP = "sitemap"  # lists the records readers can reach, with their last change
FEED = "feed"  # whole explainers, with the records they show
CHUNK = 400

# URL name (in the "explainers" namespace) → the keyword naming the scope's record.
_URL_SCOPES = {
    "home": (INDEX, None),
    "corrections": (INDEX, None),
    "feed": (FEED, None),
    "sitemap": (SITEMAP, None),
    "api-list": (INDEX, None),
    "search": (SEARCH, None),
    "detail": ("explainer", "slug"),
    "evidence": ("explainer", "slug"),
    "references": ("explainer", "slug"),
    "annotations": ("explainer", "slug"),
    "api-detail": ("explainer", "slug"),
    "claim": ("claim", "pk"),
    "source": ("source", "slug"),
    "person": ("person", "slug"),
    "agreement": ("agreement", "slug"),
    "organisation": ("organisation", "slug"),
    "tag": ("tag", "slug"),
}


@lru_cache(maxsize=4096)
def scope_of_path(path: str) -> str | None:
    """The scope of a public page's path, or None for any other path (never cached).

    Remembered per path (a cached page's request must not pay for URL resolution)."""
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.namespace != "explainers" or match.url_name not in _URL_SCOPES:
        return None
    kind, keyword = _URL_SCOPES[match.url_name]
    return kind if keyword is None else f"{kind}:{match.kwargs[keyword]}"


def read(scope: str) -> int:
    """The scope's current version (0 before its first change): one indexed row.

    A version is a random number drawn at each change, not a counter, so a key can never come back
    (after a database restore, say) and name a page cached from other content."""
    if connection.queries_logged:  # tests and DEBUG see it as one query among the others
        with connection.cursor() as cursor:
            cursor.execute(_READ, [scope])
            row = cursor.fetchone()
        return row[0] if row else 0
    # Every cached page asks this: straight to the driver, with Django's error translation (the
    # cursor wrapper costs three times the read).
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.connection.cursor()
        try:
            cursor.execute(_READ_QMARK if connection.vendor == "sqlite" else _READ, [scope])
            row = cursor.fetchone()
        finally:
            cursor.close()
    return row[0] if row else 0


_READ = "SELECT version FROM explainers_pageversion WHERE scope = %s"
_READ_QMARK = _READ.replace("%s", "?")


# --- retiring ---------------------------------------------------------------------------------


class _Retired:
    """Scopes already moved on in the open transaction, at the current savepoint, so a large change
    (an import, a publication of many records) moves each once."""

    def __init__(self, key):
        self.key = key
        self.scopes: set[str] = set()

    def __call__(self):  # run on commit: the transaction is over
        self.scopes.clear()


def _already_retired() -> _Retired | None:
    if not connection.in_atomic_block:
        return None
    key = tuple(connection.savepoint_ids)
    state = getattr(connection, "_retired_pages", None)
    # A rollback (of the transaction or of the savepoint that registered it) drops the marker
    # from the commit hooks: the versions it moved were rolled back too, so start afresh. Another
    # savepoint is another step (a later change in the same transaction may follow a read).
    if state is None or not any(hook[1] is state for hook in connection.run_on_commit):
        state = connection._retired_pages = _Retired(key)
        transaction.on_commit(state)
    elif state.key != key:
        state.key = key
        state.scopes.clear()
    return state


def retire(scopes: Iterable[str]) -> None:
    """Move the versions of `scopes` on, in the current transaction."""
    state = _already_retired()
    wanted = sorted(set(scopes) - (state.scopes if state else set()))
    if not wanted:
        return
    now = timezone.now()
    with connection.cursor() as cursor:
        for start in range(0, len(wanted), CHUNK):
            chunk = wanted[start : start + CHUNK]
            rows = ", ".join(["(%s, %s, %s)"] * len(chunk))  # placeholders only: values are parameters
            sql = f"INSERT INTO explainers_pageversion (scope, version, changed_at) VALUES {rows} "  # noqa: S608
            sql += "ON CONFLICT (scope) DO UPDATE SET version = excluded.version, changed_at = excluded.changed_at"
            params = [value for scope in chunk for value in (scope, secrets.randbits(62), now)]
            cursor.execute(sql, params)
    if state is not None:
        state.scopes.update(wanted)


# --- what a change shows ----------------------------------------------------------------------


def _slugs(model, ids) -> list[str]:
    ids = [pk for pk in ids if pk]
    if not ids:
        return []
    return [slug for slug in model.objects.filter(pk__in=ids).values_list("slug", flat=True) if slug]


def version_scopes(snapshots: Iterable, *, lists: bool = True) -> set[str]:
    """Every scope showing something of these versions: their own pages, the pages of the
    records they show, search, and (with `lists`) the lists."""
    scopes = {INDEX, FEED, SEARCH, SITEMAP} if lists else {SEARCH}
    records: dict[str, set[int]] = defaultdict(set)
    topics: set[str] = set()
    for snapshot in snapshots:
        if snapshot.kind == "claim":
            scopes.add(f"claim:{snapshot.claim_id}")
        elif snapshot.slug:
            scopes.add(f"{snapshot.kind}:{snapshot.slug}")
        claims = snapshot.content.get("claims", {})
        scopes.update(f"claim:{key}" for key in claims)
        topics.update(claim["topic"] for claim in claims.values() if claim.get("topic"))
        for kind, ids in referenced_ids(snapshot.content).items():
            records[kind] |= set(ids)
    if topics:  # a claim's page shows the published claims on its topic that say otherwise
        others = PublicClaim.objects.filter(topic__in=topics).values_list("claim_id", flat=True)
        scopes.update(f"claim:{pk}" for pk in others)
    if records["role"]:
        records["person"] |= set(
            Role.objects.filter(pk__in=records["role"]).values_list("person_id", flat=True)
        )
    for kind, model in (("source", Source), ("person", Person), ("agreement", Agreement), ("tag", Tag)):
        scopes.update(f"{kind}:{slug}" for slug in _slugs(model, records[kind]))
    scopes.update(f"organisation:{slug}" for slug in _slugs(Organization, _organisations_showing(records)))
    return scopes


def _organisations_showing(records: dict[str, set[int]]) -> set[int]:
    """The organisations whose pages show something of these records: those named (speakers,
    parties, initiatives, signatories' principals), and those of the roles of the people shown (an
    organisation's page lists the people who spoke for it, with their quotes)."""
    found = set(records["organization"])
    if records["role"] or records["person"]:
        roles = Role.objects.filter(Q(pk__in=records["role"]) | Q(person_id__in=records["person"]))
        found |= set(roles.exclude(organization=None).values_list("organization_id", flat=True))
    return found


def organisation_scopes(organization) -> set[str]:
    """The pages an organisation's own record shows on: its page, and the pages of the bodies
    it is the country of (each names its country)."""
    slugs = {organization.slug, getattr(organization, "_page_slug", None)}
    if organization.pk is not None:
        slugs.update(Organization.objects.filter(country_id=organization.pk).values_list("slug", flat=True))
    return {f"organisation:{slug}" for slug in slugs if slug}


def organisation_changed(organization) -> None:
    """An organisation's record changed (its name, say), beyond what `record_changed` retires (the
    versions that name it, its page and those naming it as their country): the pages naming it
    through a role held in it. A person's page lists each role with its organisation ("Minister,
    Zeta Council") and is rendered from the records, so it is retired; a published version showing
    one of its roles (a claim's page: "— Asha, Minister, Zeta Council") may not name the
    organisation in its public index (the role moved to it after publication), so it is
    re-rendered and retired like a version naming it."""
    from explainers import renderings

    if organization.pk is None:
        return
    roles = list(Role.objects.filter(organization_id=organization.pk).values_list("pk", "person__slug"))
    if not roles:
        return
    scopes = {f"person:{slug}" for _pk, slug in roles if slug}
    shown = PublicReference.objects.filter(model="role", object_id__in={pk for pk, _slug in roles})
    named = PublicReference.objects.filter(model="organization", object_id=organization.pk)
    versions = list(
        Snapshot.objects.current()
        .filter(pk__in=shown.values("snapshot_id"))
        .exclude(pk__in=named.values("snapshot_id"))  # re-rendered and retired by record_changed
    )
    if versions:
        renderings.refresh([v.pk for v in versions])
        scopes |= version_scopes(versions, lists=any(v.kind == "agreement" for v in versions))
        if any(v.kind == "explainer" for v in versions):
            scopes.add(FEED)
    retire(scopes)


def retire_versions(snapshots: Iterable) -> None:
    """A version became public, stopped being public, or was deleted: retire what shows it."""
    retire(version_scopes(snapshots))


def showing(model: str, pk: int):
    """The current published versions that show this record (through their public index)."""
    shown = PublicReference.objects.filter(model=model, object_id=pk).values("snapshot_id")
    return Snapshot.objects.current().filter(pk__in=shown)


def record_changed(model: str, pk: int, slugs: Iterable[str] = ()) -> None:
    """A record readers see (source, person, organisation, publisher, agreement, tag) changed:
    its own page and search, and every current version showing it is re-rendered and retired."""
    from explainers import renderings

    scopes = {SEARCH, SITEMAP, *(f"{model}:{slug}" for slug in slugs if slug)}
    versions = list(showing(model, pk))
    if versions:
        renderings.refresh([v.pk for v in versions])
        # The lists show explainers' titles and decks (frozen), and agreements with their records.
        scopes |= version_scopes(versions, lists=any(v.kind == "agreement" for v in versions))
        if any(v.kind == "explainer" for v in versions):
            scopes.add(FEED)  # its entries are whole explainers, with the records they show
    retire(scopes)
