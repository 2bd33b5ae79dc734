"""Publishers and the documents they published, kept exactly as received and as cleaned text."""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from taggit.managers import TaggableManager

from sources.models.versioned import VersionedModel, VersionedQuerySet


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class Publisher(VersionedModel):
    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", "Newspaper or news site"
        WIRE = "wire", "News agency"
        GOVERNMENT = "government", "Government"
        EDUCATION = "education", "Education or exam preparation"
        SYNDICATOR = "syndicator", "Syndicated content"
        NEWS_AGGREGATOR = "aggregator", "News aggregator"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    url = models.URLField(max_length=500, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="publisher_name_idx")]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="publisher_name_not_empty")]

    def __str__(self):
        return self.name


class SourceQuerySet(VersionedQuerySet):
    def with_counts(self):
        return self.annotate(
            citation_count=Count("citations", distinct=True),
            claim_count=Count("citations__claim", distinct=True),
        )

    def for_list(self):
        return self.select_related("publisher").order_by("-published_at", "title")


class Source(VersionedModel):
    class Kind(models.TextChoices):
        REPORT = "report", "News report"
        SUMMARY = "summary", "Summary or study notes"
        EXPLAINER = "explainer", "Cited explainer"
        PRESS_RELEASE = "press_release", "Press release or statement"
        WIRE = "wire", "Wire story"
        ANALYSIS = "analysis", "Analysis or opinion"
        OFFICIAL = "official", "Official document"
        OTHER = "other", "Other"

    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, unique=True)
    publisher = models.ForeignKey(Publisher, on_delete=models.PROTECT, related_name="sources")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT, db_index=True)
    dek = models.TextField(blank=True, help_text="The standfirst or summary under the headline.")
    byline = models.CharField(max_length=300, blank=True)
    dateline = models.CharField(max_length=200, blank=True)
    url = models.URLField(max_length=1000, blank=True)
    archive_url = models.URLField(
        max_length=1000, blank=True, help_text="A snapshot, e.g. on web.archive.org."
    )
    published_at = models.DateTimeField(null=True, blank=True, help_text="As stated by the source.")
    modified_at = models.DateTimeField(
        null=True, blank=True, help_text="“Updated” time stated by the source."
    )
    stated_dates = models.JSONField(
        default=list,
        blank=True,
        help_text="Dates exactly as printed, with their labels and time zones.",
    )
    retrieved_at = models.DateTimeField(
        null=True, blank=True, help_text="When the desk retrieved or accessed it."
    )
    origin_file = models.CharField(max_length=300, blank=True, db_index=True)
    raw_text = models.TextField(help_text="Exactly as received; never edited.")
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    text = models.TextField(help_text="The clean reading text that citations point into.")
    text_hash = models.CharField(max_length=64, editable=False, db_index=True)
    removed = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="Page furniture the import removed from the raw text.",
    )
    import_doubts = models.JSONField(
        default=list,
        blank=True,
        editable=False,
        help_text="What the import could not establish (no date, headline guessed, speaker unknown…).",
    )
    derived_from = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="derivatives",
        help_text="A syndicated copy or a summary of another source does not count as independent.",
    )
    notes = models.TextField(blank=True, help_text="Editors' notes; not public.")
    tags = TaggableManager(blank=True)

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "title"]
        indexes = [
            models.Index(fields=["-published_at", "title"], name="source_published_idx"),
            models.Index(fields=["publisher", "-published_at"], name="source_publisher_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(raw_text=""),
                name="source_raw_text_not_empty",
                violation_error_message="A source needs its text.",
            ),
            models.CheckConstraint(
                condition=~Q(title=""),
                name="source_title_not_empty",
                violation_error_message="A source needs a title.",
            ),
            models.CheckConstraint(
                condition=Q(derived_from__isnull=True) | ~Q(derived_from=models.F("pk")),
                name="source_not_derived_from_itself",
                violation_error_message="A source cannot be derived from itself.",
            ),
        ]

    def __str__(self):
        return self.title

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._stored_content_hash = getattr(instance, "content_hash", None)
        return instance

    def save(self, *args, **kwargs):
        self.content_hash = sha256(self.raw_text)
        if not self.text:
            self.text = self.raw_text
        self.text_hash = sha256(self.text)
        stored = getattr(self, "_stored_content_hash", None)
        if stored and stored != self.content_hash and not getattr(self, "_replacing_raw_text", False):
            raise ValueError(f"The raw text of source “{self}” is immutable; import a new version instead.")
        super().save(*args, **kwargs)
        self._stored_content_hash = self.content_hash
        self._replacing_raw_text = False

    def clean(self):
        super().clean()
        dates = self.stated_dates
        if not isinstance(dates, list) or not all(
            isinstance(d, dict) and all(isinstance(d.get(k, ""), str) for k in ("label", "text"))
            for d in dates
        ):
            raise ValidationError(
                {
                    "stated_dates": 'A list of dates as printed, e.g. [{"label": "published", "text": "26 May 2026"}].'
                }
            )

    def validate_unique(self, exclude=None):
        super().validate_unique(exclude=exclude)
        if self.raw_text:
            same = Source.objects.filter(content_hash=sha256(self.raw_text)).exclude(pk=self.pk).first()
            if same is not None:
                raise ValidationError({"raw_text": f"This text is already the source “{same}”."})

    def replace_raw_text(self, raw_text: str, text: str) -> None:
        """A changed document replaces the received text; history keeps the earlier version."""
        self.raw_text, self.text = raw_text, text
        self._replacing_raw_text = True

    def get_absolute_url(self):
        return reverse("explainers:source", kwargs={"slug": self.slug})

    @property
    def stated_date(self):
        """The date the source gives itself: published, else the "updated" time."""
        return self.published_at or self.modified_at
