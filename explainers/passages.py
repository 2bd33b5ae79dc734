"""Finding passages to cite: type some words, get the best passage of each source that says them.

Candidate sources come from the search index (PostgreSQL full-text search, or a bounded scan of the
index on SQLite); each candidate's best passage is scored against the words typed; the matching
words are marked for the editor.
"""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from explainers.models import SearchDocument
from sources.models import Source
from sources.text.support import TOKEN, best_passage, content_words, stem

MAX_QUERY = 300
CANDIDATES = 25
RESULTS = 8
SQLITE_SCAN = 400
WORD = re.compile(r"\w+|\W+")


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
    score: float
    pieces: tuple[Piece, ...]


def _candidates(terms: list[str]) -> list[int]:
    documents = SearchDocument.objects.filter(kind="source", snapshot__isnull=True)
    if connection.vendor == "postgresql":
        query = SearchQuery(" | ".join(terms), config="english", search_type="raw")
        return list(
            documents.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank")
            .values_list("object_id", flat=True)[:CANDIDATES]
        )
    matches = Q()
    for term in terms:
        matches |= Q(body__icontains=term) | Q(title__icontains=term)
    rows = documents.filter(matches).values_list("object_id", "title", "body")[:SQLITE_SCAN]
    scored = sorted(rows, key=lambda row: -sum((row[1] + " " + row[2]).lower().count(t) for t in terms))
    return [row[0] for row in scored[:CANDIDATES]]


def _pieces(text: str, wanted: set[str]) -> tuple[Piece, ...]:
    pieces = []
    for chunk in WORD.findall(text):
        lowered = chunk.lower()
        pieces.append(Piece(chunk, bool(TOKEN.fullmatch(lowered)) and stem(lowered) in wanted))
    return tuple(pieces)


def find_passages(query: str, *, limit: int = RESULTS) -> list[Found]:
    """The best passage of each source for the words of `query`, best first."""
    query = query[:MAX_QUERY]
    wanted = set(content_words(query))
    terms = [word for word in dict.fromkeys(TOKEN.findall(query.lower())) if stem(word) in wanted][:12]
    if not terms:
        return []
    ids = _candidates([re.sub(r"[^a-z0-9]", "", t) or t for t in terms])
    sources = Source.objects.select_related("publisher").defer("raw_text", "removed").in_bulk(ids)
    found = []
    for pk in ids:
        source = sources.get(pk)
        passage = best_passage(query, source.text) if source else None
        if passage is not None:
            found.append(
                Found(
                    source,
                    passage.start,
                    passage.end,
                    passage.text,
                    passage.score,
                    _pieces(passage.text, wanted),
                )
            )
    found.sort(key=lambda f: -f.score)
    return found[:limit]
