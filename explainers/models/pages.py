"""What the reader's pages are made of, kept where every worker and app server reads it.

`Rendering`: the HTML (and JSON) of a published version, rendered once when it is published or
when a record it shows changes; a page view reads this one row and wraps it.

`PageVersion`: one counter per page scope (an explainer's pages, a source's page, the lists…),
moved on in the same database transaction as the change readers would see. Cached pages are
keyed by the versions of their scopes, so no worker can serve a page older than the database.
"""

from django.db import models
from django.utils import timezone


class Rendering(models.Model):
    snapshot = models.OneToOneField(
        "explainers.Snapshot", primary_key=True, on_delete=models.CASCADE, related_name="rendering"
    )
    format = models.CharField(
        max_length=40,
        blank=True,
        help_text="The templates and code it was rendered with; another is re-rendered.",
    )
    mark = models.CharField(
        max_length=80, blank=True, help_text="Stands for the site's scheme and host in absolute URLs."
    )
    title = models.TextField(blank=True, help_text="The page's <title> (before the site's name).")
    description = models.TextField(blank=True, help_text="The page's meta description.")
    head = models.TextField(
        help_text="The page's <head> additions; absolute URLs start with the origin mark."
    )
    article = models.TextField(help_text="The reader's page: headline, sentences, markers, references.")
    evidence = models.TextField(blank=True, help_text="The evidence map's body.")
    api = models.TextField(blank=True, help_text="The JSON detail, serialised.")
    references = models.TextField(blank=True, help_text="The references as CSL-JSON, serialised.")
    annotations = models.TextField(
        blank=True, help_text="Every citation as a W3C Web Annotation (JSON-LD), serialised."
    )
    feed = models.TextField(
        blank=True, help_text="The article as the feed's entry: links absolute, previews left out."
    )
    rendered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "rendered version"

    def __str__(self):
        return f"rendering of version {self.snapshot_id}"


class PageVersion(models.Model):
    scope = models.CharField(max_length=250, primary_key=True)
    version = models.BigIntegerField(default=1)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "page version"

    def __str__(self):
        return f"{self.scope} v{self.version}"
