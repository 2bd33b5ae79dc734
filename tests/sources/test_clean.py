"""Page-furniture removal: what clean_text keeps, what it drops, and the record of each removal."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text.clean import clean_text

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


# --- 000: newspaper report ---------------------------------------------------------------------

REPORT_SENTENCES = [
    "Amid China concerns, India and US sign pact to secure supply of critical minerals",
    "This is also important as it comes days after US President Donald Trump and Chinese President Xi Jinping met in Beijing.",
    "US Secretary of State Marco Rubio, left, shakes hands with India's External Affairs Minister S. Jaishankar after signing an MOU at Hyderabad House in New Delhi, India, Tuesday, May 26, 2026.",
    "India and the US signed a bilateral “critical minerals framework” on Tuesday, as External Affairs Minister S Jaishankar met US Secretary of State Marco Rubio before the latter wrapped up his four-day visit.",
    "This is significant since there are legitimate concerns over China's export curbs on rare earth which are crucial for global technology supply chains in the manufacturing of cars to phones, missiles to planes.",
    "This is a key takeaway from the bilateral engagement between Jaishankar and Rubio",
    'At the signing ceremony on Tuesday, Jaishankar said, "We are today signing a bilateral India-US framework',
    "It will certainly strengthen resilient and diversified supply chains.",
    'The US embassy said that the initiative marks a "milestone" in the strategic partnership',
    "where Rubio launched the Forum on Resource Geostategic Engagement (FORGE).",
    "supporting projects with more than $30 billion in letters of interest",
    "reinforcing key objectives set established by US President Donald Trump and Prime Minister Narendra Modi",
    "Rubio recalled that the groundwork for this was laid on February 4 when the critical minerals forum was held in Washington DC.",
    'not just in a time of conflict but as a leverage point contrary to our sovereign national interests."',
]


@pytest.mark.parametrize("sentence", REPORT_SENTENCES)
def test_report_keeps_every_article_sentence_headline_and_caption(sentence):
    assert sentence in clean_text(seed("000")).text


def test_report_caption_stays_and_its_credit_leaves_the_body():
    cleaned = clean_text(seed("000"))
    assert "May 26, 2026.\n\n" in cleaned.text  # the caption, a paragraph of its own
    assert "(AP Photo)" not in cleaned.text
    assert [r.text for r in cleaned.of_kind("image credit")] == ["(AP Photo)"]


def test_report_byline_line_leaves_the_body_as_a_byline():
    cleaned = clean_text(seed("000"))
    assert "Shubhajit Roy" not in cleaned.text and "4 min read" not in cleaned.text
    [byline] = cleaned.of_kind("byline")
    assert byline.text.startswith("Written by: **Shubhajit Roy** 4 min read New Delhi Updated: May 27, 2026")


def test_report_loses_share_prompt_comment_count_also_read_and_teasers():
    cleaned = clean_text(seed("000"))
    for furniture in (
        "Make us preferred source on Google",
        "Also Read |",
        "STORIES YOU MAY LIKE",
        "racist comments against Indians",
        "Avoid non-essential travel to DRC",
        "Tavleen Singh writes",
        "CURATED FOR YOU",
    ):
        assert furniture not in cleaned.text
    assert "1" not in paragraphs(cleaned.text)
    assert {
        "share prompt",
        "comment count",
        "also read",
        "teaser block",
        "curated block",
    } <= cleaned.removed_kinds()


def test_teaser_block_is_removed_with_its_headlines():
    teasers = clean_text(seed("000")).of_kind("teaser block")
    assert [t.text[:20] for t in teasers] == [
        "STORIES YOU MAY LIKE",
        "'US is a very welcom",
        "Avoid non-essential ",
        "Tavleen Singh writes",
    ]


def test_sentence_split_by_a_blank_line_is_rejoined():
    text = clean_text(seed("000")).text
    assert "there are legitimate concerns over China's export curbs" in text


def test_quotation_split_across_paragraphs_is_whole_again():
    text = clean_text(seed("000")).text
    start = text.index("Rubio said, \"I've spoken often")
    paragraph = text[start : text.index("\n\n", start)]
    assert "how important that is for our national interest in the United States" in paragraph
    assert paragraph.endswith('This is a very important step."')


def test_markdown_bold_links_and_escapes_are_unwrapped():
    cleaned = clean_text(seed("000"))
    assert "**" not in cleaned.text and "[Donald Trump](#)" not in cleaned.text and "\\$" not in cleaned.text
    assert "US President Donald Trump and Chinese President" in cleaned.text
    assert "India and the US signed a bilateral “critical minerals framework” on Tuesday" in cleaned.text
    markers = {r.text for r in cleaned.removed if r.kind in {"markdown", "escape"}}
    assert markers == {"**", "[", "](#)", "\\"}


def test_every_removal_points_at_its_text_in_the_raw_page():
    for prefix in ("000", "001", "002", "003"):
        raw = seed(prefix)
        for removal in clean_text(raw).removed:
            assert raw[removal.start : removal.start + len(removal.text)] == removal.text, removal


def test_clean_offsets_map_back_to_the_raw_page():
    raw = seed("000")
    cleaned = clean_text(raw)
    for phrase in ("Donald Trump", "$30 billion", "our national interest", "framework” on Tuesday"):
        at = cleaned.text.index(phrase)
        start, end = cleaned.raw_span(at, at + len(phrase))
        assert raw[start:end].replace("\\", "") == phrase


# --- 001: exam-prep academy summary ------------------------------------------------------------------


def test_repeated_branding_tagline_and_address_blocks_are_removed():
    cleaned = clean_text(seed("001"))
    for furniture in ("KAMARAJ", "Kamaraj", "Perunthalaivar", "Shanthi", "Shanthy", "Phone:", "600040"):
        assert furniture not in cleaned.text
    kinds = [r.kind for r in cleaned.removed]
    assert kinds.count("branding") == 4  # the brand three times, the tagline once
    assert kinds.count("address block") == 4


def test_list_split_by_an_address_block_is_contiguous():
    text = clean_text(seed("001")).text
    assert "Missiles\n\nFighter aircraft\n\nAdvanced communication systems\n\nThese elements" in text


@pytest.mark.parametrize(
    "kept",
    [
        "India–US Cooperation on Critical Minerals and Rare Earths",
        "Key Highlights",
        "Importance for India:",
        "Electric vehicles (EVs)",
        "Lithium\n\nCobalt\n\nNickel\n\nCopper\n\nGraphite\n\nRare Earth Elements (REEs)",
        "The Quad countries — India, United States, Japan, and Australia — are increasingly cooperating",
        "China currently dominates global rare earth refining and processing.",
        "Important Personalities:\n\nExternal Affairs Minister of India: S. Jaishankar\n\nUS Secretary of State: Marco Rubio",
    ],
)
def test_summary_keeps_headings_list_items_and_facts(kept):
    assert kept in clean_text(seed("001")).text


def test_summary_date_line_leaves_the_body_as_a_date_line():
    cleaned = clean_text(seed("001"))
    assert "28-05-2026" not in cleaned.text
    assert [r.text for r in cleaned.of_kind("date line")] == ["Published On: 28-05-2026"]


def test_summary_headline_is_found_past_the_branding():
    assert clean_text(seed("001")).headline == "India–US Cooperation on Critical Minerals and Rare Earths"


# --- 002 and 003 -----------------------------------------------------------------------------------


def test_explainer_lines_become_paragraphs_and_trailing_blank_lines_go():
    raw = seed("002")
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [line for line in raw.splitlines() if line]
    assert cleaned.headline == ""
    assert [r.kind for r in cleaned.removed] == ["blank lines"]


def test_ai_image_disclaimer_is_removed_and_headings_and_bullets_kept():
    cleaned = clean_text(seed("003"))
    assert "generated using AI" not in cleaned.text
    assert cleaned.of_kind("ai disclaimer")[0].text.startswith("*this image is generated using AI")
    assert "Scope of Cooperation\n\nThe proposed cooperation encompasses three key areas" in cleaned.text
    assert (
        "- Exploration: Joint efforts in identifying and surveying critical mineral deposits" in cleaned.text
    )
    assert cleaned.headline == "US-India Discuss Formalizing Critical Minerals Cooperation Framework"


# --- Invented layouts ---------------------------------------------------------------------------------

WEB_PAGE = """\
## Japan and India agree to pool rare earth stockpiles

**Tokyo** | Last Updated: June 3, 2026 | 10:30 a.m. ET

By **Aiko Tanaka**

Follow us on X

Japanese Prime Minister Shigeru Ishiba and Prime Minister Narendra Modi agreed to share data on \
rare earth stockpiles, according to a joint statement released by the [Ministry of Foreign Affairs](https://mofa.go.jp).

12 Comments

RECOMMENDED

Modi to visit Tokyo next month

Rare earths: what you need to know

Ishiba said the two countries would "build a resilient supply chain," and called the deal a *turning point*.

Also read: Quad leaders to meet in Sydney

Officials said the first shipments would be worth about \\$1.2 billion.
"""


def test_web_page_furniture_and_markdown_are_removed():
    cleaned = clean_text(WEB_PAGE)
    assert paragraphs(cleaned.text) == [
        "Japan and India agree to pool rare earth stockpiles",
        "Japanese Prime Minister Shigeru Ishiba and Prime Minister Narendra Modi agreed to share data on "
        "rare earth stockpiles, according to a joint statement released by the Ministry of Foreign Affairs.",
        'Ishiba said the two countries would "build a resilient supply chain," and called the deal a turning point.',
        "Officials said the first shipments would be worth about $1.2 billion.",
    ]
    assert {"share prompt", "comment count", "curated block", "also read", "markdown", "escape"} <= (
        cleaned.removed_kinds()
    )
    assert [r.text for r in cleaned.of_kind("date line")] == [
        "**Tokyo** | Last Updated: June 3, 2026 | 10:30 a.m. ET"
    ]
    assert [r.text for r in cleaned.of_kind("byline")] == ["By **Aiko Tanaka**"]
    assert cleaned.headline == "Japan and India agree to pool rare earth stockpiles"


def test_teaser_block_ends_where_a_split_sentence_resumes():
    raw = (
        "The minister said the talks would continue and that both sides were\n\n"
        "MORE FROM WORLD\n\nFlooding hits coastal towns\n\nMarkets rally on rate hopes\n\n"
        "committed to a deal before the end of the year.\n\nThe next round is in Geneva."
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [
        "The minister said the talks would continue and that both sides were committed to a deal "
        "before the end of the year.",
        "The next round is in Geneva.",
    ]
    assert [r.text for r in cleaned.of_kind("teaser block")] == [
        "MORE FROM WORLD",
        "Flooding hits coastal towns",
        "Markets rally on rate hopes",
    ]


def test_short_line_cut_mid_phrase_after_teasers_is_prose_not_a_teaser():
    raw = (
        "STORIES YOU MAY LIKE\n\nTen things to know about the monsoon session\n\n"
        'Iyer said, "Today is a tangible example of how important that is for\n\n'
        'our national interest."'
    )
    assert (
        clean_text(raw).text
        == 'Iyer said, "Today is a tangible example of how important that is for our national interest."'
    )


PRESS_RELEASE = """\
PRESS RELEASE

Ministry of Mines

New Delhi, 12 March 2026

India and Australia sign MoU on critical minerals investment

The Ministry of Mines today signed a Memorandum of Understanding with Australia.

For media queries contact:
Press Information Bureau
Shastri Bhawan, New Delhi 110001
Phone: +91 11 2338 3643
Email: pib-mines@nic.in

***
"""


def test_press_release_label_masthead_date_line_contact_block_and_separator_are_removed():
    cleaned = clean_text(PRESS_RELEASE)
    assert cleaned.text.endswith("signed a Memorandum of Understanding with Australia.")
    assert [(r.kind, r.text) for r in cleaned.removed if r.kind != "blank lines"] == [
        ("press label", "PRESS RELEASE"),
        ("masthead", "Ministry of Mines"),
        ("date line", "New Delhi, 12 March 2026"),
        ("address block", "For media queries contact:"),
        ("branding", "Press Information Bureau"),
        ("address block", "Shastri Bhawan, New Delhi 110001"),
        ("address block", "Phone: +91 11 2338 3643"),
        ("address block", "Email: pib-mines@nic.in"),
        ("separator", "***"),
    ]
    assert cleaned.headline == "India and Australia sign MoU on critical minerals investment"


def test_branding_repeated_with_a_variant_spelling_is_removed_everywhere():
    raw = (
        "Crest Study Centre\nExcellence since 1998\n\nGreen hydrogen explained\n\n"
        "Green hydrogen is made by splitting water with renewable power.\n\n"
        "CREST STUDY CENTER\n\n14 Park Road, Kochi 682011\n\nTel: 0484 123 4567\n\n"
        "Electrolysers are the key equipment.\n\nCrest Study Centre\n\n14 Park Rd, Kochi 682011\n\n"
        "Costs have fallen sharply since 2020."
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [
        "Green hydrogen explained",
        "Green hydrogen is made by splitting water with renewable power.",
        "Electrolysers are the key equipment.",
        "Costs have fallen sharply since 2020.",
    ]
    assert [r.text for r in cleaned.of_kind("branding")][:2] == [
        "Crest Study Centre",
        "Excellence since 1998",
    ]


def test_hard_wrapped_paragraphs_are_unwrapped():
    raw = (
        "Ghana reviews lithium lease\n\n"
        "ACCRA, Jan 15 (AP) -- Ghana's government said on Thursday it would review\n"
        "the terms of a lithium mining lease granted to a foreign company, after\n"
        "protests in the Central Region over royalties and local jobs.\n\n"
        '"The people of Ewoyaa deserve a fair share of the wealth under their\n'
        'land," said Samuel Jinapor, the Minister for Lands and Natural Resources.\n'
    )
    assert paragraphs(clean_text(raw).text) == [
        "Ghana reviews lithium lease",
        "ACCRA, Jan 15 (AP) -- Ghana's government said on Thursday it would review the terms of a lithium "
        "mining lease granted to a foreign company, after protests in the Central Region over royalties and "
        "local jobs.",
        '"The people of Ewoyaa deserve a fair share of the wealth under their land," said Samuel Jinapor, '
        "the Minister for Lands and Natural Resources.",
    ]


def test_prose_with_numbers_dates_and_short_repeated_headings_is_kept():
    raw = (
        "Background\n\nThe report, dated 28-05-2026, cites 1,200 projects worth $30 billion.\n\n"
        "Background\n\nCall 2026 a turning point, officials say.\n\n2024"
    )
    cleaned = clean_text(raw)
    assert paragraphs(cleaned.text) == [
        "Background",
        "The report, dated 28-05-2026, cites 1,200 projects worth $30 billion.",
        "Background",
        "Call 2026 a turning point, officials say.",
        "2024",
    ]


# --- Properties ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003"])
def test_clean_text_is_idempotent_on_the_seeds(prefix):
    once = clean_text(seed(prefix))
    twice = clean_text(once.text)
    assert twice.text == once.text
    assert twice.removed == ()


LINES = [
    "India and the US signed a bilateral framework on Tuesday.",
    "The agreement covers mining, processing and recycling.",
    "Rubio said the talks were productive and would continue",
    "next month in Washington.",
    "Key Highlights",
    "- Exploration: joint surveys",
    "Lithium",
    "Make us preferred source on Google",
    "1",
    "STORIES YOU MAY LIKE",
    "Markets rally on rate hopes",
    "Also Read | Quad ministers meet in Delhi",
    "*this image is generated using AI for illustrative purposes only.",
    "Kamaraj IAS Academy",
    "Phone: 044 4353 9988 / 98403 94477",
    "**Bold words** and [a link](#) with \\$5",
    '"We are ready," he said.',
    "",
    "   ",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(LINES), max_size=25), st.sampled_from(["\n", "\n\n", "\n\n\n"]))
def test_clean_text_is_idempotent_and_tidy_on_any_mix_of_prose_and_furniture(lines, separator):
    raw = separator.join(lines)
    once = clean_text(raw)
    assert clean_text(once.text).text == once.text
    assert "\n\n\n" not in once.text and once.text == once.text.strip()
    for removal in once.removed:
        assert raw[removal.start : removal.start + len(removal.text)] == removal.text
