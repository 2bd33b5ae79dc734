"""Editing screens for claims and their citations."""

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join

from explainers import history  # noqa: F401  (history options must be registered before the admins)
from explainers.models import Citation, Claim
from explainers.services.verification import verify_citations
from sources.admin_tools import EditorAdmin, VersionedInlineMixin
from sources.text.anchor import word_diff


def report_verification(modeladmin, request, result):
    statuses = ", ".join(f"{count} {status}" for status, count in sorted(result.by_status.items())) or "none"
    modeladmin.message_user(
        request,
        f"Re-verified {result.checked} citation(s); {result.changed} changed. Now: {statuses}.",
        messages.SUCCESS,
    )


class CitationInline(VersionedInlineMixin, admin.StackedInline):
    model = Citation
    extra = 0
    fields = ["source", "quote", "note", "match"]
    readonly_fields = ["match"]
    autocomplete_fields = ["source"]

    @admin.display(description="match in source")
    def match(self, obj):
        return citation_match(obj)


def citation_match(citation):
    if not citation.pk:
        return "Verified when saved."
    support = "" if citation.support_score is None else f", support {citation.support_score:.2f}"
    weak = " — weak support: check that the source says this" if citation.is_weak else ""
    passage = citation.passage
    if passage and citation.status in (Citation.Status.FUZZY, Citation.Status.NORMALIZED):
        shown = format_html_join(
            " ", "{}", ((_diff_part(kind, text),) for kind, text in word_diff(citation.quote, passage))
        )
    else:
        shown = passage or "—"
    return format_html(
        '<span class="citation-status citation-status--{}">{}</span> (score {}{}){}<br><q>{}</q>',
        citation.status,
        citation.get_status_display(),
        f"{citation.score:.2f}",
        support,
        weak,
        shown,
    )


def _diff_part(kind: str, text: str):
    if kind == "source":
        return format_html('<mark title="as the source spells it">{}</mark> [sic]', text)
    if kind == "quote":
        return format_html('<del title="in the quote, not in the source">{}</del>', text)
    return text


class WeakSupportFilter(admin.SimpleListFilter):
    title = "support"
    parameter_name = "support"

    def lookups(self, request, model_admin):
        return [("weak", "Weak support"), ("ok", "Supported"), ("unscored", "Not scored")]

    def queryset(self, request, queryset):
        if self.value() == "weak":
            return queryset.filter(support_score__lt=Citation.WEAK_SUPPORT)
        if self.value() == "ok":
            return queryset.filter(support_score__gte=Citation.WEAK_SUPPORT)
        if self.value() == "unscored":
            return queryset.filter(support_score__isnull=True)
        return queryset


@admin.register(Claim)
class ClaimAdmin(EditorAdmin):
    ordering = ["-pk"]
    list_display = [
        "__str__",
        "kind",
        "status",
        "speaker",
        "citation_count",
        "publisher_count",
        "topic",
        "updated_at",
    ]
    list_filter = ["kind", "status", "agreement", "topic", "citations__status"]
    list_select_related = ["speaker_person", "speaker_organization"]
    search_fields = ["text", "topic", "speaker_person__name", "speaker_organization__name"]
    autocomplete_fields = [
        "speaker_person",
        "speaker_organization",
        "speaker_role",
        "agreement",
        "about_person",
    ]
    inlines = [CitationInline]
    actions = ["reverify"]
    fieldsets = [
        (None, {"fields": ["text", "kind", "status", "note"]}),
        (
            "Who said it (quotes only)",
            {"fields": ["speaker_person", "speaker_organization", "speaker_role"]},
        ),
        (
            "What it is about",
            {"fields": ["agreement", "about_person", "topic", "occurred_on", "occurred_precision"]},
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    @admin.display(description="citations", ordering="citation_count")
    def citation_count(self, obj):
        return obj.citation_count

    @admin.display(description="publishers", ordering="publisher_count")
    def publisher_count(self, obj):
        return obj.publisher_count

    @admin.action(description="Re-verify the citations of the selected claims", permissions=["change"])
    def reverify(self, request, queryset):
        report_verification(
            self, request, verify_citations(Citation.objects.filter(claim__in=queryset), force=True)
        )


@admin.register(Citation)
class CitationAdmin(EditorAdmin):
    list_display = ["__str__", "status", "score", "support_score", "weak", "verified_at"]
    list_filter = ["status", WeakSupportFilter, "source__publisher"]
    list_select_related = ["source", "claim"]
    search_fields = ["quote", "claim__text", "source__title"]
    autocomplete_fields = ["claim", "source"]
    fields = [
        "claim",
        "source",
        "quote",
        "note",
        "match",
        "prefix",
        "suffix",
        "start",
        "end",
        "verified_at",
    ]
    readonly_fields = ["match", "prefix", "suffix", "start", "end", "verified_at"]
    actions = ["reverify"]

    @admin.display(boolean=True, description="weak support")
    def weak(self, obj):
        return obj.is_weak

    @admin.display(description="match in source")
    def match(self, obj):
        return citation_match(obj)

    @admin.action(description="Re-verify the selected citations", permissions=["change"])
    def reverify(self, request, queryset):
        report_verification(self, request, verify_citations(queryset, force=True))
