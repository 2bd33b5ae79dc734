"""On a phone and on a desktop, by touch: citation previews open and close by hand and never cover
the sentence they belong to, every [n] is a 24×24 px target that looks as it did, and a link to a
sentence or a passage lands with all of it in view and marked."""

import pytest

from sources.models import Source
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "/explainers/india-us-critical-minerals-pact/"
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1280"])

OPEN = "id => getComputedStyle(document.getElementById('tip-' + id)).display !== 'none'"
BOXES = """id => {
  const box = el => { const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  const cite = document.getElementById(id);
  return {tip: box(document.getElementById('tip-' + id)), sentence: box(cite.closest('.sentence')), height: innerHeight, width: innerWidth};
}"""
# The union of a target's pieces (a passage may be several elements), and whether each is marked.
TARGET = """selector => {
  const pieces = [...document.querySelectorAll(selector)];
  const rects = pieces.map(el => el.getBoundingClientRect());
  return {
    count: pieces.length,
    top: Math.min(...rects.map(r => r.top)), bottom: Math.max(...rects.map(r => r.bottom)),
    height: innerHeight,
    marked: pieces.map(el => getComputedStyle(el).outlineStyle === 'solid' && getComputedStyle(el).backgroundColor !== 'rgba(0, 0, 0, 0)'),
  };
}"""


def overlaps(a: dict, b: dict) -> bool:
    return (
        a["left"] < b["right"]
        and b["left"] < a["right"]
        and a["top"] < b["bottom"]
        and b["top"] < a["bottom"]
    )


def markers(page) -> list[str]:
    return page.eval_on_selector_all(".explainer-body .cite[id]", "els => els.map(el => el.id)")


@WIDTHS
def test_a_tap_opens_a_preview_under_the_sentence_and_a_tap_or_escape_closes_it(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, touch=True)
    reader.go(SLUG)
    ids = markers(reader.page)
    assert len(ids) >= 8
    for marker_id in ids[:4] + ids[-2:]:
        link = reader.page.locator(f"#{marker_id} > a")
        link.scroll_into_view_if_needed()
        link.tap()
        assert reader.page.evaluate(OPEN, marker_id), marker_id
        assert "#ref-" not in reader.page.url  # the first tap previews instead of jumping
        boxes = reader.page.evaluate(BOXES, marker_id)
        assert not overlaps(boxes["tip"], boxes["sentence"]), (marker_id, boxes)
        assert boxes["tip"]["left"] >= 0 and boxes["tip"]["right"] <= boxes["width"]  # within the screen
        assert boxes["sentence"]["top"] >= 0 and boxes["tip"]["bottom"] <= boxes["height"]  # both in view
        ref = reader.page.locator(f"#tip-{marker_id} .cite-tip-ref")
        assert ref.is_visible() and ref.get_attribute("href").startswith("#ref-")  # the preview links on
        link.tap()  # a second tap closes it
        assert not reader.page.evaluate(OPEN, marker_id), marker_id
    first = ids[0]
    reader.page.locator(f"#{first} > a").tap()
    assert reader.page.evaluate(OPEN, first)
    if viewport is PHONE:
        reader.screenshot("explainer")  # the phone's page with a preview open, for the README
    reader.page.keyboard.press("Escape")
    assert not reader.page.evaluate(OPEN, first)
    reader.page.locator(f"#{first} > a").tap()
    reader.page.locator("h1").tap()  # a tap elsewhere
    assert not reader.page.evaluate(OPEN, first)
    reader.page.locator(f"#{first} > a").tap()
    reader.page.locator(f"#tip-{first} .cite-tip-ref").tap()  # the preview's link reaches the reference
    reader.page.wait_for_url("**#ref-*")
    assert reader.page.evaluate("document.querySelector(':target').tagName") == "LI"
    assert not reader.page.evaluate(OPEN, first)  # and the preview is closed behind it
    assert reader.csp_violations() == []


@WIDTHS
def test_every_marker_is_a_tap_target_of_at_least_24_px(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, touch=True)
    reader.go(SLUG)
    sizes = reader.page.eval_on_selector_all(
        ".cite > a",
        "els => els.map(el => { const r = el.getBoundingClientRect(); return [el.parentNode.id, r.width, r.height]; })",
    )
    assert len(sizes) >= 8
    small = [(marker, round(w, 1), round(h, 1)) for marker, w, h in sizes if w < 24 or h < 24]
    assert not small, small
    # The box is the link itself: a tap at its corner reaches it.
    for marker, _, _ in sizes[:5]:
        link = reader.page.locator(f"#{marker} > a")
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        hit = reader.page.evaluate(
            "([x, y]) => { const el = document.elementFromPoint(x, y); return el && el.closest('.cite') && el.closest('.cite').id; }",
            [box["x"] + 1, box["y"] + box["height"] - 1],
        )
        assert hit == marker


def test_markers_look_as_they_did_on_a_desktop(seeded, sessions):
    """The hit area takes nothing from the text: the glyphs sit where plain inline markers sat."""
    reader = sessions(viewport=DESKTOP, bypass_csp=True)
    reader.go(SLUG)
    glyphs = """() => ({
      boxes: [...document.querySelectorAll('.cite > a')].map(a => {
        const range = document.createRange(); range.selectNodeContents(a);
        const r = range.getBoundingClientRect(); return [r.left, r.top, r.width, r.height].map(v => Math.round(v * 10) / 10);
      }),
      body: document.querySelector('.explainer-body').getBoundingClientRect().height,
      font: getComputedStyle(document.querySelector('.cite > a')).fontSize,
      sentenceFont: getComputedStyle(document.querySelector('.sentence')).fontSize,
    })"""
    now = reader.page.evaluate(glyphs)
    reader.page.add_style_tag(
        content=".cite > a { display: inline; padding: 0 0.1em; margin: 0; min-width: 0; line-height: inherit; }"
    )
    plain = reader.page.evaluate(glyphs)
    assert now == plain
    assert float(now["font"][:-2]) == pytest.approx(0.75 * float(now["sentenceFont"][:-2]), abs=0.05)


@WIDTHS
def test_a_back_link_lands_with_the_whole_sentence_in_view_and_marked(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, touch=viewport is PHONE)
    reader.go(SLUG)
    for ref in ("#ref-1", "#ref-2"):
        backlinks = reader.page.locator(f"{ref} .backlinks a")
        for n in range(backlinks.count()):
            reader.go(SLUG + ref)
            link = reader.page.locator(f"{ref} .backlinks a").nth(n)
            anchor = link.get_attribute("href")
            link.click()
            reader.page.wait_for_function("() => document.querySelector('.sentence.is-target')")
            assert reader.page.url.endswith(anchor)
            landed = reader.page.evaluate(TARGET, ".sentence.is-target")
            assert landed["count"] == 1 and all(landed["marked"]), (anchor, landed)
            assert landed["top"] >= 0 and landed["bottom"] <= landed["height"], (anchor, landed)


@WIDTHS
def test_read_the_passage_lands_with_the_whole_passage_in_view_and_it_alone_marked(
    seeded, sessions, viewport
):
    reader = sessions(viewport=viewport, touch=viewport is PHONE)
    reader.go(SLUG)
    hrefs = reader.page.eval_on_selector_all(
        ".references a",
        "els => els.filter(a => a.textContent.startsWith('Read the passage')).map(a => a.getAttribute('href'))",
    )
    assert len(hrefs) >= 8
    for href in hrefs:
        reader.go(SLUG)
        reader.page.locator(f'.references a[href="{href}"]').first.click()
        reader.page.wait_for_load_state("load")
        passage = href.split("#")[1]
        reader.page.wait_for_function("() => document.querySelector('.passage.is-target')")
        landed = reader.page.evaluate(TARGET, f'[data-passage="{passage}"]')
        assert landed["count"] >= 1 and all(landed["marked"]), (href, landed)
        assert landed["top"] >= 0 and landed["bottom"] <= landed["height"], (href, landed)
        others = reader.page.evaluate(
            "p => [...document.querySelectorAll('.passage.is-target, .passage:target')].filter(el => el.dataset.passage !== p).length",
            passage,
        )
        assert others == 0  # that passage alone is emphasised
        if href == hrefs[1]:
            reader.screenshot("source")  # arrived at from a reference, for the README


def test_a_passage_cut_into_pieces_is_marked_whole_even_without_the_script(seeded, sessions):
    source = Source.objects.get(origin_file="000_e80ecc7bd58d023e.txt")
    reader = sessions(viewport=PHONE)
    reader.go(source.get_absolute_url())
    split = reader.page.evaluate(
        "() => { const n = {}; document.querySelectorAll('[data-passage]').forEach(el => n[el.dataset.passage] = (n[el.dataset.passage] || 0) + 1);"
        " return Object.keys(n).find(k => n[k] > 1); }"
    )
    assert split, "the seed report has passages that cross each other"
    reader.go(f"{source.get_absolute_url()}#{split}")
    reader.page.wait_for_function("() => document.querySelector('.passage.is-target')")
    landed = reader.page.evaluate(TARGET, f'[data-passage="{split}"]')
    assert landed["count"] > 1 and all(landed["marked"])
    assert landed["top"] >= 0 and landed["bottom"] <= landed["height"]
    # Without the script the anchor itself is the target, marked by CSS, and lands below the top edge.
    plain = sessions(viewport=PHONE, javascript=False)
    plain.go(f"{source.get_absolute_url()}#{split}")
    first = plain.page.evaluate(TARGET, f"#{split}")
    assert all(first["marked"]) and first["top"] > 0.2 * first["height"]


def test_without_the_script_a_tap_on_a_marker_follows_it_to_the_reference(seeded, sessions):
    reader = sessions(viewport=PHONE, touch=True, javascript=False)
    reader.go(SLUG)
    marker = markers(reader.page)[0]
    reader.page.locator(f"#{marker} > a").tap()
    reader.page.wait_for_url("**#ref-*")
    assert reader.page.evaluate("document.querySelector(':target').tagName") == "LI"
    assert not reader.page.evaluate(OPEN, marker)  # no sheet left over the page


@WIDTHS
def test_an_open_preview_and_a_marked_passage_have_no_serious_accessibility_violations(
    seeded, sessions, viewport
):
    from tests.browser.test_accessibility import axe_violations

    reader = sessions(viewport=viewport, touch=True, bypass_csp=True)
    reader.go(SLUG)
    marker = markers(reader.page)[1]
    reader.page.locator(f"#{marker} > a").tap()
    assert reader.page.evaluate(OPEN, marker)
    assert axe_violations(reader) == []
    source = Source.objects.get(origin_file="000_e80ecc7bd58d023e.txt")
    passage = reader.page.eval_on_selector(".references a[href*='#passage-']", "a => a.getAttribute('href')")
    reader.go(passage)
    assert source.get_absolute_url() in reader.page.url
    reader.page.wait_for_function("() => document.querySelector('.passage.is-target')")
    assert axe_violations(reader) == []


@WIDTHS
def test_a_tapped_support_note_opens_under_its_sentence(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, touch=True)
    reader.go(SLUG)
    marks = reader.page.locator(".explainer-body .support-mark")
    assert marks.count() >= 2
    for n in range(marks.count()):
        mark = marks.nth(n)
        mark.scroll_into_view_if_needed()
        mark.locator("button").tap()
        boxes = mark.evaluate(
            """el => { const box = e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
            return {tip: box(el.querySelector('.support-tip')), sentence: box(el.closest('.sentence')), height: innerHeight, width: innerWidth,
                    shown: getComputedStyle(el.querySelector('.support-tip')).display !== 'none'}; }"""
        )
        assert boxes["shown"] and not overlaps(boxes["tip"], boxes["sentence"]), (n, boxes)
        assert boxes["tip"]["left"] >= 0 and boxes["tip"]["right"] <= boxes["width"]
        assert boxes["tip"]["bottom"] <= boxes["height"]
        mark.locator("button").tap()
        assert not mark.locator(".support-tip").is_visible()


@WIDTHS
def test_without_the_script_a_back_link_still_lands_with_the_sentence_in_view_and_marked(
    seeded, sessions, viewport
):
    reader = sessions(viewport=viewport, javascript=False)
    reader.go(SLUG)
    for anchor in markers(reader.page)[-3:]:
        reader.go(f"{SLUG}#{anchor}")
        landed = reader.page.evaluate(
            """id => { const s = document.getElementById(id).closest('.sentence'); const r = s.getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, height: innerHeight, outline: getComputedStyle(s).outlineStyle}; }""",
            anchor,
        )
        assert landed["outline"] == "solid", (anchor, landed)
        assert landed["top"] >= 0 and landed["bottom"] <= landed["height"], (anchor, landed)


def test_a_malformed_fragment_breaks_nothing(seeded, sessions):
    reader = sessions(viewport=PHONE, touch=True)
    errors = []
    reader.page.on("pageerror", lambda error: errors.append(str(error)))
    reader.go(SLUG + "#%E0%A4%A")
    marker = markers(reader.page)[0]
    reader.page.locator(f"#{marker} > a").tap()
    assert reader.page.evaluate(OPEN, marker) and errors == []
