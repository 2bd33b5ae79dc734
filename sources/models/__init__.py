"""Models of the evidence: who published what, who said it, and what was agreed."""

from sources.models.agreements import Agreement, AgreementParty, ScopeItem, Signatory
from sources.models.organizations import Organization
from sources.models.people import Person, PersonAlias, Role
from sources.models.sources import Publisher, Source
from sources.models.versioned import StaleEditError, VersionedModel, VersionedQuerySet

__all__ = [
    "Agreement",
    "AgreementParty",
    "Organization",
    "Person",
    "PersonAlias",
    "Publisher",
    "Role",
    "ScopeItem",
    "Signatory",
    "Source",
    "StaleEditError",
    "VersionedModel",
    "VersionedQuerySet",
]
