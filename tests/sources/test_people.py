"""People in a text: titled names with roles, later surname mentions, bylines, and merging across texts."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from sources.text.clean import clean_text
from sources.text.lexicon import lexicon
from sources.text.metadata import extract_metadata
from sources.text.names import alias_key
from sources.text.people import find_people, merge_people, read_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def people_of(prefix: str):
    raw = seed(prefix)
    cleaned = clean_text(raw)
    metadata = extract_metadata(raw, cleaned)
    return cleaned.text, {person.name: person for person in find_people(cleaned.text, metadata)}


# --- 000 ------------------------------------------------------------------------------------------


def test_report_finds_each_person_with_role_and_country():
    _, people = people_of("000")
    assert {name: person.roles for name, person in people.items()} == {
        "Donald Trump": (("President", "United States"),),
        "Xi Jinping": (("President", "China"),),
        "Shubhajit Roy": (("Author", ""),),
        "Marco Rubio": (("Secretary of State", "United States"),),
        "S. Jaishankar": (("External Affairs Minister", "India"),),
        "Narendra Modi": (("Prime Minister", ""),),
    }


def test_report_surname_mentions_attach_to_the_full_name():
    text, people = people_of("000")
    jaishankar, rubio = people["S. Jaishankar"], people["Marco Rubio"]
    assert set(jaishankar.aliases) == {"S. Jaishankar", "S Jaishankar", "Jaishankar"}
    assert set(rubio.aliases) == {"Marco Rubio", "Rubio"}
    said = text.index("Jaishankar said")
    assert any(m.start == said and m.name == "Jaishankar" for m in jaishankar.mentions)
    recalled = text.index("Rubio recalled")
    assert any(m.start == recalled and m.title == "" for m in rubio.mentions)
    assert len(rubio.mentions) == 6


def test_mentions_slice_to_the_name_and_carry_the_title_as_written():
    text, people = people_of("000")
    for person in people.values():
        for mention in person.mentions:
            assert text[mention.start : mention.end] == mention.name
    titles = {m.title for m in people["S. Jaishankar"].mentions}
    assert {"India's External Affairs Minister", "External Affairs Minister"} <= titles
    assert people["Xi Jinping"].mentions[0].title == "Chinese President"


def test_capitalised_places_organisations_and_credits_are_not_people():
    _, people = people_of("000")
    names = " ".join(alias for person in people.values() for alias in person.aliases)
    for thing in (
        "Hyderabad House",
        "New Delhi",
        "Pax Silica",
        "Quad",
        "AP Photo",
        "Google",
        "Beijing",
        "FORGE",
    ):
        assert thing not in names


def test_teaser_headline_alone_names_nobody():
    assert (
        find_people(
            "'US is a very welcoming country but has stupid people too': Marco Rubio on racist comments"
        )
        == []
    )


# --- 001, 002, 003 ------------------------------------------------------------------------------------


def test_summary_personalities_list_gives_roles_with_countries():
    _, people = people_of("001")
    assert set(people) == {"S. Jaishankar", "Marco Rubio"}
    assert people["S. Jaishankar"].roles == (("External Affairs Minister", "India"),)
    assert people["Marco Rubio"].roles == (("Secretary of State", "United States"),)
    assert people["S. Jaishankar"].mentions[-1].title == "External Affairs Minister of India"


def test_branding_and_address_names_are_not_people_even_in_the_raw_page():
    names = {alias for person in find_people(seed("001")) for alias in person.aliases}
    assert names == {"S. Jaishankar", "Marco Rubio"}


def test_explainer_honorific_is_an_alias_not_part_of_the_name():
    _, people = people_of("002")
    jaishankar = people["S. Jaishankar"]
    assert "Dr. S. Jaishankar" in jaishankar.aliases
    assert jaishankar.mentions[0].name == "Dr. S. Jaishankar"
    assert jaishankar.roles == (("External Affairs Minister", "India"),)
    assert people["Marco Rubio"].mentions[0].title == "U.S. Secretary of State"


def test_surname_only_titled_person_is_found():
    _, people = people_of("003")
    assert list(people) == ["Rubio"]
    assert people["Rubio"].roles == (("Secretary of State", "United States"),)


def test_people_merge_across_documents_by_alias_and_surname():
    groups = [list(people_of(prefix)[1].values()) for prefix in ("000", "001", "002", "003")]
    merged = {person.name: person for person in merge_people(groups)}
    assert set(merged) == {
        "Donald Trump",
        "Xi Jinping",
        "Shubhajit Roy",
        "Marco Rubio",
        "S. Jaishankar",
        "Narendra Modi",
    }
    assert set(merged["S. Jaishankar"].aliases) == {
        "S. Jaishankar",
        "S Jaishankar",
        "Dr. S. Jaishankar",
        "Jaishankar",
    }
    assert "Rubio" in merged["Marco Rubio"].aliases
    assert merged["Marco Rubio"].roles == (("Secretary of State", "United States"),)


# --- Invented texts ---------------------------------------------------------------------------------

SUMMIT = """\
Chinese President Xi Jinping met U.S. President Donald Trump in Busan. Xi said the talks were candid.

China's foreign minister Wang Yi told reporters the two sides would keep talking. Dr. Jane Goodall, who \
attended the dinner, said nothing. "We will not accept coercion from anyone," Wang said.

"Trade is the core," said Peter Zhang, a trade analyst at Capital Economics.

American Ambassador David Perdue met Melania Trump at the residence of the Japanese Prime Minister."""


def test_invented_text_titles_lowercase_roles_honorifics_and_appositions():
    people = {person.name: person for person in find_people(SUMMIT)}
    assert set(people) == {
        "Xi Jinping",
        "Donald Trump",
        "Wang Yi",
        "Jane Goodall",
        "Peter Zhang",
        "David Perdue",
    }
    assert people["Wang Yi"].roles == (("foreign minister", "China"),)  # the role as the text states it
    assert people["Peter Zhang"].roles == (("trade analyst at Capital Economics", ""),)
    assert people["David Perdue"].roles == (("Ambassador", "United States"),)
    assert people["Jane Goodall"].aliases == ("Dr. Jane Goodall", "Jane Goodall")


def test_family_name_first_and_surname_mentions_resolve():
    people = {person.name: person for person in find_people(SUMMIT)}
    assert "Xi" in people["Xi Jinping"].aliases  # a Chinese family name comes first
    assert "Wang" in people["Wang Yi"].aliases


def test_another_person_sharing_a_surname_is_not_merged():
    people = {person.name: person for person in find_people(SUMMIT)}
    trump_mentions = [m.name for m in people["Donald Trump"].mentions]
    assert trump_mentions == ["Donald Trump"]  # "Melania Trump" is someone else


def test_byline_authors_passed_in_become_people():
    text = "By Jane Doe\n\nThe ministry said exports would resume. Jane Doe contributed reporting."
    people = find_people(text, SimpleNamespace(authors=("Jane Doe",)))
    assert [(p.name, p.roles) for p in people] == [("Jane Doe", (("Author", ""),))]
    assert people[0].mentions[0].start == text.index("Jane Doe")


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("India's External Affairs Minister S. Jaishankar spoke.", ("External Affairs Minister", "India")),
        ("Indian External Affairs Minister Dr. S. Jaishankar spoke.", ("External Affairs Minister", "India")),
        ("US Secretary of State Marco Rubio spoke.", ("Secretary of State", "United States")),
        ("U.S. Secretary of State Marco Rubio spoke.", ("Secretary of State", "United States")),
        ("Prime Minister Narendra Modi spoke.", ("Prime Minister", "")),
        ("Union Minister of Mines G. Kishan Reddy spoke.", ("Union Minister of Mines", "")),
        ("Australian Minister for Resources Madeleine King spoke.", ("Minister for Resources", "Australia")),
        ("Marco Rubio: US Secretary of State", ("Secretary of State", "United States")),
        ("Mines Minister of Chile: Marco Haddad", ("Mines Minister", "Chile")),
        ("Energy Minister of Ruritania: Lena Novak", ("Energy Minister", "Ruritania")),
        (
            "John Smith, the Minister for Lands and Natural Resources, spoke.",
            ("Minister for Lands and Natural Resources", ""),
        ),
    ],
)
def test_title_forms_give_a_role_with_a_country_hint(text, role):
    (person,) = find_people(text)
    assert person.roles == (role,)


def test_organisation_and_place_subjects_of_said_are_not_people():
    text = (
        "The European Chamber of Commerce said it was concerned. Beijing said nothing. "
        "A spokesperson for Ford said the firm was assessing the impact. New Delhi said it would respond. "
        "The India-Australia Critical Minerals Investment Partnership announced two projects."
    )
    assert find_people(text) == []


def test_a_leading_the_before_an_honorific_is_not_part_of_the_name():
    text = "The Hon. Mara Quill MP\n\nMinister for Ports Mara Quill said the dredging would start soon."
    (person,) = find_people(read_text(text, lexicon("en-AU")))
    assert person.name == "Mara Quill"
    assert alias_key("The Hon. Mara Quill") == alias_key("Mara Quill") == "mara quill"


@pytest.mark.parametrize(
    ("text", "gender"),
    [
        ("Teresa Nakata, a retired librarian, said her insurer dropped her in 2024.", "f"),
        ("Governor Adrian Castell said the rule and his grant proposal work together.", "m"),
        ("Minister Jane Roe met Senator John Doe; she said he was late.", ""),  # two people: nobody's gender
        ('Anna Berg said: "He never called us back."', ""),  # a pronoun inside a quotation
    ],
)
def test_gender_is_read_from_pronouns_that_refer_back_to_the_one_person_named(text, gender):
    person = find_people(text)[0]
    assert person.gender == gender


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "European Commission President Ursula von der Leyen spoke. Later von der Leyen said more.",
            "Ursula von der Leyen",
        ),
        ("Housing spokesman Eoin Ó Broin spoke first. Then Ó Broin said it was late.", "Eoin Ó Broin"),
    ],
)
def test_a_family_name_with_its_particles_is_one_person(text, name):
    (person,) = find_people(text)
    assert person.name == name


def test_a_surname_only_speaker_takes_the_full_name_the_raw_page_gives_in_its_furniture():
    from sources.text.clean import Cleaned
    from sources.text.document import TextDocument

    raw = "Office of Governor Adrian Castell\nNewsroom | Transcripts\n\nGOV. CASTELL: Good afternoon.\n\nQ: Why now?\n\nGOV. CASTELL: Because it is time."
    clean = "GOV. CASTELL: Good afternoon.\n\nQ: Why now?\n\nGOV. CASTELL: Because it is time."
    (person,) = find_people(TextDocument.read(raw, Cleaned(clean, ()), lexicon("")))
    assert person.name == "Adrian Castell"
    assert all(clean[m.start : m.end].casefold() == m.name.casefold() for m in person.mentions)


def test_a_surname_that_speaks_takes_the_full_name_the_text_wrote_first_as_a_mention():
    text = 'Seán Ó Flaherty has run the ferry for 31 years.\n\n"If the boat stops, the island empties," Ó Flaherty says.'
    (person,) = find_people(text)
    assert person.name == "Seán Ó Flaherty"
    assert [m.start for m in person.mentions] == [0, text.index("Ó Flaherty says")]
