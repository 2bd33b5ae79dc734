"""People of the story, every way their names are written, and the roles they held when."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from sources.models.versioned import VersionedModel, VersionedQuerySet
from sources.text.names import alias_key


class PersonQuerySet(VersionedQuerySet):
    def by_alias(self, name: str):
        """People known under `name` in any spelling (`S. Jaishankar`, `Dr S Jaishankar`)."""
        return self.filter(aliases__key=alias_key(name)).distinct()


class Person(VersionedModel):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    country = models.ForeignKey(
        "sources.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="citizens",
        limit_choices_to={"kind": "country"},
    )
    description = models.TextField(blank=True)
    contact = models.TextField(blank=True, help_text="Private to editors: never shown on the public site.")

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [models.Index(fields=["name"], name="person_name_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name=""),
                name="person_name_not_empty",
                violation_error_message="A person needs a name.",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("explainers:person", kwargs={"slug": self.slug})

    def role_on(self, day):
        """The role this person held on `day`, or the current one when `day` is unknown."""
        return next((role for role in self.roles.all() if role.covers(day)), None)

    def add_alias(self, name: str) -> "PersonAlias":
        alias, _ = PersonAlias.objects.get_or_create(
            key=alias_key(name), defaults={"person": self, "name": name}
        )
        return alias


class PersonAlias(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=200, help_text="A way the name is written, e.g. “Dr. S. Jaishankar”.")
    key = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "aliases"
        constraints = [models.CheckConstraint(condition=~Q(key=""), name="person_alias_key_not_empty")]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.key = alias_key(self.name)
        super().save(*args, **kwargs)

    def validate_unique(self, exclude=None):
        self.key = alias_key(self.name)
        super().validate_unique(exclude=exclude)
        # `key` is not on the form, so the model's own check leaves it out: check it here.
        taken = PersonAlias.objects.filter(key=self.key).exclude(pk=self.pk).select_related("person").first()
        if taken is not None:
            raise ValidationError(
                {"name": f"“{self.name}” is already a spelling of {taken.person} (as “{taken.name}”)."}
            )


class Role(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = models.CharField(max_length=300, help_text="e.g. “External Affairs Minister”.")
    organization = models.ForeignKey(
        "sources.Organization",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="roles",
    )
    started_on = models.DateField(null=True, blank=True)
    ended_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["person", "-started_on", "title"]
        indexes = [models.Index(fields=["person", "started_on"], name="role_person_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="role_ends_after_start",
                violation_error_message="A role cannot end before it starts.",
            ),
        ]

    def __str__(self):
        where = f", {self.organization.name}" if self.organization_id else ""
        return f"{self.title}{where}"

    def covers(self, day) -> bool:
        if day is None:
            return self.ended_on is None
        return (self.started_on is None or self.started_on <= day) and (
            self.ended_on is None or day <= self.ended_on
        )

    @property
    def span(self) -> str:
        if not self.started_on and not self.ended_on:
            return ""
        start = self.started_on.isoformat() if self.started_on else "…"
        end = self.ended_on.isoformat() if self.ended_on else "present"
        return f"{start} – {end}"
