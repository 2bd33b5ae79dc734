"""The text stages compile their regular expressions once per lexicon, on first use: reading a
document again compiles none (a pattern made of the document's own words aside)."""

import datetime
import re
import sys
from pathlib import Path

from sources.text.clean import clean_text
from sources.text.document import TextDocument
from sources.text.lexicon import lexicon
from sources.text.locale import infer_locale
from sources.text.metadata import extract_metadata
from sources.text.metadata.running import find_dates
from sources.text.people import find_people
from sources.text.quotes import find_quotations

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"
# Stages that once compiled a pattern of the lexicon on every call (or on every line).
COMPILED_ONCE = {
    "signatures",
    "personalities",
    "appositions",
    "is_address_line",
    "_brands",
    "_masthead",
    "mark_stated_lines",
    "find_people",
    "_statement_by",
    "_relative_dates",
}


def read(paths: list[Path]) -> None:
    for path in paths:
        raw = path.read_text(encoding="utf-8")
        lex = lexicon(infer_locale(raw))
        cleaned = clean_text(raw, lex)
        document = TextDocument.read(raw, cleaned, lex)
        metadata = extract_metadata(raw, document)
        people = find_people(document, metadata)
        find_quotations(document, people, metadata)
        find_dates(cleaned.text, datetime.date(2026, 6, 10), lex)


def test_reading_a_document_again_compiles_no_pattern_of_the_lexicon(monkeypatch):
    paths = sorted(STORIES.glob("*/*.txt"))
    read(paths)  # the first reading builds each lexicon's patterns
    compiled_by: set[str] = set()
    original = re._compile

    def spy(pattern, flags):
        if isinstance(pattern, str):
            compiled_by.add(sys._getframe(2).f_code.co_name)  # the caller of re.compile, re.search…
        return original(pattern, flags)

    monkeypatch.setattr(re, "_compile", spy)
    read(paths)
    assert not compiled_by & COMPILED_ONCE
