"""Models of the cited story: claims, their citations, and explainers built from claims."""

from explainers.models.claims import Citation, Claim
from explainers.models.explainers import Author, Block, BlockClaim, Explainer, ExplainerAuthor
from explainers.models.imports import ImportRun
from explainers.models.pages import PageVersion, Rendering
from explainers.models.publishing import (
    ClaimReview,
    PublicCitation,
    PublicClaim,
    PublicCorrection,
    PublicReference,
    Snapshot,
)
from explainers.models.search import SearchDocument
from explainers.models.workflow import Correction, DisagreementReview, Edit, Transition

__all__ = [
    "Author",
    "Block",
    "BlockClaim",
    "Citation",
    "Claim",
    "ClaimReview",
    "Correction",
    "DisagreementReview",
    "Edit",
    "Explainer",
    "ExplainerAuthor",
    "ImportRun",
    "PageVersion",
    "PublicCitation",
    "PublicClaim",
    "PublicCorrection",
    "PublicReference",
    "Rendering",
    "SearchDocument",
    "Snapshot",
    "Transition",
]
