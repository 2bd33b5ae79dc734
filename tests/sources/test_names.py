"""Name keys: one way of folding a name, shared by the people's alias keys and the evidence search."""

import pytest

from sources.text.names import alias_key, name_words
from sources.text.tokens import Aliases, tokenize

SPELLINGS = [
    ("Rory O'Daly", "Rory O\u2019Daly", "rory o daly"),
    ("Priya D'Souza", "PRIYA D\u2018SOUZA", "priya d souza"),
    ("Seán O\u2019Brien", "Seán O'Brien", "seán o brien"),
    ("Anne-Marie Kelly-Smith", "Anne\u2011Marie Kelly Smith", "anne marie kelly smith"),
    ("Ministry of Defence", "ministry of defence", "ministry of defence"),
]


@pytest.mark.parametrize(("name", "other", "key"), SPELLINGS)
def test_apostrophes_and_hyphens_of_either_kind_give_one_key(name, other, key):
    assert alias_key(name) == alias_key(other) == key
    assert " ".join(name_words(name)) == key


def test_a_possessive_is_not_part_of_the_name():
    assert name_words("Rory O'Daly's office") == ("rory", "o", "daly", "office")
    assert alias_key("Dr. Rory O\u2019Daly") == "rory o daly"


@pytest.mark.parametrize(("name", "other", "key"), SPELLINGS)
def test_a_text_naming_an_alias_in_any_spelling_carries_its_group(name, other, key):
    # Alias groups are keyed by alias_key; a text's words must fold to the same words to find them.
    aliases = Aliases.of([[name, "The Named One"]])
    for text in (f"Yesterday {name} spoke.", f"Yesterday {other}'s office spoke."):
        tokens = tokenize(text, aliases)
        named = [t.text for t in tokens if any(k.startswith("alias:") for k in t.keys)]
        assert named == [t.text for t in tokens if t.text not in ("Yesterday", "office", "spoke")]
