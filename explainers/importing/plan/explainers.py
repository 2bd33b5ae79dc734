"""Planning a cited explainer: its blocks of claims, suggested and confirmed citations, editors' decisions (pure)."""

from explainers.importing.curation import ExplainerEntry, sentence_matches
from explainers.importing.evidence import DocumentEvidence
from explainers.importing.parse import ParsedDocument
from explainers.importing.plan.claims import claim_row, digest, source_ref
from explainers.importing.plan.items import (
    AGREEMENT,
    CLAIM,
    BlockPlan,
    CitationPlan,
    ExplainerPlan,
    Ref,
    Row,
    Suggestions,
)
from explainers.importing.plan.sources import first_sentence
from explainers.models import Block, Citation, Claim
from sources.text.normalize import normalize_plain


def shorten(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plan_explainer(
    document: ParsedDocument, entry: ExplainerEntry | None, evidence: DocumentEvidence
) -> tuple[ExplainerPlan, list[str]]:
    """The explainer in a cited document, and the notes an editor should read about it."""
    notes = [
        f"{document.name}: the original's reference [{number}] is {name} ("
        + (
            "the curation file says so"
            if number in evidence.curated_refs
            else "its reference list names it"
            if number in evidence.listed_refs
            else "most likely: the source that backs most of its sentences"
        )
        + ")"
        for number, name in sorted(evidence.hints.items())
    ]
    curated = {
        text
        for text in evidence.found
        if entry and any(sentence_matches(c.sentence, text) for c in entry.citations)
    }
    blocks, claims, suggestions = [], [], []
    seen: list[tuple[str, str]] = []  # (normalised text, key): a pull quote reuses its sentence
    by_text: dict[str, str] = {}
    for block in document.blocks:
        keys = []
        for sentence in block.sentences:
            normalized = normalize_plain(sentence.text).strip(" \"'.")
            if block.kind == Block.Kind.PULLQUOTE:
                match = next((key for text, key in seen if text == normalized), None)
                if match:
                    keys.append(match)
                    continue
            kind = Claim.Kind.ANALYSIS if block.kind == Block.Kind.ANALYSIS else Claim.Kind.FACT
            key = f"explainer:{document.name}:{digest(normalized)}"
            claims.append(claim_row(key, text=sentence.text, kind=kind))
            by_text.setdefault(sentence.text, key)
            found = evidence.found.get(sentence.text)
            if kind == Claim.Kind.FACT and found is not None and sentence.text not in curated:
                suggestion, said = _suggest(document.name, key, sentence, found, evidence.hints)
                suggestions.append(suggestion)
                notes.extend(said)
            seen.append((normalized, key))
            keys.append(key)
        blocks.append(BlockPlan(block.kind, block.text, tuple(keys)))
    confirmed, decisions = _editors_word(entry, by_text) if entry else ((), ())
    title = (entry.title if entry else "") or document.metadata.headline or first_sentence(document.text)
    fields = {
        "title": title[:300],
        "dek": (entry.dek if entry else "") or document.metadata.dek,
        "agreement_id": Ref(AGREEMENT, entry.agreement) if entry and entry.agreement else None,
        "origin_source_id": source_ref(document.name),
    }
    plan = ExplainerPlan(
        document=document.name,
        key=f"explainer:{document.name}",
        slug_base=(entry.slug if entry and entry.slug else "") or title,
        fields=fields,
        blocks=tuple(blocks),
        claims=tuple(_unique(claims)),
        suggestions=tuple(suggestions),
        curated=confirmed,
        decisions=decisions,
        tags=entry.tags if entry else (),
        accept=entry.accept if entry else (),
        has_entry=entry is not None,
    )
    return plan, notes


def _unique(rows: list[Row]) -> list[Row]:
    seen, unique = set(), []
    for row in rows:
        if row.ref.key not in seen:
            seen.add(row.ref.key)
            unique.append(row)
    return unique


def _suggest(name: str, key: str, sentence, found, hints) -> tuple[Suggestions, list[str]]:
    """The evidence search's passages as suggested citations; a sentence no source backs gets none."""
    short = shorten(sentence.text)
    citations, notes = [], []
    if found.suggests:
        for passage in found.chosen:
            ref = next((n for n in sentence.refs if hints.get(n) == passage.source), None)
            citations.append(
                CitationPlan(
                    f"{key}:ev:{digest(passage.source, passage.text)}",
                    Ref(CLAIM, key),
                    source_ref(passage.source),
                    passage.text,
                    origin_ref=ref,
                )
            )
        if found.support.label == "partial":
            missing = ", ".join(found.support.unbacked_terms)
            notes.append(f"{name}: “{short}”: partly supported (not backed: {missing})")
    else:
        notes.append(f"{name}: “{short}”: no source backs it; left without a citation")
    return Suggestions(Ref(CLAIM, key), short, tuple(citations)), notes


def _editors_word(entry: ExplainerEntry, by_text: dict[str, str]):
    """The curation file's confirmed citations and per-sentence decisions: an editor's word."""
    confirmed = []
    for item in entry.citations:
        key = next(k for text, k in by_text.items() if sentence_matches(item.sentence, text))
        confirmed.append(
            CitationPlan(
                f"{key}:curated:{digest(item.evidence.source, item.evidence.quote)}",
                Ref(CLAIM, key),
                source_ref(item.evidence.source),
                item.evidence.quote,
                origin=Citation.Origin.CURATION,
                confirm=Citation.Via.CURATION,
            )
        )
    decisions = tuple(
        (next(k for text, k in by_text.items() if sentence_matches(d.sentence, text)), d.note)
        for d in entry.unverified
    )
    return tuple(confirmed), decisions
