"""The integrity report (whole site) and editors' reviews of disagreements between sources."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from explainers.models import DisagreementReview
from explainers.services.integrity import site_report


@admin.register(DisagreementReview)
class DisagreementReviewAdmin(admin.ModelAdmin):
    list_display = ["topic", "note", "reviewed_by", "reviewed_at"]
    search_fields = ["topic", "note"]
    fields = ["topic", "note"]

    def get_changeform_initial_data(self, request):
        return {"topic": request.GET.get("topic", "")}

    def save_model(self, request, obj, form, change):
        obj.reviewed_by = request.user
        super().save_model(request, obj, form, change)


def integrity_view(request, admin_site):
    if not request.user.has_perm("explainers.view_claim"):
        raise PermissionDenied
    context = {
        **admin_site.each_context(request),
        "title": "Integrity report",
        "report": site_report(),
        "can_review": request.user.has_perm("explainers.add_disagreementreview"),
    }
    return TemplateResponse(request, "admin/integrity_report.html", context)
