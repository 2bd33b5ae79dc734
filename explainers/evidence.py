"""The evidence map: each claim of an explainer against each of its sources.

A cell says whether the claim cites that source (and how well the cited passage supports it), or,
when it does not, whether the source nonetheless says something close: so a reader sees at a
glance which sentences rest on a single source.
"""

import hashlib
from dataclasses import dataclass

from explainers.caching import cache_get, cache_set
from explainers.corroboration import citation_publisher
from explainers.presentation import CitationView, ClaimView
from explainers.rendering import RenderedExplainer
from sources.text.support import best_passage

ALSO_SUPPORTS = 0.5
CACHE_SECONDS = 24 * 3600


@dataclass
class Cell:
    citation: CitationView | None
    score: float | None

    @property
    def state(self) -> str:
        if self.citation is not None:
            if not self.citation.is_found:
                return "orphan"
            return "weak" if self.citation.is_weak else "cited"
        return "also" if self.score is not None and self.score >= ALSO_SUPPORTS else "none"


@dataclass
class Row:
    claim: ClaimView
    refs: list[int]
    cells: list[Cell]

    @property
    def cited_publishers(self) -> int:
        return len({citation_publisher(c.citation) for c in self.cells if c.citation})

    @property
    def rests_on_one_source(self) -> bool:
        return self.claim.needs_citation and self.cited_publishers <= 1


def _uncited_support(claim: ClaimView, source) -> float:
    key = "support:" + hashlib.sha256(f"{claim.text}\x1f{source.text_hash}".encode()).hexdigest()
    score = cache_get(key)
    if score is None:
        passage = best_passage(claim.text, source.text)
        score = round(passage.score, 3) if passage else 0.0
        cache_set(key, score, CACHE_SECONDS)
    return score


def evidence_map(page: RenderedExplainer) -> list[Row]:
    sources = page.sources
    rows, seen = [], set()
    for rendered in page.blocks:
        for sentence in rendered.sentences:
            claim = sentence.claim
            if claim.pk in seen:
                continue
            seen.add(claim.pk)
            by_source = {}
            for citation in claim.citations:
                by_source.setdefault(citation.source_id, citation)
            cells = []
            for source in sources:
                citation = by_source.get(source.pk)
                if citation is not None:
                    cells.append(Cell(citation, citation.support_score))
                elif claim.needs_citation:
                    cells.append(Cell(None, _uncited_support(claim, source)))
                else:
                    cells.append(Cell(None, None))
            rows.append(Row(claim, sentence.refs, cells))
    return rows
