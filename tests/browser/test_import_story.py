"""An editor imports a new story and finds, where she looks, what the import could not establish."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from sources.models import Source

pytestmark = pytest.mark.browser

STORY = Path(__file__).resolve().parents[1] / "data" / "stories" / "nz-singapore-food-security"


@pytest.fixture
def story(transactional_db):
    call_command("import_seeds", str(STORY), "--root", str(STORY), verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


def test_the_editor_finds_each_documents_doubts_on_the_sources_list_and_the_source(sessions, desk, story):
    doubtful = Source.objects.exclude(import_doubts=[]).order_by("origin_file")
    assert doubtful.exists()
    editor = sessions()
    editor.login("editor")
    editor.go("/admin/sources/source/?doubts=yes")
    rows = editor.page.locator("#result_list tbody tr")
    assert rows.count() == doubtful.count()
    editor.screenshot("import-doubts-list")

    source = doubtful.first()
    editor.page.get_by_role("link", name=source.title).first.click()
    editor.page.wait_for_load_state("load")
    listed = editor.page.locator("ul.import-doubts li")
    assert listed.count() == len(source.import_doubts)
    first = source.import_doubts[0]
    assert first["label"] in listed.first.inner_text()
    assert editor.page.locator("ul.import-doubts").is_visible()
    path = editor.screenshot("import-doubts-source").with_name("import-doubts-source-top-1280.png")
    editor.page.screenshot(path=str(path))  # the first screen: what the editor sees on arrival
