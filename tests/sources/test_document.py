"""The document object: paragraphs and sentences computed once, found by position."""

from sources.text.clean import clean_text
from sources.text.document import TextDocument
from sources.text.lexicon import lexicon

RAW = "Headline of the day\n\nThe council met on Monday. It agreed a plan.\n\nA second paragraph follows here.\n"


def test_paragraphs_and_sentences_are_spans_of_the_clean_text():
    cleaned = clean_text(RAW)
    doc = TextDocument.read(RAW, cleaned, lexicon("en-GB"))
    assert doc.locale == "en-GB"
    for span in (*doc.paragraphs, *doc.sentences):
        assert doc.text[span.start : span.end] == span.text
    assert [s.text for s in doc.sentences][-3:] == [
        "The council met on Monday.",
        "It agreed a plan.",
        "A second paragraph follows here.",
    ]
    assert [p.text for p in doc.paragraphs][-2:] == [
        "The council met on Monday. It agreed a plan.",
        "A second paragraph follows here.",
    ]


def test_sentence_at_finds_the_sentence_holding_a_position():
    cleaned = clean_text(RAW)
    doc = TextDocument.read(RAW, cleaned, lexicon(""))
    at = doc.text.index("agreed")
    assert doc.sentence_at(at).text == "It agreed a plan."
    assert doc.sentence_at(len(doc.text) + 5) is None
