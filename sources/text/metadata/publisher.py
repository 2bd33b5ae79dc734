"""Who published a page, and what kind of page it is.

The publisher is read, surest first, from: an issuing body's "From:" line, its masthead on top
of the page, or the body a statement is "by"; a copyright or "Authorised by" line; a wire tag
("(Reuters)", "(AP)") named as the agency; a short brand line on top that the page names again
or prints in capitals; the branding the cleaner removed (its most repeated, best-cased form). The kind follows
the layout's cues in the lexicon (`data/metadata/*.toml`, `[kind]`).
"""

import functools
import re
from dataclasses import dataclass

from sources.text.cited import has_citation_markers
from sources.text.clean import Cleaned
from sources.text.clean.frame import masthead_name
from sources.text.clean.lines import plain_of
from sources.text.lexicon import Lexicon
from sources.text.metadata.byline import HEAD, LEDE_DATELINE, agency_named

TAIL = 12  # closing paragraphs searched for copyright and authorisation lines
TOP_LINES = 6  # opening lines searched for a masthead
COLUMNS = re.compile(r"\s{5,}")
SENTENCE_END = re.compile(r"(?<=\w{3})\.\s")  # not after an initial: "J. Smith"


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
        from_line=lex.pattern("metadata.headline.from_line"),
        domains={k.casefold(): v for k, v in lex.value("metadata.publisher.domains", {}).items()},
    )


def find_publisher(
    cleaned: Cleaned,
    paragraphs: list[str],
    lex: Lexicon,
    *,
    raw: str = "",
    headline: str = "",
    agency: str = "",
) -> str:
    """The publisher, surest cue first (see the module's docstring)."""
    return (
        _from_line(paragraphs, lex)
        or _issuer_on_top(raw, lex)
        or _statement_by(headline, lex)
        or _brand_on_top(raw, lex, first_only=True)
        or _stated(cleaned, paragraphs, lex)
        or agency_named(agency, lex)
        or _agency_in_top(paragraphs, lex)
        or _brand_on_top(raw, lex)
        or _branding(cleaned)
        or _masthead(cleaned)
    )


def _top_lines(raw: str) -> list[str]:
    """The page's first lines, a PDF's side-by-side columns split apart."""
    lines = []
    for line in raw.splitlines():
        if line.strip():
            lines.extend(part.strip() for part in COLUMNS.split(line.strip()) if part.strip())
        if len(lines) >= TOP_LINES:
            break
    return lines[:TOP_LINES]


def _issuer_on_top(raw: str, lex: Lexicon) -> str:
    """An issuing body's masthead among the first lines: "California Department of Insurance"."""
    issuers = lex.pattern("metadata.headline.issuers", flags=0, whole=True)
    for line in _top_lines(raw):
        name = _tidy(line)
        if issuers.match(name) and len(name.split()) <= 10:
            return name
    return ""


def _statement_by(headline: str, lex: Lexicon) -> str:
    """ "Joint Statement by the Government of X and the Government of Y on …": the first body named."""
    match = lex.pattern("metadata.headline.statement_by").search(headline)
    return match.group("body").strip() if match else ""


def _brand_on_top(raw: str, lex: Lexicon, *, first_only: bool = False) -> str:
    """A short brand line among the first lines that the page names again ("Search ANB News",
    "Follow Westbrook Policy Desk"), or a masthead in capitals. `first_only`: the page's first line
    past its chrome, the masthead a reader sees before a copyright line names the owning company."""
    labels = lex.pattern("metadata.headline.labels", whole=True)
    chrome = lex.pattern("furniture.page_chrome", whole=True)
    folded = raw.casefold()
    lines = _top_lines(raw)
    if first_only:
        lines = [line for line in lines if not chrome.match(line)][:1]
    for line in lines[:4]:
        words = len(line.split())
        if not 1 <= words <= 5 or labels.match(line) or line[-1:] in ".!?:" or not line[:1].isalpha():
            continue
        if folded.count(line.casefold()) >= 2 or (line.isupper() and words <= 4):
            return _best_cased(line, raw)
    return ""


def _best_cased(name: str, raw: str) -> str:
    """The brand as the page writes it in running text ("Kamaraj IAS Academy" for "KAMARAJ IAS ACADEMY")."""
    for match in re.finditer(re.escape(name), raw, re.IGNORECASE):
        if not match.group().isupper():
            return match.group()
    return _tidy(name)


def _tidy(name: str) -> str:
    return name.title() if name.isupper() and len(name) > 4 else name


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


def _masthead(cleaned: Cleaned) -> str:
    """The page's first line over its menu, which the cleaner took out as the masthead."""
    first = next(iter(cleaned.of_kind("masthead")), None)
    return _tidy(masthead_name(plain_of(first.text))) if first else ""


def _from_line(paragraphs: list[str], lex: Lexicon) -> str:
    pattern = _publishers(lex).from_line
    for paragraph in paragraphs[:HEAD]:
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
                name = SENTENCE_END.split(name)[0].strip()  # "The Associated Press. All rights …"
                if name and name.casefold() not in p.not_publishers and len(name.split()) <= 12:
                    return name
    return ""


def _agency_in_top(paragraphs: list[str], lex: Lexicon) -> str:
    """The agency tagged in the lede's dateline ("ACCRA, Jan 15 (AP) --"); before a colon, only an
    agency the lexicon knows: "HOST (Jane Roe): …" is a transcript's speaker."""
    for paragraph in paragraphs[:HEAD]:
        match = LEDE_DATELINE.match(paragraph)
        if match and match.group("agency"):
            known = agency_named(match.group("agency"), lex)
            if known or match.group("mark") != ":":
                return known or match.group("agency").strip()
    return ""


# --- Kind ------------------------------------------------------------------------------------------


def document_kind(
    text: str, paragraphs: list[str], lex: Lexicon, headline: str = "", publisher: str = "", removals=()
) -> str:
    """report, wire, press_release, official, summary, analysis, explainer or other, from the layout's cues."""
    top = paragraphs[:6]
    short = [p for p in paragraphs if len(p) < 200]

    def cue(kind: str) -> re.Pattern:
        return lex.pattern(f"metadata.kind.{kind}", flags=re.IGNORECASE | re.MULTILINE)

    if has_citation_markers(text) or (headline and cue("explainer").match(headline)):
        return "explainer"
    removed = [r.text.strip() for r in removals if len(r.text) < 200]
    if any(cue("press_release").search(p) for p in short + removed):
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


def find_caption(cleaned: Cleaned, raw: str, paragraphs: list[str], lex: Lexicon) -> str:
    """A photo's caption with its credit: the line whose closing credit the cleaner took out (the
    caption stays in the body, the credit goes), else a paragraph that reads like a caption."""
    for credit in cleaned.of_kind("image credit"):
        start = raw.rfind("\n", 0, credit.start) + 1
        end = raw.find("\n", credit.start)
        line = plain_of(raw[start : end if end >= 0 else len(raw)])
        if len(line) > len(credit.text) + 1:
            return line
    pattern = lex.pattern("metadata.caption.patterns")
    for paragraph in paragraphs:
        if len(paragraph.split()) <= 80 and pattern.search(paragraph):
            return paragraph
    return ""
