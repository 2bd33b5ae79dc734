"""A document's conventions (en-US, en-GB, en-IN…), inferred from the text when nobody states them.

The cues live in `lexicon/data/locale/default.toml`: e-mail and web domains, time-zone
abbreviations, currency marks, dateline places, words only one country's news uses, and spellings
(-our/-ise against -or/-ize). Each cue found adds its kind's weight to its locale, counted at most
twice per kind so one repeated city does not decide alone, and places and words only near the
top, where the dateline and masthead are; a locale also counts its parents'
scores (en-AU counts the Commonwealth spellings that point to en-GB). The best locale is returned
when its score reaches `settle` and it leads every locale outside its own family line by `margin`.
"""

import functools
import re
from collections import defaultdict
from dataclasses import dataclass

from sources.text.lexicon import Lexicon, chain, lexicon

DOMAIN = re.compile(
    r"(?:(?<=@)|(?<=://)|(?<=\bwww\.)|(?<![\w.@/-]))((?:[a-z0-9-]+\.)+[a-z]{2,6})(?![\w-])", re.IGNORECASE
)
PER_KIND = 2  # distinct hits of one kind counted per locale
# Places and words count only in the page's frame and lede: further down they are the story's
# subject (a Kenyan paper writing about Brussels), not its conventions.
FRAME = 2000
# Only the page's top and bottom are read: conventions show in the frame and the footer, and the
# import must stay fast on long documents.
HEAD_CHARS = 6000
TAIL_CHARS = 2000
WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class _Cues:
    literals: re.Pattern  # places, words and zones, case kept
    literal_owners: dict[str, tuple[tuple[str, str], ...]]  # literal → ((locale, kind), …)
    currency: tuple[tuple[re.Pattern, str], ...]  # (pattern, locale): one scan each keeps its fast prefix
    spelling_family: dict[str, str]  # casefolded word → locale
    domains: tuple[tuple[str, str], ...]  # (suffix, locale), longest first


@functools.cache
def _cues(lex: Lexicon) -> _Cues:
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    currency: list[tuple[re.Pattern, str]] = []
    domains: list[tuple[str, str]] = []
    for locale, cue in lex.value("locale.cue", {}).items():
        for kind in ("places", "words", "zones"):
            for literal in cue.get(kind, ()):
                owners[literal].append((locale, kind))
        currency.extend((re.compile(pattern), locale) for pattern in cue.get("currency", ()))
        domains.extend((suffix.casefold().lstrip("."), locale) for suffix in cue.get("domains", ()))
    literals = sorted(owners, key=len, reverse=True)
    family = lex.value("locale.spelling.family", {})
    spelling = {
        word.casefold(): family[group] for group in family for word in lex.phrases(f"locale.spelling.{group}")
    }
    return _Cues(
        literals=re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, literals)) + r")(?![\w])"),
        literal_owners={key: tuple(value) for key, value in owners.items()},
        currency=tuple(currency),
        spelling_family=spelling,
        domains=tuple(sorted(domains, key=lambda item: len(item[0]), reverse=True)),
    )


def locale_scores(raw: str, lex: Lexicon | None = None) -> dict[str, float]:
    """Each locale's own score from the cues in `raw` (before parents are counted)."""
    lex = lex or lexicon("")
    cues = _cues(lex)
    weights = lex.value("locale.weights")
    if len(raw) > HEAD_CHARS + TAIL_CHARS:
        raw = raw[:HEAD_CHARS] + "\n" + raw[-TAIL_CHARS:]  # the frame, the lede and the footer
    hits: dict[tuple[str, str], set[str]] = defaultdict(set)
    for match in cues.literals.finditer(raw):
        for locale, kind in cues.literal_owners.get(match.group(), ()):
            if kind == "zones" or match.start() < FRAME:
                hits[locale, kind].add(match.group())
    for pattern, locale in cues.currency:
        for match in pattern.finditer(raw):
            hits[locale, "currency"].add(match.group())
    for match in DOMAIN.finditer(raw):
        domain = match.group(1).casefold()
        for suffix, locale in cues.domains:
            if domain == suffix or domain.endswith("." + suffix):
                hits[locale, "domains"].add(domain)
                break
    scores: dict[str, float] = defaultdict(float)
    for (locale, kind), found in hits.items():
        scores[locale] += weights[kind] * min(len(found), PER_KIND)
    spelled: dict[str, float] = defaultdict(float)
    for word in WORD.findall(raw):
        family = cues.spelling_family.get(word.casefold())
        if family:
            spelled[family] += weights["spelling"]
    for locale, score in spelled.items():
        scores[locale] += min(score, weights["spelling_cap"])
    return dict(scores)


def infer_locale(raw: str) -> str:
    """The locale whose conventions `raw` follows, or "" when the text does not settle it."""
    lex = lexicon("")
    own = locale_scores(raw, lex)
    if not own:
        return ""
    lines = {locale: chain(locale)[1:] for locale in lex.value("locale.cue", {})}
    totals = {locale: sum(own.get(name, 0.0) for name in line) for locale, line in lines.items()}
    # The most specific locale among the best: en-AU over en-GB when only en-AU has cues of its own.
    best = max(totals, key=lambda locale: (totals[locale], own.get(locale, 0.0) > 0, len(lines[locale])))
    if totals[best] < lex.value("locale.settle"):
        return ""
    rivals = [totals[locale] for locale in totals if locale not in lines[best] and best not in lines[locale]]
    if rivals and totals[best] - max(rivals) < lex.value("locale.margin"):
        return ""
    return best
