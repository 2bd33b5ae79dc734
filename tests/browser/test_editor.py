"""Editor journeys in a real browser: from a new source to a published sentence, and the safeguards."""

import re

import pytest

from explainers.models import Block, Citation, Claim, Explainer
from sources.models import Publisher, Source

pytestmark = pytest.mark.django_db(transaction=True)
ARTICLE = (
    "Australia and India agreed on Wednesday to expand lithium exploration in Western Australia. "
    "The two governments will fund joint surveys of three lithium deposits, officials said."
)


def choose(page, select_id: str, text: str) -> None:
    """Pick `text` in one of the admin's autocomplete (select2) widgets."""
    page.click(f"#{select_id} + .select2 .select2-selection")
    page.fill(".select2-container--open .select2-search__field", text)
    page.locator(".select2-results__option", has_text=text).first.click()


def save(page) -> None:
    page.click("input[name=_save]")
    page.wait_for_load_state("load")


def test_editor_takes_a_sentence_from_source_to_published_page(seeded_draft, desk, sessions):
    editor = sessions()
    editor.login("editor")
    # A source, typed in by hand.
    editor.go("/admin/sources/source/add/")
    editor.page.fill("#id_title", "Australia and India expand lithium exploration")
    choose(editor.page, "id_publisher", "The Indian Express")
    editor.page.fill("#id_raw_text", ARTICLE)
    save(editor.page)
    assert "was added successfully" in editor.page.content()
    source = Source.objects.get(title="Australia and India expand lithium exploration")
    # A claim citing it: the quote is verified when the claim is saved.
    editor.go("/admin/explainers/claim/add/")
    editor.page.fill("#id_text", "Australia and India will fund joint surveys of three lithium deposits.")
    editor.page.click(".add-row a")  # "Add another Citation"
    choose(editor.page, "id_citations-0-source", "Australia and India expand lithium")
    editor.page.fill("#id_citations-0-quote", "will fund joint surveys of three lithium deposits")
    save(editor.page)
    claim = Claim.objects.get(text__startswith="Australia and India will fund")
    citation = claim.citations.get()
    assert citation.source == source and citation.status == "exact"
    editor.go(f"/admin/explainers/claim/{claim.pk}/change/")
    assert "Exact" in editor.page.locator(".citation-status").first.inner_text()
    # The claim goes into the explainer's analysis-free first paragraph.
    explainer = Explainer.objects.get()
    block = explainer.blocks.get(position=0)
    editor.go(f"/admin/explainers/block/{block.pk}/change/")
    editor.page.click(".add-row a")
    choose(editor.page, f"id_items-{block.items.count()}-claim", "Australia and India will fund")
    save(editor.page)
    assert block.items.filter(claim=claim).exists(), editor.page.locator("#content-main").inner_text()[:1500]
    # Preview as readers will see it, then submit for review.
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/change/")
    with editor.context.expect_page() as preview:
        editor.page.click("text=Preview the working version as readers would see it")
    preview_page = preview.value
    preview_page.wait_for_load_state("load")
    assert "Preview" in preview_page.locator(".preview-banner").inner_text()
    assert "three lithium deposits" in preview_page.content()
    preview_page.close()
    editor.page.click("button[value=submit]")
    editor.page.wait_for_load_state("load")
    assert Explainer.objects.get().status == "review"
    # A publisher accepts the warnings with a comment and publishes; readers see it at once.
    publisher = sessions()
    publisher.login("publisher")
    publisher.go(f"/admin/explainers/explainer/{explainer.pk}/change/")
    publisher.page.fill("#workflow-comment", "Weak support reviewed; the lithium sentence is ours.")
    publisher.page.check("input[name=accept_warnings]")
    publisher.page.click("button[value=publish]")
    publisher.page.wait_for_load_state("load")
    assert "is now published" in publisher.page.content()
    reader = sessions()
    reader.go(explainer.get_absolute_url())
    assert "three lithium deposits" in reader.page.content()
    # The editor rewrites the live sentence: readers keep the published one until a publisher acts.
    editor.go(f"/admin/explainers/claim/{claim.pk}/change/")
    editor.page.fill("#id_text", "Australia and India will fund joint surveys of four lithium deposits.")
    save(editor.page)
    reader.go(explainer.get_absolute_url())
    assert "three lithium deposits" in reader.page.content() and "four lithium" not in reader.page.content()
    editor.go(f"/admin/explainers/explainer/{explainer.pk}/change/")
    assert "Unpublished changes" in editor.page.content()
    editor.page.click("button[value=submit]")
    editor.page.wait_for_load_state("load")
    publisher.go(f"/admin/explainers/explainer/{explainer.pk}/change/")
    assert "four lithium deposits" in publisher.page.locator(".changes").inner_text()
    publisher.screenshot("admin-pending-changes")
    publisher.page.fill("#workflow-comment", "Figure corrected from the source.")
    publisher.page.check("input[name=accept_warnings]")
    publisher.page.click("button[value=publish]")
    publisher.page.wait_for_load_state("load")
    reader.go(explainer.get_absolute_url())
    assert "four lithium deposits" in reader.page.content() and "Updated" in reader.page.content()
    assert editor.csp_violations() == [] and publisher.csp_violations() == []


def test_contributor_sees_no_publish_button_and_a_forced_publish_is_refused(seeded_draft, desk, sessions):
    explainer = Explainer.objects.get()
    Explainer.objects.filter(pk=explainer.pk).update(status="review")
    contributor = sessions()
    contributor.login("contributor")
    contributor.go(f"/admin/explainers/explainer/{explainer.pk}/change/")
    assert contributor.page.locator("button[value=publish]").count() == 0
    token = next(c["value"] for c in contributor.context.cookies() if c["name"] == "csrftoken")
    response = contributor.page.request.post(
        f"/admin/explainers/explainer/{explainer.pk}/workflow/",
        form={"action": "publish", "seen_version": str(Explainer.objects.get().version)},
        headers={"X-CSRFToken": token, "Referer": contributor.base_url + "/admin/"},
    )
    assert response.status == 403
    assert Explainer.objects.get().status == "review"


def test_second_of_two_concurrent_claim_edits_is_refused(seeded_draft, desk, sessions):
    claim = Claim.objects.filter(kind="fact").first()
    first, second = sessions(), sessions()
    first.login("editor")
    second.login("editor2")
    url = f"/admin/explainers/claim/{claim.pk}/change/"
    first.go(url)
    second.go(url)
    first.page.fill("#id_text", "Edited by the first editor.")
    save(first.page)
    second.page.fill("#id_text", "Edited by the second editor.")
    save(second.page)
    message = second.page.locator(".errornote, .errorlist").first.inner_text() + second.page.content()
    assert re.search(r"was changed by editor at \d", message)
    assert "Your changes were not saved" in message
    assert Claim.objects.get(pk=claim.pk).text == "Edited by the first editor."


def test_admin_pages_have_no_csp_violations(seeded_draft, desk, sessions):
    editor = sessions()
    editor.login("editor")
    explainer = Explainer.objects.get()
    for path in [
        "/admin/",
        "/admin/explainers/claim/",
        f"/admin/explainers/explainer/{explainer.pk}/change/",
        "/admin/sources/source/add/",
        "/admin/integrity/",
    ]:
        editor.go(path)
        assert editor.csp_violations() == [], (path, editor.csp_violations())


def test_admin_screenshots(seeded_draft, desk, sessions):
    from tests.browser.conftest import DESKTOP, PHONE

    for viewport in (PHONE, DESKTOP):
        editor = sessions(viewport=viewport)
        editor.login("editor")
        editor.go(f"/admin/explainers/explainer/{Explainer.objects.get().pk}/change/")
        editor.screenshot("admin-explainer")
    assert Publisher.objects.exists() and Block.objects.exists() and Citation.objects.exists()
