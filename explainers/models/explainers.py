"""Explainers: ordered blocks (paragraph, pull quote, analysis, heading) of ordered claims."""

from django.conf import settings
from django.db import models
from django.db.models import Count, Q
from django.urls import reverse
from taggit.managers import TaggableManager

from sources.models import VersionedModel, VersionedQuerySet


class ExplainerQuerySet(VersionedQuerySet):
    def published(self, *, now=None):
        """Public now: a published version of it is live (a scheduled one appears by itself)."""
        from explainers.models.publishing import Snapshot

        live = Snapshot.objects.public(now=now).explainers().values("explainer_id")
        return self.filter(pk__in=live)

    def with_counts(self):
        return self.annotate(
            block_count=Count("blocks", distinct=True),
            claim_count=Count("blocks__items__claim", distinct=True),
            source_count=Count("blocks__items__claim__citations__source", distinct=True),
        )


class Explainer(VersionedModel):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        REVIEW = "review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    dek = models.TextField(blank=True, help_text="One or two sentences under the headline.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When it was first published (set by the publish action; a future time is scheduled).",
    )
    agreement = models.ForeignKey(
        "sources.Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="explainers",
    )
    origin_source = models.ForeignKey(
        "sources.Source",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="explainers",
        help_text="The syndicated document this explainer was imported from, if any.",
    )
    notes = models.TextField(blank=True, help_text="Editor's notes shown to readers under the references.")
    social_title = models.CharField(
        max_length=200, blank=True, help_text="Title when shared and in search results (default: the title)."
    )
    social_description = models.CharField(
        max_length=300,
        blank=True,
        help_text="Description when shared and in search results (default: the dek).",
    )
    tags = TaggableManager(blank=True)

    objects = ExplainerQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        permissions = [
            ("publish_explainer", "Can publish, unpublish and archive explainers"),
            ("review_explainer", "Can edit explainers in review and return them to draft"),
        ]
        indexes = [models.Index(fields=["status", "-published_at"], name="explainer_status_pub_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="explainer_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(published_at__isnull=False),
                name="explainer_published_has_date",
                violation_error_message="A published explainer needs its publication time.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("explainers:detail", kwargs={"slug": self.slug})

    @property
    def is_public(self) -> bool:
        """Readers see a published version of it now (one query)."""
        return self.snapshots.public().exists()


class Author(models.Model):
    """A byline: someone of the newsroom who writes explainers (not a person in the story)."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    bio = models.TextField(blank=True, help_text="One or two sentences readers may see with the byline.")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text="The login of this author, so the desk can put them on the byline of what they write.",
    )
    is_active = models.BooleanField(default=True, help_text="Offered in the byline chooser.")

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="author_name_idx")]
        constraints = [models.CheckConstraint(condition=~Q(name=""), name="author_name_not_empty")]

    def __str__(self):
        return self.name


class ExplainerAuthor(models.Model):
    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="author_links")
    author = models.ForeignKey(Author, on_delete=models.PROTECT, related_name="explainer_links")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["explainer", "position"]
        verbose_name = "byline"
        constraints = [
            models.UniqueConstraint(fields=["explainer", "position"], name="author_position_unique"),
            models.UniqueConstraint(fields=["explainer", "author"], name="author_once_per_explainer"),
        ]

    def __str__(self):
        return str(self.author)


class Block(VersionedModel):
    class Kind(models.TextChoices):
        PARAGRAPH = "paragraph", "Paragraph"
        PULLQUOTE = "pullquote", "Pull quote"
        ANALYSIS = "analysis", "Analysis"
        HEADING = "heading", "Heading"

    explainer = models.ForeignKey(Explainer, on_delete=models.CASCADE, related_name="blocks")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PARAGRAPH)
    text = models.CharField(max_length=300, blank=True, help_text="The heading's words (headings only).")

    class Meta:
        ordering = ["explainer", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["explainer", "position"],
                name="block_position_unique",
                violation_error_message="Two blocks of an explainer cannot share a position.",
            ),
            models.CheckConstraint(
                condition=~Q(kind="heading") | ~Q(text=""),
                name="block_heading_has_text",
                violation_error_message="A heading needs its words.",
            ),
        ]

    def __str__(self):
        label = self.text or self.get_kind_display()
        return f"{self.explainer} · {self.position}. {label}"


class BlockClaim(models.Model):
    block = models.ForeignKey(Block, on_delete=models.CASCADE, related_name="items")
    claim = models.ForeignKey("explainers.Claim", on_delete=models.PROTECT, related_name="placements")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["block", "position"]
        verbose_name = "sentence"
        constraints = [
            models.UniqueConstraint(
                fields=["block", "position"],
                name="block_claim_position_unique",
                violation_error_message="Two sentences of a block cannot share a position.",
            ),
        ]

    def __str__(self):
        return str(self.claim)
