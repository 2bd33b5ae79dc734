"""Tap targets on touch screens (WCAG 2.5.8): the references' back-links (^ a b c …), a source
page's "cited" links (and their numbers, "cited 1 2") and the support marks ("partly supported")
are each at least 24×24 px at 375 px wide and never overlap one another; with a mouse at 1280 px
their glyphs sit exactly where they did, in the same size. A "cited" link is followed closely by
the comma after its passage."""

import pytest

from sources.models import Source
from tests.browser.conftest import DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
EXPLAINER = "/explainers/india-us-critical-minerals-pact/"
EXPLAINER_TARGETS = ".references .backlinks a, .explainer-body .support-mark-button"
SOURCE_TARGETS = ".source-text .passage-cited a"

# Each target's box, the box of its glyphs (its text alone), its font size, and where it is.
MEASURE = """selector => [...document.querySelectorAll(selector)].map(el => {
  const box = el.getBoundingClientRect();
  const range = document.createRange();
  range.selectNodeContents(el);
  const glyphs = range.getBoundingClientRect();
  const round = r => ({left: r.left + scrollX, top: r.top + scrollY, right: r.right + scrollX, bottom: r.bottom + scrollY});
  return {text: el.textContent, box: round(box), glyphs: round(glyphs), fontSize: getComputedStyle(el).fontSize};
})"""
# The declarations these targets had before they were made larger for touch: the look to keep
# (with the closer comma after a "cited" link, measured on its own below).
BEFORE = """
.backlinks a { display: inline !important; padding: 0 !important; margin: 0 !important; min-width: 0 !important; line-height: inherit !important; }
.passage-cited a { display: inline-block !important; line-height: 1 !important; padding: 0.5em 0.3em !important; margin: -0.5em 0 !important; min-width: 0 !important; }
.passage-cited a:last-child { margin-right: -0.3em !important; }
.support-mark-button { padding: 0 0.45em !important; margin: 0 0 0 0.3em !important; line-height: 1.5 !important; min-height: 0 !important; }
"""
# The gap between the glyphs of a "cited" link and the comma right after its span.
COMMA_GAPS = """() => [...document.querySelectorAll('.passage-cited')].filter(span => {
  const next = span.nextSibling;
  return next && next.nodeType === Node.TEXT_NODE && next.textContent.startsWith(',');
}).map(span => {
  const link = span.querySelector('a:last-child');
  const before = document.createRange(); before.selectNodeContents(link);
  const comma = document.createRange(); comma.setStart(span.nextSibling, 0); comma.setEnd(span.nextSibling, 1);
  return comma.getBoundingClientRect().left - before.getBoundingClientRect().right;
})"""


def cited_sources(reader) -> list[str]:
    """The source pages showing "cited" links (the seeded story cites at least two)."""
    found = []
    for slug in Source.objects.values_list("slug", flat=True):
        response = reader.go(f"/sources/{slug}/")
        if response.status == 200 and reader.page.locator(SOURCE_TARGETS).count():
            found.append(f"/sources/{slug}/")
    return found


def overlapping(targets: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(targets):
        for b in targets[i + 1 :]:
            x, y = a["box"], b["box"]
            across = x["left"] < y["right"] - 0.5 and y["left"] < x["right"] - 0.5
            down = x["top"] < y["bottom"] - 0.5 and y["top"] < x["bottom"] - 0.5
            if across and down:
                pairs.append((a["text"], b["text"]))
    return pairs


def test_on_a_phone_every_back_link_cited_link_and_support_mark_is_a_24px_target_apart_from_the_next(
    seeded, sessions
):
    reader = sessions(viewport=PHONE, touch=True)
    assert reader.page.evaluate("matchMedia('(pointer: coarse)').matches")
    pages = [(EXPLAINER, EXPLAINER_TARGETS)] + [(url, SOURCE_TARGETS) for url in cited_sources(reader)]
    assert len(pages) >= 3
    kinds = set()
    for url, selector in pages:
        reader.go(url)
        targets = reader.page.evaluate(MEASURE, selector)
        assert targets, url
        for target in targets:
            box = target["box"]
            width, height = box["right"] - box["left"], box["bottom"] - box["top"]
            assert width >= 24 and height >= 24, (url, target["text"], width, height)
            kinds.add(target["text"] if target["text"] in ("cited", "^") else target["text"][:1].isdigit())
        assert not overlapping(targets), (url, overlapping(targets))
    assert {"cited", True} <= kinds  # single "cited" links and the numbers of "cited 1 2" were measured
    back = reader.go(EXPLAINER) and reader.page.locator(".references .backlinks a").count()
    marks = reader.page.locator(".explainer-body .support-mark-button").count()
    assert back >= 8 and marks >= 3


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop-1280", "phone-375"])
def test_with_a_mouse_the_glyphs_sit_where_they_did_in_the_same_size(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, bypass_csp=True)  # a mouse: no touch; the look before is injected
    pages = [(EXPLAINER, EXPLAINER_TARGETS)] + [(url, SOURCE_TARGETS) for url in cited_sources(reader)]
    for url, selector in pages:
        reader.go(url)
        now = reader.page.evaluate(MEASURE, selector)
        reader.page.add_style_tag(content=BEFORE)
        before = reader.page.evaluate(MEASURE, selector)
        assert len(now) == len(before) > 0
        for shown, was in zip(now, before, strict=True):
            assert shown["fontSize"] == was["fontSize"], (url, shown["text"])
            for edge in ("left", "top", "right", "bottom"):
                assert abs(shown["glyphs"][edge] - was["glyphs"][edge]) < 0.5, (url, shown["text"], edge)


@pytest.mark.parametrize(
    "viewport,touch", [(DESKTOP, False), (PHONE, True)], ids=["desktop-1280", "phone-375"]
)
def test_a_comma_after_a_cited_passage_follows_the_cited_link_closely(seeded, sessions, viewport, touch):
    reader = sessions(viewport=viewport, touch=touch)
    gaps = []
    for url in cited_sources(reader):
        reader.go(url)
        gaps += reader.page.evaluate(COMMA_GAPS)
    assert gaps, "the seeded report has a passage ending before a comma (“… in New Delhi, India”)"
    assert all(-0.5 < gap < 1.5 for gap in gaps), gaps


def test_the_home_page_tells_a_phone_reader_to_tap_a_marker(seeded, client):
    html = client.get("/").content.decode()
    how = html.split('id="how"', 1)[1].split("</aside>", 1)[0]
    assert "Hover over or focus one" in how and "on a phone, tap it" in how
