"""From a marker to its reference: the quotes of that reference the sentence cites are marked (a
reference lists every passage of its source the explainer cites), by a tap on the preview's link on
a phone and by a click on a desktop."""

import pytest

from tests.browser.conftest import DESKTOP, PHONE

SLUG = "/explainers/india-us-critical-minerals-pact/"

CITED_HERE = """id => {
  const cite = document.getElementById(id);
  const wanted = cite.dataset.passages.split(" ");
  const ref = document.querySelector(cite.querySelector("a").getAttribute("href"));
  const items = [...ref.querySelectorAll(".ref-quotes li")];
  return {
    marked: items.filter(li => li.classList.contains("is-cited-here")).map(li => li.dataset.passages),
    expected: items.filter(li => li.dataset.passages.split(" ").some(a => wanted.includes(a))).map(li => li.dataset.passages),
    elsewhere: document.querySelectorAll(".is-cited-here").length,
    background: items.filter(li => li.classList.contains("is-cited-here")).map(li => getComputedStyle(li).backgroundColor),
  };
}"""


def markers(page) -> list[str]:
    return page.eval_on_selector_all(".explainer-body .cite[id]", "els => els.map(el => el.id)")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone-375", "desktop-1280"])
def test_the_quotes_the_sentence_cites_are_marked_in_its_reference(seeded, sessions, viewport):
    phone = viewport is PHONE
    reader = sessions(viewport=viewport, touch=phone)
    reader.go(SLUG)
    ids = markers(reader.page)
    assert len(ids) >= 8
    for marker_id in ids[:3] + ids[-2:]:
        reader.go(SLUG)
        link = reader.page.locator(f"#{marker_id} > a")
        link.scroll_into_view_if_needed()
        if phone:
            link.tap()
            reader.page.locator(f"#tip-{marker_id} .cite-tip-ref").tap()
        else:
            link.click()
        reader.page.wait_for_url("**#ref-*")
        found = reader.page.evaluate(CITED_HERE, marker_id)
        assert found["marked"] and found["marked"] == found["expected"], (marker_id, found)
        assert found["elsewhere"] == len(found["marked"])  # nothing else stays marked
        assert all(color not in ("rgba(0, 0, 0, 0)", "transparent") for color in found["background"])


def test_each_passage_is_quoted_once_in_its_reference(seeded, sessions):
    reader = sessions(viewport=DESKTOP)
    reader.go(SLUG)
    quotes = reader.page.eval_on_selector_all(
        ".references > ol > li",
        "refs => refs.map(r => [...r.querySelectorAll('.ref-quotes q')].map(q => q.textContent))",
    )
    assert quotes and all(len(set(each)) == len(each) for each in quotes), quotes
