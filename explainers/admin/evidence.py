"""The evidence admins, extended with what depends on claims: re-verification and the timeline inline
(used by the agreement's admin in `agreements.py`)."""

from django.contrib import admin
from django.contrib.admin.utils import unquote

from explainers.admin.claims import report_verification
from explainers.admin.imports import Imports
from explainers.models import Citation, Claim
from explainers.services.verification import verify_citations
from sources import admin as evidence_admin
from sources.admin_tools import LabelledRowsMixin, VersionedInlineMixin
from sources.models import Source


class MilestoneInline(VersionedInlineMixin, LabelledRowsMixin, admin.TabularInline):
    model = Claim
    fk_name = "agreement"
    extra = 0
    verbose_name = "timeline milestone"
    verbose_name_plural = (
        "timeline milestones (dated claims about this agreement; cite them on the claim's page)"
    )
    fields = ["occurred_on", "occurred_precision", "occurred_placement", "text", "status", "topic"]
    readonly_fields = ["status"]  # set with the recorded status action on the claim's page
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).filter(occurred_on__isnull=False).order_by("occurred_on")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["occurred_on"].required = True
        return formset


class SourceWithCitationsAdmin(evidence_admin.SourceAdmin):
    actions = ["reverify"]
    change_list_template = "admin/sources/source/change_list.html"
    change_form_template = "admin/sources/source/change_form.html"

    def get_urls(self):
        return [*Imports(self).urls(), *super().get_urls()]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        source = self.get_object(request, unquote(object_id))
        if source is not None:
            quotes = (
                Claim.objects.filter(citations__source=source, kind=Claim.Kind.QUOTE)
                .select_related("speaker_person", "speaker_organization")
                .distinct()[:50]
            )
            extra_context = {**(extra_context or {}), "found": {"quotes": quotes, "source": source}}
        return super().change_view(request, object_id, form_url, extra_context)

    @admin.action(description="Re-verify every citation into the selected sources", permissions=["change"])
    def reverify(self, request, queryset):
        report_verification(
            self,
            request,
            verify_citations(Citation.objects.filter(source__in=queryset), force=True),
        )


admin.site.unregister(Source)
admin.site.register(Source, SourceWithCitationsAdmin)
