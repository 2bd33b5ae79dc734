"""The headline of a clean text: the first paragraph that reads like one, past labels and mastheads."""

import re

from sources.text.clean.lines import BULLET, ends_open, word_count

NOT_HEADLINE = re.compile(
    r"^(?:written |reported |posted |edited )?by\b|\b(?:updated|published|posted)\b|\d{4}$|^\(", re.IGNORECASE
)
MASTHEAD = re.compile(
    r"(?:(?:U\.S\.|US|The)\s+)?(?:Ministry|Department|Government|Office|Embassy|High Commission|Consulate"
    r"|Press Information Bureau|Bureau|Secretariat|Council|Prime Minister'?s Office|White House|Media Centre)"
    r"(?:\s+(?:of|for|to)(?:,?\s+(?:the|and|&|[A-Z][\w'.-]*)){1,6})?"
)
LABEL_LINE = re.compile(
    r"(?:press release|news release|media (?:note|release|advisory)|for immediate release|statement|readout"
    r"|fact sheet|joint statement|analysis|opinion|explained|explainer|breaking(?: news)?|exclusive|live"
    r"|updated|press information bureau)\s*:?",
    re.IGNORECASE,
)


def _headline(text: str) -> str:
    return headline_of([p for p in text.split("\n\n") if p.strip()])


def headline_of(paragraphs: list[str]) -> str:
    """The first paragraph that reads like a headline, past labels ("PRESS RELEASE") and masthead lines.

    Stops at the first prose paragraph: a text that opens with prose has no headline.
    """
    for paragraph in paragraphs[:6]:
        line = paragraph.strip()
        if LABEL_LINE.fullmatch(line) or _is_masthead(line) or NOT_HEADLINE.search(line):
            continue
        if BULLET.match(line) or word_count(line) > 25 or not (ends_open(line) or line.endswith("?")):
            return ""
        return line
    return ""


def _is_masthead(line: str) -> bool:
    """An issuing body's name on its own line, e.g. "Ministry of Mines" or "Government of India"."""
    return word_count(line) <= 8 and MASTHEAD.fullmatch(line) is not None
