"""Reader journeys in a real browser: citations by mouse and keyboard, references, passages, search, layout."""

import re

import pytest

from explainers.models import Citation, Explainer
from sources.models import Agreement, Person, Source
from tests.browser.conftest import DESKTOP, PHONE, SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)
SLUG = "/explainers/india-us-critical-minerals-pact/"

# Elements wider than the window, outside deliberately scrolling regions: a layout that cuts text off.
OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('body *')) {
    if (el.closest('.table-scroll, .raw-text, .cite-tip, .skip-link, .visually-hidden')) continue;
    const r = el.getBoundingClientRect();
    if (r.width && (r.right > width + 1 || r.left < -1)) bad.push(el.tagName + '.' + el.className + ' ' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, width, bad: bad.slice(0, 5)};
}
"""
# Header items must not sit on top of each other.
OVERLAP = """
() => {
  const boxes = [...document.querySelectorAll('.site-header .brand, .site-header nav, .site-header .search-form')]
    .map(el => el.getBoundingClientRect());
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i], b = boxes[j];
    if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) return true;
  }
  return false;
}
"""


def tooltip_visible(page, marker_id: str) -> bool:
    return page.evaluate(
        "id => { const s = getComputedStyle(document.getElementById('tip-' + id));"
        " return s.display !== 'none' && s.visibility === 'visible'; }",
        marker_id,
    )


def test_hovering_and_focusing_a_marker_shows_its_passage(seeded, sessions):
    reader = sessions()
    reader.go(SLUG)
    marker = reader.page.locator("#cite-2-a a")
    assert not tooltip_visible(reader.page, "cite-2-a")
    marker.hover()
    reader.page.wait_for_timeout(150)
    assert tooltip_visible(reader.page, "cite-2-a")
    tip = reader.page.locator("#tip-cite-2-a").inner_text()
    tip = tip.replace("\n", " ")
    confirmed = Citation.objects.filter(
        claim__placements__block__explainer=Explainer.objects.get(), confirmed_at__isnull=False
    )
    shown = {c.quote: c for c in confirmed if c.quote[:40] in tip}.values()
    assert (
        len(shown) == 1 and next(iter(shown)).source.publisher.name in tip
    )  # the passage the marker cites, with its publisher
    reader.page.mouse.move(0, 0)
    reader.page.locator("#cite-1-a a").focus()
    reader.page.keyboard.press("Tab")  # the keyboard moves on to the next marker, and its tooltip shows
    focused = reader.page.evaluate("document.activeElement.closest('sup').id")
    assert focused == "cite-2-a" and tooltip_visible(reader.page, "cite-2-a")
    reader.page.keyboard.press("Escape")
    assert reader.csp_violations() == [] and reader.dialogs == []


def test_tooltips_work_without_javascript(seeded, sessions):
    reader = sessions(javascript=False)
    reader.go(SLUG)
    reader.page.locator("#cite-1-a a").hover()
    reader.page.wait_for_timeout(150)
    assert tooltip_visible(reader.page, "cite-1-a")


def support_tip_visible(page, mark) -> bool:
    return mark.locator(".support-tip").evaluate("el => getComputedStyle(el).display !== 'none'")


def test_a_partly_supported_sentence_explains_itself_on_hover_focus_and_tap(seeded, sessions):
    reader = sessions()
    reader.go(SLUG)
    mark = reader.page.locator(".support-mark--partial").first
    button = mark.locator("button")
    assert button.inner_text() == "partly supported" and not support_tip_visible(reader.page, mark)
    button.hover()
    assert support_tip_visible(reader.page, mark)
    explanation = mark.locator(".support-tip").inner_text()
    assert (
        explanation.startswith("The sources cited here don") and "“" in explanation
    )  # names what is not backed
    reader.page.mouse.move(0, 0)
    assert not support_tip_visible(reader.page, mark)
    button.focus()  # keyboard: focus shows it, Enter closes and reopens it, Escape closes it
    assert support_tip_visible(reader.page, mark)
    reader.page.keyboard.press("Enter")
    assert not support_tip_visible(reader.page, mark)
    reader.page.keyboard.press("Enter")
    assert support_tip_visible(reader.page, mark)
    reader.page.keyboard.press("Escape")
    assert not support_tip_visible(reader.page, mark)
    assert (
        reader.page.evaluate("document.activeElement.className") == "support-mark-button"
    )  # focus stays put

    phone = sessions(viewport=PHONE, touch=True)
    phone.go(SLUG)
    mark = phone.page.locator(".support-mark--partial").first
    mark.locator("button").tap()
    assert support_tip_visible(phone.page, mark)
    tip = mark.locator(".support-tip").bounding_box()
    assert tip["x"] >= 0 and tip["x"] + tip["width"] <= PHONE["width"]  # readable whole on a phone
    mark.scroll_into_view_if_needed()
    phone.page.screenshot(
        path=str(SCREENSHOTS / "explainer-support-note-375.png")
    )  # the window as the reader sees it
    mark.locator("button").tap()
    assert not support_tip_visible(phone.page, mark)
    mark.locator("button").tap()
    phone.page.locator("h1").tap()  # a tap elsewhere closes it
    assert not support_tip_visible(phone.page, mark)
    assert reader.csp_violations() == [] and phone.csp_violations() == []


def test_marker_to_reference_to_highlighted_passage_and_back(seeded, sessions):
    reader = sessions()
    reader.go(SLUG)
    reader.page.click("#cite-2-a a")
    assert reader.page.url.endswith("#ref-2")
    assert reader.page.evaluate("document.querySelector(':target').id") == "ref-2"
    reader.page.locator("#ref-2 a", has_text="Read the passage in the source").first.click()
    reader.page.wait_for_load_state("load")
    assert "/sources/" in reader.page.url and "#passage-" in reader.page.url
    target = reader.page.locator(":target")
    assert target.evaluate("el => el.tagName") == "MARK" and target.is_visible()
    box = target.bounding_box()
    assert 0 <= box["y"] < DESKTOP["height"]  # scrolled into view
    reader.page.go_back()
    assert reader.page.url.endswith("#ref-2")
    reader.page.click("#ref-2 .backlinks a >> nth=0")
    assert reader.page.url.endswith("#cite-2-a")


def test_search_for_hyderabad_house_reaches_the_explainer(seeded, sessions):
    reader = sessions()
    reader.go("/")
    reader.page.fill("#site-search", "Hyderabad House")
    reader.page.keyboard.press("Enter")
    reader.page.wait_for_url("**/search/?q=Hyderabad+House")
    results = reader.page.locator(".search-results a")
    assert results.count() >= 1
    reader.page.locator(".search-results a", has_text="Why India and the US signed").first.click()
    reader.page.wait_for_url(f"**{SLUG}")
    assert reader.page.locator("h1").inner_text() == "Why India and the US signed a critical minerals pact"


def public_pages():
    source = Source.objects.get(origin_file="000_e80ecc7bd58d023e.txt")
    person = Person.objects.by_alias("S. Jaishankar").get()
    agreement = Agreement.objects.get()
    return {
        "home": "/",
        "explainer": SLUG,
        "evidence": SLUG + "evidence/",
        "source": source.get_absolute_url(),
        "person": person.get_absolute_url(),
        "agreement": agreement.get_absolute_url(),
        "search": "/search/?q=Rubio",
    }


# Screenshots made elsewhere, of a moment rather than a page: the source arrived at from a reference,
# the explainer on a phone with a preview open (tests/browser/test_phone.py's journeys), the person
# page (tests/browser/test_people_and_organisations.py).
SHOWN_ELSEWHERE = {"source-375", "source-1280", "explainer-375", "person-375", "person-1280"}


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1280"])
def test_every_page_fits_the_screen_without_overlap_and_is_screenshotted(seeded, sessions, viewport):
    reader = sessions(viewport=viewport)
    for name, path in public_pages().items():
        response = reader.go(path)
        assert response.status == 200, path
        layout = reader.page.evaluate(OVERFLOW)
        assert layout["scroll"] <= layout["width"] + 1 and not layout["bad"], (path, layout)
        assert not reader.page.evaluate(OVERLAP), path
        assert reader.csp_violations() == [], (path, reader.csp_violations())
        if f"{name}-{viewport['width']}" not in SHOWN_ELSEWHERE:
            reader.screenshot(name)


def test_timeline_is_drawn_as_a_timeline(seeded, sessions):
    reader = sessions()
    reader.go(Agreement.objects.get().get_absolute_url())
    items = reader.page.locator(".timeline-item")
    assert items.count() >= 3
    dot = reader.page.evaluate(
        "getComputedStyle(document.querySelector('.timeline-item'), '::before').borderRadius"
    )
    assert dot == "50%"
    dates = [re.sub(r"\s+", " ", t) for t in reader.page.locator(".timeline-item > time").all_inner_texts()]
    # India joined Pax Silica "later that month": after FORGE's launch on 4 February.
    assert dates[0] == "4 February 2026" and dates[1] == "February 2026"


def test_hostile_text_executes_nothing_in_the_browser(transactional_db, sessions, settings, tmp_path):
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from tests.payloads import XSS

    folder = tmp_path / "hostile"
    folder.mkdir()
    lines = "\n\n".join(
        f'Minister Asha Menon said, "Payload number {n} is {p} in the text."' for n, p in enumerate(XSS)
    )
    (folder / "report.txt").write_text(f"Hostile headline {XSS[0]}\n\n{lines}\n", encoding="utf-8")
    cited = " ".join(f"Payload number {n} is {p} in the text [1]." for n, p in enumerate(XSS))
    (folder / "cited.txt").write_text(cited + "\n", encoding="utf-8")
    settings.SEEDS_DIR = folder
    call_command("import_seeds", stdout=StringIO())
    Explainer.objects.update(status="published", published_at=timezone.now())
    explainer = Explainer.objects.get()
    reader = sessions()
    for path in [
        "/",
        explainer.get_absolute_url(),
        explainer.get_absolute_url() + "evidence/",
        Source.objects.get(origin_file="report.txt").get_absolute_url(),
        "/search/?q=payload",
    ]:
        reader.go(path)
        for marker in reader.page.locator(".cite a").all()[:5]:
            marker.hover()
        assert reader.dialogs == [], (path, reader.dialogs)
        assert reader.csp_violations() == [], (path, reader.csp_violations())
        assert (
            reader.page.evaluate("document.querySelectorAll('body script:not([src]):not([type])').length")
            == 0
        )
