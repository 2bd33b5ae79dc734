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


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a place made of several words is part of the title, not the role's country
        (
            "South Australian Premier Tom Gale said the river had suffered.",
            "Tom Gale",
            ("South Australian Premier", ""),
        ),
        (
            "New South Wales Minister for Water Rita Haddon said so.",
            "Rita Haddon",
            ("New South Wales Minister for Water", ""),
        ),
        # capitalised words joined by "and" before the head
        (
            "Environment and Water Minister Clara Whit said so.",
            "Clara Whit",
            ("Environment and Water Minister", ""),
        ),
        # an agent noun the lexicon does not list, after a place that opens the clause
        (
            "Further downstream, Loxton citrus grower Diane Kerrigan said she was hopeful.",
            "Diane Kerrigan",
            ("Loxton citrus grower", ""),
        ),
        # a group the person is an example of, and the organisation they are of
        (
            "Conservationists such as Mwana Juma of the Reef Marine Trust have criticised the cap.",
            "Mwana Juma",
            ("conservationist, Reef Marine Trust", ""),
        ),
        (
            "Homeowners like Teresa Nakata of Grass Valley are the people it is for.",
            "Teresa Nakata",
            ("homeowner", ""),
        ),
        # an appositive after a post-nominal
        (
            "SPEAKERS: The Hon. Clara Whit MP, Minister for Water; others.",
            "Clara Whit",
            ("Minister for Water", ""),
        ),
    ],
)
def test_roles_as_the_sentence_states_them(text, name, role):
    from sources.text.lexicon import lexicon
    from sources.text.people import read_text

    people = {p.name: p for p in find_people(read_text(text, lexicon("en-AU")))}
    assert role in people[name].roles


def test_an_adjective_ending_like_an_agent_noun_is_no_title():
    assert people_in("An independent Basin Flows Auditor will be appointed next year.") == {}


def test_a_signature_block_gives_each_signatory_the_title_under_their_name():
    text = (
        "Done at Accra on 3 May 2026.\n\n"
        "Kofi Mensah\n\nCabinet Secretary for Mining, Blue\n\nEconomy and Maritime Affairs\n\nRepublic of Ghana\n\n"
        "Ines Duarte\n\nCommissioner for Oceans"
    )
    people = people_in(text)
    assert people["Kofi Mensah"].roles == (
        ("Cabinet Secretary for Mining, Blue Economy and Maritime Affairs", "Ghana"),
    )
    assert people["Ines Duarte"].roles == (("Commissioner for Oceans", ""),)


def test_a_person_of_an_organisation_who_speaks_is_a_person_not_the_organisation():
    text = "Rosa Achebe of Seabed Watch said the public was being asked to trust the operators."
    assert set(people_in(text)) == {"Rosa Achebe"}


def test_a_phrase_after_a_comma_that_opens_on_a_conjunction_or_a_verb_is_no_appositive():
    text = "It was signed by the Minister for Roads, Kofi Mensah, and by the Commissioner for Oceans, Ines Duarte."
    assert people_in(text)["Kofi Mensah"].roles == (("Minister for Roads", ""),)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        (
            "Property economist Ronan Lyle of Trinity College said prices would rise.",
            "Ronan Lyle",
            "Property economist",
        ),
        ("PRESENT: Minister Darragh Quill TD; others", "Darragh Quill", "Minister"),
        (
            "It was criticised by Sinn Féin housing spokesman Eoin Ó Broin, who called it late.",
            "Eoin Ó Broin",
            "Sinn Féin housing spokesman",
        ),
        (
            '"It is sensible," said Dermot O\'Leary, chief economist at Goodbody.',
            "Dermot O'Leary",
            "chief economist at Goodbody",
        ),
        ("Harbour master Angus MacDonald said the port was closed.", "Angus MacDonald", "Harbour master"),
    ],
)
def test_names_and_titles_in_more_conventions(text, name, role):
    people = people_in(text)
    assert role in {title for title, _ in people[name].roles}


def test_a_sentence_opening_on_an_agent_noun_titles_the_name_after_it_and_bill_is_a_given_name():
    text = "Rancher Bill Tatum, who testified in March, said the plan came too late for his neighbours."
    assert people_in(text)["Bill Tatum"].roles == (("Rancher", ""),)


def test_a_title_before_a_name_with_an_appositive_is_not_part_of_the_name_and_both_roles_stay():
    (person,) = find_people(
        '"This saves shippers two days," said Minister Anna de Vries, who leads the port authority.'
    )
    assert person.name == "Anna de Vries"
    assert set(person.roles) == {("Minister", ""), ("leads the port authority", "")}


def test_a_given_name_that_is_also_a_title_stays_the_name():
    text = "Dean Fairlie, a regional organiser for the union, called it good news."
    assert people_in(text)["Dean Fairlie"].roles == (("regional organiser for the union", ""),)


@pytest.mark.parametrize(
    ("text", "name", "role"),
    [
        # a country of two words before the title, possessive or not
        (
            "South Africa's Minister of Health, Thandiwe Nkosi, opened the clinic.",
            "Thandiwe Nkosi",
            ("Minister of Health", "South Africa"),
        ),
        (
            "Sri Lanka Fisheries Minister Ruwan Perera said so.",
            "Ruwan Perera",
            ("Fisheries Minister", "Sri Lanka"),
        ),
        (
            "Aroha Ngata, New Zealand's Minister for Oceans, said so.",
            "Aroha Ngata",
            ("Minister for Oceans", "New Zealand"),
        ),
        # an appositive opening on a title's modifiers before its head
        (
            "Amina Bello, Acting Chief Medical Officer, said the ward would open.",
            "Amina Bello",
            ("Acting Chief Medical Officer", ""),
        ),
        (
            "Hugo Lemaire, Deputy Director-General for Trade, said so.",
            "Hugo Lemaire",
            ("Deputy Director-General for Trade", ""),
        ),
        # a relative clause after the appositive's head is not the role, unless it states a position
        ("Li Wen, a historian who studies old ports, said so.", "Li Wen", ("historian", "")),
        (
            "Sam Obi, a farmer who chairs the growers' union, said so.",
            "Sam Obi",
            ("farmer who chairs the growers' union", ""),
        ),
    ],
)
def test_roles_in_news_grammar_beyond_one_country_and_one_appositive(text, name, role):
    assert role in people_in(text)[name].roles


def test_an_appositive_after_a_name_that_a_clause_opener_runs_into_gives_the_role():
    text = "When Dr Ines Varga, Chief Scientist, visited the lab, the staff were ready."
    assert people_in(text)["Ines Varga"].roles == (("Chief Scientist", ""),)


def test_a_common_nouns_of_phrase_does_not_run_on_into_a_name():
    text = "Tom Reyes, general manager of Pacific Harvest Foods said the plant would reopen."
    assert set(people_in(text)) == {"Tom Reyes"}


def test_a_title_never_runs_back_into_the_name_of_the_title_before():
    people = people_in("Prime Minister Aiko Mori and Trade Secretary Daniel Osei signed the accord.")
    assert people["Daniel Osei"].roles == (("Trade Secretary", ""),)


def test_a_country_of_the_wider_world_before_a_title_is_its_country_and_a_given_name_stays_a_name():
    people = people_in(
        "Papua New Guinea's Minister for Fisheries, Kila Haoda, met Chad Morrison, a trader, in Port Moresby."
    )
    assert people["Kila Haoda"].roles == (("Minister for Fisheries", "Papua New Guinea"),)
    assert "Chad Morrison" in people


def test_an_agent_noun_after_the_titles_a_full_name_set_off_by_commas():
    people = people_in("On the quay, the harbour master, Luca Ferri, walked us past the cranes.")
    assert people["Luca Ferri"].roles == (("harbour master", ""),)
