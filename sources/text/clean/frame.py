"""The page's frame around the story: the head above its first sentence (masthead, tagline,
issuing body, navigation, section labels) and the foot below its last (navigation, the
publisher's description of itself, a prompt to follow the brand).

The story is the run of prose paragraphs: twelve words or more ending a sentence or a clause. A
page with no prose has no frame, and nothing is taken from it here.
"""

import functools
import re

from sources.text.clean.assemble import wrap_width
from sources.text.clean.furniture import is_navigation
from sources.text.clean.lines import (
    BULLET,
    CLOSING,
    content,
    ends_open,
    paragraph_end,
    word_count,
)
from sources.text.clean.model import Line
from sources.text.lexicon import Lexicon

MASTHEAD = "masthead"
TAGLINE = "tagline"
SECTION = "section"
NAVIGATION = "navigation"
BLURB = "publisher blurb"
PROSE_WORDS = 12
WRAPPED = 0.6  # of the wrap width: a line this long runs on to the next (as the assembler reads it)
PROSE_END = ".!?;:,…"
CITATIONS = re.compile(r"(?:\s*\[\d{1,3}\])+$")
MASTHEAD_WORDS = 6
TAGLINE_WORDS = 12
ISSUER_WORDS = 10
SECTION_WORDS = 3  # a section label above the headline ("Climate crisis", "Rural")
MENU_MIN_LINES = 3
MENU_ITEM_WORDS = 3
MENU_LINE_WORDS = 15
MENU_SHARE = 2 / 3  # of a block's lines that must be short items (or furniture already found)
# Kinds of furniture a menu is made of: a masthead followed by one is a masthead.
MENU_KINDS = {"navigation", "page chrome", "share prompt", "promo", "branding", "comment count"}
TAIL_SHARE = 0.65  # a publisher's description of itself stands past this share of the page's words
BRAND_PROMPT_WORDS = 8
NAME = re.compile(r"[A-Z][a-z’'-]+(?:\s+[A-Z][a-z’'-]+){1,3}")
DESCRIBES = re.compile(r"(?:'s\s+)?(?:is|are|was|were|has been|have been)\b")


def _is_prose(text: str) -> bool:
    text = CITATIONS.sub("", text).rstrip(CLOSING + " ")
    return word_count(text) >= PROSE_WORDS and text[-1:] in PROSE_END


def body_span(lines: list[Line], kinds: list[str | None]) -> tuple[int, int] | None:
    """The indexes of the first and the last line of the story's prose, or None when there is none."""
    first = last = -1
    width = wrap_width(lines, kinds)
    i = 0
    while i < len(lines):
        if kinds[i] or not lines[i].plain or lines[i].is_cell:
            i += 1
            continue
        end = _paragraph_end(lines, kinds, i, width)
        if _is_prose(" ".join(lines[j].plain for j in range(i, end) if not kinds[j])):
            first = i if first < 0 else first
            last = end - 1
        i = end
    return (first, last) if first >= 0 else None


def _paragraph_end(lines: list[Line], kinds: list[str | None], i: int, width: int) -> int:
    """Past the paragraph opening at line `i`, its lines joined as the assembler joins them (a
    hard-wrapped line, a sentence split by a blank line or by furniture), so that cleaning the
    clean text again finds the same story."""
    text, last = lines[i].plain, i
    while True:
        after = next((j for j in range(last + 1, len(lines)) if lines[j].plain and not kinds[j]), None)
        if after is None or lines[after].is_cell or lines[last].is_cell:
            return last + 1
        plain = lines[after].plain
        wrapped = (
            width
            and after == last + 1
            and not BULLET.match(plain)
            and len(lines[last].plain) >= WRAPPED * width
        )
        split = ends_open(text) and plain[0].islower() and word_count(text) >= 6
        if not (wrapped or split):
            return last + 1
        text, last = f"{text} {plain}", after


def mark_frame(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    span = body_span(lines, kinds)
    if span is None:
        return
    head = [i for i in content(lines, kinds) if i < span[0]]
    _mark_masthead(lines, kinds, [i for i in head if not lines[i].is_cell], lex)
    _mark_issuers(lines, kinds, head, lex)
    _mark_menus(lines, kinds, range(0, span[0]), among_furniture=False)
    _mark_sections(lines, kinds, head)
    _mark_menus(lines, kinds, range(span[1] + 1, len(lines)), among_furniture=True)
    _mark_brand_lines(lines, kinds, lex)


def _words(plain: str) -> int:
    """Words, not the dashes and bars between them ("Academy – Daily Current Affairs": four)."""
    return sum(any(ch.isalnum() for ch in token) for token in plain.split())


def _block_after(lines: list[Line], i: int) -> list[int]:
    """The next line, and the one after it when no blank line parts them (a tagline, then the menu)."""
    after = next((j for j in range(i + 1, len(lines)) if lines[j].plain), None)
    if after is None:
        return []
    return (
        [after, after + 1]
        if after + 1 < len(lines) and lines[after + 1].plain and after == i + 1
        else [after]
    )


def _is_menu_line(lines: list[Line], kinds: list[str | None], i: int, lex: Lexicon) -> bool:
    return (
        kinds[i] in MENU_KINDS
        or is_navigation(lines[i].plain, lex)
        or (kinds[i] is None and not lines[i].blank_before and word_count(lines[i].plain) <= MENU_ITEM_WORDS)
    )


def _mark_masthead(lines: list[Line], kinds: list[str | None], head: list[int], lex: Lexicon) -> None:
    """The page's first line, short and unpunctuated, over a menu or in capitals: the brand. The
    line right under it, without a blank line between, is its tagline ("Policy explained, with sources")."""
    if len(head) < 2 or any(kinds[i] == "branding" for i in range(head[0])):
        return  # the brand on top is found already
    first = head[0]
    plain = lines[first].plain
    if (
        _words(plain) > MASTHEAD_WORDS
        or _names_someone_only_here(lines, first, lex)
        or not ends_open(plain)
        or not any(ch.isalpha() for ch in plain)
        or BULLET.match(plain)
    ):
        return
    if not (plain.isupper() or any(_is_menu_line(lines, kinds, j, lex) for j in _block_after(lines, first))):
        return
    kinds[first] = MASTHEAD
    following = first + 1
    if (
        following < len(lines)
        and kinds[following] is None
        and lines[following].plain
        and MENU_ITEM_WORDS < word_count(lines[following].plain) <= TAGLINE_WORDS
        and ends_open(lines[following].plain.rstrip("."))
        and not is_navigation(lines[following].plain, lex)
    ):
        kinds[following] = TAGLINE


def _mark_issuers(lines: list[Line], kinds: list[str | None], head: list[int], lex: Lexicon) -> None:
    """An issuing body or office-holder on top ("Ministry of Mines", "The Hon. Jane Roe MP")."""
    issuers = lex.pattern("metadata.headline.issuers", flags=0, whole=True)
    for i in head:
        plain = lines[i].plain
        if (
            kinds[i] is None
            and word_count(plain) <= ISSUER_WORDS
            and issuers.match(plain)
            and not _names_someone_only_here(lines, i, lex)
        ):
            kinds[i] = MASTHEAD


def _names_someone_only_here(lines: list[Line], i: int, lex: Lexicon) -> bool:
    """A line ending in a title and a person's full name that the page prints nowhere else ("Office
    of Governor Adrian Castellanos"): it stays in the body, where the story's people are read."""
    words = lines[i].plain.split()
    heads = lex.words("roles.heads")
    for at in range(len(words) - 2, -1, -1):
        if words[at].casefold() in heads:
            name = " ".join(word for word in words[at + 1 :] if not word.isupper())
            if NAME.fullmatch(name):
                return sum(name in line.plain for line in lines) <= 1
            return False
    return False


def _mark_menus(lines: list[Line], kinds: list[str | None], region: range, *, among_furniture: bool) -> None:
    """A block of lines without a blank between them, most of them items of one to three words and
    none a sentence: a menu laid out one item a line ("Home / World / Business / …"). Below the story
    a list of terms looks the same: there a menu stands among furniture (in the block or right above it)."""
    block: list[int] = []
    for i in [*region, None]:
        if i is not None and lines[i].plain and not lines[i].is_cell:
            block.append(i)
            continue
        if _is_menu(lines, kinds, block) and (not among_furniture or _among_furniture(lines, kinds, block)):
            for j in block:
                kinds[j] = kinds[j] or NAVIGATION
        block = []


def _among_furniture(lines: list[Line], kinds: list[str | None], block: list[int]) -> bool:
    above = next((j for j in range(block[0] - 1, -1, -1) if lines[j].plain), None)
    return any(kinds[i] is not None for i in block) or (above is not None and kinds[above] is not None)


def _is_menu(lines: list[Line], kinds: list[str | None], block: list[int]) -> bool:
    if len(block) < MENU_MIN_LINES:
        return False
    open_lines = [i for i in block if kinds[i] is None]
    short = sum(kinds[i] is not None or word_count(lines[i].plain) <= MENU_ITEM_WORDS for i in block)
    return (
        bool(open_lines)
        and short >= MENU_SHARE * len(block)
        and all(_is_menu_item(lines[i].plain) for i in open_lines)
    )


def _is_menu_item(plain: str) -> bool:
    """A menu's item: not a sentence, no figures (a fact box's "250 million tonnes" is no menu)."""
    return word_count(plain) <= MENU_LINE_WORDS and ends_open(plain) and not any(ch.isdigit() for ch in plain)


def _mark_sections(lines: list[Line], kinds: list[str | None], head: list[int]) -> None:
    """Short labels above the headline ("Climate crisis", "EXPLAINER", "Rural"): a longer line
    further down the head is there to be the headline. Under it, a short line between two lines of
    furniture is one too (a release's portfolio, "Agriculture", between its date and its share row);
    other short lines under it are a list, or a menu when no blank line parts them."""
    open_lines = [i for i in head if kinds[i] is None]
    last_long = max((i for i in open_lines if word_count(lines[i].plain) > SECTION_WORDS), default=-1)
    for i in open_lines:
        plain = lines[i].plain.rstrip(":")
        short = word_count(plain) <= SECTION_WORDS and ends_open(plain) and not BULLET.match(plain)
        if short and (i < last_long or _between_furniture(lines, kinds, i)):
            kinds[i] = SECTION


def _between_furniture(lines: list[Line], kinds: list[str | None], i: int) -> bool:
    above = next((j for j in range(i - 1, -1, -1) if lines[j].plain), None)
    below = next((j for j in range(i + 1, len(lines)) if lines[j].plain), None)
    return above is not None and below is not None and kinds[above] is not None and kinds[below] is not None


@functools.cache
def _tagline_dash() -> re.Pattern:
    return re.compile(r"\s+[–—|-]\s+")


def masthead_name(plain: str) -> str:
    """The name a masthead line prints before its tagline: "The Ledger" of "The Ledger – news for all"."""
    return _tagline_dash().split(plain, maxsplit=1)[0].strip()


def _brands(lines: list[Line], kinds: list[str | None]) -> list[str]:
    """The publisher's name as the page's top prints it (a masthead, repeated branding)."""
    names = []
    for i, kind in enumerate(kinds):
        if kind in (MASTHEAD, "branding") and _words(lines[i].plain) <= MASTHEAD_WORDS:
            name = masthead_name(lines[i].plain)
            if name and name.casefold() not in names:
                names.append(name.casefold())
    return names


def _mark_brand_lines(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """Near the foot: the publisher describing itself ("Flowline is an independent policy desk. …")
    and short prompts naming the brand ("Follow Westbrook Policy Desk")."""
    brands = _brands(lines, kinds)
    blurb = lex.pattern("furniture.publisher_blurbs", whole=True)
    found = content(lines, kinds)
    total = sum(word_count(lines[i].plain) for i in found) or 1
    promo = lex.literal_pattern("furniture.promo_words")
    before = 0
    for i in found:
        plain = lines[i].plain
        folded = plain.casefold()
        if before >= TAIL_SHARE * total and kinds[i] is None:
            brand = next((b for b in brands if folded.startswith(b)), None)
            describes = brand is not None and DESCRIBES.match(plain[len(brand) :].lstrip())
            if (describes or blurb.match(plain)) and not ends_open(plain):
                for j in range(i, paragraph_end(lines, i)):
                    kinds[j] = kinds[j] or BLURB
            elif (
                word_count(plain) <= BRAND_PROMPT_WORDS
                and any(b in folded for b in brands)
                and promo.search(plain)
            ):
                kinds[i] = "promo"
        before += word_count(plain)
