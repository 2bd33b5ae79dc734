"""Speakers the grammar of news names: pronouns that teach gender, titles before a name after the verb,
and speakers nobody names, left unknown rather than guessed."""

import pytest

from sources.text.people import find_people
from sources.text.quotes import find_quotations


def quotations_in(text: str):
    return find_quotations(text, find_people(text))


def test_she_resolved_once_is_never_the_speaker_of_a_later_he():
    text = (
        "Trade Minister Arjun Rao said the accord would hold.\n\n"
        '"We have built it to last through the next crisis," he said.\n\n'
        "Kenya's Trade Secretary Wanjiku Mwangi said the country wanted the same terms.\n\n"
        '"We will not accept less than the partners before us," she added.\n\n'
        "The forum closed with a lunch for the delegations.\n\n"
        '"Every port on that list will stay open, whatever happens," he said.'
    )
    assert [q.speaker for q in quotations_in(text)] == ["Arjun Rao", "Wanjiku Mwangi", "Arjun Rao"]


@pytest.mark.parametrize(
    "between",
    [
        pytest.param("The council meets on Thursday to decide on the tolls.\n\n", id="a paragraph between"),
        pytest.param("", id="right after the paragraph where she may have spoken"),
    ],
)
def test_he_is_unsure_when_the_last_speaker_may_be_a_woman_and_a_man_spoke_before(between):
    text = (
        'Lukas Brandt, the mayor, said the bridge was safe. "We checked every bolt," he said.\n\n'
        "Robin Ashe, an engineer, said the inspection had been quick.\n\n"
        f"{between}"
        '"Nobody will pay to cross it before the repairs are done," he said.'
    )
    last = quotations_in(text)[-1]
    assert last.speaker == "" and last.candidates == ("Robin Ashe", "Lukas Brandt")


def test_she_after_a_quotation_of_someone_else_is_unknown_when_the_text_never_says_who_is_she():
    # Neither person's gender is stated: "she" may go back past the last speaker to an earlier one.
    text = (
        "Harbour Minister Dana Okafor announced the grant at the quay on Monday.\n\n"
        '"The ports are where this industry starts, not the open sea," Okafor told reporters.\n\n'
        "Jean-Luc Moreau, who runs a steel plant up the coast, said the money would help.\n\n"
        '"A grant is a promise. An order is a job," Moreau said.\n\n'
        '"We will not build this industry on imported steel," she said.'
    )
    last = quotations_in(text)[-1]
    assert last.speaker == ""
    assert last.candidates == ("Jean-Luc Moreau", "Dana Okafor")


def test_she_goes_back_past_a_man_the_text_calls_he_to_the_one_who_may_be_she():
    text = (
        "Harbour Minister Dana Okafor announced the grant at the quay on Monday.\n\n"
        '"The ports are where this industry starts, not the open sea," Okafor told reporters.\n\n'
        "Jean-Luc Moreau said his steel plant up the coast would need firm orders first.\n\n"
        '"A grant is a promise. An order is a job," Moreau said.\n\n'
        '"We will not build this industry on imported steel," she said.'
    )
    assert quotations_in(text)[-1].speaker == "Dana Okafor"


def test_the_name_after_a_verb_and_a_long_title_is_the_speaker():
    text = (
        "The clinics open in June. \u201cEvery district will have one,\u201d said South Africa's "
        "Minister of Health, Dr Thandiwe Nkosi, after the vote."
    )
    (quotation,) = quotations_in(text)
    assert quotation.speaker == "Thandiwe Nkosi"


def test_a_quotation_an_unnamed_subject_introduces_with_a_colon_has_no_speaker():
    text = (
        "Mayor Lukas Brandt opened the bridge on Monday. In the crowd, someone put the mood into "
        "words: \u201cWe waited eleven years for this, and it was worth it.\u201d"
    )
    (quotation,) = quotations_in(text)
    assert (quotation.speaker, quotation.candidates) == ("", ())


def test_the_title_as_subject_is_the_one_person_the_text_gave_that_title():
    text = (
        "Prime Minister Aiko Mori and Trade Secretary Daniel Osei signed the accord.\n\n"
        "Asked about the cost, the prime minister said, \u201cIt pays for itself.\u201d"
    )
    assert quotations_in(text)[-1].speaker == "Aiko Mori"


def test_the_title_two_people_hold_is_the_one_named_just_before_or_else_unknown():
    text = (
        "Fisheries Minister Tala Fono met Trade Minister Sione Vake in Apia.\n\n"
        "Fono said the quotas would be cut by a tenth.\n\n"
        '"Every boat will carry an observer from next year," the minister said.'
    )
    assert quotations_in(text)[-1].speaker == "Tala Fono"
    both = text.replace("Fono said the quotas", "Fono and Vake said the quotas")
    last = quotations_in(both)[-1]
    assert last.speaker == "" and set(last.candidates) == {"Tala Fono", "Sione Vake"}


def test_a_pronoun_never_refers_to_someone_the_text_names_only_later():
    text = (
        'The mayor showed us the quay. "Ten years ago there was nothing here," he told me.\n\n'
        "Giulia Conti, a councillor, worries about lorries."
    )
    (quotation,) = quotations_in(text)
    assert quotation.speaker == ""


def test_as_someone_put_it_attributes_the_quotation():
    text = 'Luca Ferri, the harbour master, was upbeat. As Ferri put it, "a port that grows is a town that lives."'
    (quotation,) = quotations_in(text)
    assert quotation.speaker == "Luca Ferri"


def test_quotations_under_a_press_releases_attribution_line_are_that_persons():
    text = (
        "The agreement was signed in Jakarta on Monday.\n\n"
        "Quotes attributable to Minister for Agriculture Julie Collins:\n\n"
        '"Our farmers grow some of the best produce in the world."\n\n'
        '"It is a win for farmers and a win for food security in our region."'
    )
    assert [q.speaker for q in quotations_in(text)] == ["Julie Collins", "Julie Collins"]


def test_a_quotation_someone_shouts_from_the_floor_has_no_speaker():
    text = 'Mayor Lukas Brandt opened the bridge. A man in the crowd shouted: "About time, too!"'
    (quotation,) = quotations_in(text)
    assert (quotation.speaker, quotation.candidates) == ("", ())


def test_after_the_verb_a_title_then_the_name_and_a_capitalised_title_alone_are_resolved():
    text = (
        "Trade Minister Tala Fono and Fisheries Minister Sione Vake met in Apia.\n\n"
        '"We will open the market in May," said the Minister of Trade, Tala Fono.\n\n'
        '"The boats are ready," said Fisheries Minister Vake.\n\n'
        '"It is good news," the Minister said.'
    )
    assert [q.speaker for q in quotations_in(text)] == ["Tala Fono", "Sione Vake", "Sione Vake"]
