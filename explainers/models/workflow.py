"""The editorial record of an explainer: status transitions, corrections, reviewed disagreements."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone


class Transition(models.Model):
    explainer = models.ForeignKey(
        "explainers.Explainer", on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=10)
    to_status = models.CharField(max_length=10)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    comment = models.TextField(blank=True)
    accepted_warnings = models.JSONField(default=list, blank=True)
    snapshot = models.ForeignKey(
        "explainers.Snapshot",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The version this step published.",
    )

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["explainer", "-at"], name="transition_explainer_at_idx")]

    def __str__(self):
        return f"{self.from_status} → {self.to_status} by {self.by} at {self.at:%Y-%m-%d %H:%M}"


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    explainer = models.ForeignKey(
        "explainers.Explainer", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(max_length=15, choices=Kind.choices, default=Kind.CORRECTION)
    text = models.TextField(help_text="What was wrong or unclear, and what the explainer says now.")
    published_at = models.DateTimeField(default=timezone.now, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-published_at", "-pk"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="correction_text_not_empty")]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.published_at:%d %b %Y}"


class DisagreementReview(models.Model):
    """An editor's note that the sources' disagreement on a topic was looked at, and what it means."""

    topic = models.SlugField(max_length=100, unique=True)
    label = models.CharField(
        max_length=200,
        blank=True,
        help_text="What the sources differ on, in words for readers, e.g. where the pact was signed.",
    )
    note = models.TextField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["topic"]
        constraints = [models.CheckConstraint(condition=~Q(note=""), name="disagreement_note_not_empty")]

    def __str__(self):
        return f"Disagreement on {self.topic}"


class Edit(models.Model):
    """One change to an explainer's working version: who changed what in its body, and when."""

    class Kind(models.TextChoices):
        DETAILS = "details", "Details changed"
        BYLINE = "byline", "Byline changed"
        BLOCK_ADDED = "block_added", "Block added"
        BLOCK_CHANGED = "block_changed", "Block changed"
        BLOCK_REMOVED = "block_removed", "Block removed"
        SENTENCE_ADDED = "sentence_added", "Sentence added"
        SENTENCE_EDITED = "sentence_edited", "Sentence edited"
        SENTENCE_MOVED = "sentence_moved", "Sentence moved"
        SENTENCE_REMOVED = "sentence_removed", "Sentence removed"
        CITATION_ADDED = "citation_added", "Citation added"
        CITATION_CHANGED = "citation_changed", "Citation changed"
        CITATION_REMOVED = "citation_removed", "Citation removed"
        CITATION_CONFIRMED = "citation_confirmed", "Citation confirmed"
        DECISION = "decision", "Decision on an unverified sentence"
        CORRECTION_ADDED = "correction_added", "Correction added"
        CORRECTION_CHANGED = "correction_changed", "Correction changed"
        RESTORED = "restored", "Earlier version restored"
        IMPORTED = "imported", "Imported"

    explainer = models.ForeignKey("explainers.Explainer", on_delete=models.CASCADE, related_name="edits")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    summary = models.TextField()
    claim_id = models.BigIntegerField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["explainer", "-at"], name="edit_explainer_at_idx")]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.summary[:60]}"
