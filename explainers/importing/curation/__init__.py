"""The curation file (`seeds/curation.toml`): what no document states, each fact with its evidence,
and how to read the documents (their locale, a publisher's furniture)."""

from explainers.importing.curation.entries import (
    AgreementEntry,
    Curation,
    CurationError,
    DisagreementEntry,
    DocumentEntry,
    Evidence,
    ExplainerEntry,
    Fact,
    FurnitureRule,
    OrganizationEntry,
    PersonEntry,
    PublisherEntry,
    RoleEntry,
    SentenceCitation,
    SentenceDecision,
)
from explainers.importing.curation.reader import load_curation, sentence_matches

__all__ = [
    "AgreementEntry",
    "Curation",
    "CurationError",
    "DisagreementEntry",
    "DocumentEntry",
    "Evidence",
    "ExplainerEntry",
    "Fact",
    "FurnitureRule",
    "OrganizationEntry",
    "PersonEntry",
    "PublisherEntry",
    "RoleEntry",
    "SentenceCitation",
    "SentenceDecision",
    "load_curation",
    "sentence_matches",
]
