"""Claims (facts, quotes, analysis) and the citations that tie each to a passage of a source."""

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Length
from django.urls import reverse
from django.utils import timezone

from sources.models import VersionedModel, VersionedQuerySet
from sources.text import anchor


class ClaimQuerySet(VersionedQuerySet):
    def with_counts(self):
        from explainers.corroboration import independent_publishers_annotation

        return self.annotate(
            citation_count=Count("citations", distinct=True),
            publisher_count=independent_publishers_annotation(),
        )

    def timeline(self):
        return self.filter(occurred_on__isnull=False).order_by("occurred_on", "pk")


class Claim(VersionedModel):
    class Kind(models.TextChoices):
        FACT = "fact", "Fact"
        QUOTE = "quote", "Quote"
        ANALYSIS = "analysis", "Analysis"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        VERIFIED = "verified", "Verified"
        DISPUTED = "disputed", "Disputed"
        RETRACTED = "retracted", "Retracted"

    class Precision(models.TextChoices):
        DAY = "day", "Day"
        MONTH = "month", "Month"
        YEAR = "year", "Year"

    class Placement(models.TextChoices):
        EARLY = "early", "Early in it (“earlier that month”, “early February”)"
        MID = "mid", "In the middle (“mid-February”)"
        LATE = "late", "Late in it (“later that month”, “the end of the year”)"

    class Support(models.TextChoices):
        SUPPORTED = "supported", "Supported"
        PARTIAL = "partial", "Partly supported"
        UNSUPPORTED = "unsupported", "Unsupported"

    CITED_KINDS = (Kind.FACT, Kind.QUOTE)

    text = models.TextField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.FACT, db_index=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True)
    speaker_person = models.ForeignKey(
        "sources.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        verbose_name="speaker (person)",
    )
    speaker_organization = models.ForeignKey(
        "sources.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        verbose_name="speaker (organisation)",
    )
    speaker_role = models.ForeignKey(
        "sources.Role",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="quotes",
        help_text="The role the speaker held when they said it.",
    )
    agreement = models.ForeignKey(
        "sources.Agreement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims",
        help_text="The agreement this claim is about, if any.",
    )
    about_person = models.ForeignKey(
        "sources.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="claims_about",
    )
    topic = models.SlugField(
        max_length=100,
        blank=True,
        help_text="What detail this claim states, e.g. signing-place: claims on one topic are compared.",
    )
    occurred_on = models.DateField(null=True, blank=True, help_text="The point in time the claim is about.")
    occurred_precision = models.CharField(max_length=5, choices=Precision.choices, default=Precision.DAY)
    occurred_placement = models.CharField(
        "when in that month or year",
        max_length=5,
        choices=Placement.choices,
        blank=True,
        help_text="For a date known only to the month or year: where the sources place it in that "
        "period. A timeline puts an early one before the milestones dated to the day in the period, "
        "and a late one, or one the sources do not place, after them.",
    )
    note = models.TextField(blank=True, help_text="Why a claim is disputed or retracted; shown to readers.")
    # What the cited passages back of the sentence, recomputed whenever the sentence, a citation or
    # a cited source's text changes (explainers.services.support).
    support = models.CharField(
        max_length=12, choices=Support.choices, blank=True, db_index=True, editable=False
    )
    unbacked = models.JSONField(default=list, blank=True, editable=False)
    support_checked_at = models.DateTimeField(null=True, blank=True, editable=False)
    # An editor's decision to publish the sentence without a confirmed citation, with a note for readers.
    decision_note = models.TextField(
        blank=True,
        help_text="Why this sentence may be published without a citation an editor confirmed; shown to readers.",
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        permissions = [("review_claim", "Can mark claims verified, disputed or retracted")]
        indexes = [
            models.Index(fields=["agreement", "occurred_on"], name="claim_timeline_idx"),
            models.Index(fields=["topic"], name="claim_topic_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["origin_key"], condition=~Q(origin_key=""), name="claim_origin_key_unique"
            ),
            models.CheckConstraint(
                condition=~Q(text=""),
                name="claim_text_not_empty",
                violation_error_message="A claim needs its text.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(kind="quote")
                    & (
                        Q(speaker_person__isnull=False, speaker_organization__isnull=True)
                        | Q(speaker_person__isnull=True, speaker_organization__isnull=False)
                    )
                )
                | (~Q(kind="quote") & Q(speaker_person__isnull=True, speaker_organization__isnull=True)),
                name="claim_quote_has_one_speaker",
                violation_error_message=(
                    "A quote needs exactly one speaker (a person or an organisation); "
                    "facts and analysis have none."
                ),
            ),
            models.CheckConstraint(
                condition=Q(speaker_role__isnull=True) | Q(speaker_person__isnull=False),
                name="claim_role_needs_person",
                violation_error_message="A speaker's role needs the speaker.",
            ),
        ]

    def __str__(self):
        text = self.text if len(self.text) <= 80 else self.text[:79] + "…"
        return f"#{self.pk} {text}" if self.pk else text

    def get_absolute_url(self):
        return reverse("explainers:claim", kwargs={"pk": self.pk})

    @property
    def speaker(self):
        return self.speaker_person or self.speaker_organization

    @property
    def needs_citation(self) -> bool:
        return self.kind in self.CITED_KINDS

    @property
    def is_retracted(self) -> bool:
        return self.status == self.Status.RETRACTED


class CitationQuerySet(VersionedQuerySet):
    def orphans(self):
        return self.filter(status=anchor.NOT_FOUND)


class Citation(VersionedModel):
    class Status(models.TextChoices):
        EXACT = anchor.EXACT, "Exact"
        NORMALIZED = anchor.NORMALIZED, "Normalised match"
        FUZZY = anchor.FUZZY, "Fuzzy match"
        NOT_FOUND = anchor.NOT_FOUND, "Not found"

    class Origin(models.TextChoices):
        EDITOR = "editor", "Added by an editor"
        IMPORT = "import", "Suggested by the import"
        SEARCH = "search", "Suggested by the evidence search"
        CURATION = "curation", "Stated in the curation file"

    class Via(models.TextChoices):
        DESK = "desk", "the editing desk"
        ADMIN = "admin", "the admin"
        CURATION = "curation", "the curation file"
        VERBATIM = "verbatim", "the source's own words (a quotation at its place)"

    claim = models.ForeignKey(Claim, on_delete=models.CASCADE, related_name="citations")
    source = models.ForeignKey("sources.Source", on_delete=models.PROTECT, related_name="citations")
    quote = models.TextField(help_text="The exact words of the source that support the claim.")
    prefix = models.CharField(max_length=200, blank=True, editable=False)
    suffix = models.CharField(max_length=200, blank=True, editable=False)
    start = models.PositiveIntegerField(null=True, blank=True, editable=False)
    end = models.PositiveIntegerField(null=True, blank=True, editable=False)
    text_hash = models.CharField(max_length=64, blank=True, editable=False)
    status = models.CharField(
        max_length=12,
        choices=Status.choices,
        default=Status.NOT_FOUND,
        editable=False,
        db_index=True,
    )
    score = models.FloatField(
        default=0.0, editable=False, help_text="How closely the quote matches the text."
    )
    support_score = models.FloatField(
        null=True,
        blank=True,
        editable=False,
        help_text="How well the passage supports the claim (0–1).",
    )
    verified_at = models.DateTimeField(null=True, blank=True, editable=False)
    note = models.TextField(blank=True)
    origin = models.CharField(max_length=10, choices=Origin.choices, default=Origin.EDITOR, editable=False)
    origin_ref = models.PositiveSmallIntegerField(
        null=True, blank=True, editable=False, help_text="The reference number the original article gave."
    )
    # Suggested until an editor (or the curation file) confirms it: who, when, where.
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    confirmed_via = models.CharField(max_length=10, choices=Via.choices, blank=True, editable=False)
    # What this passage backs of the sentence (see Claim.support).
    support = models.CharField(max_length=12, choices=Claim.Support.choices, blank=True, editable=False)
    unbacked = models.JSONField(default=list, blank=True, editable=False)

    objects = CitationQuerySet.as_manager()

    class Meta:
        ordering = ["claim", "pk"]
        permissions = [
            ("confirm_citation", "Can confirm citations and decide to publish a sentence unverified")
        ]
        indexes = [
            models.Index(fields=["source", "start"], name="citation_source_start_idx"),
            models.Index(fields=["claim", "confirmed_at"], name="citation_claim_confirmed_idx"),
            models.Index(fields=["confirmed_at", "origin"], name="citation_suggested_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["origin_key"], condition=~Q(origin_key=""), name="citation_origin_key_unique"
            ),
            models.CheckConstraint(
                condition=~Q(quote=""),
                name="citation_quote_not_empty",
                violation_error_message="A citation needs the quoted passage.",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=anchor.NOT_FOUND, start__isnull=True, end__isnull=True)
                    | Q(~Q(status=anchor.NOT_FOUND), start__gte=0, end__gt=F("start"))
                ),
                name="citation_offsets_ordered",
                violation_error_message="A found quote needs offsets with start < end.",
            ),
            models.CheckConstraint(
                condition=~Q(status=anchor.EXACT) | Q(end=F("start") + Length("quote")),
                name="citation_exact_span_matches_quote",
                violation_error_message="An exact match spans exactly the quote.",
            ),
            models.CheckConstraint(condition=Q(score__gte=0, score__lte=1), name="citation_score_in_range"),
            models.CheckConstraint(
                condition=Q(support_score__isnull=True) | Q(support_score__gte=0, support_score__lte=1),
                name="citation_support_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.source} → claim #{self.claim_id}"

    @property
    def is_found(self) -> bool:
        return self.status != anchor.NOT_FOUND

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    def reanchor(self, *, force: bool = False) -> bool:
        """Find the quote again in the source's current text; True when anything changed."""
        text = self.source.text
        still_valid = self.status != anchor.EXACT or text[self.start : self.end] == self.quote
        if not force and self.text_hash == self.source.text_hash and self.is_found and still_valid:
            return False
        found = anchor.anchor_quote(
            text, self.quote, prefix=self.prefix, suffix=self.suffix, start=self.start, end=self.end
        )
        before = (self.status, self.start, self.end, self.score, self.prefix, self.suffix, self.text_hash)
        self.status, self.start, self.end, self.score = (
            found.status,
            found.start,
            found.end,
            found.score,
        )
        if found.is_found:
            self.prefix, self.suffix = found.prefix, found.suffix
        self.text_hash = self.source.text_hash
        self.verified_at = timezone.now()
        return before != (
            self.status,
            self.start,
            self.end,
            self.score,
            self.prefix,
            self.suffix,
            self.text_hash,
        )

    def save(self, *args, **kwargs):
        if self._anchoring_inputs_changed():
            self.reanchor(force=True)
        super().save(*args, **kwargs)
        self._anchored_inputs = (self.source_id, self.quote, self.text_hash)

    @classmethod
    def from_db(cls, db, field_names, values, **kwargs):
        instance = super().from_db(db, field_names, values, **kwargs)
        instance._anchored_inputs = (instance.source_id, instance.quote, instance.text_hash)
        return instance

    def _anchoring_inputs_changed(self) -> bool:
        loaded = getattr(self, "_anchored_inputs", None)
        return loaded is None or loaded[:2] != (self.source_id, self.quote) or not self.verified_at

    @property
    def passage(self) -> str:
        return self.source.text[self.start : self.end] if self.is_found else ""
