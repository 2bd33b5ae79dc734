"""Bringing documents in from the admin: paste text or upload .txt files, check them (a dry run), then
import them for real. Both run in the background (Django's tasks framework); the run's page shows
its progress and the same report the command prints, and opens each new source."""

import datetime as dt
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_POST

from explainers.importing.files import DocumentError, decode
from explainers.models import ImportRun
from explainers.services.publishing import can_publish
from explainers.tasks import run_import

MAX_FILES = 500
WORKER_PATIENCE = dt.timedelta(seconds=20)
MAX_TOTAL = 25 * 1024 * 1024


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".txt,text/plain"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ImportForm(forms.Form):
    name = forms.CharField(
        max_length=200, required=False, help_text="A file name for the pasted text, e.g. report.txt."
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 10}), required=False, label="Paste a document"
    )
    files = MultipleFileField(required=False, label="Or upload .txt files")
    publish = forms.BooleanField(
        required=False, help_text="Publish what passes the integrity rules (publishers only)."
    )

    def __init__(self, *args, can_publish: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["publish"]

    def documents(self, uploaded) -> list[dict]:
        """Each document decoded, or a form error per refused file (nothing is queued then)."""
        found, problems = [], []
        if self.cleaned_data.get("text", "").strip():
            name = Path(self.cleaned_data.get("name") or "pasted.txt").name or "pasted.txt"
            data = self.cleaned_data["text"].encode("utf-8")
            found.append(self._read(name, data, problems))
        if len(uploaded) > MAX_FILES:
            problems.append(f"{len(uploaded)} files: import at most {MAX_FILES} at a time")
            uploaded = []
        total = 0
        for upload in uploaded:
            name = Path(upload.name).name
            total += upload.size
            if upload.size > settings.IMPORT_MAX_BYTES:
                problems.append(
                    f"{name}: {upload.size:,} bytes is over the {settings.IMPORT_MAX_BYTES:,}-byte limit"
                )
                continue
            found.append(self._read(name, upload.read(settings.IMPORT_MAX_BYTES + 1), problems))
        if total > MAX_TOTAL:
            problems.append(f"{total:,} bytes in all: import at most {MAX_TOTAL:,} bytes at a time")
        found = [d for d in found if d]
        if not found and not problems:
            problems.append("Paste a document or choose files to import.")
        names = [d["name"] for d in found]
        problems += [
            f"{name}: two documents have this name; rename one"
            for name in sorted({n for n in names if names.count(n) > 1})
        ]
        for problem in problems:
            self.add_error(None, problem)
        return found

    @staticmethod
    def _read(name: str, data: bytes, problems: list[str]) -> dict | None:
        try:
            return {"name": name, "text": decode(data, Path(name))}
        except DocumentError as error:
            problems.append(str(error))
            return None


class Imports:
    """The import views, mounted under the sources admin."""

    def __init__(self, model_admin):
        self.admin = model_admin

    def urls(self):
        view = self.admin.admin_site.admin_view
        return [
            path("import/", view(self.start), name="sources_source_import"),
            path("import/<int:run_id>/", view(self.run), name="sources_source_import_run"),
            path(
                "import/<int:run_id>/confirm/",
                view(require_POST(self.confirm)),
                name="sources_source_import_confirm",
            ),
        ]

    def _allowed(self, request) -> None:
        if not self.admin.has_add_permission(request):
            raise PermissionDenied

    def start(self, request):
        self._allowed(request)
        publisher = can_publish(request.user)
        form = ImportForm(request.POST or None, request.FILES or None, can_publish=publisher)
        if request.method == "POST" and form.is_valid():
            documents = form.documents(form.cleaned_data["files"])
            if form.is_valid():
                run = self._queue(
                    request, documents, dry_run=True, publish=form.cleaned_data.get("publish", False)
                )
                return HttpResponseRedirect(run.get_absolute_url())
        context = {
            **self.admin.admin_site.each_context(request),
            "opts": self.admin.model._meta,
            "title": "Import documents",
            "form": form,
            "recent": self._own(request, ImportRun.objects.defer("documents").select_related("created_by"))[
                :10
            ],
        }
        return TemplateResponse(request, "admin/sources/source/import.html", context)

    @staticmethod
    def _own(request, runs):
        return runs if request.user.is_superuser else runs.filter(created_by=request.user)

    def _queue(self, request, documents, *, dry_run: bool, publish: bool) -> ImportRun:
        run = ImportRun.objects.create(
            created_by=request.user,
            dry_run=dry_run,
            publish=publish and can_publish(request.user),
            documents=documents,
            document_count=len(documents),
        )
        # Queued once the run is saved, so the worker finds it; the request only waits for the queue.
        transaction.on_commit(lambda: self._enqueue(run.pk))
        return run

    @staticmethod
    def _enqueue(run_id: int) -> None:
        result = run_import.enqueue(run_id)
        ImportRun.objects.filter(pk=run_id).update(task_id=str(result.id)[:64])

    def run(self, request, run_id):
        self._allowed(request)
        run = get_object_or_404(ImportRun.objects.select_related("created_by"), pk=run_id)
        if run.created_by_id != request.user.pk and not request.user.is_superuser:
            raise PermissionDenied
        context = {
            **self.admin.admin_site.each_context(request),
            "opts": self.admin.model._meta,
            "title": str(run),
            "run": run,
            "names": [d["name"] for d in run.documents][:50],
        }
        waiting = run.status == ImportRun.Status.QUEUED and timezone.now() - run.created_at > WORKER_PATIENCE
        context["no_worker"] = waiting
        response = TemplateResponse(request, "admin/sources/source/import_run.html", context)
        if not run.is_finished:
            response["Refresh"] = "2"  # the page follows the worker without a script
        return response

    def confirm(self, request, run_id):
        """After a clean dry run: the same documents, imported for real."""
        self._allowed(request)
        with transaction.atomic():
            checked = get_object_or_404(
                ImportRun.objects.select_for_update(), pk=run_id, dry_run=True, status=ImportRun.Status.DONE
            )
            if checked.created_by_id != request.user.pk:
                raise PermissionDenied
            done = ImportRun.objects.filter(pk=checked.report.get("imported_as")).first()
            if done is not None:  # confirmed already (a second click, or the back button)
                return HttpResponseRedirect(done.get_absolute_url())
            run = self._queue(request, checked.documents, dry_run=False, publish=checked.publish)
            checked.report = {**checked.report, "imported_as": run.pk}
            checked.save(update_fields=["report"])
        messages.success(request, "Importing for real in the background.")
        return HttpResponseRedirect(run.get_absolute_url())
