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
    once = locale_scores("Weather today\nSydney. Melbourne.")["en-AU"]
    assert (
        locale_scores("Weather today\n" + "Sydney. Melbourne. Perth. Hobart. Darwin. " * 5)["en-AU"] == once
    )


def test_places_far_down_the_page_are_the_subject_not_the_convention():
    raw = "Kenya's paper reports.\n\n" + "x " * 1200 + "Brussels and Strasbourg agreed."
    assert "en-EU" not in locale_scores(raw)


def test_a_wire_tag_speaks_for_the_agency_and_its_dateline_is_the_story_s_place():
    raw = "MOMBASA, Kenya (AFP) — Kenya opened its waters on Tuesday to European boats, officials said."
    assert infer_locale(raw) == "en-GB"
    assert "en-KE" not in locale_scores(raw)


def test_dates_written_with_dots_follow_continental_conventions():
    raw = "The letters were exchanged on 14.03.2025 in London; the committee meets by 31.12.2026."
    assert infer_locale(raw) == "en-EU"


def test_a_rand_amount_is_not_read_inside_a_euro_code():
    assert "en-ZA" not in locale_scores("The contribution amounts to EUR 5.2 million a year.")


def test_the_page_s_frame_outweighs_the_story_s_subject():
    lede = "The port's fishermen said the deal changed little for them, and the council agreed. " * 12
    story = "In Brussels, officials of the European Parliament and the member states paid €5 million. " * 12
    top = "DAILY HARBOUR\nKenya | Counties | Business\n\nPort deal signed in Mombasa for Sh40 million"
    raw = f"{top}\n\n{lede}\n\n{story}\n\n{lede}"
    assert infer_locale(raw) == "en-KE"


def test_two_level_countries_of_one_family_give_the_family_s_locale():
    raw = (
        "Kenya and the EU: what the deal means. The licence fees, the tonnes landed and the centre of "
        "the programme were criticised in Mombasa and Brussels alike."
    )
    assert infer_locale(raw) == "en-GB"


def test_an_amount_converted_for_the_reader_names_the_reader_s_currency():
    raw = (
        "Food pact signed\n\nWELLINGTON – The two countries signed the pact, worth NZ$1.9 billion "
        "(S$1.48 billion) a year, on Monday in Wellington, where ministers met."
    )
    assert infer_locale(raw) == "en-SG"


def test_a_place_in_the_masthead_speaks_for_the_page():
    raw = "Rural Radio Aotearoa\nHome | Shows | Podcasts\n\nMinister on the Singapore food deal in Singapore"
    assert infer_locale(raw) == "en-NZ"
