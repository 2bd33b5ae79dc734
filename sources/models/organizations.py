"""Organisations: countries, ministries, embassies, groupings and initiatives."""

from django.core.exceptions import ValidationError
from django.db import models

from sources.models.versioned import VersionedModel


class Organization(VersionedModel):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        GOVERNMENT = "government", "Government body"
        MINISTRY = "ministry", "Ministry or department"
        EMBASSY = "embassy", "Embassy"
        GROUPING = "grouping", "Grouping of countries"
        INITIATIVE = "initiative", "Initiative or forum"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=60, blank=True, help_text="Abbreviation readers know, e.g. FORGE or MSP."
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER, db_index=True)
    country = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        limit_choices_to={"kind": Kind.COUNTRY},
    )
    aliases = models.JSONField(
        default=list, blank=True, help_text="Other names used in sources, e.g. “the US embassy”."
    )
    description = models.TextField(blank=True)
    founded_on = models.DateField(null=True, blank=True, help_text="Launched or founded on.")
    url = models.URLField(max_length=500, blank=True)

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["name"], name="organization_name_idx")]
        verbose_name = "organisation"  # the site's spelling, in the admin too

    def __str__(self):
        return f"{self.name} ({self.short_name})" if self.short_name else self.name

    def clean(self):
        super().clean()
        if not isinstance(self.aliases, list) or not all(isinstance(a, str) for a in self.aliases):
            raise ValidationError({"aliases": 'A list of names, e.g. ["the US embassy", "US embassy"].'})
