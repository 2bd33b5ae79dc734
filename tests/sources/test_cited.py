"""Cited-explainer structure: sentences and their [n] markers, headings, pull quotes, closing analysis."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text.cited import has_citation_markers, parse_cited_explainer, split_sentences
from sources.text.clean import clean_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def sentences_of(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


# --- 002 -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", [seed("002"), clean_text(seed("002")).text], ids=["raw lines", "clean paragraphs"]
)
def test_explainer_has_five_cited_paragraphs_a_pull_quote_and_an_analysis(text):
    # The file has five marker-carrying lines (the one-sentence lede, then four two-sentence paragraphs).
    blocks = parse_cited_explainer(text)
    assert [block.kind for block in blocks] == ["paragraph"] * 5 + ["pullquote", "analysis"]
    cited = [block for block in blocks if block.kind == "paragraph" and block.refs]
    assert len(cited) == 5
    assert [len(block.sentences) for block in blocks] == [1, 2, 2, 2, 2, 1, 2]


def test_each_sentence_carries_the_number_that_follows_it():
    blocks = parse_cited_explainer(seed("002"))
    refs = [sentence.refs for block in blocks[:5] for sentence in block.sentences]
    assert refs == [(1,), (2,), (3,), (1,), (2,), (3,), (1,), (2,), (3,)]
    first = blocks[0].sentences[0]
    assert first.text == (
        "India and the United States signed a critical minerals framework agreement in New Delhi "
        "to secure strategic supply chains."
    )
    rubio = blocks[2].sentences[0]
    assert rubio.text.startswith(
        "U.S. Secretary of State Marco Rubio and Indian External Affairs Minister Dr. S."
    )
    assert rubio.text.endswith("during the Quad foreign ministers’ meeting.")


def test_sentence_offsets_cover_the_sentence_and_its_marker():
    text = seed("002")
    for block in parse_cited_explainer(text):
        for sentence in block.sentences:
            assert text[sentence.start : sentence.end].replace(" [1]", "").replace(" [2]", "").replace(
                " [3]", ""
            ).strip("“”") == sentence.text.strip("“”")


def test_pull_quote_repeating_the_lede_has_no_refs():
    pull = parse_cited_explainer(seed("002"))[5]
    (sentence,) = pull.sentences
    assert sentence.refs == ()
    assert sentence.text.startswith("India and the United States signed a critical minerals framework")
    assert "“" not in sentence.text and "”" not in sentence.text


def test_closing_uncited_paragraph_is_analysis():
    analysis = parse_cited_explainer(seed("002"))[-1]
    assert analysis.sentences[0].text.startswith(
        "This agreement signals a deepening of the strategic partnership"
    )
    assert analysis.sentences[1].text.endswith("the long-term viability of the U.S. and Indian tech sectors.")
    assert all(sentence.refs == () for sentence in analysis.sentences)


def test_markers_are_detected_only_in_cited_texts():
    assert has_citation_markers(seed("002"))
    for prefix in ("000", "001", "003"):
        assert not has_citation_markers(seed(prefix))


# --- Invented explainer ------------------------------------------------------------------------------

EXPLAINER = """\
Why lithium prices fell in 2025

Lithium prices dropped by more than 60% during 2025 as new mines in Australia and Argentina came online \
[1][2]. Demand from electric-vehicle makers grew more slowly than forecast [3].

What changed

Chinese refiners cut processing fees, which squeezed smaller producers.[2, 4] Several U.S. projects were \
delayed, e.g. the Thacker Pass mine, according to company filings [5]. Analysts disagree on why.

- Supply rose faster than demand [1–3].
- Inventories at battery makers reached record highs [4].

"Lithium prices dropped by more than 60% during 2025 as new mines in Australia and Argentina came online."

Prices may recover once the current wave of projects is absorbed. Investors, however, remain cautious.

A second view

Some expect a rebound by 2027."""


def test_invented_explainer_structure_with_headings_bullets_and_ranges():
    blocks = parse_cited_explainer(EXPLAINER)
    assert [(block.kind, block.text) for block in blocks] == [
        ("heading", "Why lithium prices fell in 2025"),
        ("paragraph", ""),
        ("heading", "What changed"),
        ("paragraph", ""),
        ("paragraph", ""),
        ("paragraph", ""),
        ("pullquote", ""),
        ("analysis", ""),
        ("heading", "A second view"),
        ("analysis", ""),
    ]
    refs = [[s.refs for s in block.sentences] for block in blocks if block.kind == "paragraph"]
    assert refs == [[(1, 2), (3,)], [(2, 4), (5,), ()], [(1, 2, 3)], [(4,)]]


def test_bullet_marker_and_citation_markers_leave_the_sentence_text():
    blocks = parse_cited_explainer(EXPLAINER)
    assert blocks[4].sentences[0].text == "Supply rose faster than demand."
    assert (
        blocks[3].sentences[0].text
        == "Chinese refiners cut processing fees, which squeezed smaller producers."
    )


def test_uncited_sentence_inside_a_cited_paragraph_stays_a_paragraph_sentence():
    paragraph = parse_cited_explainer(EXPLAINER)[3]
    assert paragraph.kind == "paragraph"
    assert paragraph.sentences[-1].text == "Analysts disagree on why."


# --- Sentence splitting -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "U.S. Secretary of State Marco Rubio met Dr. S. Jaishankar. They signed the pact.",
            ["U.S. Secretary of State Marco Rubio met Dr. S. Jaishankar.", "They signed the pact."],
        ),
        (
            "Prices rose 3.5 per cent, e.g. in Chile. The rise slowed.",
            ["Prices rose 3.5 per cent, e.g. in Chile.", "The rise slowed."],
        ),
        (
            "Talks were held in Washington, D.C., where Rubio spoke. He was brief.",
            ["Talks were held in Washington, D.C., where Rubio spoke.", "He was brief."],
        ),
        (
            'The forum was held in Washington DC. "It gained momentum," he said. It did.',
            ["The forum was held in Washington DC.", '"It gained momentum," he said.', "It did."],
        ),
        (
            "Output rose in the U.S. The gains were modest.",
            ["Output rose in the U.S.", "The gains were modest."],
        ),
        ("Scope of Cooperation\nThe scope is broad.", ["Scope of Cooperation", "The scope is broad."]),
        ("He asked: why now? Nobody knew! it was late", ["He asked: why now?", "Nobody knew! it was late"]),
    ],
)
def test_split_sentences_handles_abbreviations_initials_decimals_and_headings(text, expected):
    assert sentences_of(text) == expected


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab. U.S\n[1]“”?", max_size=80))
def test_sentence_spans_are_ordered_trimmed_and_inside_the_text(text):
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        previous_end = end


# --- Pull quotes placed before or after their sentence ----------------------------------------------

PULL_BEFORE = """\
The council approved the new reservoir plan on Monday. [1]

“Every household in the valley will pay less for water by 2030.”

Officials said every household in the valley will pay less for water by 2030. [2]
"""

PULL_AFTER = """\
Officials said every household in the valley will pay less for water by 2030. [2]

“Every household in the valley will pay less for water by 2030.”

The council approved the new reservoir plan on Monday. [1]
"""


@pytest.mark.parametrize("text", [PULL_BEFORE, PULL_AFTER], ids=["before", "after"])
def test_pull_quote_before_or_after_its_sentence_is_not_a_second_claim(text):
    blocks = parse_cited_explainer(text)
    assert sorted(block.kind for block in blocks) == ["paragraph", "paragraph", "pullquote"]
    cited = [ref for block in blocks if block.kind == "paragraph" for ref in block.refs]
    assert sorted(cited) == [1, 2]  # [2] is cited once, by its sentence only
    (pull,) = [block for block in blocks if block.kind == "pullquote"]
    assert pull.refs == ()


def test_a_quoted_paragraph_repeating_nothing_stays_a_paragraph():
    text = "The plan passed. [1]\n\n“We will build it within three years,” the mayor said. [2]\n"
    assert [block.kind for block in parse_cited_explainer(text)] == ["paragraph", "paragraph"]


def test_a_pull_quote_without_quotation_marks_repeating_a_whole_sentence_is_one_claim():
    text = (
        "The port will close for repairs in May [1]. The harbour master will decide the dates [2].\n\n"
        "    The harbour master will decide the dates.\n\n"
        "Boats will use the north quay meanwhile [1].\n"
    )
    blocks = parse_cited_explainer(text)
    assert [b.kind for b in blocks] == ["paragraph", "pullquote", "paragraph"]
    assert blocks[1].sentences[0].text == "The harbour master will decide the dates."


def test_a_quoted_pull_quote_repeating_the_quoted_words_a_sentence_opens_with_is_one_claim():
    text = (
        "“Nobody will be left without a berth while the work goes on.”\n\n"
        "“Nobody will be left without a berth while the work goes on,” the harbour master said [2]. "
        "The council agreed [1].\n"
    )
    blocks = parse_cited_explainer(text)
    assert [b.kind for b in blocks] == ["pullquote", "paragraph"]


def test_a_standalone_sentence_that_repeats_nothing_stays_a_paragraph():
    text = "The port will close in May [1].\n\nNobody knows when it will open again.\n\nBoats wait [2].\n"
    assert [b.kind for b in parse_cited_explainer(text)] == ["paragraph", "paragraph", "paragraph"]
