"""Resolving an explainer's [n] markers to sources: from the curation file, else by support scoring."""

import math
from collections import Counter
from dataclasses import dataclass

from sources.text.cited import CitedBlock
from sources.text.normalize import words
from sources.text.support import Passage, best_passage

STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "this",
        "to",
        "was",
        "were",
        "which",
        "will",
        "with",
        "which",
        "both",
        "these",
        "those",
        "not",
        "also",
        "into",
        "than",
    ]
)
CANDIDATES_PER_REFERENCE = 8
EXHAUSTIVE_LIMIT = 50_000
POSTINGS_CAP = 200


def content_words(text: str) -> set[str]:
    return {w for w in words(text) if len(w) > 2 and w not in STOPWORDS}


@dataclass(frozen=True)
class Resolution:
    number: int
    source: str  # document name
    score: float  # mean support of the sentences carrying the number
    method: str  # "curation" or "scored"


class SourceIndex:
    """An inverted index of candidate sources, so scoring only looks at plausible ones.

    Each word's postings are capped, so finding candidates costs the same however many sources
    there are: words in many documents say little about which one a sentence came from.
    """

    def __init__(self, texts: dict[str, str]):
        self.texts = texts
        self.postings: dict[str, list[str]] = {}
        for name, text in texts.items():
            for word in content_words(text):
                self.postings.setdefault(word, []).append(name)

    def candidates(self, sentence_words: set[str], exclude: str) -> list[str]:
        total = len(self.texts) or 1
        counts: Counter[str] = Counter()
        for word in sentence_words:
            names = self.postings.get(word)
            if not names:
                continue
            weight = math.log(1 + total / len(names))
            for name in names[:POSTINGS_CAP]:
                counts[name] += weight
        counts.pop(exclude, None)
        return [name for name, _ in counts.most_common(CANDIDATES_PER_REFERENCE)]


def sentences_by_number(blocks: list[CitedBlock]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for block in blocks:
        for sentence in block.sentences:
            for number in sentence.refs:
                found.setdefault(number, []).append(sentence.text)
    return found


def resolve_references(
    blocks: list[CitedBlock], index: SourceIndex, *, document: str, mapping: dict[int, str]
) -> dict[int, Resolution]:
    """Each [n] goes to the curated source, else to the candidate that best supports its sentences.

    Distinct numbers prefer distinct sources (an explainer numbers each source once).
    """
    by_number = sentences_by_number(blocks)
    scores: dict[int, dict[str, float]] = {}
    for number, sentences in by_number.items():
        if number in mapping:
            continue
        needed = set().union(*(content_words(s) for s in sentences))
        scores[number] = {
            name: sum(_support(s, index.texts[name]) for s in sentences) / len(sentences)
            for name in index.candidates(needed, exclude=document)
        }
    resolved = {
        n: Resolution(n, name, _mean_support(by_number[n], index.texts.get(name, "")), "curation")
        for n, name in mapping.items()
        if n in by_number
    }
    taken = {r.source for r in resolved.values()}
    for number, name in best_assignment(scores, taken).items():
        resolved[number] = Resolution(number, name, round(scores[number][name], 4), "scored")
    for number, row in scores.items():
        if number not in resolved and row:
            # More numbers than distinct candidates: reuse the best one rather than leave it unresolved.
            name, score = max(row.items(), key=lambda item: item[1])
            resolved[number] = Resolution(number, name, round(score, 4), "scored")
    return resolved


def best_assignment(scores: dict[int, dict[str, float]], taken: set[str]) -> dict[int, str]:
    """Distinct sources for distinct numbers, maximising the total support (exhaustive when small)."""
    numbers = sorted(scores)
    options = {n: [name for name in scores[n] if name not in taken] for n in numbers}
    combinations = 1
    for n in numbers:
        combinations *= max(1, len(options[n]) + 1)
    if combinations > EXHAUSTIVE_LIMIT:
        return _greedy(scores, options)
    best: tuple[float, dict[int, str]] = (-1.0, {})

    def search(index: int, used: set[str], total: float, chosen: dict[int, str]) -> None:
        nonlocal best
        if index == len(numbers):
            if total > best[0]:
                best = (total, dict(chosen))
            return
        number = numbers[index]
        for name in options[number]:
            if name not in used:
                chosen[number] = name
                search(index + 1, used | {name}, total + scores[number][name], chosen)
                del chosen[number]
        search(index + 1, used, total, chosen)  # leave it for the fallback below

    search(0, set(), 0.0, {})
    return best[1]


def _greedy(scores, options) -> dict[int, str]:
    chosen, used = {}, set()
    pairs = sorted(((scores[n][name], n, name) for n in options for name in options[n]), reverse=True)
    for _, number, name in pairs:
        if number not in chosen and name not in used:
            chosen[number], used = name, used | {name}
    return chosen


def _support(sentence: str, text: str) -> float:
    passage = best_passage(sentence, text)
    return passage.score if passage else 0.0


def _mean_support(sentences: list[str], text: str) -> float:
    return round(sum(_support(s, text) for s in sentences) / len(sentences), 4) if text else 0.0


def passage_for(sentence: str, text: str) -> Passage | None:
    return best_passage(sentence, text)
