"""Where a phrase places something in its month or year ("later that month", "early February"):
what the import reads from a milestone's cited words to order a date known only to the month."""

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.text.dates import EARLY, LATE, MID, placement_in, placements
from sources.text.lexicon import lexicon

PLACED = [
    # (text, part, unit)
    ("It gained momentum later that month when India signed onto Pax Silica.", LATE, "month"),
    ("Later that month, the two sides met again.", LATE, "month"),
    ("later in the month the ministers signed", LATE, "month"),
    ("The deal was struck later this month.", LATE, "month"),
    ("earlier that month the forum was launched", EARLY, "month"),
    ("Earlier in the month, officials met in Washington.", EARLY, "month"),
    ("The talks began in early February.", EARLY, "month"),
    ("The talks began early in February.", EARLY, "month"),
    ("It was signed in early Feb. 2026.", EARLY, "month"),
    ("Talks resumed in late March 2026.", LATE, "month"),
    ("late in September, 2025, the pact lapsed", LATE, "month"),
    ("The agreement was reached mid-February.", MID, "month"),
    ("The agreement was reached in mid February.", MID, "month"),
    ("Officials met mid-month to review it.", MID, "month"),
    ("in the middle of March", MID, "month"),
    ("at the start of the month the forum opened", EARLY, "month"),
    ("At the beginning of April, India joined.", EARLY, "month"),
    ("during the first week of May, 2026", EARLY, "month"),
    ("in the first days of June", EARLY, "month"),
    ("the first fortnight of July", EARLY, "month"),
    ("By the end of the month the list was final.", LATE, "month"),
    ("towards the end of October", LATE, "month"),
    ("in the last week of November", LATE, "month"),
    ("in the final days of December", LATE, "month"),
    ("the closing days of the month", LATE, "month"),
    ("The figures are due at month-end.", LATE, "month"),
    ("EARLY MAY", EARLY, "month"),
    ("India joined earlier this year.", EARLY, "year"),
    ("It was ratified later that year.", LATE, "year"),
    ("It comes into force in early 2027.", EARLY, "year"),
    ("It comes into force late in 2027.", LATE, "year"),
    ("The review is due in mid-2026.", MID, "year"),
    ("at the start of 2026", EARLY, "year"),
    ("in the second half of 2026", LATE, "year"),
    ("in the first half of the year", EARLY, "year"),
    ("in the third quarter of 2026", MID, "year"),
    ("in the fourth quarter of 2026", LATE, "year"),
    ("towards the end of the year", LATE, "year"),
    ("at year’s end", LATE, "year"),
    ("late last year", LATE, "year"),
    ("early next year", EARLY, "year"),
]

NOT_PLACED = [
    "February 2026",
    "The groundwork was laid on February 4.",
    "the late minister said so",
    "It ended late on Tuesday.",
    "later that day, he left",
    "the latest figures show a rise",
    "It may happen early; may not.",
    "Mayor said it could come early may",
    "an early warning system",
    "at the end of the meeting",
    "the start of the year-long programme",
    "a mid-sized economy",
    "in the middle of the talks",
    "",
]


@pytest.mark.parametrize(("text", "part", "unit"), PLACED)
def test_a_phrase_places_its_event_in_its_month_or_year(text, part, unit):
    found = placements(text)
    assert [(p.part, p.unit) for p in found] == [(part, unit)], found
    assert placement_in(text, unit) == part


@pytest.mark.parametrize("text", NOT_PLACED)
def test_words_that_place_nothing_in_a_period_are_not_read_as_a_placement(text):
    assert placements(text) == []
    assert placement_in(text, "month") == placement_in(text, "year") == ""


def test_a_placement_in_another_unit_does_not_answer_for_this_one():
    text = "It gained momentum later that month."
    assert placement_in(text, "month") == LATE
    assert placement_in(text, "year") == ""


def test_the_first_phrase_of_the_unit_asked_for_wins():
    text = "Earlier that year the forum met; it gained momentum later that month."
    assert [p.part for p in placements(text)] == [EARLY, LATE]
    assert placement_in(text, "month") == LATE
    assert placement_in(text, "year") == EARLY


def test_the_seed_sentence_after_a_dated_day_is_late_in_its_month():
    text = (
        "Rubio recalled that the groundwork for this was laid on February 4 when the critical "
        "minerals forum was held in Washington DC. “It gained momentum later that month when India "
        "signed onto Pax Silica."
    )
    [found] = placements(text)
    assert (found.part, found.unit, found.phrase) == (LATE, "month", "later that month")


def test_month_names_come_from_the_locale_lexicon():
    for locale in ("en-GB", "en-US", "en-IN"):
        assert placement_in("in early Sept 2026", "month", lexicon(locale)) == EARLY


PIECES = st.sampled_from([p[0] for p in PLACED] + NOT_PLACED + [" ", ", and ", "\n\n", "May", "2026"])


@given(st.lists(PIECES, max_size=6))
def test_each_placement_is_the_slice_of_text_it_names_and_none_overlap(pieces):
    text = " ".join(pieces)
    found = placements(text)
    for p in found:
        assert text[p.start : p.end] == p.phrase
        assert p.part in {EARLY, MID, LATE} and p.unit in {"month", "year"}
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
