"""Organisations readers can reach, and what an organisation's page shows: its quotes, the agreements
it is party to or an initiative of, and the people who spoke or signed for it (all from published
versions, in a fixed number of queries whatever their number)."""

from dataclasses import dataclass, field

from django.db.models import F, Q

from explainers import visibility
from explainers.presentation import ClaimView, Records, claim_view
from sources.models import Organization, Person, Role

# Quotes in the order they were said, those of unknown date last (on every database).
SAID_ORDER = F("occurred_on").asc(nulls_last=True)


def public_organizations():
    """Organisations readers can reach: those a public version shows (a quote's speaker, a party, an
    initiative an agreement builds on, the body a signatory signed for), and those a public person's
    role belongs to (a person's page lists every role). A person's page is public by the first
    rule; the second is the one publishing's guard applies (`services.publishing.is_shown`)."""
    people = visibility.shown_ids("person")
    roles = Role.objects.filter(person_id__in=people, organization__isnull=False).values("organization_id")
    return Organization.objects.filter(Q(pk__in=visibility.shown_ids("organization")) | Q(pk__in=roles))


def organizations_for(user):
    return Organization.objects.all() if visibility.can_preview(user) else public_organizations()


def reading_order(roles) -> list[Role]:
    """Roles as a reader expects them, the same on every database: those held now first, then the
    earlier ones, latest first, then those whose dates nobody recorded."""

    def key(role):
        start = role.started_on.toordinal() if role.started_on else 0
        end = role.ended_on.toordinal() if role.ended_on else 0
        undated = role.started_on is None and role.ended_on is None
        return (undated, role.ended_on is not None, -start, -end, role.title, role.pk)

    return sorted(roles, key=key)


def linkable(user, ids) -> set[int]:
    """Which of these organisations a page may link to (each one's own page exists for this user)."""
    wanted = {pk for pk in ids if pk}
    if not wanted:
        return set()
    return set(organizations_for(user).filter(pk__in=wanted).values_list("pk", flat=True))


@dataclass
class AgreementLink:
    title: str
    url: str
    relations: list[str]


@dataclass
class Spokesperson:
    person: Person
    roles: list[Role] = field(default_factory=list)
    signed: list[AgreementLink] = field(default_factory=list)


@dataclass
class OrganisationPage:
    organization: Organization
    quotes: list[ClaimView]
    agreements: list[AgreementLink]
    people: list[Spokesperson]
    country_is_linked: bool


def organisation_page(organization: Organization, user) -> OrganisationPage:
    """What readers see of `organization`: published records only."""
    roles = list(
        Role.objects.filter(organization=organization, person__in=visibility.people_for(user))
        .select_related("person")
        .order_by("person__name", "-started_on", "pk")
    )
    role_ids = {role.pk for role in roles}
    spoken = Q(speaker_organization=organization)
    if roles:
        spoken |= Q(speaker_person_id__in={role.person_id for role in roles})
    rows = visibility.public_claims().filter(spoken).order_by(SAID_ORDER, "claim_id")
    # A person's quote counts when they spoke in one of its roles (not as someone else).
    claims = {
        str(row.claim_id): row.data
        for row in rows
        if row.data.get("speaker_organization") == organization.pk or row.data.get("speaker_role") in role_ids
    }
    versions = list(
        visibility.public_agreements()
        .filter(references__model="organization", references__object_id=organization.pk)
        .order_by("-published_at", "-pk")
    )
    ids: dict[str, set[int]] = {"source": set(), "person": set(), "organization": set(), "role": set()}
    for data in claims.values():
        ids["source"].update(c["source"] for c in data["citations"])
        for name, kind in (
            ("speaker_person", "person"),
            ("speaker_organization", "organization"),
            ("speaker_role", "role"),
        ):
            if data.get(name):
                ids[kind].add(data[name])
    agreements, signed_for = [], []
    seen = set()
    for version in versions:
        record = version.content["agreement"]
        if record["id"] in seen:
            continue
        seen.add(record["id"])
        link = AgreementLink(record["short_title"] or record["title"], version.get_absolute_url(), [])
        if organization.pk in record["parties"]:
            link.relations.append("party")
        if organization.pk in record["initiatives"]:
            link.relations.append("builds on it")
        for signatory in record["signatories"]:
            if signatory["on_behalf_of"] == organization.pk:
                signed_for.append((signatory["person"], link))
                ids["person"].add(signatory["person"])
                if "signed on its behalf" not in link.relations:
                    link.relations.append("signed on its behalf")
        if link.relations:
            agreements.append(link)
    records = Records.fetch(ids)
    people: dict[int, Spokesperson] = {}
    for role in reading_order(roles):
        people.setdefault(role.person_id, Spokesperson(role.person)).roles.append(role)
    for person_id, link in signed_for:
        person = records.people.get(person_id)
        if person is not None:
            people.setdefault(person_id, Spokesperson(person)).signed.append(link)
    country = organization.country_id
    return OrganisationPage(
        organization=organization,
        quotes=[claim_view(data, records) for data in claims.values()],
        agreements=agreements,
        people=sorted(people.values(), key=lambda p: (p.person.name, p.person.pk)),
        country_is_linked=bool(country) and country in linkable(user, [country]),
    )
