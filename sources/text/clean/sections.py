"""Furniture that runs over several lines: a press release's closing boilerplate, an author's bio box,
reader comments, editor's notes and corrections. Each starts at a line the lexicon recognises."""

import re

from sources.text.clean.lines import content, ends_open, is_heading_like, paragraph_end, word_count
from sources.text.clean.metalines import BYLINE, byline_line
from sources.text.clean.model import Line
from sources.text.lexicon import Lexicon

EDITOR_NOTE = "editor-note"
COUNTS = (None, "comment count", "share prompt", "page chrome", "navigation")
BOILERPLATE = "press boilerplate"
# Closing sections are looked for only past this many words of content (the story comes first) …
MIN_WORDS_BEFORE = 100
# … and an "About …" heading only in the last part of the page.
ABOUT_TAIL = 0.35
SECTION_MAX_PARAGRAPHS = 4
NAME_SPLIT = re.compile(r"\s*(?:,|\band\b|&|\|)\s*")
DESCRIBES = re.compile(r"\b(?:is|are|was|were|has been|leads|works|serves|brings|covers|writes|reports)\b")
ABOUT_OBJECT = re.compile(r"about\s+(?:the\s+|our\s+)?(\S)", re.IGNORECASE)


def mark_sections(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    _mark_editor_notes(lines, kinds, lex)
    _mark_comments(lines, kinds, lex)
    _mark_boilerplate(lines, kinds, lex)
    _mark_after_end_mark(lines, kinds, lex)
    _mark_bio(lines, kinds, lex)


def _words_before(lines: list[Line], found: list[int]) -> list[int]:
    """For each content line, the number of words of content before it."""
    totals, running = [], 0
    for i in found:
        totals.append(running)
        running += word_count(lines[i].plain)
    return totals


def _mark_paragraph(lines: list[Line], kinds: list[str | None], i: int, kind: str) -> int:
    end = paragraph_end(lines, i)
    for j in range(i, end):
        if kinds[j] is None:
            kinds[j] = kind
    return end


def _mark_editor_notes(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    note = lex.pattern("furniture.editor_notes", whole=True)
    for i in content(lines, kinds):
        if kinds[i] is None and note.match(lines[i].plain):
            _mark_paragraph(lines, kinds, i, EDITOR_NOTE)


def _mark_comments(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """Everything from a reader-comments heading on, once the story has been told."""
    heading = lex.pattern("furniture.comment_sections", whole=True)
    found = [i for i, line in enumerate(lines) if line.plain and kinds[i] in COUNTS]
    for i, before in zip(found, _words_before(lines, found), strict=True):
        if before >= MIN_WORDS_BEFORE and word_count(lines[i].plain) <= 8 and heading.match(lines[i].plain):
            _mark_rest(lines, kinds, i, "comments")
            return


def _mark_rest(lines: list[Line], kinds: list[str | None], start: int, kind: str) -> None:
    for j in range(start, len(lines)):
        if kinds[j] is None and lines[j].plain:
            kinds[j] = kind


def _mark_after_end_mark(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """ "-ENDS-" or "###" ends a release: notes, boilerplate and contacts follow."""
    end_mark = lex.pattern("furniture.end_marks", whole=True)
    words = sum(word_count(line.plain) for line in lines)
    seen = 0
    for i, line in enumerate(lines):
        if seen >= MIN_WORDS_BEFORE and line.raw.strip() and end_mark.match(line.raw.strip()):
            kinds[i] = kinds[i] or "separator"
            if words - seen <= seen:
                _mark_rest(lines, kinds, i + 1, BOILERPLATE)
            return
        seen += word_count(line.plain)


def _mark_boilerplate(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    notes = lex.pattern("furniture.boilerplate_headings", whole=True)
    paragraph = lex.pattern("furniture.boilerplate_paragraphs", whole=True)
    found = content(lines, kinds)
    total = sum(word_count(lines[i].plain) for i in found) or 1
    for position, (i, before) in enumerate(zip(found, _words_before(lines, found), strict=True)):
        plain = lines[i].plain
        if kinds[i] is not None or before < MIN_WORDS_BEFORE:
            continue
        in_tail = before >= (1 - ABOUT_TAIL) * total and _names_a_body(plain)
        if is_heading_like(plain, 10) and notes.match(plain):
            if plain.casefold().startswith("about"):
                if in_tail and _describes_next(lines, found, position):
                    _mark_section(lines, kinds, found, position, BOILERPLATE)
            else:
                _mark_notes_to_editors(lines, kinds, i, notes)
                return
        elif in_tail and paragraph.match(plain):
            _mark_paragraph(lines, kinds, i, BOILERPLATE)


def _mark_notes_to_editors(
    lines: list[Line], kinds: list[str | None], heading: int, notes: re.Pattern
) -> None:
    """Under "Notes to editors", each note is the source's metadata, up to an "About …" section or
    the contacts (already found); the rest of the page is boilerplate."""
    kinds[heading] = BOILERPLATE
    kind = EDITOR_NOTE
    for j in range(heading + 1, len(lines)):
        plain = lines[j].plain
        if kinds[j] is not None or not plain:
            continue
        if is_heading_like(plain, 10) and notes.match(plain):
            kind = BOILERPLATE
        kinds[j] = kind


def _names_a_body(plain: str) -> bool:
    """ "About the Department of …", "About Acme": a proper name follows "About"."""
    found = ABOUT_OBJECT.match(plain)
    return found is not None and (found.group(1).isupper() or found.group(1).isdigit())


def _describes_next(lines: list[Line], found: list[int], position: int) -> bool:
    """The paragraph under an "About …" heading describes a body: "The Department is responsible …"."""
    if position + 1 >= len(found):
        return False
    first = " ".join(lines[found[position + 1]].plain.split()[:25])
    return DESCRIBES.search(first) is not None


def _mark_section(
    lines: list[Line], kinds: list[str | None], found: list[int], position: int, kind: str
) -> None:
    """A heading and the paragraphs under it, up to the next heading-like line."""
    kinds[found[position]] = kind
    paragraphs = 0
    for i in found[position + 1 :]:
        if kinds[i] is not None:
            continue
        if lines[i].blank_before:
            paragraphs += 1
            if is_heading_like(lines[i].plain, 8) or paragraphs > SECTION_MAX_PARAGRAPHS:
                return
        kinds[i] = kind


def _byline_names(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> list[str]:
    """The authors the bylines name (the cleaner marked them already): each name in capitals of two
    words or more ("Jane Roe" from "By Jane Roe and Ali Khan", not "Environment correspondent")."""
    names: list[str] = []
    for i, kind in enumerate(kinds):
        if kind != BYLINE:
            continue
        byline = byline_line(lex).match(lines[i].plain)
        for name in NAME_SPLIT.split(byline.group("rest") if byline else lines[i].plain):
            if word_count(name) >= 2 and all(word[:1].isupper() for word in name.split()):
                names.append(name.strip())
    return names


def _mark_bio(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """The author's bio box: under an "About the author" heading, or a closing paragraph that starts
    with the byline's name and says who they are ("Jane Roe is a fellow at …")."""
    heading = lex.pattern("furniture.bio_headings", whole=True)
    found = content(lines, kinds)
    names = _byline_names(lines, kinds, lex)
    total = sum(word_count(lines[i].plain) for i in found) or 1
    for position, (i, before) in enumerate(zip(found, _words_before(lines, found), strict=True)):
        plain = lines[i].plain.strip("*_ ")
        if kinds[i] is not None or before < MIN_WORDS_BEFORE:
            continue
        if is_heading_like(plain, 6) and heading.match(plain):
            _mark_section(lines, kinds, found, position, "author bio")
        elif (
            before >= (1 - ABOUT_TAIL) * total and word_count(plain) <= 90 and _opens_with_name(plain, names)
        ):
            _mark_paragraph(lines, kinds, i, "author bio")


def _opens_with_name(plain: str, names: list[str]) -> bool:
    """Opens with a byline name, its first name or its surname, then says who they are."""
    forms = {form for name in names for form in (name, name.split()[0], name.split()[-1])}
    for name in sorted(forms, key=len, reverse=True):
        if plain.startswith(name):
            rest = plain[len(name) :].lstrip(" ,")
            if DESCRIBES.match(rest) and not ends_open(plain):
                return True
    return False
