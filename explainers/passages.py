"""Finding passages to cite on the desk: the evidence search for a sentence (or for words an editor
types), each source's best passage with the words that back the sentence marked."""

from dataclasses import dataclass

from explainers import evidence_search, wording
from explainers.services import support
from sources.models import Source
from sources.text.terms import backing_spans

MAX_QUERY = 2000
RESULTS = 8


@dataclass(frozen=True)
class Piece:
    text: str
    matched: bool


@dataclass(frozen=True)
class Found:
    source: Source
    start: int
    end: int
    text: str
    says: str  # "says this", "says part of this (not: …)"
    pieces: tuple[Piece, ...]


def marked(text: str, spans: list[tuple[int, int]]) -> tuple[Piece, ...]:
    """`text` cut into pieces, the `spans` marked."""
    pieces, at = [], 0
    for start, end in spans:
        if start > at:
            pieces.append(Piece(text[at:start], False))
        pieces.append(Piece(text[start:end], True))
        at = end
    if at < len(text):
        pieces.append(Piece(text[at:], False))
    return tuple(pieces)


def find_passages(query: str, *, limit: int = RESULTS, exclude=()) -> list[Found]:
    """The best passage of each source for `query` (a sentence or some words), best first."""
    query = " ".join(query.split())[:MAX_QUERY]
    if not query:
        return []
    aliases = support.known_aliases()
    found = evidence_search.search(query, evidence_search.DatabaseLibrary(), aliases=aliases, exclude=exclude)
    ranked = found.ranked[:limit]
    sources = (
        Source.objects.select_related("publisher")
        .defer("raw_text", "removed")
        .in_bulk([f.source for f in ranked])
    )
    results = []
    for item in ranked:
        source = sources.get(item.source)
        if source is None:
            continue
        results.append(
            Found(
                source,
                item.start,
                item.end,
                item.text,
                wording.says(item.support.label, item.support.unbacked_terms),
                marked(item.text, backing_spans(query, item.text, aliases)),
            )
        )
    return results
