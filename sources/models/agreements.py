"""Agreements: who signed what, where and when, what it covers, and what it builds on."""

from django.db import models
from django.db.models import Q
from django.urls import reverse
from taggit.managers import TaggableManager

from sources.models.versioned import VersionedModel, VersionedQuerySet


class Agreement(VersionedModel):
    class Kind(models.TextChoices):
        FRAMEWORK = "framework", "Framework"
        MOU = "mou", "Memorandum of understanding"
        TREATY = "treaty", "Treaty"
        JOINT_STATEMENT = "joint_statement", "Joint statement"
        OTHER = "other", "Other"

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Proposed"
        NEGOTIATING = "negotiating", "Under negotiation"
        SIGNED = "signed", "Signed"
        IN_FORCE = "in_force", "In force"
        SUSPENDED = "suspended", "Suspended"
        ENDED = "ended", "Expired or terminated"

    title = models.CharField(max_length=300)
    slug = models.SlugField(max_length=200, unique=True)
    short_title = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.FRAMEWORK)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED, db_index=True)
    summary = models.TextField(blank=True)
    signed_on = models.DateField(null=True, blank=True, db_index=True)
    signed_place = models.CharField(
        max_length=300, blank=True, help_text="e.g. “Hyderabad House, New Delhi”."
    )
    parties = models.ManyToManyField(
        "sources.Organization", through="AgreementParty", related_name="agreements", blank=True
    )
    related_initiatives = models.ManyToManyField(
        "sources.Organization",
        related_name="related_agreements",
        blank=True,
        help_text="Initiatives and groupings it builds on, e.g. FORGE, Pax Silica, the Quad.",
    )
    tags = TaggableManager(blank=True)

    objects = VersionedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "title"]
        constraints = [
            models.CheckConstraint(condition=~Q(title=""), name="agreement_title_not_empty"),
            models.CheckConstraint(
                condition=~Q(status__in=["signed", "in_force"]) | Q(signed_on__isnull=False),
                name="agreement_signed_has_date",
                violation_error_message="A signed agreement needs its signing date.",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("explainers:agreement", kwargs={"slug": self.slug})


class AgreementParty(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="party_links")
    organization = models.ForeignKey(
        "sources.Organization", on_delete=models.PROTECT, related_name="party_links"
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name = "party"
        verbose_name_plural = "parties"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="party_position_unique"),
            models.UniqueConstraint(fields=["agreement", "organization"], name="party_once_per_agreement"),
        ]

    def __str__(self):
        return str(self.organization)


class Signatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey("sources.Person", on_delete=models.PROTECT, related_name="signatures")
    role = models.ForeignKey(
        "sources.Role",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
        help_text="The role in which they signed.",
    )
    on_behalf_of = models.ForeignKey(
        "sources.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="signatures",
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "position"]
        verbose_name_plural = "signatories"
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="signatory_position_unique"),
            models.UniqueConstraint(fields=["agreement", "person"], name="signatory_once_per_agreement"),
        ]

    def __str__(self):
        return f"{self.person} ({self.role})" if self.role_id else str(self.person)


class ScopeItem(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="scope_items")
    label = models.CharField(max_length=200, help_text="e.g. “Mining” or “Recycling”.")
    description = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["agreement", "position"]
        constraints = [
            models.UniqueConstraint(fields=["agreement", "position"], name="scope_position_unique"),
            models.UniqueConstraint(fields=["agreement", "label"], name="scope_label_unique"),
            models.CheckConstraint(condition=~Q(label=""), name="scope_label_not_empty"),
        ]

    def __str__(self):
        return self.label
