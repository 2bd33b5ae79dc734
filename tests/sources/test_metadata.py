"""Metadata read from the page: headline, dek, byline, dateline, stated dates, kind; dates in running text."""

import datetime
from pathlib import Path

import pytest

from sources.text.clean import clean_text
from sources.text.metadata import extract_metadata, find_dates, resolve_relative_date, stated_dates

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
IST = datetime.timezone(datetime.timedelta(hours=5, minutes=30))


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def metadata_of(raw: str):
    return extract_metadata(raw, clean_text(raw))


# --- Seeds ----------------------------------------------------------------------------------------


def test_report_headline_dek_byline_reading_time_and_dateline():
    meta = metadata_of(seed("000"))
    assert (
        meta.headline == "Amid China concerns, India and US sign pact to secure supply of critical minerals"
    )
    assert meta.dek.startswith("This is also important as it comes days after US President Donald Trump")
    assert (meta.byline, meta.authors) == ("Shubhajit Roy", ("Shubhajit Roy",))
    assert (meta.reading_time, meta.dateline, meta.kind) == ("4 min read", "New Delhi", "report")
    assert meta.publisher == ""


def test_report_updated_time_is_timezone_aware_ist():
    meta = metadata_of(seed("000"))
    (stated,) = meta.stated_dates
    assert (stated.label, stated.text, stated.timezone) == (
        "updated",
        "May 27, 2026 04:37 AM IST",  # the label is said once, by `label`
        "IST",
    )
    assert stated.value == datetime.datetime(2026, 5, 27, 4, 37, tzinfo=IST)
    assert meta.modified_at == stated.value and meta.published_at is None
    assert meta.reference_date == datetime.date(2026, 5, 27)


def test_report_photo_caption_is_found():
    caption = metadata_of(seed("000")).caption
    assert caption.startswith("US Secretary of State Marco Rubio, left, shakes hands")
    assert caption.endswith("(AP Photo)")


def test_summary_publisher_from_branding_published_date_and_kind():
    meta = metadata_of(seed("001"))
    assert meta.publisher == "Kamaraj IAS Academy"
    assert meta.headline == "India–US Cooperation on Critical Minerals and Rare Earths"
    assert meta.published_at == datetime.date(2026, 5, 28)
    assert (meta.stated_dates[0].label, meta.stated_dates[0].text) == ("published", "28-05-2026")
    assert (meta.kind, meta.dek, meta.byline) == ("summary", "", "")


def test_cited_explainer_has_no_headline_and_is_an_explainer():
    meta = metadata_of(seed("002"))
    assert (meta.headline, meta.kind, meta.stated_dates) == ("", "explainer", ())


def test_short_report_headline_and_summary_dek():
    meta = metadata_of(seed("003"))
    assert meta.headline == "US-India Discuss Formalizing Critical Minerals Cooperation Framework"
    assert meta.dek.startswith("US Secretary of State Rubio and India's External Affairs Minister discussed")
    assert meta.dek.endswith("between the two nations in this vital sector.")
    assert meta.kind == "report"


# --- Invented layouts -----------------------------------------------------------------------------

WIRE = """\
China curbs exports of rare earth magnets

By Jane Doe and John Smith

BEIJING, April 4 (Reuters) - China on Friday restricted exports of seven rare earth elements.

(Reporting by Jane Doe; Editing by Mark Potter)
"""

PRESS_RELEASE = """\
PRESS RELEASE

Ministry of Mines

New Delhi, 12 March 2026

India and Australia sign MoU on critical minerals investment

The Ministry of Mines today signed a Memorandum of Understanding with Australia to support lithium projects.
"""


def test_wire_story_authors_dateline_agency_and_kind():
    meta = metadata_of(WIRE)
    assert meta.authors == ("Jane Doe", "John Smith")
    assert (meta.dateline, meta.publisher, meta.kind) == ("BEIJING", "Reuters", "wire")  # as printed
    assert meta.dek == ""  # the byline, not a standfirst, follows the headline


def test_press_release_headline_skips_label_and_masthead_and_reads_the_date_line():
    meta = metadata_of(PRESS_RELEASE)
    assert meta.headline == "India and Australia sign MoU on critical minerals investment"
    assert (meta.kind, meta.dateline) == ("press_release", "New Delhi")
    assert meta.published_at == datetime.date(2026, 3, 12)
    assert meta.dek == ""  # "The Ministry of Mines today signed …" is the lede, not a standfirst


@pytest.mark.parametrize(
    ("byline_line", "byline", "authors", "dateline"),
    [
        ("By Jane Doe and John Smith", "Jane Doe and John Smith", ("Jane Doe", "John Smith"), ""),
        ("By JANE DOE | Reuters", "JANE DOE", ("Jane Doe",), ""),
        ("By Jane Doe, Mumbai | Updated: 3 June 2026", "Jane Doe", ("Jane Doe",), "Mumbai"),
        ("Written by: **Aiko Tanaka** 2 min read Tokyo", "Aiko Tanaka", ("Aiko Tanaka",), "Tokyo"),
        (
            "Written by Aiko Tanaka, science teacher · 2 min read",
            "Aiko Tanaka, science teacher",
            ("Aiko Tanaka",),
            "",
        ),
    ],
)
def test_byline_forms_give_authors_and_place(byline_line, byline, authors, dateline):
    meta = metadata_of(
        f"Lithium deal signed\n\n{byline_line}\n\nThe deal was signed on Monday in the capital."
    )
    assert (meta.byline, meta.authors, meta.dateline) == (byline, authors, dateline)


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (
            "ANALYSIS\n\nWhy the minerals pact matters\n\n" + "The pact changes the balance of supply. " * 5,
            "analysis",
        ),
        (
            "Office of the Spokesperson\n\nJoint Statement on Critical Minerals\n\n"
            + "Both sides agreed. " * 8,
            "official",
        ),
        (
            "Key Highlights\n\nThe pact was signed.\n\nImportant Facts:\n\nIndia joined the MSP in 2023.",
            "summary",
        ),
        ("Explained: what rare earths are\n\n" + "Rare earths are seventeen metals. " * 5, "explainer"),
        ("Short note.", "other"),
    ],
)
def test_document_kind_from_page_cues(raw, kind):
    assert metadata_of(raw).kind == kind


@pytest.mark.parametrize(
    ("line", "label", "value", "zone"),
    [
        (
            "Last Updated: June 3, 2026 | 10:30 a.m. ET",
            "updated",
            datetime.datetime(2026, 6, 3, 14, 30, tzinfo=datetime.UTC),
            "ET",
        ),
        (
            "Published: 3 June 2026 10:30 BST",
            "published",
            datetime.datetime(2026, 6, 3, 9, 30, tzinfo=datetime.UTC),
            "BST",
        ),
        (
            "Posted on 2026-01-15 4:05 pm EST",
            "published",
            datetime.datetime(2026, 1, 15, 21, 5, tzinfo=datetime.UTC),
            "EST",
        ),
        ("Date: 05/28/2026", "date", datetime.date(2026, 5, 28), ""),
        ("Tuesday, May 26, 2026", "date", datetime.date(2026, 5, 26), ""),
    ],
)
def test_stated_dates_in_many_formats_and_zones(line, label, value, zone):
    (stated,) = stated_dates([line])
    assert (stated.label, stated.value, stated.timezone) == (label, value, zone)
    assert line.endswith(stated.text) and stated.text[0].isalnum()  # as printed, its label said once


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("Updated: May 27, 2026 04:37 AM IST", ("updated", "May 27, 2026 04:37 AM IST")),
        ("Last Updated: June 3, 2026 | 10:30 a.m. ET", ("updated", "June 3, 2026 | 10:30 a.m. ET")),
        ("Published On: 28-05-2026", ("published", "28-05-2026")),
        ("Posted on 2026-01-15 4:05 pm EST", ("published", "2026-01-15 4:05 pm EST")),
        ("Published 4:32 PM PDT, May 6, 2026", ("published", "4:32 PM PDT, May 6, 2026")),
        ("Date: 05/28/2026", ("date", "05/28/2026")),
        ("Tuesday, May 26, 2026", ("date", "Tuesday, May 26, 2026")),
    ],
)
def test_a_stated_date_keeps_its_label_apart_from_its_text(line, shown):
    """A page shows a stated date as "Updated" and then the date: never "Updated: Updated: …"."""
    (stated,) = stated_dates([line])
    assert (stated.label, stated.text) == shown


def test_a_published_and_an_updated_date_on_one_line_are_both_kept():
    found = stated_dates(["Published: May 26, 2026 | Updated: May 26, 2026 10:05 IST"])
    assert [(d.label, d.text) for d in found] == [
        ("published", "May 26, 2026"),
        ("updated", "May 26, 2026 10:05 IST"),
    ]


# --- Dates in running text --------------------------------------------------------------------------

WEDNESDAY = datetime.date(2026, 5, 27)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Tuesday", datetime.date(2026, 5, 26)),
        ("on Tuesday", datetime.date(2026, 5, 26)),
        ("on Wednesday", WEDNESDAY),
        ("last Wednesday", datetime.date(2026, 5, 20)),
        ("next Monday", datetime.date(2026, 6, 1)),
        ("today", WEDNESDAY),
        ("yesterday", datetime.date(2026, 5, 26)),
        ("three days ago", datetime.date(2026, 5, 24)),
        ("last month", datetime.date(2026, 4, 1)),
        ("next year", datetime.date(2027, 1, 1)),
        ("in due course", None),
    ],
)
def test_relative_dates_resolve_against_the_reference_day(phrase, expected):
    assert resolve_relative_date(phrase, WEDNESDAY) == expected


def test_report_dates_resolve_against_its_stated_date():
    text = clean_text(seed("000")).text
    found = {(matched, value, precision) for _, _, matched, value, precision in find_dates(text, WEDNESDAY)}
    assert ("May 26, 2026", datetime.date(2026, 5, 26), "day") in found
    assert ("on Tuesday", datetime.date(2026, 5, 26), "day") in found
    assert ("February 2026", datetime.date(2026, 2, 1), "month") in found
    assert ("February 4", datetime.date(2026, 2, 4), "day") in found
    assert ("later that month", datetime.date(2026, 2, 1), "month") in found
    assert ("today", WEDNESDAY, "day") in found
    assert not any(matched == "Tuesday" for matched, _, _ in found)  # "Tuesday, May 26, 2026" is one date


def test_find_dates_spans_slice_to_the_matched_text():
    text = "Signed on 26 May 2026 (2026-05-26), after talks in 2023 and a forum on 4 February 2026."
    found = find_dates(text, None)
    assert [(m, v, p) for _, _, m, v, p in found] == [
        ("26 May 2026", datetime.date(2026, 5, 26), "day"),
        ("2026-05-26", datetime.date(2026, 5, 26), "day"),
        ("2023", datetime.date(2023, 1, 1), "year"),
        ("4 February 2026", datetime.date(2026, 2, 4), "day"),
    ]
    assert all(text[start:end] == matched for start, end, matched, _, _ in found)


def test_day_without_year_takes_the_year_nearest_the_reference():
    found = find_dates("The deal was first floated on December 30.", datetime.date(2026, 1, 5))
    assert found[0][3] == datetime.date(2025, 12, 30)


def test_a_time_before_its_day_is_a_date_line_not_a_headline():
    meta = metadata_of(
        "Interview: the minister on the fishing quota\n\n7:10 am on 20 June 2026\n\n"
        "The minister joined the programme to discuss the cut to the rock lobster quota this season."
    )
    assert meta.headline == "Interview: the minister on the fishing quota"
    assert meta.published_at == datetime.datetime(2026, 6, 20, 7, 10)


def test_a_transcript_speaker_in_brackets_is_no_agency():
    meta = metadata_of(
        "Minister on the quota\n\nHOST (Corin Hale): Minister, fishers say this costs jobs. Is it worth it?"
        "\n\nMINISTER: It is a price we would pay more heavily later if we did nothing at all."
    )
    assert meta.publisher != "Corin Hale"


def test_a_label_before_a_speakers_label_is_no_dateline():
    meta = metadata_of(
        "Minister on the food deal\n\nBroadcast: Tuesday 15 September 2026\n\n"
        "PRESENTER: Here is how she put it after the signing, speaking to reporters in the capital.\n\n"
        "CLIP – JANE ROE: For a small country, trust is a strategic asset, and we have earned it."
    )
    assert meta.dateline == ""
    assert meta.published_at == datetime.date(2026, 9, 15)


def test_the_masthead_on_top_names_the_publisher_before_the_owner_in_the_copyright_line():
    raw = (
        "THE HARBOUR TIMES\nNews | World | Sport\n\nFerry deal signed\n\n"
        "The harbour authority approved a new ferry terminal on Tuesday after a review of three years.\n\n"
        "Copyright © 2026 Harbour Media Limited. All rights reserved."
    )
    assert metadata_of(raw).publisher == "The Harbour Times"


def test_a_masthead_in_title_case_names_the_publisher_when_nothing_else_does():
    raw = (
        "The Harbour Ledger\nNews   Business   Opinion\n\nFerry deal signed\n\n"
        "The harbour authority approved a new ferry terminal on Tuesday after a review of three years."
    )
    assert metadata_of(raw).publisher == "The Harbour Ledger"
