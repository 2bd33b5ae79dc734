"""What readers see: frozen snapshots of explainers, agreement records and claims, and their public index.

Editors change working rows (explainers, blocks, claims, citations); readers never see those. A
publisher's publish action freezes the working rows into a `Snapshot` and writes the public index
(`PublicClaim`, `PublicCitation`, `PublicCorrection`, `PublicReference`) that every public page
reads. A snapshot is public from `published_at` until `ended_at`; a later publication ends it, and
unpublishing ends it at once. A snapshot that was never published is a preview (a signed link).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from sources.text import anchor


class SnapshotQuerySet(models.QuerySet):
    def public(self, *, now=None):
        """Public at `now`: published, the time has come, and not yet ended."""
        now = now or timezone.now()
        return self.filter(published_at__lte=now).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now))

    def current(self, *, now=None):
        """Public now or scheduled to become public: what the publisher has decided readers see."""
        now = now or timezone.now()
        return self.filter(published_at__isnull=False).filter(Q(ended_at__isnull=True) | Q(ended_at__gt=now))

    def scheduled(self, *, now=None):
        return self.current(now=now).filter(published_at__gt=now or timezone.now())

    def explainers(self):
        return self.filter(kind=Snapshot.Kind.EXPLAINER)

    def agreements(self):
        return self.filter(kind=Snapshot.Kind.AGREEMENT)


class Snapshot(models.Model):
    class Kind(models.TextChoices):
        EXPLAINER = "explainer", "Explainer"
        AGREEMENT = "agreement", "Agreement record"
        CLAIM = "claim", "Claim"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    explainer = models.ForeignKey(
        "explainers.Explainer", null=True, blank=True, on_delete=models.CASCADE, related_name="snapshots"
    )
    agreement = models.ForeignKey(
        "sources.Agreement", null=True, blank=True, on_delete=models.CASCADE, related_name="snapshots"
    )
    claim = models.ForeignKey(
        "explainers.Claim", null=True, blank=True, on_delete=models.CASCADE, related_name="snapshots"
    )
    number = models.PositiveIntegerField(
        help_text="Version number, counted per explainer, agreement or claim."
    )
    content = models.JSONField(help_text="Everything readers see, frozen.")
    content_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(
        null=True, blank=True, help_text="When it became (or becomes) public; empty for a preview."
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    first_published_at = models.DateTimeField(
        null=True, blank=True, help_text="When the first version was published (readers' “Published”)."
    )
    ended_at = models.DateTimeField(null=True, blank=True, help_text="When it stopped being public.")
    comment = models.TextField(blank=True)
    accepted_warnings = models.JSONField(default=list, blank=True)
    # Read by list pages without opening `content`.
    title = models.CharField(max_length=500)
    slug = models.SlugField(max_length=200, blank=True)
    dek = models.TextField(blank=True)
    claim_count = models.PositiveIntegerField(default=0)
    source_count = models.PositiveIntegerField(default=0)

    objects = SnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        verbose_name = "published version"
        indexes = [
            models.Index(fields=["kind", "slug", "-published_at"], name="snapshot_kind_slug_idx"),
            models.Index(fields=["published_at", "ended_at"], name="snapshot_window_idx"),
            models.Index(fields=["explainer", "-number"], name="snapshot_explainer_idx"),
            models.Index(fields=["agreement", "-number"], name="snapshot_agreement_idx"),
            models.Index(fields=["claim", "-number"], name="snapshot_claim_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind="explainer",
                        explainer__isnull=False,
                        agreement__isnull=True,
                        claim__isnull=True,
                    )
                    | Q(kind="agreement", explainer__isnull=True, agreement__isnull=False, claim__isnull=True)
                    | Q(kind="claim", explainer__isnull=True, agreement__isnull=True, claim__isnull=False)
                ),
                name="snapshot_has_one_subject",
                violation_error_message="A version belongs to exactly one explainer, agreement or claim.",
            ),
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(published_at__isnull=False),
                name="snapshot_ends_after_publication",
            ),
            models.UniqueConstraint(
                fields=["explainer", "number"],
                condition=Q(kind="explainer"),
                name="snapshot_explainer_number",
            ),
            models.UniqueConstraint(
                fields=["agreement", "number"],
                condition=Q(kind="agreement"),
                name="snapshot_agreement_number",
            ),
            models.UniqueConstraint(
                fields=["claim", "number"], condition=Q(kind="claim"), name="snapshot_claim_number"
            ),
        ]

    def __str__(self):
        return f"{self.title} · version {self.number}"

    def get_absolute_url(self):
        if self.kind == self.Kind.EXPLAINER:
            return reverse("explainers:detail", kwargs={"slug": self.slug})
        if self.kind == self.Kind.AGREEMENT:
            return reverse("explainers:agreement", kwargs={"slug": self.slug})
        return reverse("explainers:claim", kwargs={"pk": self.claim_id})

    @property
    def subject(self):
        return self.explainer or self.agreement or self.claim

    @property
    def subject_id(self):
        return self.explainer_id or self.agreement_id or self.claim_id

    @property
    def is_preview(self) -> bool:
        return self.published_at is None

    def is_public(self, now=None) -> bool:
        now = now or timezone.now()
        return (
            self.published_at is not None
            and self.published_at <= now
            and (self.ended_at is None or self.ended_at > now)
        )


class PublicClaim(models.Model):
    """A claim as a published version shows it (lookup columns, and the frozen record in `data`)."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="public_claims")
    claim_id = models.BigIntegerField(db_index=True)
    kind = models.CharField(max_length=10)
    status = models.CharField(max_length=10)
    topic = models.SlugField(max_length=100, blank=True)
    speaker_person = models.ForeignKey(
        "sources.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    speaker_organization = models.ForeignKey(
        "sources.Organization", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    about_person = models.ForeignKey(
        "sources.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agreement = models.ForeignKey(
        "sources.Agreement", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_on = models.DateField(null=True, blank=True)
    data = models.JSONField()

    class Meta:
        ordering = ["snapshot", "pk"]
        indexes = [
            models.Index(fields=["topic"], name="public_claim_topic_idx"),
            models.Index(fields=["agreement", "occurred_on"], name="public_claim_timeline_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "claim_id"], name="public_claim_once_per_version")
        ]

    def __str__(self):
        return self.data.get("text", "")[:80]


class PublicCitation(models.Model):
    """A citation as a published version shows it: which passage of which source backs which claim."""

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="public_citations")
    claim_id = models.BigIntegerField()
    citation_id = models.BigIntegerField()
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="public_citations")
    quote = models.TextField()
    start = models.PositiveIntegerField(null=True, blank=True)
    end = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=12, default=anchor.NOT_FOUND)
    text_hash = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["source", "start", "pk"]
        indexes = [
            models.Index(fields=["source", "start"], name="public_citation_source_idx"),
            models.Index(fields=["snapshot", "claim_id"], name="public_citation_claim_idx"),
        ]

    def __str__(self):
        return f"{self.source_id}: {self.quote[:60]}"


class PublicCorrection(models.Model):
    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="public_corrections")
    kind = models.CharField(max_length=15)
    text = models.TextField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [models.Index(fields=["-published_at"], name="public_correction_date_idx")]

    def __str__(self):
        return self.text[:80]


class PublicReference(models.Model):
    """An evidence record (source, person, organisation, publisher, tag…) a published version shows."""

    class Model(models.TextChoices):
        SOURCE = "source", "Source"
        PUBLISHER = "publisher", "Publisher"
        PERSON = "person", "Person"
        ORGANIZATION = "organization", "Organisation"
        ROLE = "role", "Role"
        AGREEMENT = "agreement", "Agreement"
        TAG = "tag", "Tag"

    snapshot = models.ForeignKey(Snapshot, on_delete=models.CASCADE, related_name="references")
    model = models.CharField(max_length=12, choices=Model.choices)
    object_id = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["model", "object_id"], name="public_reference_lookup_idx")]
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "model", "object_id"], name="public_reference_once")
        ]

    def __str__(self):
        return f"{self.model} #{self.object_id} in {self.snapshot_id}"


class ClaimReview(models.Model):
    """A recorded change of a claim's status (verified, disputed, retracted), with who, when and why."""

    claim = models.ForeignKey("explainers.Claim", on_delete=models.CASCADE, related_name="reviews")
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    note = models.TextField(blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["claim", "-at"], name="claim_review_claim_at_idx")]

    def __str__(self):
        return f"{self.from_status} → {self.to_status} by {self.by} at {self.at:%Y-%m-%d %H:%M}"
