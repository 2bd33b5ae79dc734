"""Models of the cited story: claims, their citations, and explainers built from claims."""

from explainers.models.claims import Citation, Claim
from explainers.models.explainers import Block, BlockClaim, Explainer, ExplainerAuthor
from explainers.models.search import SearchDocument

__all__ = ["Block", "BlockClaim", "Citation", "Claim", "Explainer", "ExplainerAuthor", "SearchDocument"]
