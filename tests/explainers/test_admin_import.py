"""Bringing documents in from the admin: checked first, imported in the background, refusals named."""

from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse

from explainers.models import ImportRun
from sources.models import Source
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
IMPORT = "/admin/sources/source/import/"
DOCUMENT = """Ports agree on a shared customs window

Rotterdam and Antwerp agreed on Friday to run one customs window for container traffic.

"This saves shippers two days," said Minister Anna de Vries, who leads the port authority.
"""


def start(client, captured, **data):
    with captured(execute=True):
        return client.post(IMPORT, data, follow=True)


def test_a_pasted_document_is_checked_then_imported_for_real(
    editor_client, django_capture_on_commit_callbacks
):
    start(editor_client, django_capture_on_commit_callbacks, name="ports.txt", text=DOCUMENT)
    run = ImportRun.objects.get()
    assert run.dry_run and run.status == "done" and run.created_by.username == "editor"
    page = editor_client.get(run.get_absolute_url()).content.decode()
    assert "Checked: nothing was written" in page and "ports.txt" in page
    assert not Source.objects.filter(origin_file="ports.txt").exists()
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:sources_source_import_confirm", args=[run.pk]))
    source = Source.objects.get(origin_file="ports.txt")
    html = editor_client.get(ImportRun.objects.get(dry_run=False).get_absolute_url()).content.decode()
    assert "Imported" in html and reverse("admin:sources_source_change", args=[source.pk]) in html
    assert "People quoted: Anna de Vries" in html
    opened = editor_client.get(reverse("admin:sources_source_change", args=[source.pk])).content.decode()
    assert "What the import found" in opened and "This saves shippers two days" in opened


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, "image.txt: binary file, not text"),
        ("empty.txt", b"   \n", "empty.txt: empty file"),
        ("latin.txt", b"caf\xe9 au lait", "latin.txt: not valid UTF-8 (byte 3)"),
        ("wide.txt", b"\xff\xfeh\x00i\x00", "wide.txt: UTF-16 text; save it as UTF-8"),
    ],
)
def test_refused_files_are_named_and_nothing_is_queued(editor_client, name, data, message):
    good = SimpleUploadedFile("good.txt", DOCUMENT.encode())
    bad = SimpleUploadedFile(name, data)
    response = editor_client.post(IMPORT, {"files": [good, bad]})
    assert response.status_code == 200 and message in response.content.decode()
    assert not ImportRun.objects.exists() and not Source.objects.exists()


def test_a_file_over_the_size_limit_is_refused(editor_client, settings):
    settings.IMPORT_MAX_BYTES = 100
    response = editor_client.post(IMPORT, {"files": [SimpleUploadedFile("long.txt", DOCUMENT.encode())]})
    assert "long.txt:" in response.content.decode() and "over the 100-byte limit" in response.content.decode()
    assert not ImportRun.objects.exists()


def test_uploaded_files_are_imported_together(editor_client, django_capture_on_commit_callbacks):
    files = [
        SimpleUploadedFile("a.txt", DOCUMENT.encode()),
        SimpleUploadedFile("b.txt", DOCUMENT.replace("Friday", "Monday").encode()),
    ]
    start(editor_client, django_capture_on_commit_callbacks, files=files)
    run = ImportRun.objects.get()
    assert run.document_count == 2 and run.status == "done"
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(reverse("admin:sources_source_import_confirm", args=[run.pk]))
    assert set(Source.objects.values_list("origin_file", flat=True)) == {"a.txt", "b.txt"}


def test_the_run_page_follows_the_worker_until_it_is_done(editor_client):
    response = editor_client.post(IMPORT, {"name": "ports.txt", "text": DOCUMENT}, follow=True)
    run = ImportRun.objects.get()
    assert run.status == "queued"  # nothing ran: the request only queued it
    assert response["Refresh"] == "2" and "Waiting for the worker" in response.content.decode()


@override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}})
def test_the_database_worker_runs_a_queued_import(editor_client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(IMPORT, {"name": "ports.txt", "text": DOCUMENT})
    run = ImportRun.objects.get()
    assert run.status == "queued" and run.task_id
    # The worker drops connections that are not in autocommit: the test's own transaction is one.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    run.refresh_from_db()
    assert run.status == "done" and run.report["dry_run"] is True


def test_only_staff_with_source_rights_import_and_only_publishers_may_publish(
    contributor_client, publisher_client
):
    assert 'name="publish"' not in contributor_client.get(IMPORT).content.decode()
    assert 'name="publish"' in publisher_client.get(IMPORT).content.decode()
    staff0 = Client()
    staff0.force_login(UserFactory(username="staff0"))
    assert staff0.get(IMPORT).status_code == 403
    assert staff0.post(IMPORT, {"text": DOCUMENT}).status_code == 403


def test_a_dry_run_is_imported_for_real_once_and_lists_what_it_found(
    editor_client, django_capture_on_commit_callbacks
):
    start(editor_client, django_capture_on_commit_callbacks, name="ports.txt", text=DOCUMENT)
    checked = ImportRun.objects.get()
    page = editor_client.get(checked.get_absolute_url()).content.decode()
    assert (
        "Anna de Vries: “This saves shippers two days,”" in page.replace("&quot;", '"')
        or "Anna de Vries" in page
    )
    assert "1 quotation found" in page
    confirm = reverse("admin:sources_source_import_confirm", args=[checked.pk])
    with django_capture_on_commit_callbacks(execute=True):
        editor_client.post(confirm)
        editor_client.post(confirm)
    assert ImportRun.objects.filter(dry_run=False).count() == 1


def test_each_editor_sees_their_own_imports(
    editor_client, publisher_client, django_capture_on_commit_callbacks
):
    start(editor_client, django_capture_on_commit_callbacks, name="ports.txt", text=DOCUMENT)
    run = ImportRun.objects.get()
    assert publisher_client.get(run.get_absolute_url()).status_code == 403
    assert run.get_absolute_url() not in publisher_client.get(IMPORT).content.decode()
    assert run.get_absolute_url() in editor_client.get(IMPORT).content.decode()
