"""Who published a page, and what kind of page it is.

The publisher is read, surest first, from: the branding the cleaner removed (its most repeated,
best-cased form); an issuing body's "From:" line; a copyright or "Authorised by" line; a wire tag
("(Reuters)", "(AP)") named as the agency; a publisher's e-mail or web domain. The kind follows
the layout's cues in the lexicon (`data/metadata/*.toml`, `[kind]`).
"""

import functools
import re
from dataclasses import dataclass

from sources.text.cited import has_citation_markers
from sources.text.clean import Cleaned
from sources.text.lexicon import Lexicon
from sources.text.metadata.byline import LEDE_DATELINE, TOP_PARAGRAPHS, agency_named

TAIL = 12  # closing paragraphs searched for copyright and authorisation lines


@dataclass(frozen=True)
class _Publishers:
    patterns: tuple[re.Pattern, ...]
    suffixes: re.Pattern
    not_publishers: frozenset[str]
    from_line: re.Pattern
    domains: dict[str, str]


@functools.cache
def _publishers(lex: Lexicon) -> _Publishers:
    return _Publishers(
        patterns=tuple(re.compile(p) for p in lex.phrases("metadata.publisher.patterns")),
        suffixes=lex.pattern("metadata.publisher.suffixes", flags=0),
        not_publishers=lex.words("metadata.publisher.not_publishers"),
        from_line=re.compile(lex.value("metadata.headline.from_line"), re.IGNORECASE),
        domains={k.casefold(): v for k, v in lex.value("metadata.publisher.domains", {}).items()},
    )


def find_publisher(cleaned: Cleaned, paragraphs: list[str], lex: Lexicon, agency: str = "") -> str:
    return (
        _branding(cleaned)
        or _from_line(paragraphs, lex)
        or _stated(cleaned, paragraphs, lex)
        or agency_named(agency, lex)
        or _agency_in_top(paragraphs, lex)
    )


def _branding(cleaned: Cleaned) -> str:
    brands = [removal.text.replace("*", "").strip() for removal in cleaned.of_kind("branding")]
    if not brands:
        return ""
    counts: dict[str, int] = {}
    for brand in brands:
        counts[brand.casefold()] = counts.get(brand.casefold(), 0) + 1
    best = max(counts, key=lambda key: counts[key])
    forms = [brand for brand in brands if brand.casefold() == best]
    return next((form for form in forms if not form.isupper()), forms[0].title())


def _from_line(paragraphs: list[str], lex: Lexicon) -> str:
    pattern = _publishers(lex).from_line
    for paragraph in paragraphs[: TOP_PARAGRAPHS + 6]:
        match = pattern.match(paragraph.strip())
        if match:
            return match.group("body").strip()
    return ""


def _stated(cleaned: Cleaned, paragraphs: list[str], lex: Lexicon) -> str:
    """A copyright, "Authorised by" or "Published by" line, in the removed furniture or the closing lines."""
    p = _publishers(lex)
    lines = [r.text for r in cleaned.removed if len(r.text) < 300]
    lines += paragraphs[-TAIL:]
    for text in lines:
        for line in text.splitlines():
            line = " ".join(line.replace("*", "").split())
            for pattern in p.patterns:
                match = pattern.search(line)
                if not match:
                    continue
                name = p.suffixes.sub("", match.group("name").strip(" .,")).strip(" .,")
                name = name.split(". ")[0].strip()
                if name and name.casefold() not in p.not_publishers and len(name.split()) <= 12:
                    return name
    return ""


def _agency_in_top(paragraphs: list[str], lex: Lexicon) -> str:
    for paragraph in paragraphs[: TOP_PARAGRAPHS + 4]:
        match = LEDE_DATELINE.match(paragraph)
        if match and match.group("agency"):
            return agency_named(match.group("agency"), lex) or match.group("agency").strip()
    return ""


# --- Kind ------------------------------------------------------------------------------------------


def document_kind(
    text: str, paragraphs: list[str], lex: Lexicon, headline: str = "", publisher: str = ""
) -> str:
    """report, wire, press_release, official, summary, analysis, explainer or other, from the layout's cues."""
    top = paragraphs[:6]
    short = [p for p in paragraphs if len(p) < 200]

    def cue(kind: str) -> re.Pattern:
        return lex.pattern(f"metadata.kind.{kind}", flags=re.IGNORECASE | re.MULTILINE)

    if has_citation_markers(text) or (headline and cue("explainer").match(headline)):
        return "explainer"
    if any(cue("press_release").search(p) for p in short):
        return "press_release"
    if sum(bool(cue("transcript").search(p)) for p in paragraphs) >= 2:
        return "official"
    if any(cue("official").search(p) for p in top if len(p) < 120):
        return "official"
    if sum(bool(cue("treaty").search(p)) for p in paragraphs) >= 2:
        return "official"
    if any(cue("wire").search(p) for p in paragraphs) or _agency_in_top(paragraphs, lex):
        return "wire"
    strong = sum(bool(cue("study_strong").match(p)) for p in short)
    weak = sum(bool(cue("study_weak").match(p)) for p in short)
    if strong >= 2 or (strong and weak) or (cue("study_brand").search(publisher) and strong + weak):
        return "summary"
    analysis = cue("analysis")
    if any(analysis.search(p) for p in top) or any(analysis.search(p) for p in paragraphs[-2:]):
        return "analysis"
    if sum(len(p.split()) for p in paragraphs) < 25:
        return "other"
    return "report"


def find_caption(paragraphs: list[str], lex: Lexicon) -> str:
    pattern = lex.pattern("metadata.caption.patterns")
    for paragraph in paragraphs:
        if len(paragraph.split()) <= 80 and pattern.search(paragraph):
            return paragraph
    return ""
