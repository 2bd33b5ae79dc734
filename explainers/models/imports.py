"""Imports started from the admin: the documents handed in, and how the background run went."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone


class ImportRun(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting for the worker"
        RUNNING = "running", "Running"
        DONE = "done", "Done"
        FAILED = "failed", "Refused"

    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    dry_run = models.BooleanField(default=True)
    publish = models.BooleanField(default=False)
    documents = models.JSONField(help_text="The documents handed in: name and decoded text.")
    document_count = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True)
    progress = models.CharField(max_length=300, blank=True)
    report = models.JSONField(default=dict, blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "import"

    def __str__(self):
        kind = "Dry run" if self.dry_run else "Import"
        return f"{kind} of {self.document_count} document(s), {self.created_at:%d %b %Y %H:%M}"

    def get_absolute_url(self):
        return reverse("admin:sources_source_import_run", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
