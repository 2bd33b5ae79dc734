"""A PDF's text layer: hyphenation across line ends, hard wraps, running heads, signature columns."""

from sources.text.clean import clean_text

PDF = """\
Memorandum on Harbour Co-operation

The Parties agree to strengthen their co-
operation on port safety and to support the develop-
ment of shared training for pilots and harbour masters
across both ports, as set out in the annex below.

                                                    Page 1 of 2

Memorandum on Harbour Co-operation

Each Party shall designate a contact point for regular
exchanges of information on vessel movements and on
incidents affecting the safety of navigation.

                                                    Page 2 of 2
"""


def test_words_hyphenated_across_lines_are_rejoined_unless_the_hyphen_is_usual():
    text = clean_text(PDF).text
    assert "development of shared training" in text
    assert "co-operation on port safety" in text  # "Co-operation" appears elsewhere with its hyphen


def test_a_self_prefix_keeps_its_hyphen_and_an_unknown_break_joins():
    raw = "The scheme is a self-\nfunding one and the ship-\nments start in May, as the ministers said."
    text = clean_text(raw).text
    assert "self-funding" in text
    assert "shipments" in text


def test_hard_wrapped_lines_become_paragraphs():
    paragraphs = clean_text(PDF).text.split("\n\n")
    assert any(p.startswith("Each Party shall designate") and p.endswith("navigation.") for p in paragraphs)


def test_running_header_and_page_numbers_go_but_the_title_stays_once():
    cleaned = clean_text(PDF)
    assert cleaned.text.count("Memorandum on Harbour Co-operation") == 1
    assert cleaned.text.startswith("Memorandum on Harbour Co-operation")
    assert "Page 1 of 2" not in cleaned.text
    assert [r.kind for r in cleaned.removed if r.text == "Memorandum on Harbour Co-operation"] == [
        "running header"
    ]


def test_two_column_signature_block_pairs_names_with_their_titles():
    raw = (
        "The Parties have signed this Memorandum in two originals.\n\n"
        "For the Republic of Westland            For the Kingdom of Eastmark\n\n"
        "Ana Ruiz                                Lars Holm\n"
        "Minister of Transport                   Minister of Fisheries\n"
    )
    paragraphs = clean_text(raw).text.split("\n\n")
    assert paragraphs[1:] == [
        "For the Republic of Westland",
        "Ana Ruiz",
        "Minister of Transport",
        "For the Kingdom of Eastmark",
        "Lars Holm",
        "Minister of Fisheries",
    ]


def test_pdf_cleaning_is_idempotent():
    once = clean_text(PDF).text
    assert clean_text(once).text == once


def test_every_removal_points_at_its_raw_text():
    for removal in clean_text(PDF).removed:
        assert PDF[removal.start : removal.start + len(removal.text)] == removal.text
