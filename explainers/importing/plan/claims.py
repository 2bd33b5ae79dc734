"""Planning claims with their citations: the quotations of each document, and the agreement's record (pure)."""

import datetime as dt
import hashlib
import re
from functools import lru_cache

from explainers.importing.curation import Curation, Evidence, Fact
from explainers.importing.parse import ParsedDocument
from explainers.importing.plan.items import (
    AGREEMENT,
    CLAIM,
    ORGANIZATION,
    SOURCE,
    AgreementPlan,
    ChildPlan,
    CitationPlan,
    QuotationsPlan,
    Ref,
    Row,
)
from explainers.importing.plan.people import Organizations, People
from explainers.models import Citation, Claim
from sources.models import Agreement, AgreementParty, ScopeItem, Signatory
from sources.text.dates import placement_in
from sources.text.lexicon import Lexicon, lexicon
from sources.text.metadata import find_dates
from sources.text.names import alias_key, whole_words


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def claim_row(key: str, **values) -> Row:
    return Row(Ref(CLAIM, key), Claim, {"origin_key": key}, values, key)


def source_ref(name: str) -> Ref:
    return Ref(SOURCE, name)


def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def date_before(text: str, position: int, reference: dt.date | None, lex: Lexicon) -> dt.date | None:
    """The last date stated in the paragraph before a quote: when the words were said, read in the
    document's conventions ("05/06/2026" is 6 May in a US document).

    A date the speaker is reported as telling ("Rubio recalled that the groundwork was laid on
    February 4") is what the words are about, not when they were said: a date after "<verb> that"
    in the same sentence does not count."""
    paragraph_start = text.rfind("\n\n", 0, position) + 1
    before = text[paragraph_start:position]
    found = find_dates(before, reference, lex)
    told = [m.end() for m in _told_that(lex).finditer(before)]
    days = [
        date
        for start, _, _, date, precision in found
        if precision == "day"
        and not any(end <= start and not _SENTENCE_END.search(before, end, start) for end in told)
    ]
    return days[-1] if days else None


_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"])")


@lru_cache(maxsize=32)
def _told_that(lex: Lexicon) -> re.Pattern:
    return re.compile(whole_words(lex, "quotes.reporting_verbs") + r"\s+that\b")


def plan_quotations(
    document: ParsedDocument, people: People, organizations: Organizations
) -> tuple[QuotationsPlan, list[str]]:
    """The document's quotations with their speakers, and how each reads in the report.

    A quote whose speaker is not known is not stored (a quote needs its speaker): the source's
    doubts list it for an editor.
    """
    meta = document.metadata
    reference = _date_of(meta.published_at) or _date_of(meta.modified_at)
    lex = lexicon(document.locale)
    claims, citations, found = [], [], []
    for quotation in document.quotations:
        person = org = role = None
        if not quotation.speaker:
            continue
        if quotation.speaker_kind == "person":
            person = people.named(quotation.speaker)
            if person is None:
                continue
            titles = [
                mention.title
                for ref in document.people
                if people.named(ref.name) == person
                for mention in ref.mentions
                if mention.title
            ]
            role = people.role_for(person, titles)
        else:
            org = organizations.named(quotation.speaker)
        key = f"quote:{document.name}:{digest(quotation.text)}"
        claims.append(
            claim_row(
                key,
                text=quotation.text,
                kind=Claim.Kind.QUOTE,
                status=Claim.Status.VERIFIED,
                speaker_person_id=person,
                speaker_organization_id=org,
                speaker_role_id=role,
                occurred_on=date_before(document.text, quotation.start, reference, lex),
            )
        )
        # The record is the source's own words at their place in it: nothing for an editor to judge.
        citations.append(
            CitationPlan(
                f"{key}:source",
                Ref(CLAIM, key),
                source_ref(document.name),
                quotation.text,
                confirm=Citation.Via.VERBATIM,
            )
        )
        speaker = (
            people.names.get(person, quotation.speaker) if person else organizations.names.get(org, org.key)
        )
        found.append(f"{speaker}: “{quotation.text[:120]}”")
    return QuotationsPlan(document.name, tuple(claims), tuple(citations)), found


class AgreementPlanner:
    """The curation file's agreement: its record, parties, signatories, scope and cited facts."""

    def __init__(self, curation: Curation, people: People):
        self.curation, self.people = curation, people
        self.claims: list[Row] = []
        self.citations: list[CitationPlan] = []

    def plan(self) -> AgreementPlan:
        entry = self.curation.agreement
        ref = Ref(AGREEMENT, entry.slug)
        row = Row(
            ref,
            Agreement,
            {"slug": entry.slug},
            {
                "title": entry.title,
                "short_title": entry.short_title,
                "kind": entry.kind,
                "status": entry.status,
                "summary": entry.summary,
                "signed_on": entry.signed_on.date if entry.signed_on else None,
                "signed_place": entry.signed_place.text if entry.signed_place else "",
            },
            f"agreement:{entry.slug}",
        )
        short = entry.short_title or entry.title
        if entry.signed_on:
            self.fact(
                entry.signed_on,
                f"The {short} was signed on {entry.signed_on.date:%-d %B %Y}.",
                "record-signed-on",
            )
        if entry.signed_place:
            self.fact(
                entry.signed_place,
                f"The {short} was signed at {entry.signed_place.text}.",
                "record-signed-place",
            )
        if entry.status_basis:
            status = Agreement.Status(entry.status).label.lower()
            self.fact(Fact(evidence=entry.status_basis), f"The {short} is {status}.", "record-status")
        children = []
        for position, fact in enumerate(entry.parties):
            org = Ref(ORGANIZATION, fact.ref)
            children.append(
                ChildPlan(AgreementParty, {"agreement_id": ref, "organization_id": org}, position)
            )
            name = self.curation.organizations[fact.ref].name
            self.fact(fact, f"{name} is a party to the {short}.", "record-party")
        for position, fact in enumerate(entry.signatories):
            name = self.curation.people[fact.ref].name
            person = self.people.by_key[alias_key(name)]
            role = self.people.role_for(person, [fact.role]) if fact.role else None
            behalf = Ref(ORGANIZATION, fact.on_behalf_of) if fact.on_behalf_of else None
            lookup = {"agreement_id": ref, "person_id": person}
            extra = {"role_id": role, "on_behalf_of_id": behalf}
            children.append(ChildPlan(Signatory, lookup, position, extra))
            signed = f"{self.people.names.get(person, name)} signed the {short}"
            self.fact(fact, signed + (f" as {fact.role}" if fact.role else "") + ".", "record-signatory")
        for position, fact in enumerate(entry.scope):
            lookup = {"agreement_id": ref, "label": fact.label}
            children.append(ChildPlan(ScopeItem, lookup, position, {"description": fact.description}))
            self.fact(fact, f"The {short} covers {fact.label.lower()}.", "record-scope")
        for fact in entry.initiatives:
            name = self.curation.organizations[fact.ref].name
            self.fact(fact, f"The {short} builds on {name}.", "record-initiative")
        for fact in entry.milestones:
            self.fact(fact, fact.text, fact.topic or "milestone", occurred_on=fact.date)
        for fact in entry.claims:
            self.fact(fact, fact.text, fact.topic)
        initiatives = tuple(Ref(ORGANIZATION, fact.ref) for fact in entry.initiatives)
        return AgreementPlan(
            row, entry.tags, initiatives, tuple(children), tuple(self.claims), tuple(self.citations)
        )

    def fact(self, fact: Fact, text: str, topic: str, *, occurred_on=None) -> None:
        evidence: Evidence = fact.evidence
        slug = self.curation.agreement.slug
        key = f"agreement:{slug}:{topic}:{digest(text, evidence.source, evidence.quote)}"
        # A date known only to the month or year: where its cited words place it ("later that month").
        placed = ""
        if occurred_on and fact.precision != "day":
            placed = placement_in(evidence.quote, fact.precision)
        self.claims.append(
            claim_row(
                key,
                text=text,
                kind=Claim.Kind.FACT,
                status=Claim.Status.VERIFIED,
                agreement_id=Ref(AGREEMENT, slug),
                topic=topic[:100],
                occurred_on=occurred_on,
                occurred_precision=fact.precision,
                # only when placed: the rows imported before placements were read stay unchanged
                **({"occurred_placement": placed} if placed else {}),
            )
        )
        self.citations.append(
            CitationPlan(
                f"{key}:source",
                Ref(CLAIM, key),
                source_ref(evidence.source),
                evidence.quote,
                origin=Citation.Origin.CURATION,
                confirm=Citation.Via.CURATION,
            )
        )
