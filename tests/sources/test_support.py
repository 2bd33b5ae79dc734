"""Support scoring: the best source passage for a claim sentence, and how strongly it backs the claim."""

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text.clean import clean_text
from sources.text.support import best_passage, stem, support_score

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CLAIM = (
    "India and the United States signed a critical minerals framework agreement in New Delhi "
    "to secure strategic supply chains"
)
UNRELATED = (
    "The city council approved a new budget for public libraries on Monday. Funding for park maintenance rose "
    "by ten percent. The mayor praised volunteers who organised the annual book fair. Residents asked for "
    "longer opening hours at weekends."
)


def source(prefix: str) -> str:
    return clean_text(next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")).text


def test_claim_is_clearly_supported_by_the_report_and_not_by_an_unrelated_text():
    supported = best_passage(CLAIM, source("000"))
    unrelated = best_passage(CLAIM, UNRELATED)
    assert supported is not None and supported.score >= 0.5
    assert unrelated is None or unrelated.score <= 0.2


def test_passage_is_a_sentence_span_of_the_source():
    text = source("000")
    passage = best_passage(CLAIM, text)
    assert text[passage.start : passage.end] == passage.text
    assert "framework" in passage.text and "signing" in passage.text


def test_related_but_different_claim_scores_in_the_middle():
    score = support_score(
        "This pact is a strategic move to reduce reliance on China, which currently dominates the export of "
        "rare earth elements essential for modern technology",
        "China currently dominates global rare earth refining and processing.",
    )
    assert 0.25 <= score <= 0.6


def test_best_passage_in_the_summary_names_china_and_rare_earths():
    passage = best_passage("China dominates the export of rare earth elements.", source("001"))
    assert "China" in passage.text and "rare earth" in passage.text
    assert passage.score >= 0.5


def test_us_and_united_states_count_as_the_same_words():
    assert support_score("The U.S. signed the pact.", "The United States signed the pact.") == 1.0


def test_two_adjacent_sentences_are_chosen_when_together_they_cover_more():
    text = "Ministers met in Lima on Monday. They signed a copper export accord. The weather was mild."
    passage = best_passage("Ministers in Lima signed a copper export accord", text)
    assert passage.text == "Ministers met in Lima on Monday. They signed a copper export accord."


def test_empty_claims_and_sources_have_no_passage():
    assert best_passage("", source("000")) is None
    assert best_passage(CLAIM, "") is None
    assert support_score("the of and", "anything at all") == 0.0


@pytest.mark.parametrize(
    ("words", "same"),
    [(("minerals", "mineral"), True), (("signed", "signing", "sign"), True), (("supplies", "supply"), True)],
)
def test_stemming_folds_plurals_and_verb_endings(words, same):
    assert (len({stem(word) for word in words}) == 1) is same


def test_thousands_of_scores_are_fast():
    text = source("000")
    claims = [f"{CLAIM} {index}" for index in range(1000)]
    started = time.perf_counter()
    for claim in claims:
        best_passage(claim, text)
    assert time.perf_counter() - started < 5.0


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.text(max_size=300))
def test_scores_are_deterministic_and_between_zero_and_one(sentence, passage):
    score = support_score(sentence, passage)
    assert 0.0 <= score <= 1.0
    assert support_score(sentence, passage) == score
