"""What the database already holds that a run touches, read up front in a few bounded, indexed queries."""

import datetime as dt
from dataclasses import dataclass, field, replace

from django.db.models import Q
from django.utils.text import slugify

from explainers.importing.curation import Curation
from explainers.importing.parse import ParsedDocument
from explainers.importing.records import current_values, fingerprint
from sources.models import Organization, PersonAlias, Role, Source
from sources.models.sources import sha256
from sources.text.names import alias_key

# The source fields the import owns (their fingerprint says whether an editor changed them).
SOURCE_FIELDS = (
    "title",
    "publisher_id",
    "kind",
    "dek",
    "byline",
    "dateline",
    "url",
    "archive_url",
    "published_at",
    "modified_at",
    "stated_dates",
    "text",
    "removed",
)
CHUNK = 500


@dataclass(frozen=True)
class ExistingSource:
    pk: int
    origin_file: str
    title: str
    text: str
    content_hash: str
    is_edited: bool  # its imported fields differ from what the import wrote last


@dataclass(frozen=True)
class ExistingPerson:
    pk: int
    name: str
    import_fingerprint: str


@dataclass(frozen=True)
class ExistingRole:
    pk: int
    title: str
    organization_pk: int | None
    started_on: dt.date | None


@dataclass(frozen=True)
class Existing:
    sources: dict[str, ExistingSource] = field(default_factory=dict)  # by origin file
    twins: dict[str, ExistingSource] = field(default_factory=dict)  # by content hash, other names
    people: dict[str, ExistingPerson] = field(default_factory=dict)  # by alias key
    roles: dict[int, tuple[ExistingRole, ...]] = field(default_factory=dict)  # by person
    organizations: dict[str, tuple[int, str, str]] = field(
        default_factory=dict
    )  # name key → (pk, slug, name)


def name_key(phrase: str) -> str:
    """How an organisation's name is matched: casefolded, without a leading "the"."""
    return phrase.casefold().strip().removeprefix("the ")


def _chunks(items):
    items = sorted(items)
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def read_existing(parsed: list[ParsedDocument], curation: Curation) -> Existing:
    names = {p.name for p in parsed}
    sources: dict[str, ExistingSource] = {}
    for chunk in _chunks(names):
        for row in Source.objects.filter(origin_file__in=chunk).defer("raw_text").order_by("pk"):
            if row.origin_file in sources:
                continue
            edited = row.import_fingerprint != fingerprint(current_values(row, SOURCE_FIELDS))
            sources[row.origin_file] = ExistingSource(
                row.pk, row.origin_file, row.title, row.text, row.content_hash, edited
            )
    hashes = {sha256(p.document.raw_text) for p in parsed if p.name not in sources}
    twins: dict[str, ExistingSource] = {}
    for chunk in _chunks(hashes):
        for row in Source.objects.filter(content_hash__in=chunk).only(
            "pk", "origin_file", "title", "text", "content_hash"
        ):
            twins[row.content_hash] = ExistingSource(
                row.pk, row.origin_file, row.title, row.text, row.content_hash, False
            )
    existing = Existing(
        sources=sources,
        twins=twins,
        people=_people(parsed, curation),
        organizations=_organizations(parsed, curation),
    )
    return _roles(existing)


def _person_keys(parsed: list[ParsedDocument], curation: Curation) -> set[str]:
    names = [n for p in parsed for ref in p.people for n in (ref.name, *ref.aliases)]
    names += [n for entry in curation.people.values() for n in (entry.name, *entry.aliases)]
    return {alias_key(n) for n in names} - {""}


def _people(parsed, curation) -> dict[str, ExistingPerson]:
    found = {}
    for chunk in _chunks(_person_keys(parsed, curation)):
        aliases = PersonAlias.objects.filter(key__in=chunk).select_related("person").order_by("pk")
        for alias in aliases:
            person = alias.person
            found[alias.key] = ExistingPerson(person.pk, person.name, person.import_fingerprint)
    return found


def _roles(existing: Existing) -> Existing:
    pks = {p.pk for p in existing.people.values()}
    roles: dict[int, list[ExistingRole]] = {}
    for chunk in _chunks(pks):
        for role in Role.objects.filter(person__in=chunk).order_by("person", "pk"):
            roles.setdefault(role.person_id, []).append(
                ExistingRole(role.pk, role.title, role.organization_id, role.started_on)
            )
    return replace(existing, roles={pk: tuple(found) for pk, found in roles.items()})


def _organization_phrases(parsed: list[ParsedDocument], curation: Curation) -> set[str]:
    phrases = {q.speaker for p in parsed for q in p.quotations if q.speaker and q.speaker_kind != "person"}
    phrases |= {hint for p in parsed for ref in p.people for _, hint in ref.roles if hint}
    phrases |= {n for o in curation.organizations.values() for n in (o.name, o.short_name, *o.aliases) if n}
    return phrases


def _organizations(parsed, curation) -> dict[str, tuple[int, str, str]]:
    phrases = _organization_phrases(parsed, curation)
    slugs = {slugify(p.strip().removeprefix("the ").removeprefix("The "))[:200] for p in phrases}
    slugs |= set(curation.organizations)
    spellings = {v for p in phrases for v in (p.strip(), p.strip().removeprefix("the ").removeprefix("The "))}
    spellings |= {s[0].upper() + s[1:] for s in spellings if s}
    found: dict[str, tuple[int, str, str]] = {}
    query = Q(slug__in=sorted(slugs)) | Q(name__in=sorted(spellings)) | Q(short_name__in=sorted(spellings))
    rows = Organization.objects.filter(query).order_by("pk")
    for pk, slug, name, short, aliases in rows.values_list("pk", "slug", "name", "short_name", "aliases"):
        for spelling in [name, short, *(a for a in aliases or () if isinstance(a, str))]:
            if spelling:
                found.setdefault(name_key(spelling), (pk, slug, name))
        found.setdefault(f"slug:{slug}", (pk, slug, name))
    return found
