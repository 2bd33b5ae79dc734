"""One row per public-facing record, for full-text search (a GIN-indexed tsvector on PostgreSQL)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    class Kind(models.TextChoices):
        EXPLAINER = "explainer", "Explainer"
        CLAIM = "claim", "Claim"
        SOURCE = "source", "Source"
        PERSON = "person", "Person"
        AGREEMENT = "agreement", "Agreement"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField()
    title = models.CharField(max_length=500)
    # Ranked title (A) > dek (B) > body (C). The dek's first line is the standfirst shown as a
    # snippet; later lines hold what also describes the record (its topics, a source's byline).
    dek = models.TextField(blank=True, default="")
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300)
    # Filled on PostgreSQL only; SQLite searches title and body directly.
    vector = SearchVectorField(null=True, editable=False)
    # Explainers, agreements and claims are indexed from their published versions (readers never
    # search working text); sources and people from their own rows.
    snapshot = models.ForeignKey(
        "explainers.Snapshot", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # When readers may find it, kept on the row so a search filters without joins: a version's own
    # interval; for a source or person, the run of public versions that show it (now or next), with
    # `recheck_at` set when a later run starts after a gap.
    visible_from = models.DateTimeField(null=True, blank=True, editable=False)
    visible_until = models.DateTimeField(null=True, blank=True, editable=False)
    recheck_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The record's published date, for the date filter: an explainer's or agreement record's first
    # publication (and its claims'), a source's own date; none for a person.
    published_at = models.DateTimeField(null=True, blank=True, editable=False)
    # The code's SEARCH_FORMAT when the row was written (0: before formats were kept). Rows of an older
    # format are rebuilt by `migrate` and `manage.py rebuild_search_index --outdated`.
    format = models.PositiveSmallIntegerField(default=0, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["recheck_at"],
                name="search_document_recheck",
                condition=models.Q(recheck_at__isnull=False),
            ),
            models.Index(fields=["kind", "object_id"], name="search_document_record"),
            models.Index(fields=["format"], name="search_document_format"),
            models.Index(
                fields=["published_at"],
                name="search_document_published",
                condition=models.Q(visible_from__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"],
                condition=models.Q(snapshot__isnull=True),
                name="search_document_unique",
            ),
            models.UniqueConstraint(
                fields=["snapshot", "kind", "object_id"],
                condition=models.Q(snapshot__isnull=False),
                name="search_document_unique_per_version",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.title}"
