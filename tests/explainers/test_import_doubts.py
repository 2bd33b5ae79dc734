"""What the import could not establish is said: in the command's report, the admin's, and on the source."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import escape

from explainers.importing.doubts import as_stored, document_doubts
from explainers.importing.files import Document
from explainers.importing.parse import ParsedDocument
from explainers.models import ImportRun
from sources.models import Source
from sources.text.clean import Cleaned
from sources.text.doubts import (
    FURNITURE_KEPT,
    HEADLINE_GUESSED,
    NO_DATE,
    PUBLISHER_NOT_FOUND,
    SPEAKER_UNKNOWN,
    Doubt,
)
from sources.text.metadata import Metadata
from sources.text.people import Mention, PersonRef
from sources.text.quotes import Quotation

pytestmark = pytest.mark.django_db

# No headline line, no date, no publisher: the import must say so rather than guess quietly.
BARE = """Harbour pilots in Valparaíso will work shorter shifts from next month after a safety review.

"Fatigue was a factor in two of the three groundings," said Carla Muñoz, who chairs the pilots' union.
"""
DATED = """Pilots win shorter shifts

By Tom Reyes

Published: 12 March 2026

Harbour pilots in Valparaíso will work shorter shifts from next month, the port authority said.
"""


def parsed(text: str, *, metadata: Metadata, quotations=(), people=(), doubts=()) -> ParsedDocument:
    return ParsedDocument(
        Document(Path("x.txt"), "x.txt", text),
        Cleaned(text, ()),
        metadata,
        list(people),
        list(quotations),
        None,
        tuple(doubts),
    )


def test_metadata_that_is_missing_becomes_doubts():
    doubts = document_doubts(parsed(BARE, metadata=Metadata()), title="Harbour pilots…")
    assert {d.kind for d in doubts} == {NO_DATE, HEADLINE_GUESSED, PUBLISHER_NOT_FOUND}
    assert Doubt(HEADLINE_GUESSED, "“Harbour pilots…”") in doubts


def test_a_quote_without_a_speaker_lists_its_opening_words_and_the_people_near_it():
    text = 'Carla Muñoz met the minister.\n\n"We were tired every night of the week," the pilot said. Carla Muñoz nodded.'
    start = text.index("We were")
    quote = Quotation("We were tired every night of the week,", start, start + 38, "", "", "said")
    muñoz = PersonRef(
        "Carla Muñoz", (), (), (Mention("Carla Muñoz", "", text.rindex("Carla"), len(text) - 7),)
    )
    doubts = document_doubts(parsed(text, metadata=Metadata(), quotations=[quote], people=[muñoz]))
    unknown = [d for d in doubts if d.kind == SPEAKER_UNKNOWN]
    assert len(unknown) == 1
    assert "“We were tired every night of the week,”" in unknown[0].detail
    assert "Carla Muñoz" in unknown[0].detail


def test_the_text_stages_doubts_come_first_and_are_not_said_twice():
    theirs = (Doubt(NO_DATE, "“Tuesday” without a month"), Doubt(FURNITURE_KEPT, "Share this"))
    doubts = document_doubts(parsed(BARE, metadata=Metadata(), doubts=theirs))
    assert doubts[:2] == theirs
    assert [d.kind for d in doubts].count(NO_DATE) == 1


def test_a_stored_doubt_reads_back_as_the_same_doubt_and_line():
    doubts = (Doubt(NO_DATE), Doubt(SPEAKER_UNKNOWN, "“We were tired…” (perhaps Carla Muñoz)"))
    assert tuple(Doubt.from_stored(item) for item in as_stored(doubts)) == doubts
    assert [str(d) for d in doubts] == [
        "no date found",
        "speaker unknown: “We were tired…” (perhaps Carla Muñoz)",
    ]
    assert str(Doubt.from_stored({"kind": "retired-kind", "detail": None})) == "retired-kind"


def test_the_curation_file_settles_publisher_and_title():
    from explainers.importing.curation import DocumentEntry

    entry = DocumentEntry("x.txt", publisher="el-mercurio", title="Pilots win shorter shifts")
    kinds = {d.kind for d in document_doubts(parsed(BARE, metadata=Metadata()), entry)}
    assert PUBLISHER_NOT_FOUND not in kinds and HEADLINE_GUESSED not in kinds


def test_the_command_reports_each_documents_doubts(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bare.txt").write_text(BARE)
    out = StringIO()
    call_command("import_seeds", str(folder), "--root", str(tmp_path), stdout=out)
    report = out.getvalue()
    assert "could not establish" in report
    section = report.split("bare.txt:", 1)[1]
    assert "no date found" in section and "publisher not found" in section
    source = Source.objects.get(origin_file="bare.txt")
    assert {d["kind"] for d in source.import_doubts} >= {NO_DATE, PUBLISHER_NOT_FOUND}
    assert any(item["detail"] for item in source.import_doubts)
    for item in source.import_doubts:
        assert f"    - {Doubt(item['kind'], item['detail'])}\n" in section


def test_an_editor_sees_the_doubts_on_the_run_page_and_the_source(
    editor_client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post("/admin/sources/source/import/", {"name": "bare.txt", "text": BARE})
    checked = ImportRun.objects.get()
    page = editor_client.get(checked.get_absolute_url()).content.decode()
    assert "Not established" in page and "no date found" in page and "publisher not found" in page
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:sources_source_import_confirm", args=[checked.pk]))
    source = Source.objects.get(origin_file="bare.txt")
    opened = editor_client.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert "the import could not establish" in opened.lower()
    assert "no date found" in opened and "publisher not found" in opened
    # The run page and the source's page show each doubt in the words of the command's report.
    assert any(item["detail"] for item in source.import_doubts)
    for item in source.import_doubts:
        line = escape(str(Doubt(item["kind"], item["detail"])))
        assert f"<li>{line}</li>" in page and f"<li>{line}</li>" in opened


def test_the_source_list_filters_sources_with_doubts(editor_client, tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "bare.txt").write_text(BARE)
    (folder / "dated.txt").write_text(DATED)
    call_command("import_seeds", str(folder), "--root", str(tmp_path), stdout=StringIO())
    Source.objects.filter(origin_file="dated.txt").update(import_doubts=[])
    changelist = reverse("admin:sources_source_changelist")
    with_doubts = editor_client.get(changelist, {"doubts": "yes"}).content.decode()
    without = editor_client.get(changelist, {"doubts": "no"}).content.decode()
    bare = Source.objects.get(origin_file="bare.txt")
    dated = Source.objects.get(origin_file="dated.txt")
    assert bare.title in with_doubts and dated.title not in with_doubts
    assert dated.title in without and bare.title not in without
