"""A document's conventions (en-US, en-GB, en-IN…), inferred from the text when nobody states them.

The cues live in `lexicon/data/locale/default.toml`: e-mail and web domains, time-zone
abbreviations, a wire agency's tag, currency marks (and the currency an amount is converted into
for the reader), date forms, places, words only one country's news uses (the stronger in the
page's masthead), and spellings (-our/-ise against -or/-ize). Each cue found adds its kind's
weight to its locale, counted at most twice per kind so one repeated city does not decide alone,
and places and words only near the top, where the dateline and masthead are. A wire story's places
are where the news happened, not whose conventions it follows: with a wire tag they do not count.

A locale also counts its parents' scores (en-AU counts the Commonwealth spellings that point to
en-GB). The best locale is returned when its score reaches `settle` and it leads every locale
outside its own family line by `margin`. Whether the text says enough counts every cue; which
locale it says weighs the page's frame (its top and its foot) over the story in between, where a
Kenyan paper's story about Brussels names Brussels. When two countries of one family stay level,
the family's own locale is returned if the text settles the family (a British-spelt page about
Kenya and the EU follows en-GB's conventions).
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
# The page's top (masthead, headline, byline, dateline) and foot (footer, copyright), where a cue
# speaks for the page; in between, in the story, it counts `weights.story` of its weight when
# locales are compared.
TOP_CHARS = 900
FOOT_CHARS = 600
# Only the page's top and bottom are read: conventions show in the frame and the footer, and the
# import must stay fast on long documents.
HEAD_CHARS = 6000
TAIL_CHARS = 2000
WORD = re.compile(r"[A-Za-z]+")
# An amount converted for the reader, in brackets after one in another currency: "NZ$1.9 billion
# (S$1.48 billion)", "€5.2 million (approx. ₹49 crore)". The bracket's currency is the reader's.
CONVERTED = re.compile(
    r"(?:\d|million|billion|bn|mn|mln|crore|lakh)(?:\s+[a-z]+){0,3}\s*\(\s*"
    r"(?:approx(?:imately|\.)?|about|around|roughly|some|or)?\s*$",
    re.IGNORECASE,
)
MASTHEAD_WORDS = 6  # the page's first line, when this short, is its masthead
PATTERN_KINDS = ("currency", "date_forms")  # kinds listed as regular expressions
LITERAL_KINDS = ("places", "words", "zones", "wires")


@dataclass(frozen=True)
class _Cues:
    literals: re.Pattern  # places, words, zones and wire tags, case kept
    literal_owners: dict[str, tuple[tuple[str, str], ...]]  # literal → ((locale, kind), …)
    patterns: tuple[
        tuple[re.Pattern, str, str], ...
    ]  # (pattern, locale, kind): one scan each keeps its fast prefix
    spelling_family: dict[str, str]  # casefolded word → locale
    domains: tuple[tuple[str, str], ...]  # (suffix, locale), longest first


@functools.cache
def _cues(lex: Lexicon) -> _Cues:
    owners: dict[str, list[tuple[str, str]]] = defaultdict(list)
    patterns: list[tuple[re.Pattern, str, str]] = []
    domains: list[tuple[str, str]] = []
    for locale, cue in lex.value("locale.cue", {}).items():
        for kind in LITERAL_KINDS:
            for literal in cue.get(kind, ()):
                owners[literal].append((locale, kind))
        for kind in PATTERN_KINDS:
            patterns.extend((re.compile(pattern), locale, kind) for pattern in cue.get(kind, ()))
        domains.extend((suffix.casefold().lstrip("."), locale) for suffix in cue.get("domains", ()))
    literals = sorted(owners, key=len, reverse=True)
    family = lex.value("locale.spelling.family", {})
    spelling = {
        word.casefold(): family[group] for group in family for word in lex.phrases(f"locale.spelling.{group}")
    }
    return _Cues(
        literals=re.compile(r"(?<![\w.])(?:" + "|".join(map(re.escape, literals)) + r")(?![\w])"),
        literal_owners={key: tuple(value) for key, value in owners.items()},
        patterns=tuple(patterns),
        spelling_family=spelling,
        domains=tuple(sorted(domains, key=lambda item: len(item[0]), reverse=True)),
    )


def locale_scores(raw: str, lex: Lexicon | None = None, *, story: float = 1.0) -> dict[str, float]:
    """Each locale's own score from the cues in `raw` (before parents are counted); a cue in the
    story, between the page's top and foot, counts `story` of its weight."""
    lex = lex or lexicon("")
    return _scores(_found(raw, lex), lex, story)


@dataclass(frozen=True)
class _Found:
    hits: dict[tuple[str, str], dict[str, bool]]  # (locale, kind) → cue text → whether it is in the frame
    spelled: dict[str, float]  # locale → spelling score


def _found(raw: str, lex: Lexicon) -> _Found:
    cues = _cues(lex)
    weights = lex.value("locale.weights")
    if len(raw) > HEAD_CHARS + TAIL_CHARS:
        raw = raw[:HEAD_CHARS] + "\n" + raw[-TAIL_CHARS:]  # the frame, the lede and the footer
    foot = len(raw) - FOOT_CHARS
    hits: dict[tuple[str, str], dict[str, bool]] = defaultdict(dict)

    def hit(locale: str, kind: str, text: str, position: int) -> None:
        found = hits[locale, kind]
        found[text] = found.get(text, False) or position < TOP_CHARS or position >= foot

    literals = [(match.group(), match.start()) for match in cues.literals.finditer(raw)]
    wired = any(kind == "wires" for text, _ in literals for _, kind in cues.literal_owners.get(text, ()))
    for text, position in literals:
        for locale, kind in cues.literal_owners.get(text, ()):
            if kind == "places" and wired:
                continue
            if kind in ("zones", "wires") or position < FRAME:
                hit(locale, kind, text, position)
    masthead = _masthead(raw, lex)
    for text, position in literals:
        for locale, kind in cues.literal_owners.get(text, ()):
            if kind in ("places", "words") and position < len(masthead):
                hit(locale, "mastheads", text, position)
    for pattern, locale, kind in cues.patterns:
        for match in pattern.finditer(raw):
            hit(locale, kind, match.group(), match.start())
            if kind == "currency" and CONVERTED.search(raw, max(0, match.start() - 40), match.start()):
                hit(locale, "conversions", match.group(), 0)  # the reader's currency speaks for the page
    for match in DOMAIN.finditer(raw):
        domain = match.group(1).casefold()
        for suffix, locale in cues.domains:
            if domain == suffix or domain.endswith("." + suffix):
                hit(locale, "domains", domain, match.start())
                break
    spelled: dict[str, float] = defaultdict(float)
    for word in WORD.findall(raw):
        family = cues.spelling_family.get(word.casefold())
        if family:
            spelled[family] += weights["spelling"]
    return _Found(hits, spelled)


def _masthead(raw: str, lex: Lexicon) -> str:
    """The page from its start to the end of its first line past the chrome, when that line is short
    enough to be its masthead ("The Singapore Ledger", "Rural Radio Aotearoa"); else ""."""
    chrome = lex.pattern("furniture.page_chrome", whole=True)
    end = 0
    for line in raw[:FRAME].split("\n"):
        end += len(line) + 1
        plain = line.strip(" *#\t")
        if plain and not chrome.match(plain):
            return raw[:end] if len(plain.split()) <= MASTHEAD_WORDS else ""
    return ""


def _scores(found: _Found, lex: Lexicon, story: float) -> dict[str, float]:
    weights = lex.value("locale.weights")
    scores: dict[str, float] = defaultdict(float)
    for (locale, kind), texts in found.hits.items():
        shares = sorted((1.0 if framed else story for framed in texts.values()), reverse=True)
        scores[locale] += weights[kind] * sum(shares[:PER_KIND])
    for locale, score in found.spelled.items():
        scores[locale] += min(score, weights["spelling_cap"])
    return dict(scores)


def infer_locale(raw: str) -> str:
    """The locale whose conventions `raw` follows, or "" when the text does not settle it."""
    lex = lexicon("")
    found = _found(raw, lex)
    every = _scores(found, lex, 1.0)
    if not every:
        return ""
    framed = _scores(found, lex, lex.value("locale.weights.story"))
    lines = {locale: chain(locale)[1:] for locale in lex.value("locale.cue", {})}

    def totals(own: dict[str, float]) -> dict[str, float]:
        return {locale: sum(own.get(name, 0.0) for name in line) for locale, line in lines.items()}

    said, weighed = totals(every), totals(framed)
    # The most specific locale among the best: en-AU over en-GB when only en-AU has cues of its own.
    best = max(weighed, key=lambda locale: (weighed[locale], framed.get(locale, 0.0) > 0, len(lines[locale])))
    settle = lex.value("locale.settle")
    if said[best] < settle:
        return ""
    rivals = [locale for locale in weighed if locale not in lines[best] and best not in lines[locale]]
    rival = max(rivals, key=lambda locale: weighed[locale], default=None)
    if rival is None or weighed[best] - weighed[rival] >= lex.value("locale.margin"):
        return best
    return _family(lines[best], lines[rival], every, settle)


def _family(line: tuple[str, ...], other: tuple[str, ...], every: dict[str, float], settle: float) -> str:
    """The locale two level rivals descend from, when the text settles it: its own cues (spelling)
    and the weaker rival's, which point inside the family too, reach `settle`."""
    common = [locale for locale in line if locale in other]
    if not common or not every.get(common[-1]):
        return ""
    parent = common[-1]
    return (
        parent if every[parent] + min(every.get(line[-1], 0.0), every.get(other[-1], 0.0)) >= settle else ""
    )
