"""Editing screens for the evidence: publishers, sources, people, organisations, agreements."""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef
from django.utils.html import format_html, format_html_join

from sources import history  # noqa: F401  (history options must be registered before the admins)
from sources.admin_tools import (
    EditorAdmin,
    LabelledRowsMixin,
    LockedRecordsMixin,
    OrderedInlineMixin,
    SafeAutocompleteMixin,
    with_seen_version,
)
from sources.models import (
    Agreement,
    AgreementParty,
    Organization,
    Person,
    PersonAlias,
    Publisher,
    Role,
    ScopeItem,
    Signatory,
    Source,
)
from sources.text.doubts import Doubt
from sources.text.names import alias_key


@admin.register(Publisher)
class PublisherAdmin(EditorAdmin):
    ordering = ["name"]
    list_display = ["name", "kind", "source_count", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name", "url"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_sources=Count("sources"))

    @admin.display(description="sources", ordering="n_sources")
    def source_count(self, obj):
        return obj.n_sources


class HasDoubtsFilter(admin.SimpleListFilter):
    """Sources with something the import could not establish (no date, speaker unknown…)."""

    title = "import doubts"
    parameter_name = "doubts"

    def lookups(self, request, model_admin):
        return [("yes", "Has doubts"), ("no", "No doubts")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(import_doubts=[])
        if self.value() == "no":
            return queryset.filter(import_doubts=[])
        return queryset


@admin.register(Source)
class SourceAdmin(EditorAdmin):
    ordering = ["-published_at", "title"]
    list_display = [
        "title",
        "publisher",
        "kind",
        "published_at",
        "claim_count",
        "citation_count",
        "doubt_count",
        "updated_at",
    ]
    list_filter = ["kind", HasDoubtsFilter, "publisher", "tags"]
    list_select_related = ["publisher"]
    search_fields = ["title", "byline", "origin_file", "publisher__name"]
    date_hierarchy = "published_at"
    autocomplete_fields = ["publisher", "derived_from"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = [
        "doubts_display",
        "raw_text_display",
        "removed_display",
        "content_hash",
        "text_hash",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "doubts_display",
                    "title",
                    "slug",
                    "publisher",
                    "kind",
                    "dek",
                    "byline",
                    "dateline",
                    "tags",
                ]
            },
        ),
        (
            "Provenance",
            {
                "fields": [
                    "url",
                    "archive_url",
                    "published_at",
                    "modified_at",
                    "stated_dates",
                    "retrieved_at",
                    "origin_file",
                    "derived_from",
                ]
            },
        ),
        (
            "Text",
            {
                "fields": [
                    "text",
                    "raw_text_display",
                    "removed_display",
                    "content_hash",
                    "text_hash",
                ]
            },
        ),
        ("Notes", {"fields": ["notes", "created_at", "updated_at"]}),
    ]
    add_fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "publisher", "kind", "dek", "byline", "dateline", "tags"]},
        ),
        (
            "Provenance",
            {
                "fields": [
                    "url",
                    "archive_url",
                    "published_at",
                    "modified_at",
                    "retrieved_at",
                    "derived_from",
                ]
            },
        ),
        (
            "Text",
            {
                "fields": ["raw_text", "text"],
                "description": "Paste the document as received; "
                "the clean text defaults to it. The received text cannot be edited later.",
            },
        ),
        ("Notes", {"fields": ["notes"]}),
    ]

    def get_fieldsets(self, request, obj=None):
        return with_seen_version(self.fieldsets) if obj else self.add_fieldsets

    def get_readonly_fields(self, request, obj=None):
        return self.readonly_fields if obj else []

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "text" in form.base_fields and obj is None:
            form.base_fields["text"].required = False
        return form

    show_full_result_count = False

    def get_queryset(self, request):
        # Counted per row shown (subqueries), not by grouping every source before the page's LIMIT.
        from explainers.corroboration import counted
        from explainers.models import Citation

        cited = Citation.objects.filter(source=OuterRef("pk"))
        return (
            super()
            .get_queryset(request)
            .annotate(citation_count=counted(cited), claim_count=counted(cited, "claim_id", distinct=True))
        )

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description="doubts")
    def doubt_count(self, obj):
        return len(obj.import_doubts or ()) or ""

    @admin.display(description="the import could not establish")
    def doubts_display(self, obj):
        if not obj.import_doubts:
            return "Nothing: the import found a date, headline, publisher and every speaker."
        return format_html(
            '<ul class="import-doubts">{}</ul>',
            format_html_join("", "<li>{}</li>", ((Doubt.from_stored(item),) for item in obj.import_doubts)),
        )

    @admin.display(description="raw text (as received, read-only)")
    def raw_text_display(self, obj):
        return format_html('<pre class="raw-text">{}</pre>', obj.raw_text)

    @admin.display(description="removed by the import")
    def removed_display(self, obj):
        if not obj.removed:
            return "Nothing."
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                "<li><strong>{}</strong>: {}</li>",
                ((item.get("kind", "furniture"), item.get("text", "")) for item in obj.removed),
            ),
        )


class AliasFormSet(forms.BaseInlineFormSet):
    """Two rows of one form cannot be the same spelling (each row alone checks the stored ones)."""

    def clean(self):
        super().clean()
        seen = {}
        for form in self.forms:
            name = (
                form.cleaned_data.get("name") if form.is_valid() and form not in self.deleted_forms else None
            )
            if not name:
                continue
            key = alias_key(name)
            if key in seen:
                raise ValidationError(f"“{name}” and “{seen[key]}” are the same spelling; keep one.")
            seen[key] = name


class AliasInline(LabelledRowsMixin, admin.TabularInline):
    model = PersonAlias
    formset = AliasFormSet
    extra = 1
    fields = ["name"]


class RoleInline(LabelledRowsMixin, admin.TabularInline):
    model = Role
    extra = 1
    fields = ["title", "organization", "started_on", "ended_on"]
    autocomplete_fields = ["organization"]


@admin.register(Person)
class PersonAdmin(EditorAdmin):
    ordering = ["name"]
    list_display = ["name", "current_roles", "alias_list", "quote_count", "updated_at"]
    search_fields = ["name", "aliases__name", "roles__title"]
    list_filter = ["country"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AliasInline, RoleInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(n_quotes=Count("quotes", distinct=True))
            .prefetch_related("roles__organization", "aliases")
        )

    @admin.display(description="roles")
    def current_roles(self, obj):
        return "; ".join(str(role) for role in obj.roles.all())

    @admin.display(description="aliases")
    def alias_list(self, obj):
        return ", ".join(alias.name for alias in obj.aliases.all())

    @admin.display(description="quotes", ordering="n_quotes")
    def quote_count(self, obj):
        return obj.n_quotes


@admin.register(Role)
class RoleAdmin(SafeAutocompleteMixin, LockedRecordsMixin, admin.ModelAdmin):
    """Roles are edited under their person; this screen only serves the role pickers."""

    search_fields = ["title", "person__name", "organization__name"]
    list_display = ["person", "title", "organization", "started_on", "ended_on"]
    list_select_related = ["person", "organization"]
    autocomplete_fields = ["person", "organization"]

    def get_model_perms(self, request):
        return {}


@admin.register(Organization)
class OrganizationAdmin(EditorAdmin):
    list_display = ["name", "short_name", "kind", "country", "founded_on"]
    list_filter = ["kind"]
    list_select_related = ["country"]
    search_fields = ["name", "short_name", "aliases"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


class PartyInline(OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = AgreementParty
    extra = 0
    fields = ["position", "organization"]
    autocomplete_fields = ["organization"]


class SignatoryInline(OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = Signatory
    extra = 0
    fields = ["position", "person", "role", "on_behalf_of"]
    autocomplete_fields = ["person", "role", "on_behalf_of"]


class ScopeItemInline(OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = ScopeItem
    extra = 0
    fields = ["position", "label", "description"]


@admin.register(Agreement)
class AgreementAdmin(EditorAdmin):
    list_display = ["title", "status", "signed_on", "signed_place", "party_list", "updated_at"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "short_title", "signed_place"]
    date_hierarchy = "signed_on"
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related_initiatives"]
    inlines = [PartyInline, SignatoryInline, ScopeItemInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("parties")

    @admin.display(description="parties")
    def party_list(self, obj):
        return ", ".join(str(party) for party in obj.parties.all())
