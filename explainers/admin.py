"""Editing screens for the story: claims with their citations, explainers with their blocks."""

from django.contrib import admin, messages
from django.db.models import Count, Prefetch
from django.utils.html import format_html, format_html_join

from explainers import history  # noqa: F401  (history options must be registered before the admins)
from explainers.models import Block, BlockClaim, Citation, Claim, Explainer, ExplainerAuthor
from explainers.services.verification import verify_citations
from sources import admin as evidence_admin
from sources.admin_tools import EditorAdmin, OrderedInlineMixin, VersionedInlineMixin
from sources.models import Agreement, Source


def _report_verification(modeladmin, request, result):
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
    return format_html(
        '<span class="citation-status citation-status--{}">{}</span> (score {:.2f}{}){}<br><q>{}</q>',
        citation.status,
        citation.get_status_display(),
        citation.score,
        support,
        weak,
        citation.passage or "—",
    )


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
        _report_verification(
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
        _report_verification(self, request, verify_citations(queryset, force=True))


class AuthorInline(OrderedInlineMixin, admin.TabularInline):
    model = ExplainerAuthor
    fields = ["position", "person"]
    autocomplete_fields = ["person"]


class BlockInline(VersionedInlineMixin, OrderedInlineMixin, admin.TabularInline):
    model = Block
    fields = ["position", "kind", "text", "sentences"]
    readonly_fields = ["sentences"]
    show_change_link = True

    def get_queryset(self, request):
        items = BlockClaim.objects.select_related("claim").annotate(n=Count("claim__citations"))
        return super().get_queryset(request).prefetch_related(Prefetch("items", queryset=items))

    @admin.display(description="sentences (edit them through the block's link)")
    def sentences(self, obj):
        if not obj.pk:
            return "Save, then add sentences."
        rows = ((item.claim.get_kind_display(), item.claim.text, item.n) for item in obj.items.all())
        return format_html(
            '<ol class="block-sentences">{}</ol>',
            format_html_join("", "<li>[{}] {} <small>({} citations)</small></li>", rows),
        )


@admin.register(Explainer)
class ExplainerAdmin(EditorAdmin):
    list_display = ["title", "status", "published_at", "source_count", "claim_count", "updated_at"]
    list_filter = ["status", "tags", "agreement"]
    search_fields = ["title", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["agreement", "origin_source"]
    inlines = [AuthorInline, BlockInline]
    fields = [
        "title",
        "slug",
        "dek",
        "status",
        "published_at",
        "agreement",
        "origin_source",
        "tags",
        "notes",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_readonly_fields(self, request, obj=None):
        if request.user.has_perm("explainers.publish_explainer"):
            return []
        return ["status", "published_at"]

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count


class BlockClaimInline(OrderedInlineMixin, admin.TabularInline):
    model = BlockClaim
    fields = ["position", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(Block)
class BlockAdmin(EditorAdmin):
    list_display = ["__str__", "kind", "explainer"]
    list_filter = ["kind"]
    list_select_related = ["explainer"]
    search_fields = ["explainer__title", "text"]
    autocomplete_fields = ["explainer"]
    fields = ["explainer", "position", "kind", "text"]
    inlines = [BlockClaimInline]

    def get_model_perms(self, request):
        # Blocks are reached from their explainer, not from the index.
        return {}


class MilestoneInline(VersionedInlineMixin, admin.TabularInline):
    model = Claim
    fk_name = "agreement"
    extra = 0
    verbose_name = "timeline milestone"
    verbose_name_plural = (
        "timeline milestones (dated claims about this agreement; cite them on the claim's page)"
    )
    fields = ["occurred_on", "occurred_precision", "text", "status", "topic"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(occurred_on__isnull=False).order_by("occurred_on")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["occurred_on"].required = True
        return formset


class SourceWithCitationsAdmin(evidence_admin.SourceAdmin):
    actions = ["reverify"]

    @admin.action(description="Re-verify every citation into the selected sources", permissions=["change"])
    def reverify(self, request, queryset):
        _report_verification(
            self,
            request,
            verify_citations(Citation.objects.filter(source__in=queryset), force=True),
        )


class AgreementWithTimelineAdmin(evidence_admin.AgreementAdmin):
    inlines = [*evidence_admin.AgreementAdmin.inlines, MilestoneInline]


admin.site.unregister(Source)
admin.site.register(Source, SourceWithCitationsAdmin)
admin.site.unregister(Agreement)
admin.site.register(Agreement, AgreementWithTimelineAdmin)
