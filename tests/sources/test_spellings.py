"""A person's other spellings as readers see them: no repeat of the name, no part of it."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sources.text.spellings import other_spellings, spelling_words


@pytest.mark.parametrize(
    ("name", "aliases", "shown"),
    [
        ("Marco Rubio", ["Marco Rubio", "Rubio"], []),
        ("Marco Rubio", ["MARCO RUBIO", "marco  rubio", "Sen. Marco Rubio"], []),
        ("S. Jaishankar", ["S Jaishankar", "Dr. S. Jaishankar", "Jaishankar"], []),
        (
            "S. Jaishankar",
            ["Subrahmanyam Jaishankar", "Jaishankar", "Dr. Subrahmanyam Jaishankar"],
            ["Subrahmanyam Jaishankar"],
        ),
        (
            "José Ramos-Horta",
            ["Jose Ramos Horta", "Ramos-Horta", "José Manuel Ramos-Horta"],
            ["José Manuel Ramos-Horta"],
        ),
        ("Marco Rubio", ["Antonio Rubio", "Marco Antonio Rubio"], ["Marco Antonio Rubio"]),
        ("Olaf Scholz", ["Olaf Schulz"], ["Olaf Schulz"]),
        ("Nguyễn Phú Trọng", ["Nguyen Phu Trong", "Trọng"], []),
        ("Xi Jinping", ["习近平", "Xi"], ["习近平"]),
        ("Jean-Luc Mélenchon", ["Jean Luc Melenchon", "J.-L. Mélenchon"], ["J.-L. Mélenchon"]),
        ("Ann O’Neill", ["Ann O'Neill", "Ann ONeill"], ["Ann ONeill"]),
        ("Marco Rubio", ["", "  ", "Rubio "], []),
    ],
)
def test_only_spellings_that_add_something_are_shown(name, aliases, shown):
    assert other_spellings(name, aliases) == shown


def test_of_spellings_differing_only_in_punctuation_the_first_stands():
    assert other_spellings("S. Jaishankar", ["Subrahmanyam Jaishankar", "Subrahmanyam  JAISHANKAR."]) == [
        "Subrahmanyam Jaishankar"
    ]


def test_spellings_are_compared_without_case_accents_punctuation_or_titles():
    assert spelling_words("Dr. José RAMOS-HORTA") == spelling_words("jose ramos horta")


NAMES = st.sampled_from(
    [
        "Marco Rubio",
        "Rubio",
        "Marco Antonio Rubio",
        "Dr. S. Jaishankar",
        "S Jaishankar",
        "José",
        "Jose",
        "Ramos-Horta",
    ]
)


@given(NAMES, st.lists(NAMES, max_size=6))
def test_no_shown_spelling_is_contained_in_the_name_or_another_shown_one(name, aliases):
    shown = other_spellings(name, aliases)
    words = [spelling_words(name), *map(spelling_words, shown)]
    for i, a in enumerate(words[1:], 1):
        assert not any(a <= b for j, b in enumerate(words) if j != i)
    assert set(shown) <= set(aliases)
