"""Bylines, reading times and date lines leave the clean text, whatever their layout; the byline
and dates are kept as metadata; sentences that only mention minutes or authors stay."""

import pytest

from sources.text.clean import clean_text
from sources.text.metadata import extract_metadata

HEADLINE = "Ministers sign a water-sharing pact in Geneva"
DEK = "The accord settles a decade of talks over the river's flow."
BODY = (
    "The ministers of both countries signed the accord on Monday after three days of talks, officials "
    "said. The agreement sets out how much water each side may draw in a dry year.\n\n"
    "It will be reviewed in five years, the statement said, and a joint commission will meet every "
    "quarter to check the flows."
)


def page(*lines: str) -> str:
    return "\n\n".join([HEADLINE, DEK, *lines, BODY]) + "\n"


READING_AND_BYLINE_LINES = [
    "By Jane Doe | 3 min read",
    "By Jane Doe • 8 min read",
    "By Jane Doe · 6 min read",
    "Written by: Jane Doe 4 min read",
    "Written by: **Jane Doe** 4 min read New Delhi Updated: May 27, 2026 04:37 AM IST",
    "Written by: Jane Doe | New Delhi | Updated: May 27, 2026 04:37 AM IST",
    "Written by Jane Doe and Tom Roe",
    "By JANE DOE",
    "By Jane Doe, Tom Roe | Updated: 12 June 2026, 10:05 IST | 6 min read",
    "By Jane Doe Updated: May 27, 2026 4 min read",
    "5 min read",
    "5 min read ·",
    "3 mins read",
    "12 minute read",
    "Reading time: 3 minutes",
    "Estimated reading time: 7 minutes",
    "Read time: 4 min",
    "Reading time: about 5 mins",
    "Updated: May 27, 2026 04:37 AM IST",
    "Updated - May 27, 2026 08:15 pm IST",
    "Last updated: 2 hours ago",
    "Published: June 8, 2026 · 9 min read",
    "4 min read | Updated: June 8, 2026",
    "2 min read Updated: May 27, 2026",
]


@pytest.mark.parametrize("line", READING_AND_BYLINE_LINES)
def test_a_byline_reading_time_or_date_line_leaves_no_trace_in_the_clean_text(line):
    cleaned = clean_text(page(line))
    assert cleaned.text.startswith(f"{HEADLINE}\n\n{DEK}\n\nThe ministers of both countries")
    assert "min read" not in cleaned.text and "Jane Doe" not in cleaned.text
    assert "reading time" not in cleaned.text.casefold() and "Updated" not in cleaned.text
    assert cleaned.text.rstrip().endswith("quarter to check the flows.")  # the story stays whole
    assert any(" ".join(line.replace("*", "").split()) in " ".join(r.text.replace("*", "").split())
               for r in cleaned.removed)  # recorded, so the path from the page to the text shows  # fmt: skip


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Doe | 3 min read",
        "Written by: Jane Doe 4 min read",
        "Written by: **Jane Doe** 4 min read New Delhi Updated: May 27, 2026 04:37 AM IST",
        "By Jane Doe • 8 min read",
    ],
)
def test_the_byline_is_kept_as_metadata_once_its_line_leaves_the_text(line):
    raw = page(line)
    meta = extract_metadata(raw, clean_text(raw))
    assert meta.byline == "Jane Doe"


@pytest.mark.parametrize("line", ["5 min read", "5 min read ·", "Reading time: 3 minutes"])
def test_a_reading_time_alone_is_furniture_under_the_story_too(line):
    cleaned = clean_text("\n\n".join([HEADLINE, DEK, BODY, line]) + "\n")
    assert cleaned.text.rstrip().endswith("quarter to check the flows.")


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks ran for 45 minutes before the ministers read their statements.",
        "By Tuesday the two sides had agreed on the river's minimum flow.",
        "Reading the text takes about 5 minutes, the minister joked, and it is worth it.",
        "Written by the commission's engineers, the annex runs to 40 pages.",
    ],
)
def test_sentences_that_mention_minutes_or_authors_stay(sentence):
    cleaned = clean_text(page(sentence))
    assert sentence in cleaned.text


def test_stated_date_shows_its_label_once():
    raw = page("Written by: Jane Doe 4 min read Updated: May 27, 2026 04:37 AM IST")
    meta = extract_metadata(raw, clean_text(raw))
    assert [(d.label, d.text) for d in meta.stated_dates] == [("updated", "May 27, 2026 04:37 AM IST")]
