"""People in naming conventions beyond given name and surname, and capitalised words that name no person."""

from sources.text.people import find_people, merge_people


def names(text: str) -> set[str]:
    return {person.name for person in find_people(text)}


def test_a_name_that_keeps_the_first_words_of_a_longer_one_is_that_person():
    text = (
        "The accord was signed by Health Minister Siti Aminah Yusof in Kuala Lumpur. "
        "Ms Siti Aminah said the clinics would open in June."
    )
    (person,) = find_people(text)
    assert person.name == "Siti Aminah Yusof"
    assert "Ms Siti Aminah" in person.aliases and person.gender == "f"


def test_a_shortened_name_is_not_joined_when_two_longer_names_open_with_it():
    text = (
        "Anna Maria Costa, a lawyer, and Anna Maria Silva, a judge, both spoke. "
        "Ms Anna Maria said the court had been slow."
    )
    assert names(text) == {"Anna Maria Costa", "Anna Maria Silva", "Anna Maria"}


def test_a_shortened_name_in_one_document_joins_the_full_name_in_another():
    first = find_people("Trade Minister Lim Wei Ling signed for Singapore.")
    second = find_people("Ms Lim Wei said the accord would last.")
    (person,) = merge_people([first, second])
    assert person.name == "Lim Wei Ling"


def test_capitalised_words_a_roles_of_or_at_phrase_names_are_where_the_person_works():
    text = (
        "Joao Pereira, chief engineer at Costa Verde Logistics, a freight company, said the line was ready. "
        "Mr Pereira's firm, like Rui Alves, director of Blue Harbour Foods, a wholesaler, backs it."
    )
    assert names(text) == {"Joao Pereira", "Rui Alves"}


def test_a_lone_title_that_speaks_is_no_surname_of_a_longer_title():
    text = (
        "Minister says the port will reopen\n\n"
        "The port will reopen on Monday, Deputy Minister of Ports Kofi Adu said. "
        "Deputy Minister Adu thanked the dock workers."
    )
    assert names(text) == {"Kofi Adu"}


def test_an_honorific_on_any_mention_says_the_gender():
    text = "Fisheries Minister Mr Tavita Leota opened the market. Leota said prices would fall."
    (person,) = find_people(text)
    assert person.gender == "m"


def test_a_guest_a_broadcast_introduces_is_a_person():
    assert names("HOST: Joining me now is the harbourmaster, Pieter Claes. Welcome.") == {"Pieter Claes"}
    assert names("My guest today is Wiremu Tane, who farms near Gisborne.") == {"Wiremu Tane"}


def test_names_in_latin_letters_beyond_western_europe_are_names():
    text = "EU Trade Commissioner Maroš Šefčovič met Poland's Minister of Agriculture, Łukasz Dvořák."
    assert names(text) == {"Maroš Šefčovič", "Łukasz Dvořák"}


def test_a_lone_word_inside_one_full_name_is_that_person():
    text = (
        "President Luiz Inácio Lula da Silva signed the decree on Friday. "
        "Lula said it would protect the rainforest."
    )
    (person,) = find_people(text)
    assert "Lula" in person.aliases


def test_a_title_before_a_single_name_is_not_part_of_the_name():
    (person,) = find_people("The minister will travel to Jakarta to meet President Prabowo next month.")
    assert (person.name, person.roles) == ("Prabowo", (("President", ""),))


def test_a_name_with_a_possessive_after_a_roles_of_phrase_is_still_a_person():
    text = "Mia Holt, head of Dr Ruth Agar's office, said the bill would pass."
    assert names(text) == {"Mia Holt", "Ruth Agar"}


def test_a_signature_under_an_honorific_of_several_words_and_over_letters_gives_the_title():
    from sources.text.clean import Cleaned
    from sources.text.document import TextDocument
    from sources.text.lexicon import lexicon

    text = (
        "Senator the Hon Mara Quill\nMinister for Ports and Harbours\n\n"
        "The Hon Dev Anand MP\nMinister for Roads\n\nThe two ministers opened the wharf."
    )
    people = find_people(TextDocument.read(text, Cleaned(text, ()), lexicon("en-AU")))
    assert {p.name: p.roles for p in people} == {
        "Mara Quill": (("Minister for Ports and Harbours", ""),),
        "Dev Anand": (("Minister for Roads", ""),),
    }


def test_a_name_a_copula_says_does_something_is_a_person_and_a_byline_bio_keeps_the_author():
    from types import SimpleNamespace

    text = (
        "By Jane Doe\n\nRebecca Haddad has been a tough negotiator for the irrigators. "
        "Te Puke is a grower's town.\n\nJane Doe is a senior fellow at the Lowy Institute."
    )
    people = {p.name: p for p in find_people(text, SimpleNamespace(authors=("Jane Doe",)))}
    assert set(people) == {"Rebecca Haddad", "Jane Doe"}
    assert people["Rebecca Haddad"].roles == (("tough negotiator", ""),)
    assert people["Jane Doe"].is_author
