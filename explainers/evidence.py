"""The evidence map: each sentence of an explainer against each of its sources, in plain words.

A cell says what that source says of the sentence: "says this", "says part of this (not: …)",
"doesn't say this", or, where the sentence does not cite it, "says something close (not cited)";
cited passages are the ones an editor confirmed. So a reader sees at a glance which sentences rest
on a single source, and which sources back more than they are cited for.
"""

import hashlib
from dataclasses import dataclass

from explainers import wording
from explainers.caching import cache_get, cache_set
from explainers.corroboration import citation_publisher
from explainers.evidence_search import passages
from explainers.presentation import CitationView, ClaimView
from explainers.rendering import RenderedExplainer
from explainers.services import support
from sources.text.terms import PARTIAL, SUPPORTED, UNSUPPORTED, backed_by, judge_passage, parse

CACHE_SECONDS = 24 * 3600


@dataclass
class Cell:
    citations: list[CitationView]
    label: str  # supported, partial, unsupported ("" when the row is analysis)
    unbacked: tuple = ()

    @property
    def cited(self) -> bool:
        return bool(self.citations)

    @property
    def state(self) -> str:
        if self.cited:
            return "orphan" if not any(c.is_found for c in self.citations) else self.label or SUPPORTED
        if self.label in (SUPPORTED, PARTIAL):
            return "close"
        return "none" if self.label else "blank"

    @property
    def words(self) -> str:
        state = self.state
        if state == "orphan":
            return "cited, but the passage is no longer in the source"
        if state == "close":
            return "says something close (not cited)"
        if state in ("none", UNSUPPORTED):
            return "doesn't say this"
        if state == "blank":
            return ""
        return wording.says(state, self.unbacked)


@dataclass
class Row:
    claim: ClaimView
    refs: list[int]
    cells: list[Cell]

    @property
    def cited_publishers(self) -> int:
        return len({citation_publisher(c) for cell in self.cells for c in cell.citations})

    @property
    def rests_on_one_source(self) -> bool:
        return self.claim.needs_citation and self.cited_publishers <= 1


def _cited(claim: ClaimView, citations: list[CitationView]) -> Cell:
    """What the cited passages of one source say of the sentence together."""
    labels = {c.support for c in citations if c.support}
    if not labels:  # versions made before support was recorded
        return Cell(citations, SUPPORTED)
    for label in (SUPPORTED, PARTIAL, UNSUPPORTED):
        if label in labels:
            chosen = next(c for c in citations if c.support == label)
            return Cell(citations, label, chosen.unbacked)
    return Cell(citations, UNSUPPORTED)


def _uncited(claim: ClaimView, source) -> Cell:
    key = "evidence-cell:" + hashlib.sha256(f"{claim.text}\x1f{source.text_hash}".encode()).hexdigest()
    found = cache_get(key)
    if found is None:
        aliases = support.known_aliases()
        parsed = parse(claim.text, aliases)
        best = (UNSUPPORTED, 0.0)
        for _, _, read in passages(source.text, source.title):
            verdict = judge_passage(parsed, backed_by(parsed, read, aliases))
            rank = {SUPPORTED: 2, PARTIAL: 1}.get(verdict.label, 0) + verdict.coverage
            if rank > best[1]:
                best = (verdict.label, rank)
        found = best[0] if best[0] == SUPPORTED or (best[0] == PARTIAL and best[1] >= 1.5) else UNSUPPORTED
        cache_set(key, found, CACHE_SECONDS)
    return Cell([], found)


def evidence_map(page: RenderedExplainer) -> list[Row]:
    sources = page.sources
    rows, seen = [], set()
    for rendered in page.blocks:
        for sentence in rendered.sentences:
            claim = sentence.claim
            if claim.pk in seen:
                continue
            seen.add(claim.pk)
            by_source: dict[int, list[CitationView]] = {}
            for citation in claim.citations:
                by_source.setdefault(citation.source_id, []).append(citation)
            cells = []
            for source in sources:
                if source.pk in by_source:
                    cells.append(_cited(claim, by_source[source.pk]))
                elif claim.needs_citation:
                    cells.append(_uncited(claim, source))
                else:
                    cells.append(Cell([], ""))
            rows.append(Row(claim, sentence.refs, cells))
    return rows
