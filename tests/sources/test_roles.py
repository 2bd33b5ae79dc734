"""Roles from a sentence's grammar: a title before the name with its "of/for" phrase, and what is not a name."""

import pytest

from sources.text.people import find_people


def people_in(text: str) -> dict:
    return {person.name: person for person in find_people(text)}


def test_a_title_phrase_never_ends_on_and_so_the_name_is_not_its_last_word():
    people = people_in(
        "The treaty was signed by the Commissioner for Lakes and Rivers, Tomas Berg, on Monday."
    )
    assert set(people) == {"Tomas Berg"}
    assert people["Tomas Berg"].roles == (("Commissioner for Lakes and Rivers", ""),)


def test_a_list_in_the_title_runs_across_commas_up_to_the_name():
    text = "Minister for Roads, Rail Freight and Ports Amara Osei opened the bridge."
    people = people_in(text)
    assert set(people) == {"Amara Osei"}
    assert people["Amara Osei"].roles == (("Minister for Roads, Rail Freight and Ports", ""),)


def test_a_country_closing_the_title_becomes_its_hint():
    text = "It was signed by the Secretary for Roads and Ports of the Republic of Ghana, Kwame Mensah, on Friday."
    assert people_in(text)["Kwame Mensah"].roles == (("Secretary for Roads and Ports", "Ghana"),)


def test_words_after_the_article_the_are_never_a_person():
    text = "Jane Roe, the Minister for Transport and the Northern Estate, said the road would open."
    assert set(people_in(text)) == {"Jane Roe"}


def test_capitalised_words_after_an_of_phrase_without_a_comma_are_not_guessed_as_a_name():
    text = "A spokesman for Harbor Point Logistics declined to comment on the contract."
    assert people_in(text) == {}


def test_a_lone_word_after_a_long_title_and_a_comma_is_not_a_name():
    text = "Cabinet Secretary for Lands, Green\nEnergy and Housing\nRepublic of Ruritania"
    assert people_in(text) == {}


def test_a_name_with_a_portfolio_word_is_still_the_title():
    text = "Secretary for Trade, Blue Economy and Fisheries Ama Boateng signed the accord."
    assert set(people_in(text)) == {"Ama Boateng"}


@pytest.mark.parametrize(
    "text",
    [
        "Tomas Berg, the harbour master, said the port would reopen. Berg added that it was safe.",
        "Energy Commissioner Tomas Berg said the port would reopen.",
    ],
)
def test_an_organisation_word_inside_a_longer_word_names_no_organisation(text):
    (person,) = find_people(text)
    assert person.name == "Tomas Berg"
