"""Quote anchoring: exact, normalised and fuzzy matches, with offsets that slice to the passage."""

from hypothesis import given
from hypothesis import strategies as st

from sources.text import anchor
from sources.text.normalize import normalize

TEXT = (
    "India and the US signed a bilateral “critical minerals framework” on Tuesday. "
    "The pact covers mining, processing, recycling, and related investments. "
    "Rubio launched the Forum on Resource Geostategic Engagement (FORGE)."
)


def test_exact_quote_is_found_with_offsets_and_context():
    found = anchor.anchor_quote(TEXT, "covers mining, processing")
    assert found.status == anchor.EXACT
    assert TEXT[found.start : found.end] == "covers mining, processing"
    assert found.prefix.endswith("The pact ")
    assert found.suffix.startswith(", recycling")


def test_fast_path_keeps_stored_position():
    start = TEXT.index("mining")
    found = anchor.anchor_quote(TEXT, "mining", start=start, end=start + 6)
    assert (found.status, found.start) == (anchor.EXACT, start)


def test_repeated_quote_is_disambiguated_by_prefix_and_suffix():
    text = "the pact was signed. Later the pact was praised. Finally the pact was filed."
    second = text.index("the pact", 10)
    found = anchor.anchor_quote(text, "the pact", prefix="Later ", suffix=" was praised")
    assert found.start == second


def test_straight_quotes_and_spacing_match_curly_quotes_as_normalized():
    found = anchor.anchor_quote(TEXT, 'a bilateral "critical   minerals framework"')
    assert found.status == anchor.NORMALIZED
    assert TEXT[found.start : found.end] == "a bilateral “critical minerals framework”"


def test_markdown_emphasis_in_quote_is_ignored():
    found = anchor.anchor_quote(TEXT, "**critical minerals** framework")
    assert found.status == anchor.NORMALIZED
    assert TEXT[found.start : found.end] == "critical minerals framework"


def test_corrected_typo_matches_fuzzily_with_a_score():
    found = anchor.anchor_quote(TEXT, "the Forum on Resource Geostrategic Engagement")
    assert found.status == anchor.FUZZY
    assert 0.85 <= found.score < 1
    assert "Geostategic" in TEXT[found.start : found.end]


def test_missing_quote_is_not_found():
    found = anchor.anchor_quote(TEXT, "Australia will build a lithium refinery in Perth next year")
    assert found.status == anchor.NOT_FOUND
    assert found.start is None


def test_empty_quote_or_text_is_not_found():
    assert anchor.anchor_quote(TEXT, "   ").status == anchor.NOT_FOUND
    assert anchor.anchor_quote("", "x").status == anchor.NOT_FOUND


def test_quote_moves_when_text_is_edited_before_it():
    start = TEXT.index("covers")
    edited = "Editor's note. " + TEXT
    found = anchor.anchor_quote(edited, "covers mining", start=start, end=start + 13)
    assert edited[found.start : found.end] == "covers mining"


@given(st.text(min_size=1, max_size=200))
def test_normalized_map_points_inside_original(text):
    norm = normalize(text)
    assert len(norm.text) == len(norm.origin)
    assert all(0 <= i < len(text) for i in norm.origin)
    assert list(norm.origin) == sorted(norm.origin)


@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=5, max_size=300), st.data())
def test_found_offsets_always_slice_inside_the_text(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = text[start:end]
    found = anchor.anchor_quote(text, quote)
    if quote.strip():
        assert found.status == anchor.EXACT
        assert text[found.start : found.end] == quote
