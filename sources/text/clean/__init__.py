"""Page-furniture removal: turn a raw news-like page (or a PDF's text layer) into clean reading text
and record every removal. What counts as furniture is data: the lexicon's `furniture` lists.

Lines that state the page's own metadata leave the body too, as kinds of their own: bylines and date
lines (`metalines`), the masthead, tagline and section labels around the headline (`frame`); the
metadata stage reads them back from `Cleaned.removed`, so they show once, as metadata."""

from sources.text.clean.assemble import assemble, blank_runs, units, wrap_width
from sources.text.clean.contact import is_address_line, mark_addresses_and_branding
from sources.text.clean.frame import mark_frame
from sources.text.clean.furniture import (
    line_kind,
    mark_curation,
    mark_line_furniture,
    mark_masthead,
    mark_promo_boxes,
    mark_repeated_promos,
    mark_teaser_blocks,
)
from sources.text.clean.headline import (
    LABEL_LINE,
    MASTHEAD,
    NOT_HEADLINE,
    _headline,
    _is_masthead,
    headline_of,
)
from sources.text.clean.lines import content_start, split_lines
from sources.text.clean.metalines import STATED, mark_stated_lines
from sources.text.clean.model import Cleaned, Removal
from sources.text.clean.pdf import mark_hyphens, mark_running_heads, split_columns
from sources.text.clean.sections import mark_sections
from sources.text.clean.suspects import furniture_doubts
from sources.text.lexicon import Lexicon, lexicon

__all__ = [
    "LABEL_LINE",
    "MASTHEAD",
    "NOT_HEADLINE",
    "STATED",
    "Cleaned",
    "Removal",
    "_headline",
    "_is_masthead",
    "clean_text",
    "headline_of",
    "is_address_line",
    "line_kind",
]


def clean_text(raw: str, lex: Lexicon | None = None) -> Cleaned:
    """`raw` without its furniture, read with `lex` (default: English-language news anywhere)."""
    lex = lex or lexicon("")
    lines = split_columns(split_lines(raw))
    kinds: list[str | None] = [None] * len(lines)
    mark_curation(lines, kinds, lex)
    mark_addresses_and_branding(lines, kinds, lex)
    mark_line_furniture(lines, kinds, lex)
    mark_running_heads(lines, kinds)
    mark_teaser_blocks(lines, kinds, lex)
    mark_stated_lines(lines, kinds, lex)
    mark_sections(lines, kinds, lex)
    mark_masthead(lines, kinds)
    mark_promo_boxes(lines, kinds)
    mark_frame(lines, kinds, lex)
    mark_repeated_promos(lines, kinds, lex)
    mark_hyphens(lines, kinds, raw, lex)
    removals = [
        Removal(kind, lines[i].raw.strip(), content_start(lines[i])) for i, kind in enumerate(kinds) if kind
    ]
    kept = units(lines, kinds, removals, lex)
    text, segments = assemble(kept, raw, removals, wrap_width(lines, kinds))
    removals.extend(blank_runs(raw))
    removals.sort(key=lambda removal: removal.start)
    doubts = furniture_doubts(lines, kinds, lex)
    return Cleaned(text, tuple(removals), _headline(text), tuple(segments), doubts)
