"""What the public templates read: claims, citations, explainers and agreement records, built from content.

Content is the frozen data of a version (or working rows frozen on the fly for a preview). The
evidence records it names by id (sources, people, organisations, roles) are fetched in one query
per kind, so a page costs the same few queries whatever its length.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime

from explainers.models import Citation, Claim, Correction, Snapshot
from sources.models import Agreement, Organization, Person, Role, Source
from sources.text import anchor

STATUS_LABELS = dict(Citation.Status.choices)
KIND_LABELS = dict(Claim.Kind.choices)
CLAIM_STATUS_LABELS = dict(Claim.Status.choices)


@dataclass
class Records:
    """Evidence records by id, fetched in bulk for the content of one or more versions."""

    sources: dict[int, Source] = field(default_factory=dict)
    people: dict[int, Person] = field(default_factory=dict)
    organizations: dict[int, Organization] = field(default_factory=dict)
    roles: dict[int, Role] = field(default_factory=dict)

    @classmethod
    def for_contents(cls, *contents: dict) -> "Records":
        ids: dict[str, set[int]] = {"source": set(), "person": set(), "organization": set(), "role": set()}
        for content in contents:
            for claim in content.get("claims", {}).values():
                _collect_claim(claim, ids)
            agreement = content.get("agreement")
            if agreement:
                ids["organization"].update(agreement["parties"])
                ids["organization"].update(agreement["initiatives"])
                for s in agreement["signatories"]:
                    ids["person"].add(s["person"])
                    ids["role"].update(filter(None, [s["role"]]))
                    ids["organization"].update(filter(None, [s["on_behalf_of"]]))
        return cls.fetch(ids)

    @classmethod
    def fetch(cls, ids: dict[str, set[int]]) -> "Records":
        def load(queryset, wanted):
            return {obj.pk: obj for obj in queryset.filter(pk__in=wanted)} if wanted else {}

        return cls(
            sources=load(
                Source.objects.select_related("publisher", "derived_from__publisher").defer(
                    "raw_text", "removed"
                ),
                ids["source"],
            ),
            people=load(Person.objects.all(), ids["person"]),
            organizations=load(Organization.objects.all(), ids["organization"]),
            roles=load(Role.objects.select_related("organization"), ids["role"]),
        )


def _collect_claim(claim: dict, ids: dict[str, set[int]]) -> None:
    for name, kind in (
        ("speaker_person", "person"),
        ("speaker_organization", "organization"),
        ("speaker_role", "role"),
    ):
        if claim.get(name):
            ids[kind].add(claim[name])
    ids["source"].update(c["source"] for c in claim["citations"])


@dataclass
class CitationView:
    pk: int
    claim_id: int
    source: Source
    quote: str
    prefix: str
    suffix: str
    start: int | None
    end: int | None
    status: str
    score: float
    support_score: float | None
    independent_publisher_id: int | None = None
    confirmed: bool = True
    support: str = ""
    unbacked: tuple = ()

    @property
    def source_id(self) -> int:
        return self.source.pk

    @property
    def is_found(self) -> bool:
        return self.status != anchor.NOT_FOUND

    @property
    def anchor(self) -> str:
        return f"passage-{self.pk}"

    def get_status_display(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass
class ClaimView:
    pk: int
    text: str
    kind: str
    status: str
    note: str
    topic: str
    occurred_on: dt.date | None
    occurred_precision: str
    speaker_person: Person | None
    speaker_organization: Organization | None
    speaker_role: Role | None
    agreement_id: int | None
    citations: list[CitationView]  # what readers see: the citations an editor confirmed
    suggested: list[CitationView] = field(default_factory=list)  # the rest (the JSON says so)
    support: str = ""
    unbacked: tuple = ()
    decision_note: str = ""

    @property
    def speaker(self):
        return self.speaker_person or self.speaker_organization

    @property
    def needs_citation(self) -> bool:
        return self.kind in Claim.CITED_KINDS

    @property
    def is_retracted(self) -> bool:
        return self.status == Claim.Status.RETRACTED

    def get_kind_display(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)

    def get_status_display(self) -> str:
        return CLAIM_STATUS_LABELS.get(self.status, self.status)

    def get_absolute_url(self) -> str:
        return reverse("explainers:claim", kwargs={"pk": self.pk})


def claim_view(data: dict, records: Records) -> ClaimView:
    every = [
        CitationView(
            pk=c["id"],
            claim_id=data["id"],
            source=records.sources[c["source"]],
            quote=c["quote"],
            prefix=c["prefix"],
            suffix=c["suffix"],
            start=c["start"],
            end=c["end"],
            status=c["status"],
            score=c["score"],
            support_score=c["support_score"],
            independent_publisher_id=c.get("independent_publisher"),
            confirmed=c.get("confirmed", True),  # versions made before confirmation: all stood
            support=c.get("support", ""),
            unbacked=tuple(c.get("unbacked", ())),
        )
        for c in data["citations"]
        if c["source"] in records.sources
    ]
    return ClaimView(
        pk=data["id"],
        text=data["text"],
        kind=data["kind"],
        status=data["status"],
        note=data["note"],
        topic=data["topic"],
        occurred_on=parse_date(data["occurred_on"]) if data["occurred_on"] else None,
        occurred_precision=data["occurred_precision"],
        speaker_person=records.people.get(data["speaker_person"]),
        speaker_organization=records.organizations.get(data["speaker_organization"]),
        speaker_role=records.roles.get(data["speaker_role"]),
        agreement_id=data["agreement"],
        citations=[c for c in every if c.confirmed],
        suggested=[c for c in every if not c.confirmed],
        support=data.get("support", ""),
        unbacked=tuple(data.get("unbacked", ())),
        decision_note=data.get("decision_note", ""),
    )


@dataclass
class TagView:
    name: str
    slug: str


@dataclass
class AuthorView:
    name: str
    slug: str


@dataclass
class CorrectionView:
    kind: str
    text: str
    published_at: dt.datetime

    def get_kind_display(self) -> str:
        return dict(Correction.Kind.choices).get(self.kind, self.kind)


@dataclass
class ExplainerView:
    """The explainer-level facts a page shows: from a published version, or from a preview."""

    pk: int
    title: str
    slug: str
    dek: str
    notes: str
    status: str
    agreement_id: int | None
    tags: list[TagView]
    authors: list[AuthorView]
    corrections: list[CorrectionView]
    accepted_warnings: list[str]
    published_at: dt.datetime | None
    updated_at: dt.datetime | None
    is_public: bool
    social_title: str = ""
    social_description: str = ""
    version: int | None = None

    def get_absolute_url(self) -> str:
        return reverse("explainers:detail", kwargs={"slug": self.slug})

    @property
    def byline(self) -> str:
        names = [a.name for a in self.authors]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + (f" and {names[-1]}" if names else "")


def explainer_view(
    content: dict, records: Records, *, snapshot: Snapshot | None, working=None
) -> ExplainerView:
    """`snapshot` is the published version shown; `working` the explainer row when previewing."""
    data = content["explainer"]
    if snapshot is not None and not snapshot.is_preview:
        first, this = snapshot.first_published_at, snapshot.published_at
        published_at, updated_at = first, (this if this and first and this > first else None)
        status, public, warnings = "published", snapshot.is_public(), snapshot.accepted_warnings
    else:
        published_at = working.published_at if working is not None else None
        updated_at, public, warnings = None, False, []
        status = working.status if working is not None else "draft"
    return ExplainerView(
        pk=data["id"],
        title=data["title"],
        slug=data["slug"],
        dek=data["dek"],
        notes=data["notes"],
        status=status,
        agreement_id=data["agreement"],
        tags=[TagView(t["name"], t["slug"]) for t in data["tags"]],
        # Versions made before bylines were the newsroom's own named people by id: no byline then.
        authors=[AuthorView(a["name"], a["slug"]) for a in data["authors"] if isinstance(a, dict)],
        social_title=data.get("social_title") or data["title"],
        social_description=data.get("social_description") or data["dek"],
        corrections=[
            CorrectionView(c["kind"], c["text"], parse_datetime(c["published_at"]))
            for c in reversed(content.get("corrections", []))
        ],
        accepted_warnings=warnings,
        published_at=published_at,
        updated_at=updated_at,
        is_public=public,
        version=snapshot.number if snapshot is not None else None,
    )


@dataclass
class Signatory:
    person: Person
    role: Role | None
    on_behalf_of: Organization | None


@dataclass
class ScopeView:
    label: str
    description: str


@dataclass
class AgreementView:
    pk: int
    title: str
    slug: str
    short_title: str
    kind: str
    status: str
    summary: str
    signed_on: dt.date | None
    signed_place: str
    parties: list[Organization]
    signatories: list[Signatory]
    scope_items: list[ScopeView]
    related_initiatives: list[Organization]
    timeline: list[ClaimView]
    is_public: bool

    def get_kind_display(self) -> str:
        return dict(Agreement.Kind.choices).get(self.kind, self.kind)

    def get_status_display(self) -> str:
        return dict(Agreement.Status.choices).get(self.status, self.status)

    def get_absolute_url(self) -> str:
        return reverse("explainers:agreement", kwargs={"slug": self.slug})


def agreement_view(content: dict, records: Records, *, is_public: bool) -> AgreementView:
    data = content["agreement"]
    orgs = records.organizations
    claims = content["claims"]
    return AgreementView(
        pk=data["id"],
        title=data["title"],
        slug=data["slug"],
        short_title=data["short_title"],
        kind=data["kind"],
        status=data["status"],
        summary=data["summary"],
        signed_on=parse_date(data["signed_on"]) if data["signed_on"] else None,
        signed_place=data["signed_place"],
        parties=[orgs[pk] for pk in data["parties"] if pk in orgs],
        signatories=[
            Signatory(records.people[s["person"]], records.roles.get(s["role"]), orgs.get(s["on_behalf_of"]))
            for s in data["signatories"]
            if s["person"] in records.people
        ],
        scope_items=[ScopeView(s["label"], s["description"]) for s in data["scope"]],
        related_initiatives=[orgs[pk] for pk in data["initiatives"] if pk in orgs],
        timeline=[claim_view(claims[str(pk)], records) for pk in content["timeline"] if str(pk) in claims],
        is_public=is_public,
    )
