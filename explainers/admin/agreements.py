"""The agreement's record as readers see it: published (and withdrawn) by a publisher, like an explainer."""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from explainers.admin.evidence import MilestoneInline
from explainers.changes import changes_between
from explainers.services import publishing, workflow
from explainers.services.integrity import record_report
from explainers.snapshots import agreement_content
from sources.admin import AgreementAdmin
from sources.admin_tools import get_or_404
from sources.models import Agreement

admin.site.unregister(Agreement)


@admin.register(Agreement)
class AgreementRecordAdmin(AgreementAdmin):
    change_form_template = "admin/sources/agreement/change_form.html"
    inlines = [*AgreementAdmin.inlines, MilestoneInline]

    def get_urls(self):
        view = self.admin_site.admin_view(require_POST(self.publication_view))
        return [
            path("<path:object_id>/publication/", view, name="sources_agreement_publication"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        agreement = self.get_object(request, unquote(object_id))
        if agreement is not None:
            live = publishing.live_snapshot(agreement)
            pending = live is not None and publishing.has_pending_changes(agreement, live=live)
            extra_context = {
                **(extra_context or {}),
                "record": {
                    "live": live,
                    "pending": pending,
                    "changes": changes_between(live.content, agreement_content(agreement)) if pending else [],
                    "report": record_report(agreement),
                    "can_publish": publishing.can_publish(request.user),
                    "url": reverse("admin:sources_agreement_publication", args=[agreement.pk]),
                },
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def publication_view(self, request, object_id):
        agreement = get_or_404(self, request, object_id)
        if not publishing.can_publish(request.user):
            raise PermissionDenied
        change_url = reverse("admin:sources_agreement_change", args=[agreement.pk])
        if request.POST.get("action") == "withdraw":
            publishing.withdraw(agreement, by=request.user)
            messages.success(request, f"Readers no longer see the record of “{agreement}”.")
            return HttpResponseRedirect(change_url)
        try:
            version = workflow.publish_record(
                agreement,
                by=request.user,
                comment=request.POST.get("comment", "")[:5000],
                accept_warnings=request.POST.get("accept_warnings") == "on",
            )
        except workflow.TransitionRefused as refusal:
            messages.error(request, str(refusal))
            for issue in refusal.problems:
                messages.error(request, f"Problem: {issue.message}")
            for issue in refusal.warnings:
                messages.warning(request, f"Warning: {issue.message}")
            return HttpResponseRedirect(change_url)
        if version is None:
            messages.info(request, "Readers already see this record as it stands; nothing to publish.")
        else:
            messages.success(request, f"Published {version}: readers see it now.")
        return HttpResponseRedirect(change_url)
