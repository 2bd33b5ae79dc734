"""What a curation file holds, as frozen entries: each fact with its evidence."""

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sources.models import Agreement, Organization


class CurationError(Exception):
    """One or more problems in the curation file, one line each."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass(frozen=True)
class Evidence:
    where: str  # the entry, for messages: "agreement.scope[2] (Refining)"
    source: str  # document file name
    quote: str


@dataclass(frozen=True)
class PublisherEntry:
    key: str
    name: str
    kind: str
    url: str = ""
    basis: str = ""


@dataclass(frozen=True)
class DocumentEntry:
    name: str
    publisher: str = ""
    kind: str = ""
    url: str = ""
    archive_url: str = ""
    title: str = ""
    derived_from: str = ""
    locale: str = ""  # the document's conventions (en-US…), when the import should not infer them


@dataclass(frozen=True)
class FurnitureRule:
    """Lines a publisher's pages carry that are not the story: removed from that publisher's documents."""

    where: str
    lines: tuple[str, ...]  # regular expressions, each matched against a whole line
    publisher: str = ""  # a key of [publishers]; empty: every document of the import


@dataclass(frozen=True)
class OrganizationEntry:
    key: str
    name: str
    kind: str = Organization.Kind.OTHER
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    country: str = ""
    description: str = ""
    founded_on: dt.date | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class RoleEntry:
    title: str
    organization: str = ""
    started_on: dt.date | None = None
    ended_on: dt.date | None = None
    evidence: Evidence | None = None


@dataclass(frozen=True)
class PersonEntry:
    key: str
    name: str
    country: str = ""
    aliases: tuple[str, ...] = ()
    description: str = ""
    roles: tuple[RoleEntry, ...] = ()


@dataclass(frozen=True)
class Fact:
    """One cited statement: a party, a scope item, a milestone, a claim on a topic…"""

    evidence: Evidence
    text: str = ""
    label: str = ""
    ref: str = ""  # an organisation or person key
    role: str = ""
    on_behalf_of: str = ""
    description: str = ""
    topic: str = ""
    date: dt.date | None = None
    precision: str = "day"


@dataclass(frozen=True)
class AgreementEntry:
    slug: str
    title: str
    short_title: str = ""
    kind: str = Agreement.Kind.FRAMEWORK
    status: str = Agreement.Status.PROPOSED
    summary: str = ""
    tags: tuple[str, ...] = ()
    signed_on: Fact | None = None
    signed_place: Fact | None = None
    status_basis: Evidence | None = None
    parties: tuple[Fact, ...] = ()
    signatories: tuple[Fact, ...] = ()
    scope: tuple[Fact, ...] = ()
    initiatives: tuple[Fact, ...] = ()
    milestones: tuple[Fact, ...] = ()
    claims: tuple[Fact, ...] = ()

    def evidence(self) -> list[Evidence]:
        single = [self.signed_on, self.signed_place]
        facts = [f for f in single if f] + [
            *self.parties,
            *self.signatories,
            *self.scope,
            *self.initiatives,
            *self.milestones,
            *self.claims,
        ]
        return [f.evidence for f in facts] + ([self.status_basis] if self.status_basis else [])


@dataclass(frozen=True)
class SentenceCitation:
    """An editor's confirmation: the sentence (found by its words) cites this passage."""

    sentence: str
    evidence: Evidence


@dataclass(frozen=True)
class SentenceDecision:
    """An editor's decision to publish a sentence no confirmed citation backs, with a note for readers."""

    where: str
    sentence: str
    note: str


@dataclass(frozen=True)
class ExplainerEntry:
    document: str
    title: str = ""
    slug: str = ""
    dek: str = ""
    agreement: str = ""
    tags: tuple[str, ...] = ()
    references: dict[int, str] = field(default_factory=dict)
    citations: tuple[SentenceCitation, ...] = ()
    unverified: tuple[SentenceDecision, ...] = ()
    accept: tuple[str, ...] = ()  # kinds of publishing warnings the editor accepts (e.g. single_publisher)


@dataclass(frozen=True)
class DisagreementEntry:
    topic: str
    label: str
    note: str


@dataclass(frozen=True)
class Curation:
    path: Path | None = None
    publishers: dict[str, PublisherEntry] = field(default_factory=dict)
    documents: dict[str, DocumentEntry] = field(default_factory=dict)
    organizations: dict[str, OrganizationEntry] = field(default_factory=dict)
    people: dict[str, PersonEntry] = field(default_factory=dict)
    agreement: AgreementEntry | None = None
    explainers: dict[str, ExplainerEntry] = field(default_factory=dict)
    disagreements: dict[str, DisagreementEntry] = field(default_factory=dict)
    accept: tuple[str, ...] = ()  # kinds of warnings the editor accepts when the import publishes records
    locale: str = ""  # the default conventions of the story's documents; empty: inferred per document
    furniture: tuple[FurnitureRule, ...] = ()

    def reading(self, name: str, raw_text: str) -> tuple[str, dict]:
        """How to read document `name`: its locale ("" to infer one) and the lexicon additions
        (furniture rules) that apply to it. A publisher's rules apply to the documents the file
        assigns to that publisher and to any document that names the publisher."""
        entry = self.documents.get(name)
        locale = (entry.locale if entry else "") or self.locale
        folded = raw_text.casefold()
        lines: list[str] = []
        for rule in self.furniture:
            publisher = self.publishers.get(rule.publisher)
            applies = (
                not rule.publisher
                or (entry is not None and entry.publisher == rule.publisher)
                or (publisher is not None and publisher.name.casefold() in folded)
            )
            if applies:
                lines.extend(rule.lines)
        return locale, ({"furniture": {"curation": lines}} if lines else {})

    def evidence(self) -> list[Evidence]:
        found = [o.evidence for o in self.organizations.values() if o.evidence]
        found += [r.evidence for p in self.people.values() for r in p.roles if r.evidence]
        if self.agreement:
            found += self.agreement.evidence()
        found += [c.evidence for entry in self.explainers.values() for c in entry.citations]
        return found

    def referenced_documents(self) -> set[str]:
        names = set(self.documents) | set(self.explainers) | {e.source for e in self.evidence()}
        names |= {n for entry in self.explainers.values() for n in entry.references.values()}
        return names
