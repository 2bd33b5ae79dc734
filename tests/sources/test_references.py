"""A cited explainer's reference list is read apart from its body."""

from sources.text.lexicon import lexicon
from sources.text.references import quoted_title, reference_list

BODY = "The council approved the plan in March [1]. Farmers were consulted [2][3].\n\n"


def test_a_headed_list_is_cut_from_the_body_and_read_by_number():
    text = BODY + (
        "References\n\n"
        "[1] City Council, “Council approves the river plan,” news release, 3 March 2026.\n\n"
        '[2] Jo Park, "Farmers weigh in on river plan," The Valley Times, 4 March 2026.\n\n'
        "3. Hansard, debate of 5 March 2026.\n\n"
        "The Desk is a nonprofit newsroom.\n"
    )
    start, entries = reference_list(text, lexicon(""))
    assert text[:start].rstrip().endswith("consulted [2][3].")
    assert sorted(entries) == [1, 2, 3]
    assert entries[3] == "Hansard, debate of 5 March 2026."
    assert quoted_title(entries[1]) == "Council approves the river plan"
    assert quoted_title(entries[2]) == "Farmers weigh in on river plan"
    assert quoted_title(entries[3]) == ""


def test_an_unheaded_run_of_entries_ending_the_text_is_a_list():
    text = BODY + "[1] City Council, news release.\n[2] The Valley Times, 4 March 2026.\n"
    start, entries = reference_list(text, lexicon(""))
    assert sorted(entries) == [1, 2] and text[start:].startswith("[1] City Council")


def test_body_paragraphs_are_never_a_list():
    assert reference_list(BODY, lexicon("")) == (len(BODY), {})
    numbered = "1. The plan has three parts [1].\n2. It starts in May [2].\n"
    assert reference_list(numbered, lexicon(""))[1] == {}
    lone = BODY + "[1] City Council, news release.\n"
    assert reference_list(lone, lexicon(""))[1] == {}  # one unheaded entry is too little to tell
