"""The page's metadata lines and the frame around the story: each leaves the body as a kind of its own,
what the metadata stage reads comes back to it, and the story itself stays whole."""

from pathlib import Path

import pytest

from sources.text.clean import clean_text
from sources.text.metadata import extract_metadata
from tests.sources.test_clean_furniture import STORY, page, removed_kinds

STORIES = Path(__file__).resolve().parents[1] / "data" / "stories"


def metadata_of(raw: str):
    return extract_metadata(raw, clean_text(raw))


# --- Bylines and date lines ------------------------------------------------------------------------


def test_byline_role_line_and_date_line_under_the_headline_leave_the_body():
    headline, story = STORY.split("\n\n", 1)
    raw = f"{headline}\n\nBy Ana Ruiz\nTransport correspondent\nThursday 11 June 2026 18:05 BST\n\n{story}"
    assert removed_kinds(raw) == {
        "By Ana Ruiz": "byline",
        "Transport correspondent": "byline",
        "Thursday 11 June 2026 18:05 BST": "date line",
    }
    meta = metadata_of(raw)
    assert (meta.headline, meta.authors) == (headline, ("Ana Ruiz",))
    assert meta.byline == "Ana Ruiz, Transport correspondent"  # shown where the byline is
    assert meta.published_at.isoformat() == "2026-06-11T18:05:00+01:00"


def test_a_name_alone_above_a_date_is_a_byline():
    headline, story = STORY.split("\n\n", 1)
    raw = f"{headline}\n\nAna Ruiz\n16 April 2026\n\n{story}"
    assert removed_kinds(raw) == {"Ana Ruiz": "byline", "16 April 2026": "date line"}
    assert metadata_of(raw).authors == ("Ana Ruiz",)


def test_a_name_over_a_journalists_role_is_a_byline():
    headline, story = STORY.split("\n\n", 1)
    raw = f"{headline}\n\nTan Hui Ling\nSenior Correspondent\n\n{story}"
    assert removed_kinds(raw) == {"Tan Hui Ling": "byline", "Senior Correspondent": "byline"}
    assert (metadata_of(raw).byline, metadata_of(raw).authors) == (
        "Tan Hui Ling, Senior Correspondent",
        ("Tan Hui Ling",),
    )


@pytest.mark.parametrize(
    "line",
    [
        "Published 8 June 2026 · Last updated 10/06/2026 · 9 min read",
        "Posted Wed 3 Jun 2026 at 4:12pm, updated Wed 3 Jun 2026 at 6:40pm",
        "June 11, 2026 4:18 PM GMT+2 Updated 2 hours ago",
        "Published on 14/04/2026 at 17:42 GMT | Updated on 15/04/2026 at 09:10 GMT",
        "Published 4:32 PM PDT, May 6, 2026",
        "Daily Current Affairs | 15-04-2026 | International Relations",
        "Brussels, 14 April 2026",
        "Tuesday, April 14, 2026",
    ],
)
def test_date_lines_above_the_story_leave_the_body(line):
    assert removed_kinds(page(line, before=True)) == {line: "date line"}


def test_a_timeline_after_the_story_keeps_its_dates():
    raw = f"{STORY}\n\nTimeline\n\n3 June 2024\nTalks open\n\n11 June 2026\nDeal signed"
    text = clean_text(raw).text
    assert "3 June 2024" in text and "11 June 2026" in text


def test_a_date_line_below_the_story_goes_and_a_date_heading_inside_it_stays():
    first, rest = STORY.rsplit("\n\n", 1)
    raw = f"{first}\n\n11 June 2026\n\n{rest}\n\nPosted 3 Jun 2026, updated 3 Jun 2026"
    cleaned = clean_text(raw)
    assert "11 June 2026" in cleaned.text
    assert [r.text for r in cleaned.of_kind("date line")] == ["Posted 3 Jun 2026, updated 3 Jun 2026"]


@pytest.mark.parametrize(
    "sentence",
    [
        "By Tuesday the authority had received more submissions than in any review before it.",
        "Done at London on 11 June 2026, in two originals in the English language.",
        "Applications, the authority said, close on 30/06/2026.",
        "[2] Ana Ruiz, “Harbour approves terminal”, Harbour Gazette, 11 June 2026.",
    ],
)
def test_sentences_with_a_byline_word_or_a_date_stay(sentence):
    assert sentence in clean_text(page(sentence)).text
    assert sentence in clean_text(page(sentence, before=True)).text


def test_a_wrapped_line_that_starts_with_by_is_no_byline():
    raw = (
        "Harbour pact signed\n\nThe negotiations, which opened in March, were led for the port\n"
        "by Ana Ruiz, the harbour master, and for the ferry companies by their association.\n\n" + STORY
    )
    assert "by Ana Ruiz, the harbour master" in clean_text(raw).text


# --- The head: masthead, tagline, menus, section labels, issuers --------------------------------------


def test_masthead_tagline_and_menu_on_top_leave_the_body():
    raw = page("Harbour Gazette\nNews you can sail by\nNews | Port | Weather", before=True)
    assert removed_kinds(raw) == {
        "Harbour Gazette": "masthead",
        "News you can sail by": "tagline",
        "News | Port | Weather": "navigation",
    }


def test_a_short_headline_over_a_byline_is_no_masthead():
    raw = "Ferry deal signed\nBy Ana Ruiz\n\n" + STORY.split("\n\n", 1)[1]
    assert removed_kinds(raw) == {"By Ana Ruiz": "byline"}


def test_a_menu_laid_out_one_item_a_line_goes():
    menu = "Skip to main content\nHarbour Gazette\nHome\nWorld\nBusiness\nExclusive port data for professionals\nMore"
    raw = page(menu, before=True)
    kinds = removed_kinds(raw)
    assert kinds["Harbour Gazette"] == "masthead"
    assert {kinds[item] for item in ("Home", "World", "Business", "More")} == {"navigation"}
    assert "Exclusive port data" not in clean_text(raw).text


def test_a_label_under_the_brand_is_a_section_not_a_second_masthead():
    raw = page("HARBOUR POST\nHome | News | Opinion", "OPINION", before=True)
    assert removed_kinds(raw)["OPINION"] == "section"


def test_lists_after_the_story_stay_and_a_footer_menu_among_furniture_goes():
    terms = "Key terms\nRoster\nPenalty rates"
    facts = "By the numbers\nSailings cancelled\n250 sailings"
    footer = "Share this page\nGovernment activity\nDepartments\nNews"
    text = clean_text(page(terms, facts, footer)).text
    assert "Key terms\n\nRoster\n\nPenalty rates" in text
    assert "250 sailings" in text
    assert "Departments" not in text


def test_a_live_blogs_time_in_capitals_is_no_masthead():
    raw = "Live: ferry strike\n\n10:42 BST\nServices from the eastern pier have been cancelled for the day, the operator said."
    assert "10:42 BST" in clean_text(raw).text


def test_a_short_label_between_lines_of_furniture_under_the_headline_goes():
    headline, story = STORY.split("\n\n", 1)
    raw = f"{headline}\n\n14 September 2026\n\nTransport\n\nShare this\n\n{story}"
    assert removed_kinds(raw)["Transport"] == "section"


def test_comments_from_a_heading_with_its_sort_order():
    raw = page(
        "86 Comments   Sort by: Newest", "harbour_fan · 2h", "About time, honestly.", "Reply · 14 likes"
    )
    assert clean_text(raw).text.endswith("before choosing their next step.")


def test_section_labels_above_the_headline_go():
    assert removed_kinds(page("Transport", "Local news", before=True)) == {
        "Transport": "section",
        "Local news": "section",
    }


def test_an_issuing_body_on_top_goes_and_the_metadata_reads_it():
    raw = page("MEDIA RELEASE", "Department of Ports and Harbours", before=True)
    assert removed_kinds(raw)["Department of Ports and Harbours"] == "masthead"
    assert metadata_of(raw).publisher == "Department of Ports and Harbours"


def test_an_office_naming_a_person_the_page_names_nowhere_else_stays():
    raw = page("Office of Mayor Lena Ortiz\nNews | Releases | Contact", before=True)
    assert "Office of Mayor Lena Ortiz" in clean_text(raw).text


def test_a_running_header_goes_from_the_top_when_a_title_of_its_own_follows():
    raw = (
        "Harbour Memorandum\n\nMemorandum between the Port Authority and the Ferry Operators on Pier Access\n\n"
        + STORY
        + "\n\n                                  Page 1 of 2\n\nHarbour Memorandum\n\n"
        + "The Parties shall meet twice a year to review the timetable and the berthing fees.\n\n"
        + "                                  Page 2 of 2\n"
    )
    cleaned = clean_text(raw)
    assert "Harbour Memorandum" not in cleaned.text
    assert [r.kind for r in cleaned.removed if r.text == "Harbour Memorandum"] == [
        "running title",
        "running header",
    ]
    assert metadata_of(raw).headline.startswith("Memorandum between the Port Authority")


# --- The foot and the story's own furniture ----------------------------------------------------------


def test_the_publishers_description_of_itself_and_a_prompt_to_follow_it_go():
    raw = (
        "Harbour Gazette\nNews | Port | Weather\n\n"
        + STORY
        + "\n\nHarbour Gazette is an independent, reader-funded newsroom. We take no advertising."
        + "\n\nFollow Harbour Gazette"
    )
    kinds = removed_kinds(raw)
    assert kinds["Harbour Gazette is an independent, reader-funded newsroom. We take no advertising."] == (
        "publisher blurb"
    )
    assert kinds["Follow Harbour Gazette"] == "promo"
    assert clean_text(raw).text.endswith("before choosing their next step.")


def test_a_publisher_describing_itself_at_the_foot_goes_without_a_masthead_to_name_it():
    raw = page("The Harbour Current is a non-profit newsroom funded by its readers.")
    assert removed_kinds(raw)["The Harbour Current is a non-profit newsroom funded by its readers."] == (
        "publisher blurb"
    )


def test_a_sign_up_box_goes_whole():
    box = (
        "Sign up to Harbour Weekly\nFree weekly newsletter\nThe week's port news, explained every Friday\n"
        "Enter your email address\nSign up\nPrivacy Notice: Newsletters may contain info about charities."
    )
    cleaned = clean_text(page(box))
    assert cleaned.text.endswith("before choosing their next step.")
    assert set(removed_kinds(page(box)).values()) == {"promo", "page chrome"}  # the notice is chrome anywhere


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        (
            "SUBJECTS: ferries; the breakwater; fishing boats; berthing fees; the inner basin; the works.",
            "field",
        ),
        ("Syllabus: GS Paper 3 – Infrastructure: ports, ferries and inland waterways", "field"),
        ("Harbour-ferry-transport,FOCUS", "slug"),
        ("Start your free 7-day trial", "promo"),
        ("Unlock all 40 topic guides and model answers with Harbour Premium.", "promo"),
        ("The Harbour Ledger newsletter brings you the week's port news. Sign up here.", "promo"),
        ("X (formerly Twitter)", "share prompt"),
        ("Follow The Harbour Post on Instagram", "share prompt"),
        ("Join our WhatsApp Channel and get the latest news and must-reads.", "promo"),
        ("Read 2 articles and stay informed.", "promo"),
        ("Get the Harbour News app", "promo"),
        ("Download now on iOS and Android", "promo"),
        ("Transcript edited for clarity.", "editor-note"),
        ("The views expressed are the author's own.", "page chrome"),
    ],
)
def test_more_kinds_of_line_furniture(line, kind):
    assert removed_kinds(page(line))[line] == kind


@pytest.mark.parametrize("marker", ["Suggested Topics:", "Explore more on these topics", "Related releases"])
def test_topic_lists_go_with_their_heading(marker):
    raw = page(f"{marker}\nFerries\nPort safety")
    assert {removed_kinds(raw)[line] for line in (marker, "Ferries", "Port safety")} == {"teaser block"}


@pytest.mark.parametrize(
    ("caption", "credit"),
    [
        ("Ferries at the eastern pier on Monday.", "(Photo: Lee Park)"),
        ("Ferries at the eastern pier on Monday.", "| Photo: Lee Park | Harbour Media Group"),
        ("Ferries at the eastern pier on Monday.", "PHOTO: HARBOUR AUTHORITY"),
        (
            "Ferries at the eastern pier, May 3, 2026.",
            "AGENCY/Lee Park/File Photo Purchase Licensing Rights, opens new tab",
        ),
    ],
)
def test_a_caption_stays_and_its_credit_goes_and_the_metadata_keeps_both(caption, credit):
    headline, story = STORY.split("\n\n", 1)
    raw = f"{headline}\n\n{caption} {credit}\n\n{story}"
    cleaned = clean_text(raw)
    assert f"{caption}\n\n" in cleaned.text and credit not in cleaned.text
    assert [r.text for r in cleaned.of_kind("image credit")] == [credit]
    assert metadata_of(raw).caption == f"{caption} {credit}"


# --- The corpus ------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(STORIES.glob("*/*.txt")), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_cleaning_a_corpus_page_twice_changes_nothing(path):
    once = clean_text(path.read_text(encoding="utf-8"))
    assert clean_text(once.text).text == once.text
