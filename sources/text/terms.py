"""Support at the level of terms: which of a sentence's salient terms a passage backs, and which not.

A sentence's salient terms are its names (people, places, organisations), its figures (amounts,
percentages, dates, counts, "doubled", "half"), its months, the direction of a change ("rose",
"fell") and its other content words (nouns, verbs of action, adjectives). Function words and a
short list of light words ("make", "also", "expected") are not terms.

A term is backed by a passage when the passage has it:
- names through the aliases the project knows ("U.S." = "United States", "Dr. S. Jaishankar" =
  "Jaishankar") and through demonyms ("Indian" = "India", "Chinese" = "China");
- figures by value, so "$40 billion" is not backed by "$30 billion" and "€220 million" is backed by
  "220 million euros";
- words by stem (Snowball), British and American spellings folded, or through a short list of
  paraphrases newsrooms use all the time ("signed" = "finalised", "annually" = "every year").

A sentence is *supported* when every term is backed, *partial* when some are not (listed as the
phrases a reader would recognise: "green energy", "$40 billion"), and *unsupported* when the
passages back less than half of what it says.
"""

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

from sources.text.tokens import (
    MARKER,
    NO_ALIASES,
    PREFIX_MIN,
    Aliases,
    Phrase,
    Token,
    _probes,
    fold,
    stem,
    tokenize,
)
from sources.text.vocabulary import AUXILIARIES, NAME, NUMBER, WEIGHTS, WORD

# Names other modules read from here: the vocabulary's and the tokens' as well as the judge's.
__all__ = [
    "LABELS",
    "MARKER",
    "NAME",
    "NO_ALIASES",
    "NUMBER",
    "PART",
    "PARTIAL",
    "SUPPORTED",
    "UNSUPPORTED",
    "UNSUPPORTED_BELOW",
    "Aliases",
    "Phrase",
    "Sentence",
    "Support",
    "Token",
    "assess",
    "backed_by",
    "backing_spans",
    "fold",
    "judge",
    "judge_passage",
    "parse",
    "reading",
    "stem",
    "support_score",
    "tokenize",
]

SUPPORTED, PARTIAL, UNSUPPORTED = "supported", "partial", "unsupported"
LABELS = (SUPPORTED, PARTIAL, UNSUPPORTED)
UNSUPPORTED_BELOW = 0.5  # share of the sentence's weighted terms the passages must back
NEAR = 4  # words of one compound must stand this close (in tokens) in the passage
PART = 2.0  # what a passage must back to say "part of" a sentence: a name, a figure or two words


@dataclass(frozen=True)
class Support:
    """What the passages back of a sentence: its class, the backed and unbacked terms, and where."""

    label: str
    coverage: float  # weighted share of the sentence's terms the passages back
    backed: tuple[Phrase, ...] = ()
    unbacked: tuple[Phrase, ...] = ()

    @property
    def unbacked_terms(self) -> list[str]:
        return [p.text for p in self.unbacked]


@dataclass(frozen=True)
class _Passage:
    """A passage's tokens by key, with their positions, so phrases can be checked for nearness."""

    # Where each key stands, where each stem of at least PREFIX_MIN letters stands ("<stem") and
    # where the stems extending each such prefix stand (">prefix"): a word's matches are a few
    # lookups, not a scan of the passage, and a passage sharing no key with a sentence is passed
    # over with one set operation.
    lookup: dict[str, tuple[int, ...]]
    in_names: frozenset[int]  # words inside a multi-word name ("National Green Hydrogen Mission")

    @classmethod
    @lru_cache(maxsize=8192)
    def of(cls, passage: str, aliases: "Aliases") -> "_Passage":
        lookup: dict[str, list[int]] = {}
        stems = []
        tokens = tokenize(passage, aliases)
        capital = [t.text[:1].isupper() for t in tokens]
        in_names = frozenset(
            i
            for i in range(1, len(tokens))
            if capital[i] and (capital[i - 1] or (i + 1 < len(tokens) and capital[i + 1]))
        )
        for index, token in enumerate(tokens):
            keys = set(token.keys)
            if not token.kind and token.text[0].isalpha():  # a light word still backs itself
                keys.add(f"w:{stem(fold(token.text))}")
            for key in keys:
                lookup.setdefault(key, []).append(index)
                if key.startswith("w:"):
                    stems.append((key[2:], index))
        for stem_, index in stems:
            if len(stem_) < PREFIX_MIN:
                continue
            lookup.setdefault(f"<{stem_}", []).append(index)
            for end in range(PREFIX_MIN, len(stem_) + 1):
                lookup.setdefault(f">{stem_[:end]}", []).append(index)
        return cls({k: tuple(v) for k, v in lookup.items()}, in_names)

    def matches(self, token: Token) -> set[int]:
        """Where in the passage `token` is backed: same key, or (for words) a stem one extends."""
        return {i for probe in _probes(token) for i in self.lookup.get(probe, ())}


def _compounds(text: str, tokens: tuple[Token, ...]) -> dict[int, tuple[int, ...]]:
    """Noun phrases of adjacent lower-case words ("green energy", "next-generation computing"), by member.

    A word after "will", "to" or "has" is a verb and starts no phrase; a phrase does not end in an
    "-ed" word ("the minister signed").
    """
    groups: dict[int, tuple[int, ...]] = {}
    run: list[int] = []

    def close(run):
        while run and tokens[run[-1]].text.endswith("ed"):
            run = run[:-1]
        if len(run) > 1:
            for i in run:
                groups[i] = tuple(run)

    for i, token in enumerate(tokens):
        member = token.kind == WORD and token.text[0].islower()
        verb = i > 0 and tokens[i - 1].text.lower() in AUXILIARIES
        joined = run and text[tokens[run[-1]].end : token.start] in (" ", "-", "‑")
        if member and joined and not verb:
            run.append(i)
        else:
            close(run)
            run = [i] if member and not verb else []
    close(run)
    return groups


@dataclass(frozen=True)
class Sentence:
    """A sentence's tokens, the weight of each as a term (0 for the rest) and its noun phrases."""

    text: str
    tokens: tuple[Token, ...]
    weights: tuple[float, ...]
    groups: dict[int, tuple[int, ...]]

    @property
    def total(self) -> float:
        return sum(self.weights)

    @cached_property
    def probes(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Each term's position and the keys a passage's lookup holds its matches under."""
        return tuple((i, _probes(t)) for i, t in enumerate(self.tokens) if t.salient)

    @cached_property
    def probe_keys(self) -> frozenset[str]:
        return frozenset(probe for _, probes in self.probes for probe in probes)


@lru_cache(maxsize=4096)
def parse(sentence: str, aliases: Aliases = NO_ALIASES) -> Sentence:
    text = MARKER.sub("", sentence)
    tokens = tokenize(text, aliases)
    weights = tuple(WEIGHTS[t.kind] if t.salient else 0.0 for t in tokens)
    return Sentence(text, tokens, weights, _compounds(text, tokens))


def backed_by(sentence: Sentence, passage: str, aliases: Aliases = NO_ALIASES) -> frozenset[int]:
    """The positions of the sentence's terms that `passage` backs.

    A word of a noun phrase is backed next to another word of it. Alone, the phrase's head (its
    last word) is backed; another word only where the passage has none of the phrase's other words
    and does not use it inside a name: "Green Hydrogen Mission" does not back the "green" of "green
    energy", "mining and processing" backs the "processing" of "processing efforts".
    """
    reading_ = _Passage.of(passage, aliases)
    lookup = reading_.lookup
    if lookup.keys().isdisjoint(sentence.probe_keys):
        return frozenset()
    found: dict[int, set[int]] = {}
    for i, probes in sentence.probes:
        where = {j for probe in probes if probe in lookup for j in lookup[probe]}
        if where:
            found[i] = where
    backed = []
    for i, mine in found.items():
        group = sentence.groups.get(i)
        if not group or i == group[-1]:
            backed.append(i)
            continue
        near = {j for other in group if other != i and other in found for j in found[other]}
        if any(abs(p - q) <= NEAR for p in mine for q in near) or (not near and mine - reading_.in_names):
            backed.append(i)
    return frozenset(backed)


def judge(sentence: Sentence, backed: frozenset[int]) -> Support:
    """The class of a sentence whose terms at `backed` are backed (by one passage or several)."""
    if not sentence.total:
        return Support(SUPPORTED, 1.0)
    coverage = round(sum(sentence.weights[i] for i in backed) / sentence.total, 4)
    flags = [w > 0 and i in backed for i, w in enumerate(sentence.weights)]
    missing = [w > 0 and i not in backed for i, w in enumerate(sentence.weights)]
    # A noun phrase mostly unbacked, modifier included, is named whole: "green energy", not "green"
    # (the source may speak of energy, not of green energy). An unbacked head is named alone.
    for group in set(sentence.groups.values()):
        first = next((n for n, j in enumerate(group[:-1]) if missing[j]), None)
        if first is not None and 2 * sum(missing[j] for j in group) >= len(group):
            for j in group[first:]:
                missing[j] = True
    unbacked = _runs(sentence.text, sentence.tokens, missing)
    if coverage < UNSUPPORTED_BELOW:
        label = UNSUPPORTED
    elif unbacked:
        label = PARTIAL
    else:
        label = SUPPORTED
    return Support(label, coverage, tuple(_runs(sentence.text, sentence.tokens, flags)), tuple(unbacked))


def judge_passage(sentence: Sentence, backed: frozenset[int]) -> Support:
    """What one of several cited passages says of a sentence: all of it, part of it (at least a name,
    a figure or two words), or nothing to speak of."""
    support = judge(sentence, backed)
    if support.label == SUPPORTED:
        return support
    weight = sum(sentence.weights[i] for i in backed)
    return Support(
        PARTIAL if weight >= PART else UNSUPPORTED, support.coverage, support.backed, support.unbacked
    )


def assess(sentence: str, passages, aliases: Aliases = NO_ALIASES) -> Support:
    """How far `passages` (the texts a sentence cites) back `sentence`."""
    parsed = parse(sentence, aliases)
    backed = frozenset().union(*(backed_by(parsed, p, aliases) for p in passages))
    return judge(parsed, backed)


def _runs(text: str, tokens: tuple[Token, ...], marked: list[bool]) -> list[Phrase]:
    """Maximal runs of marked terms; unmarked function words between two marked terms join them."""
    runs: list[Phrase] = []
    current: list[Token] = []
    pending: list[Token] = []
    for token, mark in zip(tokens, marked, strict=True):
        if mark:
            current.extend(pending if current else [])
            current.append(token)
            pending = []
        elif (
            not token.salient
            and current
            and token.text[0].isalnum()
            and text[current[-1].end : token.start].strip(" -–") == ""
        ):
            pending.append(token)
        elif current:
            runs.append(Phrase(text[current[0].start : current[-1].end], current[0].start, current[-1].end))
            current, pending = [], []
    if current:
        runs.append(Phrase(text[current[0].start : current[-1].end], current[0].start, current[-1].end))
    return runs


PRONOUN_OPENING = re.compile(r"^\W*(?:it|this|that|they|these|those|he|she|its|their|his|her)\b", re.I)


def reading(source_text: str, start: int, end: int) -> str:
    """The text a passage is read in: with the sentence before it when it opens with a pronoun.

    "It was frozen in 2019" backs "the fund was frozen in 2019" when the sentence before names the fund.
    """
    passage = source_text[start:end]
    if not PRONOUN_OPENING.match(passage):
        return passage
    before = source_text[:start].rstrip()
    cut = max(before.rfind(". ", 0, len(before) - 1), before.rfind("\n", 0, len(before) - 1))
    return source_text[cut + 1 : end].strip() if cut >= 0 else source_text[:end]


def backing_spans(sentence: str, passage: str, aliases: Aliases = NO_ALIASES) -> list[tuple[int, int]]:
    """Where in `passage` the words are that back the sentence's terms (for highlighting)."""
    reading_ = _Passage.of(passage, aliases)
    wanted: set[int] = set()
    for token in tokenize(MARKER.sub("", sentence), aliases):
        if token.salient:
            wanted |= reading_.matches(token)
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokenize(passage, aliases)):
        if index not in wanted:
            continue
        if spans and passage[spans[-1][1] : token.start].strip(" ,-–") == "":
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


def support_score(support: Support) -> float:
    """One number to rank passages by: coverage, with partial and unsupported below every supported."""
    bonus = {SUPPORTED: 2.0, PARTIAL: 1.0, UNSUPPORTED: 0.0}[support.label]
    return round(bonus + support.coverage, 4)
