"""Support at the level of terms: what a passage backs of a sentence, and the labelled corpus."""

import pytest

from sources.text.terms import (
    PARTIAL,
    SUPPORTED,
    UNSUPPORTED,
    Aliases,
    assess,
    backing_spans,
    reading,
)
from tests.evidence_corpus import load, score

PASSAGE = (
    "Kenya and Germany on Thursday signed a partnership worth €220 million, Berlin said on 14 March 2024."
)


def test_a_sentence_its_passage_says_is_supported():
    support = assess("Kenya and Germany signed a partnership worth €220 million.", [PASSAGE])
    assert support.label == SUPPORTED
    assert support.unbacked == ()


@pytest.mark.parametrize(
    ("sentence", "unbacked"),
    [
        ("Kenya and Germany signed a partnership worth €250 million.", "€250 million"),
        ("Kenya and Germany signed a partnership worth €220 billion.", "€220 billion"),
        ("Kenya and Germany signed a partnership on 12 March 2024.", "12"),
        ("Kenya and Germany signed a partnership on 14 April 2024.", "April"),
        ("Kenya and France signed a partnership worth €220 million.", "France"),
        ("Kenya and Germany signed a partnership worth €220 million in Mombasa.", "Mombasa"),
    ],
)
def test_a_changed_figure_date_or_name_is_named(sentence, unbacked):
    support = assess(sentence, [PASSAGE])
    assert support.label == PARTIAL
    assert unbacked in support.unbacked_terms


def test_figures_match_by_value_whatever_the_writing():
    passage = "Norway gave 1.3 billion dollars, 20% of the total, and prices doubled."
    assert assess("Norway gave $1.3 billion.", [passage]).label == SUPPORTED
    assert assess("Norway gave 20 percent of the total.", [passage]).label == SUPPORTED
    assert assess("Prices rose twofold, and Norway gave 20 per cent.", [passage]).label == PARTIAL
    assert assess("Prices tripled.", [passage]).unbacked_terms == ["tripled"]


def test_the_direction_of_a_change_is_a_term():
    passage = "Deforestation fell by 30 percent last year."
    assert assess("Deforestation dropped by 30 percent last year.", [passage]).label == SUPPORTED
    assert assess("Deforestation rose by 30 percent last year.", [passage]).unbacked_terms == ["rose"]


def test_invented_additions_are_listed_as_phrases():
    passage = "Rare earths are critical for modern technology and for electric vehicles."
    support = assess(
        "Rare earths are critical for electric vehicles, green energy and next-generation computing.",
        [passage],
    )
    assert support.label == PARTIAL
    assert support.unbacked_terms == ["green energy and next-generation computing"]


def test_a_sentence_whose_key_terms_no_passage_says_is_unsupported():
    support = assess("The Kenyan parliament ratified the partnership in April.", [PASSAGE])
    assert support.label == UNSUPPORTED
    assert "April" in support.unbacked_terms


def test_no_passage_backs_nothing():
    support = assess("Kenya and Germany signed a partnership.", [])
    assert support.label == UNSUPPORTED
    assert support.coverage == 0


def test_several_passages_back_a_sentence_together():
    sentence = "Norway gave $50 million and Germany gave 200 million euros."
    norway, germany = "Norway will give $50 million.", "Germany has given about €200 million."
    assert assess(sentence, [norway]).label == PARTIAL
    assert assess(sentence, [norway, germany]).label == SUPPORTED


def test_names_are_backed_through_aliases_and_demonyms():
    passage = "The United States and India's negotiators signed it; China's curbs and Japanese firms were discussed."
    assert assess("The U.S. and Indian negotiators signed it.", [passage]).label == SUPPORTED
    assert assess("Chinese curbs and Japan's firms were discussed.", [passage]).label == SUPPORTED
    aliases = Aliases.of([["Forum on Resource Geostrategic Engagement", "FORGE"]])
    passage = "The Forum on Resource Geostrategic Engagement was launched in February."
    assert assess("FORGE was launched in February.", [passage], aliases).label == SUPPORTED
    assert assess("FORGE was launched in February.", [passage]).unbacked_terms == ["FORGE"]


def test_spelling_and_inflection_do_not_matter():
    passage = "The ministry finalised the programme for fertilizer production."
    assert (
        assess("The ministry finalized the program for fertiliser producing.", [passage]).label == SUPPORTED
    )
    assert assess("The ministry signed the fertiliser programme.", [passage]).label == SUPPORTED


def test_citation_markers_and_function_words_are_not_terms():
    assert assess("It is what it is [2].", ["Nothing alike."]).label == SUPPORTED


def test_backing_words_are_found_in_the_passage():
    passage = "Kenya and Germany on Thursday signed a partnership worth €220 million."
    spans = backing_spans("Germany signed a deal worth €220 million.", passage)
    highlighted = [passage[a:b] for a, b in spans]
    assert "Germany" in highlighted
    assert any("220 million" in h for h in highlighted)
    assert "Kenya" not in highlighted


def test_a_passage_opening_with_a_pronoun_is_read_with_the_sentence_before():
    text = "The fund was set up in 2008. It was frozen in 2019. Deforestation fell."
    start = text.index("It was")
    assert reading(text, start, start + len("It was frozen in 2019.")) == (
        "The fund was set up in 2008. It was frozen in 2019."
    )
    start = text.index("Deforestation")
    assert reading(text, start, len(text)) == "Deforestation fell."


def test_the_labelled_corpus_is_large_and_varied():
    pairs = load()
    assert len(pairs) >= 60
    assert len({p.story for p in pairs}) >= 3
    assert {p.label for p in pairs} == {"supported", "partial", "unsupported"}


def test_the_checker_meets_its_targets_on_the_labelled_corpus():
    scores = score(load())
    misses = "\n".join(f"{p.label} → {s.label}: {p.sentence}" for p, s in scores.misses)
    assert scores.precision >= 0.9, misses
    assert scores.recall >= 0.9, misses
    assert scores.accuracy >= 0.9, misses
    assert scores.term_recall >= 0.9, misses


def test_a_phrase_is_backed_only_where_its_words_stand_together():
    passage = "The National Green Hydrogen Mission matters. Clean energy systems need minerals."
    support = assess("Minerals matter for green energy.", [passage])
    assert support.unbacked_terms == ["green energy"]
    assert assess("Minerals matter for clean energy.", [passage]).label == SUPPORTED
    # Word order within the phrase may change: "technology development" = "developing technology".
    assert assess("They fund technology development.", ["They fund the developing of technology."]).label == (
        SUPPORTED
    )
