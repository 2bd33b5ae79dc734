"""Furniture removal by kind, from the lexicon's data: each kind on a small page of its own."""

import pytest

from sources.text.clean import clean_text
from sources.text.doubts import FURNITURE_KEPT
from sources.text.lexicon import lexicon

STORY = (
    "Harbour authority approves new ferry terminal\n\n"
    "The harbour authority on Tuesday approved a new ferry terminal for the eastern pier, ending a "
    "review that lasted three years and drew more than four hundred public submissions from residents. "
    "The terminal will handle up to twelve sailings a day once the breakwater is extended next spring.\n\n"
    "Engineers said the extension would be built in two stages so that fishing boats can keep using "
    "the inner basin during the works, which are expected to cost about forty million dollars in total "
    "and to employ some two hundred people at their peak over the coming two summers.\n\n"
    "Residents who opposed the plan said they would study the decision before choosing their next step."
)


def page(*furniture: str, before: bool = False) -> str:
    """The story with furniture lines after it (or before the headline)."""
    extra = "\n\n".join(furniture)
    return f"{extra}\n\n{STORY}" if before else f"{STORY}\n\n{extra}"


def removed_kinds(raw: str, lex=None) -> dict[str, str]:
    return {r.text: r.kind for r in clean_text(raw, lex).removed if r.kind != "blank lines"}


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("Share on Bluesky", "share prompt"),
        ("Facebook | WhatsApp | Email | Copy link", "share prompt"),
        ("2.4K shares", "comment count"),
        ("Sign up for the Harbour Weekly newsletter", "promo"),
        ("Loading...", "promo"),
        ("Is this page useful?", "page feedback"),
        ("For Immediate Release", "press label"),
        ("(Reporting by Ana Ruiz; Editing by Tom Bale)", "wire tail"),
        ("Our Standards: The Trust Principles.", "wire tail"),
        ("xyz-ab/cd", "wire code"),
        ("© Agence Example 2026", "copyright"),
        ("Photo: Lee Park/Example Agency", "image credit"),
        ("AGENCY/Lee Park/File Photo", "image credit"),
        ("This image was generated using AI.", "ai disclaimer"),
        ("Page 2 of 4", "page number"),
        ("Home › Local › Transport", "navigation"),
        ("Skip to main content", "page chrome"),
    ],
)
def test_each_kind_of_line_furniture_is_removed_and_the_story_kept(line, kind):
    cleaned = clean_text(page(line))
    assert removed_kinds(page(line))[line] == kind
    assert line not in cleaned.text
    assert "Residents who opposed the plan" in cleaned.text


def test_a_byline_and_a_date_row_with_separators_leave_as_metadata_not_navigation():
    raw = page("By Ana Ruiz | Harbour Desk", "Port Town | Updated: 3 June 2026", before=True)
    assert removed_kinds(raw) == {
        "By Ana Ruiz | Harbour Desk": "byline",
        "Port Town | Updated: 3 June 2026": "date line",
    }


def test_press_release_boilerplate_notes_and_contacts_go():
    raw = page(
        "-ENDS-",
        "Notes to editors",
        "1. The terminal was first proposed in 2019.",
        "About the Harbour Authority",
        "The Harbour Authority is the statutory body that manages the port.",
        "Media enquiries: press@harbour.example",
    )
    cleaned = clean_text(raw)
    assert cleaned.text.endswith("before choosing their next step.")
    assert [r.text for r in cleaned.of_kind("editor-note")] == ["1. The terminal was first proposed in 2019."]


def test_about_boilerplate_at_the_end_goes_but_an_about_heading_in_the_story_stays():
    raw = page(
        "About the Harbour Authority", "The Harbour Authority is the statutory body that manages the port."
    )
    assert "statutory body" not in clean_text(raw).text
    headline, rest = STORY.split("\n\n", 1)
    early = f"{headline}\n\n{rest.replace(chr(10) * 2, chr(10) * 2 + 'About the terminal' + chr(10) * 2, 1)}"
    assert "About the terminal" in clean_text(early).text


def test_contact_block_with_names_between_heading_and_numbers_goes():
    raw = page("Media contact:", "Sam Lee", "Communications Adviser", "Tel: +61 2 5550 1234")
    text = clean_text(raw).text
    for gone in ("Sam Lee", "Communications Adviser", "5550 1234", "Media contact"):
        assert gone not in text


@pytest.mark.parametrize(
    ("locale", "address"),
    [
        ("en-IN", "12 Lake View Marg, Sector 9, Dwarka 110 075"),
        ("en-US", "400 Main Street, Suite 12, Springfield, IL 62701"),
        ("en-GB", "10 Harbour Street, Leith, Edinburgh EH6 6QW"),
        ("en-AU", "Level 3, 20 Wharf Road, Hobart TAS 7000"),
    ],
)
def test_addresses_in_each_locale_convention_go(locale, address):
    raw = page("Phone: 555 0100 2000", address)
    assert address not in clean_text(raw, lexicon(locale)).text


def test_a_sentence_ending_in_a_date_is_not_an_address():
    raw = page("Applications, the authority said, close on 30/06/2026.")
    assert "close on 30/06/2026." in clean_text(raw).text


def test_reader_comments_go_from_their_heading_to_the_end():
    raw = page(
        "Comments (12)", "Sort by: Newest", "PierWatcher · 3 hours ago", "About time, honestly.", "Reply"
    )
    cleaned = clean_text(raw)
    assert "About time" not in cleaned.text
    assert cleaned.text.endswith("before choosing their next step.")


def test_author_bio_box_goes():
    raw = "By Ana Ruiz\n\n" + page("Ana Ruiz is a transport reporter based in Port Town.")
    cleaned = clean_text(raw)
    assert "transport reporter" not in cleaned.text
    assert [r.kind for r in cleaned.removed if "transport reporter" in r.text] == ["author bio"]


@pytest.mark.parametrize(
    "note",
    [
        "Correction: An earlier version of this article gave the wrong number of sailings.",
        "This article was amended on 4 June 2026 to correct the cost of the works.",
        "Editor's note: The author is a member of the harbour users' group.",
    ],
)
def test_editor_notes_and_corrections_leave_the_body_as_notes(note):
    cleaned = clean_text(page(note))
    assert note not in cleaned.text
    assert [r.text for r in cleaned.of_kind("editor-note")] == [note]


def test_transcript_timestamps_go_and_speaker_labels_stay():
    raw = "[00:04:12] MAYOR HALE: We will build it.\n\nREPORTER (00:04:30): When?\n\n(14:02)\n\nMAYOR HALE: Next spring."
    text = clean_text(raw).text
    assert text.split("\n\n") == [
        "MAYOR HALE: We will build it.",
        "REPORTER: When?",
        "MAYOR HALE: Next spring.",
    ]


def test_a_promo_line_repeated_on_the_page_goes():
    promo = "Get the Harbour app for alerts on every sailing"
    raw = f"{promo}\n\n{STORY}\n\n{promo}"
    assert promo not in clean_text(raw).text


def test_curation_rules_remove_a_publishers_own_lines():
    lex = lexicon("").extended({"furniture": {"curation": [r"Harbour Gazette: news that floats"]}})
    raw = page("Harbour Gazette: news that floats")
    cleaned = clean_text(raw, lex)
    assert "news that floats" not in cleaned.text
    assert [r.kind for r in cleaned.removed if "floats" in r.text] == ["curation"]
    assert "news that floats" in clean_text(raw).text


def test_kept_lines_that_look_like_furniture_are_doubts():
    raw = page(
        "[Read the ferry plan](https://harbour.example/ferry)", "Ferry Plan Documents", "Ferry Plan Documents"
    )
    doubts = clean_text(raw).doubts
    assert all(d.kind == FURNITURE_KEPT for d in doubts)
    assert {d.detail for d in doubts} == {"Read the ferry plan", "Ferry Plan Documents"}


def test_a_plain_story_has_no_doubts():
    assert clean_text(STORY).doubts == ()


def test_a_line_mentioning_cookies_is_not_a_cookie_banner():
    raw = page("The pact was signed with document.cookie in the text [1].")
    assert "document.cookie" in clean_text(raw).text
    assert (
        "We use some essential cookies"
        not in clean_text(page("We use some essential cookies to run this site.")).text
    )
