"""Editing screens for explainers: blocks, sentences, workflow, previews, corrections, revisions."""

import datetime as dt

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.html import format_html, format_html_join
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from explainers import compare, versions
from explainers.admin.desk import Desk
from explainers.admin.rules import ParentRuleMixin
from explainers.changes import changes_between
from explainers.models import Author, Block, BlockClaim, Correction, Explainer, ExplainerAuthor
from explainers.preview import PREVIEW_DAYS, preview_path
from explainers.services import publishing, workflow
from explainers.services.integrity import explainer_report
from explainers.services.restore import content_from_revision, restore
from explainers.snapshots import explainer_content
from explainers.timeline import explainer_timeline
from sources.admin_tools import (
    EditorAdmin,
    LabelledRowsMixin,
    OrderedInlineMixin,
    SafeAutocompleteMixin,
    VersionedInlineMixin,
    get_or_404,
    own_version,
    posted_version,
)
from sources.models import StaleEditError


class ExplainerChildInline:
    """Children of an explainer are editable by whoever may edit the explainer in its current state."""

    def _editable(self, request, obj) -> bool:
        return workflow.can_edit(getattr(obj, "explainer", obj), request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._editable(request, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._editable(request, obj)


class AuthorInline(ExplainerChildInline, OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = ExplainerAuthor
    fields = ["position", "author"]
    autocomplete_fields = ["author"]
    verbose_name_plural = "byline (the newsroom's authors)"


class BlockInline(
    ExplainerChildInline, VersionedInlineMixin, OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline
):
    model = Block
    fields = ["position", "kind", "text", "sentences"]
    readonly_fields = ["sentences"]
    show_change_link = True

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class KeptRows(formset):
            """A row the editor added is kept even if left as it came (a paragraph block to fill)."""

            def _construct_form(self, i, **kwargs):
                form = super()._construct_form(i, **kwargs)
                if i >= self.initial_form_count() and self.is_bound:
                    form.has_changed = lambda: True
                return form

        return KeptRows

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


class CorrectionInline(ExplainerChildInline, admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["kind", "published_at", "text"]
    verbose_name_plural = "corrections and clarifications (shown to readers, listed on /corrections/)"

    def has_delete_permission(self, request, obj=None):
        # A published correction is part of the record: it is not deleted, only clarified further.
        return request.user.has_perm("explainers.publish_explainer")


@admin.register(Author)
class AuthorAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """The newsroom's bylines. The chooser on explainers offers active authors only."""

    list_display = ["name", "user", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "user__username"]
    prepopulated_fields = {"slug": ["name"]}

    def get_readonly_fields(self, request, obj=None):
        # Linking a login to a byline is an administrator's job.
        return [] if request.user.is_superuser else ["user"]

    def get_search_results(self, request, queryset, search_term):
        if request.GET.get("model_name") == "explainerauthor":  # the byline chooser
            queryset = queryset.filter(is_active=True)
        return super().get_search_results(request, queryset, search_term)


@admin.register(Explainer)
class ExplainerAdmin(EditorAdmin):
    ordering = ["-updated_at"]
    list_display = [
        "title",
        "status",
        "published_at",
        "source_count",
        "claim_count",
        "updated_at",
        "desk_link",
    ]
    list_filter = ["status", "tags", "agreement"]
    search_fields = ["title", "dek", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["agreement", "origin_source"]
    inlines = [AuthorInline, BlockInline, CorrectionInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
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
            },
        ),
        ("Sharing and search", {"fields": ["social_title", "social_description"], "classes": ["collapse"]}),
    ]
    change_form_template = "admin/explainers/explainer/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def get_readonly_fields(self, request, obj=None):
        # Status and publication time move only through the workflow's actions.
        return ["status", "published_at"]

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and (
            obj is None or workflow.can_edit(obj, request.user)
        )

    @admin.display(description="write")
    def desk_link(self, obj):
        url = reverse("admin:explainers_explainer_desk", args=[obj.pk])
        return format_html('<a href="{}">Open in the desk</a>', url)

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, obj):
        return obj.source_count

    @admin.display(description="claims", ordering="claim_count")
    def claim_count(self, obj):
        return obj.claim_count

    def save_formset(self, request, form, formset, change):
        if formset.model is Correction:
            for inline_form in formset.forms:
                if inline_form.has_changed() and not inline_form.instance.pk:
                    inline_form.instance.created_by = request.user
        super().save_formset(request, form, formset, change)

    # --- workflow ---------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        name = "explainers_explainer_"
        return [
            path(
                "<path:object_id>/workflow/", view(require_POST(self.workflow_view)), name=f"{name}workflow"
            ),
            path(
                "<path:object_id>/preview-link/",
                view(require_POST(self.preview_link_view)),
                name=f"{name}preview_link",
            ),
            path(
                "<path:object_id>/versions/<int:number>/restore/",
                view(require_POST(self.restore_version_view)),
                name=f"{name}restore_version",
            ),
            *Desk(self).urls(),
            path("<path:object_id>/compare/", view(self.compare_view), name=f"{name}compare"),
            path("<path:object_id>/timeline/", view(self.timeline_view), name=f"{name}timeline"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        explainer = self.get_object(request, object_id)
        if explainer is not None and self.has_view_or_change_permission(request, explainer):
            extra_context = {**(extra_context or {}), "workflow": self.workflow_context(request, explainer)}
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_context(self, request, explainer):
        state = workflow.State.of(explainer)
        shown = state.scheduled or state.live
        previews = explainer.snapshots.filter(published_at__isnull=True).order_by("-number")[:3]
        return {
            "explainer": explainer,
            "state": state,
            "actions": workflow.allowed_actions(explainer, request.user, state=state),
            "report": explainer_report(explainer),
            "changes": changes_between(shown.content, explainer_content(explainer)) if state.pending else [],
            "transitions": explainer.transitions.select_related("by")[:20],
            "versions": explainer.snapshots.filter(published_at__isnull=False).order_by("-number")[:10],
            "previews": [(p, request.build_absolute_uri(preview_path(p))) for p in previews],
            "can_schedule": publishing.can_publish(request.user),
            "can_restore": self.has_change_permission(request, explainer),
            "preview_url": explainer.get_absolute_url(),
            "url": reverse("admin:explainers_explainer_workflow", args=[explainer.pk]),
            "preview_link_url": reverse("admin:explainers_explainer_preview_link", args=[explainer.pk]),
            "compare_url": reverse("admin:explainers_explainer_compare", args=[explainer.pk]),
            "timeline_url": reverse("admin:explainers_explainer_timeline", args=[explainer.pk]),
        }

    def workflow_view(self, request, object_id):
        explainer = get_or_404(self, request, object_id)
        if not self.has_view_permission(request, explainer):
            raise PermissionDenied
        change_url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
        seen = posted_version(request)
        try:
            record = workflow.apply_action(
                explainer,
                request.POST.get("action", ""),
                by=request.user,
                comment=request.POST.get("comment", "")[: self.COMMENT_LIMIT],
                accept_warnings=request.POST.get("accept_warnings") == "on",
                seen_version=seen,
                publish_at=_publish_time(request.POST.get("publish_at", "")),
            )
        except (workflow.TransitionRefused, StaleEditError) as refusal:
            messages.error(request, str(refusal))
            for issue in getattr(refusal, "problems", []):
                messages.error(request, f"Problem: {issue.message}")
            for issue in getattr(refusal, "warnings", []):
                messages.warning(request, f"Warning: {issue.message}")
            return HttpResponseRedirect(_next(request, change_url))
        messages.success(
            request, f"“{explainer}” is now {explainer.get_status_display().lower()} ({record})."
        )
        return HttpResponseRedirect(_next(request, change_url))

    COMMENT_LIMIT = 5000

    def preview_link_view(self, request, object_id):
        """Freeze the working rows into a version a reviewer without an account can read."""
        explainer = get_or_404(self, request, object_id)
        may_share = workflow.can_edit(explainer, request.user) or request.user.has_perm(
            "explainers.review_explainer"
        )
        if not (self.has_view_permission(request, explainer) and may_share):
            raise PermissionDenied
        snapshot = publishing.preview(explainer, by=request.user)
        url = request.build_absolute_uri(preview_path(snapshot))
        messages.success(
            request, f"Preview link for version {snapshot.number} (valid {PREVIEW_DAYS} days): {url}"
        )
        return HttpResponseRedirect(
            _next(request, reverse("admin:explainers_explainer_change", args=[explainer.pk]))
        )

    def restore_version_view(self, request, object_id, number):
        explainer = get_or_404(self, request, object_id)
        if not self.has_change_permission(request, explainer):
            raise PermissionDenied
        snapshot = get_object_or_404(explainer.snapshots, number=number)
        return self._restore(request, explainer, snapshot.content, f"version {snapshot.number}")

    def _restore(self, request, explainer, content, label):
        result = restore(explainer, content, by=request.user, label=label)
        messages.success(
            request,
            f"Restored {label} as the pending version of “{result.explainer}”. Readers still see the "
            "published version until a publisher publishes this one.",
        )
        for line in result.skipped:
            messages.warning(request, f"Not restored: {line}")
        return HttpResponseRedirect(reverse("admin:explainers_explainer_change", args=[explainer.pk]))

    # --- revisions --------------------------------------------------------------------------

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Restore a history revision into the working rows (never the status, never the live page)."""
        explainer = get_or_404(self, request, object_id)
        if not self.has_change_permission(request, explainer):
            raise PermissionDenied
        version = own_version(Explainer, version_id, object_id=explainer.pk)
        label = f"the revision of {version.revision.date_created:%d %b %Y %H:%M}"
        if request.method == "POST":
            return self._restore(request, explainer, content_from_revision(version), label)
        return self._restore_confirmation(request, explainer, version, label)

    def recover_view(self, request, version_id, extra_context=None):
        """Bring back a deleted explainer as a new draft, from its last revision."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        version = own_version(Explainer, version_id)
        if Explainer.objects.filter(pk=version.object_id).exists():
            raise Http404("That explainer was not deleted.")
        label = f"the revision of {version.revision.date_created:%d %b %Y %H:%M}"
        if request.method != "POST":
            return self._restore_confirmation(request, None, version, label)
        data = version.field_dict
        slug = data.get("slug") or "recovered"
        if Explainer.objects.filter(slug=slug).exists():
            slug = f"{slug[:180]}-recovered-{version.pk}"
        explainer = Explainer.objects.create(
            title=data.get("title") or "Recovered explainer", slug=slug, updated_by=request.user
        )
        return self._restore(request, explainer, content_from_revision(version), label)

    def _restore_confirmation(self, request, explainer, version, label):
        restored = content_from_revision(version)
        current = explainer_content(explainer) if explainer else {"explainer": {}, "blocks": [], "claims": {}}
        titles = versions.source_titles(compare.source_ids(current, restored))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": explainer,
            "title": f"Restore {label}" + (f" of “{explainer}”" if explainer else ""),
            "version": version,
            "rows": compare.compare(current, restored, source_titles=titles),
            "is_live": explainer is not None and publishing.live_snapshot(explainer) is not None,
        }
        return TemplateResponse(request, "admin/explainers/explainer/restore.html", context)

    def compare_view(self, request, object_id):
        """Any two versions (published, preview, saved revision, working), as readers would read them."""
        explainer = get_or_404(self, request, object_id)
        if not self.has_view_or_change_permission(request, explainer):
            raise PermissionDenied
        options = versions.choices(explainer)
        keys = {choice.key for choice in options}
        default_old = versions.default_before(explainer, options)
        asked = {name: request.GET.get(name) for name in ("a", "b") if request.GET.get(name)}
        if any(key not in keys for key in asked.values()):
            messages.warning(
                request, "That is not a version of this explainer: showing the usual comparison."
            )
        old_key = asked["a"] if asked.get("a") in keys else default_old
        new_key = asked["b"] if asked.get("b") in keys else versions.WORKING
        old, new = versions.content_for(explainer, old_key), versions.content_for(explainer, new_key)
        rows = []
        if old is not None and new is not None:
            titles = versions.source_titles(compare.source_ids(old, new))
            rows = compare.compare(old, new, source_titles=titles)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": explainer,
            "title": f"Compare versions of “{explainer}”",
            "choices": options,
            "old_key": old_key,
            "new_key": new_key,
            "rows": rows,
            "changed": sum(1 for row in rows if row.state != "same"),
        }
        return TemplateResponse(request, "admin/explainers/explainer/compare.html", context)

    def timeline_view(self, request, object_id):
        explainer = get_or_404(self, request, object_id)
        if not self.has_view_or_change_permission(request, explainer):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": explainer,
            "title": f"History of “{explainer}”",
            "entries": explainer_timeline(explainer),
        }
        return TemplateResponse(request, "admin/explainers/explainer/timeline.html", context)


def _next(request, default: str) -> str:
    """Where a form asked to go back to (the desk), if it is a page of this site."""
    wanted = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if wanted and safe else default


SCHEDULE_LIMIT = dt.timedelta(days=3653)


def _publish_time(value: str):
    """A publish time from the workflow form (the site's time zone), or None for now."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = parse_datetime(value) if len(value) < 40 else None
    except ValueError:
        parsed = None
    if parsed is None:
        raise workflow.TransitionRefused(f"“{value[:40]}” is not a date and time (write 2026-06-01T09:00).")
    try:
        parsed = timezone.make_aware(parsed) if timezone.is_naive(parsed) else parsed
        too_late = parsed > timezone.now() + SCHEDULE_LIMIT
    except (OverflowError, ValueError):
        too_late = True
    if too_late:
        raise workflow.TransitionRefused("A publication can be scheduled up to ten years ahead.")
    return parsed


class BlockClaimInline(ExplainerChildInline, OrderedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = BlockClaim
    fields = ["position", "claim"]
    autocomplete_fields = ["claim"]


@admin.register(Block)
class BlockAdmin(ParentRuleMixin, EditorAdmin):
    parent_field = "explainer"
    list_display = ["__str__", "kind", "explainer"]
    list_filter = ["kind"]
    list_select_related = ["explainer"]
    search_fields = ["explainer__title", "text"]
    autocomplete_fields = ["explainer"]
    fields = ["explainer", "position", "kind", "text"]
    inlines = [BlockClaimInline]

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        return allowed and (obj is None or workflow.can_edit(obj.explainer, request.user))

    def parent_editable(self, parent, user) -> bool:
        return workflow.can_edit(parent, user)

    def get_model_perms(self, request):
        # Blocks are reached from their explainer, not from the index.
        return {}
