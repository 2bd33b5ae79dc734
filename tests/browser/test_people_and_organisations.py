"""People, organisations and the agreement's timeline in a real browser, on the seeded story: what
a reader sees at 375 and 1280 px (screenshots in docs/screenshots), with axe-core on each page."""

import json

import pytest

from sources.models import Agreement, Organization, Person
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_accessibility import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

OVERFLOW = "({scroll: document.documentElement.scrollWidth, width: window.innerWidth})"


def pages() -> dict[str, str]:
    return {
        "person": Person.objects.by_alias("Marco Rubio").get().get_absolute_url(),
        "organisation": f"/organisations/{Organization.objects.get(short_name='US embassy').slug}/",
        "agreement": Agreement.objects.get().get_absolute_url(),
    }


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1280"])
def test_person_organisation_and_agreement_pages_fit_pass_axe_and_are_screenshotted(
    seeded, sessions, viewport
):
    reader = sessions(viewport=viewport)
    checked = sessions(viewport=viewport, bypass_csp=True)  # axe is injected as a script
    found = {}
    for name, path in pages().items():
        assert reader.go(path).status == 200, path
        layout = reader.page.evaluate(OVERFLOW)
        assert layout["scroll"] <= layout["width"] + 1, (path, layout)
        assert reader.csp_violations() == [], (path, reader.csp_violations())
        reader.screenshot(name)
        checked.go(path)
        violations = axe_violations(checked)
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=1)


def test_a_quote_on_a_phone_is_set_off_once_not_indented_twice(seeded, sessions):
    reader = sessions(viewport=PHONE)
    reader.go(pages()["person"])
    quote = reader.page.locator(".quotation blockquote").first
    heading = reader.page.locator("#quotes-heading")
    indent = quote.bounding_box()["x"] - heading.bounding_box()["x"]
    assert 0 <= indent < 8, indent  # the rule sits at the column's edge; only the padding sets the words in
    assert reader.page.locator(".quotation blockquote a").count() == 0
    assert reader.page.locator(".quotation figcaption cite a").count() >= 1


def test_the_seed_timeline_puts_india_joining_pax_silica_after_4_february(seeded, sessions):
    reader = sessions()
    reader.go(pages()["agreement"])
    dates = reader.page.locator(".timeline-item > time").all_inner_texts()
    texts = reader.page.locator(".timeline-item > p").all_inner_texts()
    forge = next(i for i, t in enumerate(texts) if "FORGE" in t)
    pax = next(i for i, t in enumerate(texts) if "Pax Silica" in t)
    assert (dates[forge], dates[pax]) == ("4 February 2026", "February 2026")
    assert pax == forge + 1


def test_the_agreement_links_the_organisations_it_names_and_each_page_opens(seeded, sessions):
    reader = sessions()
    reader.go(pages()["agreement"])
    links = reader.page.locator(".fact-box a[href^='/organisations/']")
    hrefs = sorted({links.nth(i).get_attribute("href") for i in range(links.count())})
    assert len(hrefs) >= 4, hrefs  # India, the United States, FORGE, Pax Silica, the Quad
    for href in hrefs:
        assert reader.go(href).status == 200, href
