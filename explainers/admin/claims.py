"""Editing screens for claims and their citations."""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.views.decorators.http import require_POST

from explainers import (
    history,  # noqa: F401  (history options must be registered before the admins)
    wording,
)
from explainers.admin.rules import ParentRuleMixin
from explainers.corroboration import citation_count_subquery, independent_publishers_subquery
from explainers.models import Citation, Claim, PublicClaim, Snapshot
from explainers.services import claims, desk, publishing, workflow
from explainers.services.verification import verify_citations
from sources.admin_tools import EditorAdmin, VersionedInlineMixin, get_or_404, posted_version
from sources.models import StaleEditError
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

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit_claim(obj, request.user)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and workflow.can_edit_claim(obj, request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit_claim(obj, request.user)

    @admin.display(description="match in source")
    def match(self, obj):
        return citation_match(obj)


def mark_confirmation(citation: Citation, user, *, changed: bool) -> None:
    """A passage an editor enters or changes in the admin is theirs: confirmed. A contributor's
    waits for an editor (a changed passage is not the one anyone confirmed)."""
    if not changed:
        return
    if desk.may_confirm(user):
        citation.confirmed_at, citation.confirmed_by, citation.confirmed_via = (
            timezone.now(),
            user,
            Citation.Via.ADMIN,
        )
    else:
        citation.confirmed_at, citation.confirmed_by, citation.confirmed_via = None, None, ""


def citation_match(citation):
    if not citation.pk:
        return "Verified when saved."
    says = wording.says(citation.support, citation.unbacked)
    support = f" · the passage {says}" if says else ""
    if citation.is_confirmed:
        state = f" · confirmed{f' by {citation.confirmed_by}' if citation.confirmed_by else ''} on {citation.confirmed_at:%-d %b %Y}"
    else:
        state = f" · {citation.get_origin_display().lower()}, not yet confirmed by an editor"
    passage = citation.passage
    if passage and citation.status in (Citation.Status.FUZZY, Citation.Status.NORMALIZED):
        shown = format_html_join(
            " ", "{}", ((_diff_part(kind, text),) for kind, text in word_diff(citation.quote, passage))
        )
    else:
        shown = passage or "—"
    return format_html(
        '<span class="citation-status citation-status--{}">{}</span> (score {}){}{}<br><q>{}</q>',
        citation.status,
        citation.get_status_display(),
        f"{citation.score:.2f}",
        support,
        state,
        shown,
    )


def _diff_part(kind: str, text: str):
    if kind == "source":
        return format_html('<mark title="as the source spells it">{}</mark> [sic]', text)
    if kind == "quote":
        return format_html('<del title="in the quote, not in the source">{}</del>', text)
    return text


class ConfirmedFilter(admin.SimpleListFilter):
    title = "confirmed"
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("no", "Suggested, not confirmed"), ("yes", "Confirmed by an editor")]

    def queryset(self, request, queryset):
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        if self.value() == "yes":
            return queryset.filter(confirmed_at__isnull=False)
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
    actions = ["reverify", "publish_on_own_page", "withdraw_own_page"]

    def save_formset(self, request, form, formset, change):
        if formset.model is Citation:
            for inline_form in formset.forms:
                if inline_form.has_changed() and inline_form.instance is not None:
                    changed = not inline_form.instance.pk or {"source", "quote"} & set(
                        inline_form.changed_data
                    )
                    mark_confirmation(inline_form.instance, request.user, changed=bool(changed))
        super().save_formset(request, form, formset, change)

    readonly_fields = ["status"]
    change_form_template = "admin/explainers/claim/change_form.html"
    fieldsets = [
        (None, {"fields": ["text", "kind", "status", "note"]}),
        (
            "Who said it (quotes only)",
            {"fields": ["speaker_person", "speaker_organization", "speaker_role"]},
        ),
        (
            "What it is about",
            {
                "fields": [
                    "agreement",
                    "about_person",
                    "topic",
                    "occurred_on",
                    "occurred_precision",
                    "occurred_placement",
                ]
            },
        ),
    ]

    show_full_result_count = False  # one count of the filtered list, not a second one of every claim

    def get_queryset(self, request):
        # Counted per row shown (subqueries), not by grouping every claim before the page's LIMIT.
        return (
            super()
            .get_queryset(request)
            .annotate(
                citation_count=citation_count_subquery(), publisher_count=independent_publishers_subquery()
            )
        )

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

    # --- who may change a claim: whoever may edit every explainer that holds it -------------

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.can_edit_claim(obj, request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and workflow.can_edit_claim(obj, request.user)

    def has_publish_permission(self, request):
        return publishing.can_publish(request.user)

    # --- status, recorded -------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.status_view))
        return [path("<path:object_id>/status/", view, name="explainers_claim_status"), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        claim = self.get_object(request, unquote(object_id))
        if claim is not None:
            extra_context = {**(extra_context or {}), "claim_panel": self.claim_panel(request, claim)}
        return super().change_view(request, object_id, form_url, extra_context)

    def claim_panel(self, request, claim):
        public = PublicClaim.objects.filter(claim_id=claim.pk, snapshot__in=Snapshot.objects.current())
        return {
            "claim": claim,
            "can_review": request.user.has_perm(claims.REVIEW_PERMISSION),
            "statuses": [s for s in Claim.Status.choices if s[0] != claim.status],
            "reviews": claim.reviews.select_related("by")[:20],
            "shown_in": [row.snapshot for row in public.select_related("snapshot")],
            "url": reverse("admin:explainers_claim_status", args=[claim.pk]),
        }

    def status_view(self, request, object_id):
        claim = get_or_404(self, request, object_id)
        change_url = reverse("admin:explainers_claim_change", args=[claim.pk])
        seen = posted_version(request)
        try:
            review = claims.set_status(
                claim,
                request.POST.get("status", ""),
                by=request.user,
                note=request.POST.get("note", ""),
                seen_version=seen,
            )
        except (claims.StatusRefused, StaleEditError) as refusal:
            messages.error(request, str(refusal))
            return HttpResponseRedirect(change_url)
        messages.success(
            request,
            f"Claim marked {claim.get_status_display().lower()} ({review}). Readers see the new status "
            "once a publisher publishes a version that holds this claim.",
        )
        return HttpResponseRedirect(change_url)

    # --- claims on their own public page ----------------------------------------------------

    @admin.action(description="Publish the selected claims on their own pages", permissions=["publish"])
    def publish_on_own_page(self, request, queryset):
        done = 0
        for claim in queryset:
            try:
                if workflow.publish_record(
                    claim, by=request.user, comment="Published from the claims list", accept_warnings=True
                ):
                    done += 1
            except workflow.TransitionRefused as refusal:
                problems = "; ".join(issue.message for issue in refusal.problems) or str(refusal)
                self.message_user(request, f"Not published: {problems}", messages.ERROR)
        self.message_user(request, f"Published {done} claim(s) on their own pages.", messages.SUCCESS)

    @admin.action(description="Withdraw the selected claims' own pages", permissions=["publish"])
    def withdraw_own_page(self, request, queryset):
        ended = sum(len(publishing.withdraw(claim, by=request.user)) for claim in queryset)
        self.message_user(request, f"Withdrew {ended} published version(s).", messages.SUCCESS)


@admin.register(Citation)
class CitationAdmin(ParentRuleMixin, EditorAdmin):
    parent_field = "claim"
    show_full_result_count = False
    list_display = ["__str__", "status", "score", "says", "confirmed", "verified_at"]
    list_filter = ["status", "support", ConfirmedFilter, "origin", "source__publisher"]
    list_select_related = ["source", "claim", "confirmed_by"]
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
    actions = ["reverify", "confirm_selected"]

    def save_model(self, request, obj, form, change):
        mark_confirmation(
            obj, request.user, changed=not change or {"source", "quote"} & set(form.changed_data)
        )
        super().save_model(request, obj, form, change)

    def has_confirm_permission(self, request):
        return desk.may_confirm(request.user)

    @admin.action(
        description="Confirm the selected citations (their passages say their sentences)",
        permissions=["confirm"],
    )
    def confirm_selected(self, request, queryset):
        done = skipped = 0
        for citation in queryset.select_related("claim", "source").filter(confirmed_at__isnull=True):
            if not citation.is_found or not workflow.can_edit_claim(citation.claim, request.user):
                skipped += 1
                continue
            with reversion.create_revision():
                reversion.set_user(request.user)
                reversion.set_comment("Confirmed in the admin")
                desk.record_confirmation(citation, request.user, via=Citation.Via.ADMIN)
            done += 1
        self.message_user(request, f"Confirmed {done} citation(s).", messages.SUCCESS)
        if skipped:
            self.message_user(
                request,
                f"Left {skipped} alone: their passage is not found, or their sentence is in an explainer you may not edit now.",
                messages.WARNING,
            )

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and workflow.can_edit_claim(obj.claim if obj else None, request.user)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        return allowed and workflow.can_edit_claim(obj.claim if obj else None, request.user)

    def parent_editable(self, parent, user) -> bool:
        return workflow.can_edit_claim(parent, user)

    @admin.display(description="the passage", ordering="support")
    def says(self, obj):
        return wording.says(obj.support, obj.unbacked)

    @admin.display(boolean=True, description="confirmed", ordering="confirmed_at")
    def confirmed(self, obj):
        return obj.is_confirmed

    @admin.display(description="match in source")
    def match(self, obj):
        return citation_match(obj)

    @admin.action(description="Re-verify the selected citations", permissions=["change"])
    def reverify(self, request, queryset):
        report_verification(self, request, verify_citations(queryset, force=True))
