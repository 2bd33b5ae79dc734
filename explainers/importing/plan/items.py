"""The import plan's items: frozen records of what to create or update, with their evidence.

Rows refer to each other by `Ref` (a kind and a key, with the primary key when the row exists
already); the writers turn references into keys as they write, in the plan's order.
"""

import datetime as dt
from dataclasses import dataclass, field

from sources.text.doubts import Doubt

PUBLISHER, ORGANIZATION, SOURCE, PERSON, ROLE = "publisher", "organization", "source", "person", "role"
AGREEMENT, CLAIM = "agreement", "claim"

# What happens to a document's source: a new row, the same received text, a changed document
# (its received text is replaced), or a copy of a source imported under another name.
NEW, SAME, REPLACE, TWIN = "new", "same", "replace", "twin"


@dataclass(frozen=True)
class Ref:
    kind: str
    key: str
    pk: int | None = None  # known when the row exists before the run


@dataclass(frozen=True)
class Row:
    """A row the import owns, written through `upsert`: found by `lookup`; `values` may hold Refs."""

    ref: Ref
    model: type
    lookup: dict
    values: dict
    origin_key: str = ""
    label: str = ""


@dataclass(frozen=True)
class SourcePlan:
    name: str  # the document's file name
    ref: Ref
    action: str  # NEW, SAME, REPLACE or TWIN
    values: dict  # the fields the import owns (the publisher as a Ref)
    raw_text: str
    slug_base: str
    text: str  # the clean text the source has after this run (an editor's kept text included)
    title: str
    doubts: tuple[Doubt, ...] = ()


@dataclass(frozen=True)
class RolePlan:
    ref: Ref
    person: Ref
    title: str
    organization: Ref | None = None
    started_on: dt.date | None = None
    ended_on: dt.date | None = None


@dataclass(frozen=True)
class PersonPlan:
    ref: Ref  # with `pk` when the person exists (found by one of their aliases)
    name: str
    slug_base: str
    outcome: str  # created, unchanged or kept (an editor renamed them)
    country: Ref | None = None
    aliases: tuple[tuple[str, str], ...] = ()  # (key, spelling) this run may add
    roles: tuple[RolePlan, ...] = ()


@dataclass(frozen=True)
class CitationPlan:
    key: str  # origin key
    claim: Ref
    source: Ref
    quote: str
    origin: str = "import"
    origin_ref: int | None = None
    confirm: str = ""  # a Citation.Via when what states it counts as an editor's word


@dataclass(frozen=True)
class QuotationsPlan:
    document: str
    claims: tuple[Row, ...]
    citations: tuple[CitationPlan, ...]


@dataclass(frozen=True)
class ChildPlan:
    """A party, signatory or scope item: created once, never updated (editors own them after)."""

    model: type
    lookup: dict  # Refs allowed
    position: int
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class AgreementPlan:
    row: Row
    tags: tuple[str, ...]
    initiatives: tuple[Ref, ...]
    children: tuple[ChildPlan, ...]
    claims: tuple[Row, ...]
    citations: tuple[CitationPlan, ...]


@dataclass(frozen=True)
class Suggestions:
    """The evidence search's passages for one sentence; earlier unconfirmed ones not found again go."""

    claim: Ref
    short: str  # the sentence, shortened, for notes
    citations: tuple[CitationPlan, ...]


@dataclass(frozen=True)
class BlockPlan:
    kind: str
    text: str
    claims: tuple[str, ...]  # claim keys, in order


@dataclass(frozen=True)
class ExplainerPlan:
    document: str
    key: str
    slug_base: str
    fields: dict  # title, dek, agreement (Ref), origin source (Ref)
    blocks: tuple[BlockPlan, ...]
    claims: tuple[Row, ...]
    suggestions: tuple[Suggestions, ...]
    curated: tuple[CitationPlan, ...]  # the curation file's confirmed citations
    decisions: tuple[tuple[str, str], ...]  # (claim key, the editor's note) for unverified sentences
    tags: tuple[str, ...] = ()
    accept: tuple[str, ...] = ()
    has_entry: bool = False


@dataclass(frozen=True)
class ImportPlan:
    publishers: tuple[Row, ...] = ()
    organizations: tuple[Row, ...] = ()
    sources: tuple[SourcePlan, ...] = ()
    people: tuple[PersonPlan, ...] = ()
    quotations: tuple[QuotationsPlan, ...] = ()
    agreement: AgreementPlan | None = None
    disagreements: tuple[Row, ...] = ()
    explainers: tuple[ExplainerPlan, ...] = ()
    records: tuple[Ref, ...] = ()  # published on their own with --publish: the agreement, the quotations
    accept: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    found: dict = field(default_factory=dict)  # per document, what the import found, for the report
