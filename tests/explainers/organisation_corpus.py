"""Stories with people and organisations for the person and organisation page tests: a country, its
ministry and embassy, an initiative, an agreement with its parties and signatory, quotes by a
minister and by the embassy published in an explainer, and an organisation nothing public names."""

import datetime as dt
from dataclasses import dataclass

from explainers.models import Claim
from sources.models import AgreementParty, Organization, Person, Role, Signatory
from tests.factories import (
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    publish_now,
)


@dataclass
class Story:
    name: str
    country: Organization
    partner: Organization
    ministry: Organization
    embassy: Organization
    forum: Organization
    hidden: Organization
    minister: Person
    minister_role: Role
    quotes: list[Claim]
    explainer: object
    agreement: object


def story(name: str, *, quotes: int = 2, publish: bool = True) -> Story:
    title = name.capitalize()
    country = OrganizationFactory(name=f"{title}land", slug=f"{name}land", kind=Organization.Kind.COUNTRY)
    partner = OrganizationFactory(
        name=f"{title} Partner", slug=f"{name}-partner", kind=Organization.Kind.COUNTRY
    )
    ministry = OrganizationFactory(
        name=f"Ministry of Trade of {title}land",
        slug=f"{name}-ministry",
        kind=Organization.Kind.MINISTRY,
        country=country,
    )
    embassy = OrganizationFactory(
        name=f"{title}land Embassy",
        slug=f"{name}-embassy",
        kind=Organization.Kind.EMBASSY,
        country=country,
        description=f"The embassy of {title}land in the partner's capital.",
    )
    forum = OrganizationFactory(
        name=f"{title} Minerals Forum",
        slug=f"{name}-forum",
        short_name="FORUM",
        kind=Organization.Kind.INITIATIVE,
    )
    hidden = OrganizationFactory(
        name=f"{title} Quiet Council", slug=f"{name}-quiet", kind=Organization.Kind.OTHER
    )
    minister = PersonFactory(name=f"Asha {title}", slug=f"asha-{name}", country=country)
    # The name again, a part of it, the name with an accent: nothing a reader needs; a fuller name: shown.
    for alias in (f"Asha {title}", title, f"Ásha {title}", f"Asha Devi {title}"):
        minister.add_alias(alias)
    minister_role = RoleFactory(
        person=minister, title="Trade Minister", organization=ministry, started_on=dt.date(2025, 1, 20)
    )
    RoleFactory(
        person=minister,
        title="Deputy Trade Minister",
        organization=ministry,
        started_on=dt.date(2019, 3, 1),
        ended_on=dt.date(2024, 6, 30),
    )
    RoleFactory(person=minister, title="Member of Parliament")  # no organisation, no dates
    agreement = AgreementFactory(
        slug=f"{name}-pact", title=f"{title} trade pact", short_title=f"{title} pact"
    )
    AgreementParty.objects.create(agreement=agreement, organization=country, position=0)
    AgreementParty.objects.create(agreement=agreement, organization=partner, position=1)
    agreement.related_initiatives.add(forum)
    Signatory.objects.create(
        agreement=agreement, person=minister, role=minister_role, on_behalf_of=country, position=0
    )
    source = SourceFactory(slug=f"{name}-report", title=f"{title} report")
    explainer = ExplainerFactory(slug=f"{name}-explained", agreement=agreement)
    block = BlockFactory(explainer=explainer, position=0)
    made = []
    for n in range(quotes):
        said = QuoteFactory(
            text=f"We will build the {name} supply chain together, step {n}.",
            speaker_person=minister,
            speaker_role=minister_role,
            occurred_on=dt.date(2026, 5, 1 + n),
            status=Claim.Status.VERIFIED,
        )
        stated = QuoteFactory(
            text=f"The {name} initiative marks a new chapter, part {n}.",
            speaker_person=None,
            speaker_organization=embassy,
            occurred_on=dt.date(2026, 5, 1 + n),
            status=Claim.Status.VERIFIED,
        )
        for claim in (said, stated):
            CitationFactory(
                claim=claim, source=source, quote="signed a bilateral critical minerals framework"
            )
            BlockClaimFactory(block=block, claim=claim)
            made.append(claim)
    # A draft quoting the quiet council: what a draft names is not public.
    draft = ExplainerFactory(slug=f"{name}-draft")
    unpublished = QuoteFactory(text="Nothing to add.", speaker_person=None, speaker_organization=hidden)
    CitationFactory(claim=unpublished, source=source)
    BlockClaimFactory(block=BlockFactory(explainer=draft, position=0), claim=unpublished)
    if publish:
        publish_now(explainer)
        publish_now(agreement)
    return Story(
        name,
        country,
        partner,
        ministry,
        embassy,
        forum,
        hidden,
        minister,
        minister_role,
        made,
        explainer,
        agreement,
    )


def main(client, url) -> str:
    """The page's main content (what the page shows of its record, without the site's header and footer)."""
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode().split('id="main"', 1)[1].split("</main>", 1)[0]
