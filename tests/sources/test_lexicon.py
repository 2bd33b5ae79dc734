"""The lexicon: data files merged per locale into one immutable object."""

from types import MappingProxyType

import pytest

from sources.text.lexicon import DATA, UnknownLocale, chain, lexicon, locales, merge


def test_default_and_locale_chain():
    assert chain("") == ("default",)
    assert chain("en-NZ") == ("default", "en-GB", "en-AU", "en-NZ")
    assert chain("en-US") == ("default", "en-US")


def test_every_parent_is_a_known_locale():
    known = locales()
    for code, entry in known.items():
        assert entry.get("parent", "en-GB") in known, code
        assert entry["name"], code


def test_unknown_locale_names_it_and_the_known_ones():
    with pytest.raises(UnknownLocale, match=r"unknown locale “xx-YY” \(known: .*en-US"):
        lexicon("xx-YY")


def test_locale_overrides_default_and_inherits_parent():
    assert lexicon("").value("dates.order") == "DMY"
    assert lexicon("en-US").value("dates.order") == "MDY"
    assert lexicon("en-NZ").value("dates.order") == "DMY"


def test_lexicon_is_immutable_and_shared():
    lex = lexicon("en-GB")
    assert lexicon("en-GB") is lex
    assert isinstance(lex.data, MappingProxyType)
    with pytest.raises(TypeError):
        lex.data["dates"] = {}  # type: ignore[index]


def test_missing_entry_is_a_clear_error_or_the_default():
    with pytest.raises(KeyError, match=r"no entry “dates\.nothing”"):
        lexicon("").value("dates.nothing")
    assert lexicon("").value("dates.nothing", None) is None
    assert lexicon("").phrases("dates.nothing") == ()
    assert not lexicon("").pattern("dates.nothing").search("anything")


def test_merge_joins_lists_merges_tables_replaces_values():
    merged = merge({"a": [1, 2], "t": {"x": 1, "y": [1]}, "v": 1}, {"a": [2, 3], "t": {"y": [2]}, "v": 2})
    assert merged == {"a": [1, 2, 3], "t": {"x": 1, "y": [1, 2]}, "v": 2}


def test_extended_adds_rules_without_touching_the_shared_lexicon():
    base = lexicon("en-GB")
    extra = base.extended({"furniture": {"custom": ["Brought to you by Acme"]}})
    assert extra.pattern("furniture.custom").search("brought to you by ACME")
    assert not base.pattern("furniture.custom").search("brought to you by ACME")
    assert base.extended({"furniture": {"custom": ["Brought to you by Acme"]}}) is extra
    assert base.extended({}) is base


def test_literal_pattern_matches_whole_words_longest_first():
    lex = lexicon("").extended({"t": {"w": ["min", "minister for energy"]}})
    found = lex.literal_pattern("t.w").findall("The Minister for Energy and the mining minister")
    assert found == ["Minister for Energy"]
    street = lexicon("").extended({"t": {"w": ["st", "rd", "road"]}}).literal_pattern("t.w")
    assert not street.search("Costs and boards")  # every entry, not only the first and last, is a whole word
    assert street.search("12 Main St")


def test_a_bad_pattern_is_named():
    lex = lexicon("").extended({"t": {"bad": ["(unclosed"]}})
    with pytest.raises(ValueError, match=r"“t\.bad”"):
        lex.pattern("t.bad")


def test_every_locale_loads():
    for code in ("", *locales()):
        assert lexicon(code).value("dates.order") in {"DMY", "MDY", "YMD"}
    assert (DATA / "locales.toml").exists()
