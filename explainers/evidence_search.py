"""Evidence search: for a sentence, the passages of any source that back it, ranked, and the few
that together back the most of it.

Candidate sources come from full-text search (PostgreSQL: the GIN-indexed search documents of the
sources; otherwise an in-process index of terms, rebuilt when a source changes), so the cost of a
search does not grow with the library. Each candidate's sentences (and pairs of adjacent sentences
within a paragraph) are then checked term by term (`sources.text.terms`).

A hint (the source an imported article's [n] most likely means) breaks ties; it never decides.
"""

import itertools
import math
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import lru_cache

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Max

from explainers.models import Explainer, SearchDocument
from sources.models import Source
from sources.text.cited import line_spans
from sources.text.names import name_words
from sources.text.normalize import normalize_plain
from sources.text.terms import (
    NAME,
    NUMBER,
    UNSUPPORTED,
    Aliases,
    Sentence,
    Support,
    Token,
    backed_by,
    fold,
    judge,
    judge_passage,
    parse,
    reading,
    stem,
)

CANDIDATE_SOURCES = 12
POSTINGS_CAP = 400  # a term in more sources than this says little about which one backs a sentence
MAX_CITATIONS = 3
MIN_GAIN = 2.0  # a further passage must back at least a name, a figure or two words more
HINT_BONUS = 0.5
LENGTH_COST = 0.005  # per word of a passage: of two passages backing as much, the tighter one wins
# Page furniture the cleaner keeps as a line of its own is not evidence of anything.
FURNITURE = re.compile(
    r"(?i)\b(?:written by|min read|updated:|published on:?|follow us|also read|read more)\b"
)


@dataclass(frozen=True)
class Found:
    """One passage of one source and what it backs of the sentence."""

    source: object  # a Source id, or a document name for an import's own texts
    start: int
    end: int
    text: str  # the passage itself
    backed: frozenset[int]
    support: Support
    weight: float
    hinted: bool = False
    words: int = 0

    @property
    def rank(self) -> float:
        return self.weight + (HINT_BONUS if self.hinted else 0.0) - LENGTH_COST * self.words


@dataclass
class Evidence:
    sentence: Sentence
    ranked: list[Found] = field(default_factory=list)  # the best passage of each candidate source
    chosen: list[Found] = field(default_factory=list)  # the passages to cite together
    support: Support | None = None  # what `chosen` back together
    found: list[Found] = field(default_factory=list)  # every passage that backs something

    @property
    def suggests(self) -> bool:
        """Whether to cite anything: never a passage set that leaves the sentence unsupported."""
        return bool(self.chosen) and self.support is not None and self.support.label != UNSUPPORTED


def search_terms(sentence: Sentence) -> list[str]:
    """The words to look sources up by: names and figures first, then the other content words."""
    return list(_search_terms(sentence.tokens))


@lru_cache(maxsize=4096)  # an import looks each sentence up in its own texts and in the database
def _search_terms(tokens: tuple[Token, ...]) -> tuple[str, ...]:
    ordered = sorted(
        (t for t in tokens if t.salient and t.text[0].isalnum()),
        key=lambda t: (t.kind not in (NAME, NUMBER), -len(t.text)),
    )
    terms, seen = [], set()
    for token in ordered:
        if token.kind == NUMBER:
            pieces = normalize_plain(token.text).replace("-", " ").split()
        else:  # split at apostrophes, as both indexes split a text ("O’Daly" is indexed as o, daly)
            pieces = name_words(token.text)
        for word in pieces:
            word = "".join(c for c in word if c.isalnum())
            if len(word) > 1 and word not in seen:
                seen.add(word)
                terms.append(word)
    return tuple(terms[:24])


class TermIndex:
    """An inverted index of word stems over texts, for libraries without full-text search."""

    def __init__(self, texts: dict):
        self.texts = texts
        self.postings: dict[str, set] = {}
        self.terms: dict[object, frozenset[str]] = {}
        for key, text in texts.items():
            self.put(key, text)

    def put(self, key, text: str) -> None:
        self.drop(key)
        stems = _stems_of(text)
        self.terms[key] = stems
        for word in stems:
            self.postings.setdefault(word, set()).add(key)

    def drop(self, key) -> None:
        for word in self.terms.pop(key, ()):
            self.postings[word].discard(key)

    def candidates(self, words: list[str], limit: int, exclude=()) -> list:
        total = len(self.terms) or 1
        counts: Counter = Counter()
        for word in {stem(fold(w)) for w in words}:
            keys = self.postings.get(word)
            if not keys or len(keys) > POSTINGS_CAP:
                continue
            weight = math.log(1 + total / len(keys))
            for key in keys:
                counts[key] += weight
        for key in exclude:
            counts.pop(key, None)
        return [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0])))[:limit]]


WORDS = re.compile(r"[^\W_]+", re.UNICODE)


def _stems_of(text: str) -> frozenset[str]:
    return frozenset(stem(fold(w)) for w in set(WORDS.findall(text.casefold())))


class TextLibrary:
    """The texts of an import run (and whatever else it is given), by name."""

    def __init__(self, texts: dict[str, str], titles: dict[str, str] | None = None):
        self.texts = texts
        self.titles = titles or {}
        self.index = TermIndex(texts)

    def candidates(self, sentence: Sentence, limit: int, exclude=()) -> list[tuple[object, str, str]]:
        keys = self.index.candidates(search_terms(sentence), limit, exclude)
        return [(key, self.texts[key], self.titles.get(key, "")) for key in keys]


class ImportLibrary:
    """What an import searches: the texts of its own run (not yet in the search index), and the
    sources imported before through the database's index — found per sentence by indexed queries,
    so a document costs the same however large the library is. Keys are origin file names."""

    def __init__(self, texts: dict[str, str], titles: dict[str, str]):
        self.run = TextLibrary(texts, titles)
        self.database = DatabaseLibrary()
        self._skipped: dict[frozenset, tuple[set, set]] = {}
        self._run_ids: set | None = None

    def candidates(self, sentence: Sentence, limit: int, exclude=()) -> list[tuple[object, str, str]]:
        mine = self.run.candidates(sentence, limit, exclude)
        skip, ids = self._skipping(frozenset(exclude))
        theirs = [
            (name, text, title)
            for name, text, title in self.database.named_candidates(sentence, limit, exclude=ids)
            if name and name not in skip
        ]
        merged = [item for pair in itertools.zip_longest(mine, theirs) for item in pair if item is not None]
        return merged[:limit]

    def _skipping(self, exclude: frozenset) -> tuple[set, set]:
        """The names and the database ids of the sources not searched in the database: this run's
        (searched in memory) and those excluded. The run's ids are read once, the rest per exclusion."""
        if exclude not in self._skipped:
            if self._run_ids is None:
                self._run_ids = _ids_of(self.run.texts)
            self._skipped[exclude] = ({*self.run.texts, *exclude}, self._run_ids | _ids_of(exclude))
        return self._skipped[exclude]


def _ids_of(names) -> set:
    """The ids of the sources imported from these files, read a few hundred names at a time."""
    names, ids = sorted(names), set()
    for start in range(0, len(names), 500):
        chunk = names[start : start + 500]
        ids.update(Source.objects.filter(origin_file__in=chunk).values_list("pk", flat=True))
    return ids


_fallback_index: dict = {}
_common: dict = {}
COMMON_SHARE = (
    0.04  # a word in more than this share of the library says little about which source backs a sentence
)
COMMON_SECONDS = 600


def _common_lexemes() -> frozenset[str]:
    """The lexemes in more than COMMON_SHARE of the search documents, from PostgreSQL's own
    statistics of the column (kept by ANALYZE), re-read every few minutes."""
    if time.monotonic() - _common.get("at", -COMMON_SECONDS) < COMMON_SECONDS:
        return _common["lexemes"]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT most_common_elems::text::text[], most_common_elem_freqs FROM pg_stats "
            "WHERE tablename = %s AND attname = 'vector'",
            [SearchDocument._meta.db_table],
        )
        row = cursor.fetchone()
    common = frozenset()
    if row and row[0]:
        common = frozenset(word for word, share in zip(row[0], row[1], strict=False) if share > COMMON_SHARE)
    _common.update(at=time.monotonic(), lexemes=common)
    return common


def _postgres_lexemes(words: list[str]) -> list[str]:
    """The sentence's lexemes, names and figures first (the order of `words`), leaving out those
    most of the library uses."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, min(ord) FROM unnest(%s::text[]) WITH ORDINALITY AS w(text, ord), "
            "unnest(tsvector_to_array(to_tsvector('english', w.text))) AS word GROUP BY word ORDER BY 2, 1",
            [words],
        )
        lexemes = [row[0] for row in cursor.fetchall()]
    return [word for word in lexemes if word not in _common_lexemes()] or lexemes


def _raw(lexemes, operator: str) -> SearchQuery:
    joined = f" {operator} ".join("'" + word.replace("'", "''") + "'" for word in lexemes)
    return SearchQuery(joined, config="simple", search_type="raw")


# ts_rank's weights of D, C, B, A for finding a sentence's evidence: a source's body (C) counts as
# much as its standfirst (B). Readers' search ranks the body below the standfirst; evidence is in
# the body as much as anywhere.
EVIDENCE_WEIGHTS = [0.1, 0.4, 0.4, 1.0]
POOL = 60  # documents read per narrowing: the ranked pool stays small however large the library
NARROWING = ((0, 1, 2), (0, 1), *((i,) for i in range(8)))  # the first lexemes together, then alone


def _postgres_candidates(words: list[str], limit: int, exclude, origins) -> list[int]:
    """Sources sharing the sentence's first (most telling) lexemes, together or alone, gathered by
    bounded index reads in one query, then ranked by all its lexemes: the cost does not grow with
    the library."""
    lexemes = _postgres_lexemes(words)
    if not lexemes:
        return []
    documents = SearchDocument.objects.filter(kind="source", snapshot__isnull=True).order_by()
    reads = [
        documents.filter(vector=_raw([lexemes[i] for i in positions], "&")).values_list("pk", flat=True)[
            :POOL
        ]
        for positions in NARROWING
        if positions[-1] < len(lexemes)
    ]
    pool = set(reads[0].union(*reads[1:], all=True)) if len(reads) > 1 else set(reads[0])
    return list(
        SearchDocument.objects.filter(pk__in=pool)
        .exclude(object_id__in=list(exclude))
        .exclude(object_id__in=origins)
        .annotate(rank=SearchRank(F("vector"), _raw(lexemes, "|"), weights=EVIDENCE_WEIGHTS))
        .order_by("-rank", "object_id")
        .values_list("object_id", flat=True)[:limit]
    )


class DatabaseLibrary:
    """Every source in the database: full-text search on PostgreSQL, an in-process index elsewhere."""

    def candidates(self, sentence: Sentence, limit: int, exclude=()) -> list[tuple[object, str, str]]:
        return [(pk, text, title) for pk, text, title, _ in self._found(sentence, limit, exclude)]

    def named_candidates(self, sentence: Sentence, limit: int, exclude=()) -> list[tuple[str, str, str]]:
        """The same, keyed by origin file name (sources made in the admin have none and are left out)."""
        return [(name, text, title) for _, text, title, name in self._found(sentence, limit, exclude)]

    def _found(self, sentence: Sentence, limit: int, exclude) -> list[tuple[int, str, str, str]]:
        words = search_terms(sentence)
        if not words:
            return []
        # An imported explainer's own document states its sentences; it is not evidence for them.
        origins = Explainer.objects.exclude(origin_source=None).values("origin_source_id")
        if connection.vendor == "postgresql":
            ids = _postgres_candidates(words, limit, exclude, origins)
        else:
            ids = self._index().candidates(
                words, limit, {*exclude, *origins.values_list("origin_source_id", flat=True)}
            )
        rows = {
            pk: (text, title, name)
            for pk, text, title, name in Source.objects.filter(pk__in=ids).values_list(
                "pk", "text", "title", "origin_file"
            )
        }
        return [(pk, *rows[pk]) for pk in ids if pk in rows]

    @staticmethod
    def _index() -> TermIndex:
        """The in-process index of every source, brought up to date with the sources changed since."""
        stamp = Source.objects.aggregate(n=Count("pk"), at=Max("updated_at"), last=Max("pk"))
        index = _fallback_index.get("index")
        if index is not None and _fallback_index.get("stamp") == stamp:
            return index
        if index is None:
            index = TermIndex({})
        seen = _fallback_index.get("seen", {})
        now = dict(Source.objects.values_list("pk", "updated_at"))
        for pk in set(seen) - set(now):
            index.drop(pk)
        changed = [pk for pk, at in now.items() if seen.get(pk) != at]
        for start in range(0, len(changed), 500):
            for pk, text in Source.objects.filter(pk__in=changed[start : start + 500]).values_list(
                "pk", "text"
            ):
                index.put(pk, text)
        _fallback_index.update(stamp=stamp, index=index, seen=now)
        return index


@lru_cache(maxsize=2048)
def passages(text: str, title: str = "") -> tuple[tuple[int, int, str], ...]:
    """A source's citable passages: each sentence, and each pair of adjacent sentences in one
    paragraph; the headline is not evidence of itself."""
    headline = normalize_plain(title) if title else None
    spans = [
        (start, end)
        for start, end in line_spans(text)
        if not (title and normalize_plain(text[start:end]) == headline)
        and not FURNITURE.search(text[start:end])
    ]
    found = [(start, end, reading(text, start, end)) for start, end in spans]
    for (a, b), (c, d) in itertools.pairwise(spans):
        if "\n" not in text[b:c]:
            found.append((a, d, reading(text, a, d)))
    return tuple(found)


def search(
    sentence: str,
    library,
    *,
    aliases: Aliases,
    hints=(),
    exclude=(),
    limit: int = CANDIDATE_SOURCES,
) -> Evidence:
    """The passages backing `sentence` in `library`, best first, and the few to cite together."""
    parsed = parse(sentence, aliases)
    evidence = Evidence(parsed)
    if not parsed.total:
        return evidence
    hints = set(hints)
    found: list[Found] = []
    judged: dict[frozenset[int], tuple[Support, float]] = {}  # many passages back the same terms
    for key, text, title in library.candidates(parsed, limit, exclude):
        for start, end, read in passages(text, title):
            backed = backed_by(parsed, read, aliases)
            if not backed:
                continue
            if backed not in judged:
                judged[backed] = (judge_passage(parsed, backed), sum(parsed.weights[i] for i in backed))
            support, weight = judged[backed]
            item = Found(
                key, start, end, text[start:end], backed, support, weight, key in hints, len(read.split())
            )
            found.append(item)
    return _assemble(evidence, found)


def with_hints(evidence: Evidence, hints) -> Evidence:
    """The same search with other hints: the passages found are the same, only the choice changes."""
    hints = set(hints)
    return _assemble(
        Evidence(evidence.sentence), [replace(f, hinted=f.source in hints) for f in evidence.found]
    )


def _assemble(evidence: Evidence, found: list[Found]) -> Evidence:
    best: dict = {}
    for item in found:
        if item.source not in best or _better(item, best[item.source]):
            best[item.source] = item
    evidence.found = found
    evidence.ranked = sorted(best.values(), key=lambda f: (-f.rank, f.end - f.start))
    evidence.chosen = _cover(evidence.sentence, found)
    if evidence.chosen:
        evidence.support = judge(evidence.sentence, frozenset().union(*(f.backed for f in evidence.chosen)))
    return evidence


def _better(a: Found, b: Found) -> bool:
    """More backed; on a tie, the shorter passage."""
    return (a.rank, -(a.end - a.start)) > (b.rank, -(b.end - b.start))


def _cover(parsed: Sentence, found: list[Found]) -> list[Found]:
    """Greedily, the passages that together back the most of the sentence: each further one must
    back something the others do not, and overlapping passages of one source are not cited twice."""
    chosen: list[Found] = []
    have: frozenset[int] = frozenset()
    while len(chosen) < MAX_CITATIONS and found:
        best, best_score, best_gain = None, 0.0, 0.0
        for item in found:
            if any(c.source == item.source and c.start < item.end and item.start < c.end for c in chosen):
                continue
            gain = sum(parsed.weights[i] for i in item.backed - have)
            score = gain + (HINT_BONUS if item.hinted else 0.0) - LENGTH_COST * item.words
            if best is None or score > best_score or (score == best_score and _better(item, best)):
                best, best_score, best_gain = item, score, gain
        if best is None or best_gain < (MIN_GAIN if chosen else 0.1):
            break
        chosen.append(best)
        have |= best.backed
        if judge(parsed, have).unbacked == ():
            break
    return chosen
