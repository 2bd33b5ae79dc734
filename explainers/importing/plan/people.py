"""Planning people (one per person across documents), their aliases and roles, and organisations by name (pure)."""

from dataclasses import dataclass, field

from django.utils.text import slugify

from explainers.importing.curation import Curation, PersonEntry
from explainers.importing.existing import Existing, name_key
from explainers.importing.parse import ParsedDocument
from explainers.importing.plan.items import ORGANIZATION, PERSON, ROLE, PersonPlan, Ref, RolePlan, Row
from explainers.importing.records import CREATED, KEPT, UNCHANGED
from sources.models import Organization
from sources.text.names import alias_key
from sources.text.people import PersonRef, merge_people

ORGANIZATION_KINDS = [
    ("embassy", "embassy"),
    ("ministry", "ministry"),
    ("department", "ministry"),
    ("government", "government"),
]


@dataclass
class Organizations:
    """Organisations by name: the curation file's, those in the database, and those quotes name."""

    existing: Existing
    by_name: dict[str, Ref] = field(default_factory=dict)
    names: dict[Ref, str] = field(default_factory=dict)  # how each is called, for reports
    new: list[Row] = field(default_factory=list)

    @classmethod
    def of(cls, curation: Curation, curated: list[Row], existing: Existing) -> "Organizations":
        found = cls(existing)
        for key, (pk, slug, name) in existing.organizations.items():
            if not key.startswith("slug:"):
                found.by_name.setdefault(key, Ref(ORGANIZATION, slug, pk))
                found.names.setdefault(Ref(ORGANIZATION, slug, pk), name)
        for row in curated:
            entry = curation.organizations[row.ref.key]
            found.names[row.ref] = entry.name
            for name in (entry.name, entry.short_name, *entry.aliases):
                if name:
                    found.by_name.setdefault(name_key(name), row.ref)
        return found

    def known(self, phrase: str) -> Ref | None:
        return self.by_name.get(name_key(phrase))

    def named(self, phrase: str) -> Ref:
        """The organisation a quote names, created from the phrase when none is known by it."""
        key = name_key(phrase)
        if key in self.by_name:
            return self.by_name[key]
        kind = Organization.Kind.OTHER
        for word, guess in ORGANIZATION_KINDS:
            if word in key:
                kind = guess
        name = phrase.strip().removeprefix("the ").removeprefix("The ")
        name = name[0].upper() + name[1:]
        slug = slugify(name)[:200]
        known = self.existing.organizations.get(f"slug:{slug}")
        ref = Ref(ORGANIZATION, slug, known[0] if known else None)
        self.names[ref] = name
        self.new.append(
            Row(
                ref,
                Organization,
                {"slug": slug},
                {"name": name, "kind": kind},
                f"organization:{slugify(name)}",
            )
        )
        self.by_name[key] = ref
        return ref


@dataclass
class People:
    """Who is who: each alias key to a person, and each person's roles (known and planned)."""

    by_key: dict[str, Ref] = field(default_factory=dict)
    roles: dict[Ref, list[RolePlan]] = field(default_factory=dict)
    plans: list[PersonPlan] = field(default_factory=list)
    names: dict[Ref, str] = field(default_factory=dict)  # the name each person has after the run

    def named(self, name: str) -> Ref | None:
        return self.by_key.get(alias_key(name))

    def role_for(self, person: Ref, titles: list[str]) -> Ref | None:
        """The role a person spoke in: the one the text names, else their first."""
        roles = self.roles.get(person, [])
        for title in titles:
            for role in roles:
                if role.title.casefold() in title.casefold():
                    return role.ref
        return roles[0].ref if roles else None


def plan_people(
    parsed: list[ParsedDocument], curation: Curation, existing: Existing, organizations: Organizations
) -> People:
    people = People()
    refs = merge_people([document.people for document in parsed])
    curated = {alias_key(p.name): p for p in curation.people.values()}
    for ref in refs:
        keys = {alias_key(a) for a in (ref.name, *ref.aliases)} - {""}
        entry = next((curated.pop(k) for k in list(keys) if k in curated), None)
        _plan_person(people, existing, organizations, ref, entry, keys)
    for entry in curated.values():
        _plan_person(people, existing, organizations, None, entry, {alias_key(entry.name)})
    for roles in people.roles.values():
        roles.sort(key=lambda role: (role.started_on is None, _descending(role.started_on), role.title))
    return people


def _descending(day) -> int:
    return -day.toordinal() if day else 0


def _plan_person(
    people: People,
    existing: Existing,
    organizations: Organizations,
    ref: PersonRef | None,
    entry: PersonEntry | None,
    keys: set[str],
) -> None:
    name = entry.name if entry else ref.name
    aliases = {*(ref.aliases if ref else ()), *(entry.aliases if entry else ()), name}
    keys |= {alias_key(a) for a in aliases} - {""}
    person = next((people.by_key[k] for k in sorted(keys) if k in people.by_key), None)
    outcome = UNCHANGED
    if person is None:
        found = next((existing.people[k] for k in sorted(keys) if k in existing.people), None)
        if found is not None:
            person = Ref(PERSON, f"pk:{found.pk}", found.pk)
            people.names[person] = found.name
            changed = found.name != name and found.import_fingerprint != ""
            outcome = KEPT if changed else UNCHANGED
            people.roles[person] = [
                RolePlan(
                    Ref(ROLE, f"pk:{role.pk}", role.pk),
                    person,
                    role.title,
                    Ref(ORGANIZATION, "", role.organization_pk) if role.organization_pk else None,
                    role.started_on,
                )
                for role in existing.roles.get(found.pk, ())
            ]
        else:
            person = Ref(PERSON, alias_key(name))
            people.names[person] = name
            outcome = CREATED
    new_aliases = []
    for alias in sorted(aliases):
        key = alias_key(alias)
        if key and key not in people.by_key:
            new_aliases.append((key, alias))
        people.by_key.setdefault(key, person)
    roles = []
    curated_titles = {r.title.casefold() for r in entry.roles} if entry else set()
    for role in entry.roles if entry else ():
        org = Ref(ORGANIZATION, role.organization) if role.organization else None
        roles.append(_role(person, role.title, org, role.started_on, role.ended_on))
    for title, hint in ref.roles if ref else ():
        if title and not any(
            title.casefold().endswith(t) or t.endswith(title.casefold()) for t in curated_titles
        ):
            roles.append(_role(person, title, organizations.known(hint) if hint else None, None, None))
    known = people.roles.setdefault(person, [])
    for role in roles:
        if not any(r.title == role.title and _same_org(r.organization, role.organization) for r in known):
            known.append(role)
    country = Ref(ORGANIZATION, entry.country) if entry and entry.country else None
    people.plans.append(
        PersonPlan(
            person,
            name,
            entry.key if entry else name,
            outcome,
            country,
            tuple(new_aliases),
            tuple(roles),
        )
    )


def _same_org(a: Ref | None, b: Ref | None) -> bool:
    if a is None or b is None:
        return a is b
    if a.key and b.key:
        return a.key == b.key
    return a.pk is not None and a.pk == b.pk


def _role(person: Ref, title: str, org: Ref | None, started_on, ended_on) -> RolePlan:
    title = title[:300]
    org_key = org.key or f"pk:{org.pk}" if org else ""
    return RolePlan(Ref(ROLE, f"{person.key}|{title}|{org_key}"), person, title, org, started_on, ended_on)
