"""Metadata read with a locale's conventions: numeric dates, zones, datelines, headlines, publishers, doubts."""

import datetime

import pytest

from sources.text.clean import Cleaned, Removal, clean_text
from sources.text.document import TextDocument
from sources.text.doubts import HEADLINE_GUESSED, NO_DATE, PUBLISHER_NOT_FOUND
from sources.text.lexicon import lexicon
from sources.text.metadata import extract_metadata, stated_dates


def read(raw: str, locale: str = "", cleaned: Cleaned | None = None):
    return extract_metadata(raw, TextDocument.read(raw, cleaned or clean_text(raw), lexicon(locale)))


def tz(hours: float) -> datetime.timezone:
    return datetime.timezone(datetime.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("line", "locale", "day"),
    [
        ("Date: 05/06/2026", "en-GB", datetime.date(2026, 6, 5)),
        ("Date: 05/06/2026", "en-US", datetime.date(2026, 5, 6)),
        ("Date: 13/05/2026", "en-US", datetime.date(2026, 5, 13)),  # over 12: the day, whatever the order
        ("Date: 05/13/2026", "en-GB", datetime.date(2026, 5, 13)),
        ("Date: 2026-05-06", "en-GB", datetime.date(2026, 5, 6)),
        ("Release date: 05/06/2026", "en-US", datetime.date(2026, 5, 6)),
        ("Issued 15-04-2026", "en-IN", datetime.date(2026, 4, 15)),
    ],
)
def test_numeric_dates_follow_the_locale_order(line, locale, day):
    (stated,) = stated_dates([line], lexicon(locale))
    assert stated.value == day


@pytest.mark.parametrize(
    ("line", "locale", "zone", "label", "value"),
    [
        ("June 11, 2026 4:18 PM GMT+2", "", "", "date", datetime.datetime(2026, 6, 11, 16, 18, tzinfo=tz(2))),
        ("Thursday 11 June 2026 18:05 BST", "en-GB", "", "date", datetime.datetime(2026, 6, 11, 17, 5, tzinfo=tz(0))),
        ("Published 4:32 PM PDT, May 6, 2026", "en-US", "", "published", datetime.datetime(2026, 5, 6, 23, 32, tzinfo=tz(0))),
        ("Posted Wed 3 Jun 2026 at 4:12pm", "en-AU", "Australia/Sydney", "published", datetime.datetime(2026, 6, 3, 6, 12, tzinfo=tz(0))),
        ("Updated 3 Jun 2026 10:00 IST", "en-IE", "", "updated", datetime.datetime(2026, 6, 3, 9, 0, tzinfo=tz(0))),
        ("Updated 3 Jun 2026 10:00 IST", "en-IN", "", "updated", datetime.datetime(2026, 6, 3, 4, 30, tzinfo=tz(0))),
    ],
)  # fmt: skip
def test_times_read_their_zone_or_the_places(line, locale, zone, label, value):
    (stated,) = stated_dates([line], lexicon(locale), zone=zone)
    assert (stated.label, stated.value) == (label, value)
    assert stated.value.tzinfo is not None


def test_a_line_opening_with_a_date_and_a_relative_update_keeps_the_date():
    (stated,) = stated_dates(["May 2, 2026 9:00 AM GMT Updated 2 hours ago"])
    assert stated.value == datetime.datetime(2026, 5, 2, 9, 0, tzinfo=tz(0))


def test_a_date_in_a_piped_line_is_found():
    (stated,) = stated_dates(["Daily Notes | 02-03-2026 | Economy"], lexicon("en-IN"))
    assert stated.value == datetime.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("lede", "dateline"),
    [
        ("OSLO/LONDON, June 11 (Reuters) - Ministers agreed a plan on Thursday.", "OSLO/LONDON"),
        ("SACRAMENTO, Calif. (AP) — The governor signed the bill on Monday.", "SACRAMENTO, Calif."),
        ("MOMBASA, Kenya (AFP) — Fishers welcomed the deal on Tuesday.", "MOMBASA, Kenya"),
        ("CANBERRA: The minister announced the fund on Friday.", "CANBERRA"),
        ("HEADLINES: The minister announced the fund on Friday.", ""),  # a label, not a known place
    ],
)
def test_lede_datelines_keep_their_printed_form(lede, dateline):
    meta = read(f"Ministers agree storage plan\n\n{lede}\n\nMore text follows here in the story.")
    assert meta.dateline == dateline


def test_transcript_speaker_labels_are_not_datelines():
    raw = "Fund announced\n\nPREMIER SMITH: Thanks all.\n\nREPORTER: When?\n\nPREMIER SMITH: Soon."
    assert read(raw, "en-AU").dateline == ""


def test_headline_skips_bureau_label_brand_and_navigation():
    raw = (
        "ACME NEWS\n\nHome | World | Climate\n\nPRESS RELEASE\n\nFrom: Department for Rivers and Canals\n\n"
        "Canal towns get £40m to restore locks\n\nPublished 4 May 2026\n\n"
        "The government today announced funding for forty locks across the network, ministers said."
    )
    meta = read(raw, "en-GB")
    assert meta.headline == "Canal towns get £40m to restore locks"
    assert meta.publisher == "Department for Rivers and Canals"
    assert HEADLINE_GUESSED not in {d.kind for d in meta.doubts}


def test_study_site_brand_is_not_the_headline():
    raw = (
        "BrightPath IAS Academy\n\nWater treaty between two river states\n\nPublished On: 02-03-2026\n\n"
        "Why in news?\n\nThe two states signed a treaty on sharing river water."
    )
    meta = read(raw, "en-IN")
    assert meta.headline == "Water treaty between two river states"
    assert meta.published_at == datetime.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("tail", "publisher"),
    [
        ("© 2026 Riverina Media Pty Ltd. All rights reserved.", "Riverina Media"),
        ("Copyright 2026 The Associated Press. All rights reserved.", "The Associated Press"),
        ("Authorised by J. Smith, 1 Main Street, Canberra ACT 2600.", "J. Smith"),
    ],
)
def test_publisher_from_copyright_and_authorisation_lines(tail, publisher):
    raw = f"Lock funding announced\n\nBy Ann Lee\n\n3 June 2026\n\n{'Ministers agreed the plan. ' * 6}\n\n{tail}"
    assert read(raw).publisher == publisher


def test_publisher_from_a_wire_tag():
    raw = "Dam plan approved\n\nLAGOS, May 4 (Reuters) - Officials approved the dam on Monday, they said."
    meta = read(raw)
    assert (meta.publisher, meta.kind) == ("Reuters", "wire")


def test_doubts_say_what_was_not_found():
    meta = read("the committee met. it agreed nothing new, and members went home early that day.")
    kinds = {d.kind for d in meta.doubts}
    assert {NO_DATE, PUBLISHER_NOT_FOUND, HEADLINE_GUESSED} <= kinds


def test_a_headline_without_a_confirming_cue_is_guessed():
    meta = read("Lock funding row grows\n\n- Councils object\n\n- Unions object")
    assert meta.headline == "Lock funding row grows"
    assert any(d.kind == HEADLINE_GUESSED and d.detail == meta.headline for d in meta.doubts)


def test_editor_notes_come_from_the_cleaners_removals():
    raw = "Lock funding announced\n\n3 June 2026\n\nMinisters agreed the plan."
    base = clean_text(raw)
    note = Removal("editor-note", "Correction: an earlier version misstated the sum.", len(raw))
    meta = read(raw, cleaned=Cleaned(base.text, (*base.removed, note), base.headline, base.segments))
    assert meta.notes == ("Correction: an earlier version misstated the sum.",)
