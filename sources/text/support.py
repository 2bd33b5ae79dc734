"""Support scoring: how well a source passage backs a claim sentence (content-word overlap plus fuzzy match)."""

import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from sources.text.cited import split_sentences, strip_markers
from sources.text.normalize import normalize_plain


@dataclass(frozen=True)
class Passage:
    start: int
    end: int
    text: str
    score: float


# fmt: off
STOPWORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most",
    "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our",
    "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some", "such", "than",
    "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
    "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your",
    "yours", "yourself", "yourselves", "said", "says", "say", "told", "according", "mr", "mrs", "ms",
    "dr", "per", "via", "upon", "within", "without", "among", "amid", "across", "toward", "towards",
    "may", "might", "must", "shall", "one", "two", "it's", "us",
))
# fmt: on
# "US"/"U.S." in a claim and "United States" in a source are the same content words.
US_FORMS = re.compile(r"\b(?:U\.S\.A?\.?|USA|US)(?![\w.])")
TOKEN = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
OVERLAP_WEIGHT = 0.75
FUZZ_FLOOR = 0.35
PAIR_MARGIN = 0.02
LINE = re.compile(r"[^\n]+")


def stem(word: str) -> str:
    """A light suffix stripper: minerals/mineral, signed/signing/sign, supplies/supply, secured/secure."""
    if len(word) <= 3:
        return word
    for suffix, keep in (("ies", "i"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: len(word) - len(suffix)] + keep
            break
    if word.endswith("y") and len(word) > 3:
        word = word[:-1] + "i"
    if word.endswith("e") and len(word) > 4:
        word = word[:-1]
    if len(word) > 4 and word[-1] == word[-2] and word[-1] not in "lsz":
        word = word[:-1]
    return word


@lru_cache(maxsize=4096)
def content_words(text: str) -> tuple[str, ...]:
    plain = normalize_plain(US_FORMS.sub(" united states ", strip_markers(text)[0]))
    return tuple(stem(word) for word in TOKEN.findall(plain) if word not in STOPWORDS and not word.isdigit())


def support_score(sentence: str, passage: str) -> float:
    return _Claim.of(content_words(sentence), {}).score(_Bag.of(content_words(passage)))


@dataclass(frozen=True)
class _Bag:
    """A passage's content words as a set and as the sorted string the fuzzy matcher compares."""

    words: frozenset[str]
    joined: str

    @classmethod
    def of(cls, words) -> "_Bag":
        unique = frozenset(words)
        return cls(unique, " ".join(sorted(unique)))


@dataclass(frozen=True)
class _Claim:
    """A claim's content words with their weights in one source (words the source lacks weigh the most)."""

    weights: dict[str, float]
    total: float
    joined: str

    @classmethod
    def of(cls, words, source_weights: dict[str, float]) -> "_Claim":
        default = max(source_weights.values(), default=1.0)
        weights = {word: source_weights.get(word, default) for word in set(words)}
        return cls(weights, sum(weights.values()), " ".join(sorted(weights)))

    def score(self, passage: _Bag) -> float:
        """Weighted share of the claim's words found in the passage, blended with a fuzzy match."""
        if not self.weights or not passage.words:
            return 0.0
        covered = sum(self.weights[word] for word in passage.words & self.weights.keys()) / self.total
        if covered == 0:
            return 0.0
        fuzzy = fuzz.token_set_ratio(self.joined, passage.joined) / 100.0
        fuzzy = max(0.0, (fuzzy - FUZZ_FLOOR) / (1 - FUZZ_FLOOR))
        return round(min(1.0, OVERLAP_WEIGHT * covered + (1 - OVERLAP_WEIGHT) * fuzzy * covered**0.5), 4)


@dataclass(frozen=True)
class _Index:
    spans: tuple[tuple[int, int], ...]
    bags: tuple[_Bag, ...]
    pairs: tuple[_Bag, ...]
    weights: dict[str, float]


def _line_spans(source_text: str) -> list[tuple[int, int]]:
    """Sentence spans cut again at line breaks: a heading or list item is never glued to prose."""
    spans = []
    for start, end in split_sentences(source_text):
        for line in LINE.finditer(source_text, start, end):
            if line.group().strip():
                spans.append(
                    (
                        line.start() + len(line.group()) - len(line.group().lstrip()),
                        line.end() - (len(line.group()) - len(line.group().rstrip())),
                    )
                )
    return spans


@lru_cache(maxsize=64)
def _source_index(source_text: str) -> _Index:
    """Sentence spans of a source, their word bags (single and adjacent pairs) and idf weights."""
    spans = tuple(_line_spans(source_text))
    words = [content_words(source_text[start:end]) for start, end in spans]
    bags = tuple(_Bag.of(w) for w in words)
    # Two adjacent sentences pair up only inside one paragraph line; an empty bag never wins.
    pairs = tuple(
        _Bag.of(words[i] + words[i + 1])
        if "\n" not in source_text[spans[i][1] : spans[i + 1][0]]
        else _Bag.of(())
        for i in range(len(words) - 1)
    )
    frequency: Counter[str] = Counter()
    for bag in bags:
        frequency.update(bag.words)
    count = len(spans) or 1
    weights = {word: 1.0 + math.log((count + 1) / (seen + 0.5)) for word, seen in frequency.items()}
    return _Index(spans, bags, pairs, weights)


def best_passage(sentence: str, source_text: str) -> Passage | None:
    """The source sentence (or pair of adjacent sentences, when that scores higher) best supporting `sentence`."""
    index = _source_index(source_text)
    claim = _Claim.of(content_words(sentence), index.weights)
    if not claim.weights or not index.spans:
        return None
    singles = [claim.score(bag) for bag in index.bags]
    top = max(range(len(singles)), key=lambda i: singles[i])
    best = (singles[top], *index.spans[top])
    for i, bag in enumerate(index.pairs):
        if singles[i] <= 0 and singles[i + 1] <= 0:
            continue
        score = claim.score(bag)
        if score > best[0] + PAIR_MARGIN:
            best = (score, index.spans[i][0], index.spans[i + 1][1])
    score, start, end = best
    if score <= 0:
        return None
    return Passage(start, end, source_text[start:end], score)
