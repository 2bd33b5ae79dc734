"""The labelled evidence corpus in tests/data/evidence/: loading it and scoring the support checker on it."""

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from sources.text.normalize import words
from sources.text.terms import LABELS, SUPPORTED, Support, assess, reading

CORPUS = Path(__file__).parent / "data" / "evidence"


@dataclass(frozen=True)
class Pair:
    story: str
    sentence: str
    passages: tuple[str, ...]  # each as read in its source (see `reading`)
    label: str
    unbacked: tuple[str, ...]


@dataclass
class Scores:
    pairs: int = 0
    true_positive: int = 0  # "partial or unsupported" found where the label says so
    false_positive: int = 0
    false_negative: int = 0
    correct: int = 0
    terms: int = 0  # labelled unbacked terms
    terms_found: int = 0  # of those, named (in part) by the checker
    misses: list[tuple[Pair, Support]] = field(default_factory=list)

    @property
    def precision(self) -> float:
        flagged = self.true_positive + self.false_positive
        return self.true_positive / flagged if flagged else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positive + self.false_negative
        return self.true_positive / wanted if wanted else 1.0

    @property
    def accuracy(self) -> float:
        return self.correct / self.pairs if self.pairs else 1.0

    @property
    def term_recall(self) -> float:
        return self.terms_found / self.terms if self.terms else 1.0


def load(folder: Path = CORPUS) -> list[Pair]:
    pairs = []
    for path in sorted(folder.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for number, item in enumerate(data["pairs"], 1):
            names = item.get("sources") or [item["source"]]
            quotes = item.get("passages") or [item["passage"]]
            passages = []
            for name, quote in zip(names, quotes, strict=True):
                text = data["sources"][name]["text"]
                start = text.find(quote)
                if start < 0:
                    raise ValueError(f"{path.name}: pair {number}: passage not found in source {name!r}")
                passages.append(reading(text, start, start + len(quote)))
            if item["label"] not in LABELS:
                raise ValueError(f"{path.name}: pair {number}: unknown label {item['label']!r}")
            pairs.append(
                Pair(
                    path.stem,
                    item["sentence"],
                    tuple(passages),
                    item["label"],
                    tuple(item.get("unbacked", ())),
                )
            )
    return pairs


def score(pairs: list[Pair]) -> Scores:
    scores = Scores()
    for pair in pairs:
        support = assess(pair.sentence, pair.passages)
        gold, found = pair.label != SUPPORTED, support.label != SUPPORTED
        scores.pairs += 1
        scores.true_positive += gold and found
        scores.false_positive += found and not gold
        scores.false_negative += gold and not found
        scores.correct += support.label == pair.label
        named = {w for phrase in support.unbacked_terms for w in words(phrase)}
        for term in pair.unbacked:
            scores.terms += 1
            scores.terms_found += bool(set(words(term)) & named)
        if support.label != pair.label:
            scores.misses.append((pair, support))
    return scores
