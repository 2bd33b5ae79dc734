"""Inferring a document's locale from its own cues: domains, zones, currency, places, spelling."""

import pytest

from sources.text.locale import infer_locale, locale_scores


@pytest.mark.parametrize(
    ("raw", "locale"),
    [
        ("Media enquiries: press@energy.gov.uk\n\nThe programme starts in the autumn.", "en-GB"),
        ("Thursday 4 June 2026 09:12 BST\n\nLondon councils welcomed the plan.", "en-GB"),
        ("Posted 4:05 PM EDT\n\nThe governor of Texas signed the bill.", "en-US"),
        ("Contact: media@water.gov.au\n\nThe Premier of Queensland said A$2 billion would flow.", "en-AU"),
        ("Contact: info@fisheries.go.ke\n\nMOMBASA, Kenya — The county will spend Sh40 million.", "en-KE"),
        ("The Union Minister said the ₹500 crore fund opens in New Delhi.", "en-IN"),
        ("See ec.europa.eu for the text. Brussels, 3 March 2026.", "en-EU"),
    ],
)
def test_cues_settle_the_locale(raw, locale):
    assert infer_locale(raw) == locale


def test_a_child_locale_wins_over_its_parent_with_cues_of_its_own():
    raw = "The organisation's colour scheme was criticised. Sydney, 3 June 2026: the A$40 million plan."
    assert infer_locale(raw) == "en-AU"


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "The committee met and agreed the plan.",
        "The colour of the programme was criticised.",  # spelling alone settles only the family, weakly
        "Officials in London and Washington met.",  # one cue each way: no winner
    ],
)
def test_weak_or_mixed_cues_settle_nothing(raw):
    assert infer_locale(raw) == ""


def test_a_repeated_cue_counts_twice_at_most():
    once = locale_scores("Sydney. Melbourne.")["en-AU"]
    assert locale_scores("Sydney. Melbourne. Perth. Hobart. Darwin. " * 5)["en-AU"] == once


def test_places_far_down_the_page_are_the_subject_not_the_convention():
    raw = "Kenya's paper reports.\n\n" + "x " * 1200 + "Brussels and Strasbourg agreed."
    assert "en-EU" not in locale_scores(raw)
