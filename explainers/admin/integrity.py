"""The integrity report (whole site) and editors' reviews of disagreements between sources."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse

from explainers.models import DisagreementReview
from explainers.search import page_number
from explainers.services.integrity import SECTION_NAMES, site_report, site_section

OVERVIEW_ROWS = 20
PAGE_SIZE = 50


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
    name = request.GET.get("section", "")
    context = {
        **admin_site.each_context(request),
        "title": "Integrity report",
        "can_review": request.user.has_perm("explainers.add_disagreementreview"),
    }
    if name in SECTION_NAMES:
        # One kind of finding, page by page.
        section = site_section(name, page_number(request.GET.get("page")), PAGE_SIZE)
        context.update(section=section, title=f"Integrity report: {section.title.lower()}")
        return TemplateResponse(request, "admin/integrity_section.html", context)
    context["report"] = site_report(OVERVIEW_ROWS)
    return TemplateResponse(request, "admin/integrity_report.html", context)
