"""The editing desk in a real browser: a new explainer from scratch, counted in clicks and page loads."""

import pytest

from explainers.models import Author, Citation, Explainer

pytestmark = pytest.mark.django_db(transaction=True)
SOURCE = (
    "Chile and Germany agreed on Monday to build a hydrogen export corridor from the port of Antofagasta.\n\n"
    "The first shipments of green ammonia are due in 2028, the energy ministry said."
)
SENTENCES = (
    "Chile and Germany agreed to build a hydrogen export corridor from Antofagasta. "
    "The first green ammonia shipments are due in 2028."
)
MAX_CLICKS, MAX_LOADS = 12, 5


class Counter:
    """Clicks on links and buttons, and full page loads of the main frame (not htmx, not the preview)."""

    def __init__(self, session):
        self.page, self.clicks, self.loads = session.page, 0, 0
        self.page.on("framenavigated", self._navigated)

    def _navigated(self, frame):
        if frame == self.page.main_frame:
            self.loads += 1

    def click(self, selector: str) -> None:
        self.clicks += 1
        self.page.click(selector)


def test_write_cite_submit_and_publish_a_new_explainer_on_one_screen(desk, sessions):
    Author.objects.create(name="Asha Rao", slug="asha-rao", user=desk["editor"])
    editor = sessions()
    editor.login("editor")
    editor.go("/admin/")
    count = Counter(editor)
    page = editor.page

    count.click("text=Write a new explainer")
    page.fill("#id_title", "Chile and Germany's hydrogen corridor")
    page.fill("#id_dek", "What the two governments agreed, and when the first ships sail.")
    count.click("input[value='Start writing']")
    page.wait_for_selector("#desk-body")

    # The source, pasted on the desk.
    page.fill("#paste-source #id_title", "Chile and Germany plan a hydrogen corridor")
    page.fill("#paste-source #id_publisher", "Andes Wire")
    page.fill("#paste-source #id_text", SOURCE)
    count.click("#paste-source button[type=submit]")
    page.wait_for_selector("#paste-source .desk-notice")

    # Two sentences, typed as one paragraph: the desk splits them.
    page.fill("#new-block-text", SENTENCES)
    count.click("text=Add to the explainer")
    page.wait_for_selector(".desk-sentence >> nth=1")
    sentences = page.locator(".desk-sentence")
    assert sentences.count() == 2

    # One passage each: type words, pick the first passage found.
    for n, words in enumerate(["hydrogen corridor Antofagasta", "green ammonia shipments 2028"]):
        sentence = page.locator(".desk-sentence").nth(n)
        sentence.locator("input[type=search]").fill(words)
        sentence.locator(".desk-passages button").first.wait_for()
        assert sentence.locator(".desk-passages mark").count() >= 2
        count.clicks += 1
        sentence.locator(".desk-passages button").first.click()
        page.locator(".desk-sentence").nth(n).locator(".desk-citation").wait_for()
        # The citation's re-render is in before the next sentence's search is typed.
        page.wait_for_load_state("networkidle")
    # The preview beside the editor is the reader's page of what was just written.
    preview = page.frame_locator(".desk-preview iframe")
    preview.locator("sup.cite >> nth=1").wait_for()
    assert "green ammonia shipments" in preview.locator("article").inner_text()
    editor.screenshot("desk-editing")

    count.click("button[value=submit]")
    page.wait_for_load_state("load")
    explainer = Explainer.objects.get(title="Chile and Germany's hydrogen corridor")
    assert explainer.status == "review"
    assert Citation.objects.filter(claim__placements__block__explainer=explainer, status="exact").count() == 2

    # The publisher, from the admin home: the explainer waits for review there.
    publisher = sessions()
    publisher.login("publisher")
    publisher.go("/admin/")
    publishing = Counter(publisher)
    publishing.click(f"text={explainer.title}")
    publisher.page.wait_for_selector("#desk-panel")
    if publisher.page.locator("input[name=accept_warnings]").count():
        publishing.click("input[name=accept_warnings]")
        publisher.page.fill("#desk-comment", "One wire report for now; a second source is coming.")
    publishing.click("button[value=publish]")
    publisher.page.wait_for_load_state("load")
    assert Explainer.objects.get(pk=explainer.pk).is_public

    clicks, loads = count.clicks + publishing.clicks, count.loads + publishing.loads
    print(
        f"\nfrom-scratch task: {clicks} clicks, {loads} full page loads (editor {count.clicks}/{count.loads}, publisher {publishing.clicks}/{publishing.loads})"
    )
    assert clicks <= MAX_CLICKS and loads <= MAX_LOADS, (clicks, loads)
    reader = sessions()
    reader.go(explainer.get_absolute_url())
    html = reader.page.content()
    assert "The first green ammonia shipments are due in 2028." in html and "By Asha Rao" in html
    assert editor.csp_violations() == [] and publisher.csp_violations() == []


def test_desk_preview_and_compare_screenshots(seeded_draft, desk, sessions):
    explainer = Explainer.objects.get()
    editor = sessions()
    editor.login("editor")
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/desk/")
    assert editor.page.locator(".desk-sentence").count() > 5
    editor.screenshot("desk")
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/desk/preview/")
    editor.screenshot("desk-preview")
    page = editor.page  # edit one word, then compare with the imported revision
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/desk/")
    area = page.locator(".desk-sentence textarea").first
    area.fill(area.input_value().replace("signed", "concluded", 1))
    with page.expect_response(lambda response: "/desk/sentences/" in response.url):
        page.locator(".desk-sentence button[value=save]").first.click()
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/compare/")
    assert editor.page.locator(".compare-row--changed").count() >= 1
    editor.screenshot("compare")
    assert editor.csp_violations() == []


def focused(page, timeout: float = 5.0) -> str:
    """The id of the focused element once htmx has settled (polled: the desk's CSP forbids eval)."""
    import time

    deadline, seen = time.monotonic() + timeout, ""
    while time.monotonic() < deadline:
        seen = page.evaluate("() => document.activeElement ? document.activeElement.id : ''")
        if seen and seen != "desk-status" and page.locator(".htmx-request").count() == 0:
            return seen
        time.sleep(0.1)
    return seen


def test_the_desk_keeps_keyboard_focus_and_says_what_happened(desk, sessions):
    explainer = Explainer.objects.create(title="Keyboard story", slug="keyboard-story", dek="Dek.")
    editor = sessions()
    editor.login("editor")
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/desk/")
    page = editor.page
    page.fill("#new-block-text", SENTENCES)
    page.focus("text=Add to the explainer")
    page.keyboard.press("Enter")
    page.wait_for_selector(".desk-sentence >> nth=1")
    assert focused(page) == "new-block-text"
    assert "Added 2 sentences." in page.locator("#desk-status").inner_text()
    second = page.locator(".desk-sentence").nth(1)
    up = second.locator("button[value=up]")
    button_id = up.get_attribute("id")
    up.focus()
    page.keyboard.press("Enter")
    assert focused(page) == button_id
    assert "Sentence moved." in page.locator("#desk-status").inner_text()
    assert editor.csp_violations() == []
