"""The editors' admin site: Django's, with the site-wide integrity report added."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path


class PolicyDeskAdminSite(admin.AdminSite):
    site_header = "Policy Desk editors"
    site_title = "Policy Desk"
    index_title = "Curate the story"
    index_template = "admin/policydesk_index.html"

    @property
    def login_form(self):
        from config.auth import BoundedLoginForm  # auth models load after this module

        return BoundedLoginForm

    def index(self, request, extra_context=None):
        from explainers.models import Explainer

        explainers = Explainer.objects.order_by("-updated_at").only("title", "status", "updated_at")
        extra_context = {
            **(extra_context or {}),
            "in_review": explainers.filter(status=Explainer.Status.REVIEW)[:10],
            "recent_drafts": explainers.filter(status=Explainer.Status.DRAFT)[:5],
        }
        return super().index(request, extra_context)

    def get_urls(self):
        from explainers.admin.integrity import integrity_view

        report = self.admin_view(lambda request: integrity_view(request, self))
        return [path("integrity/", report, name="integrity"), *super().get_urls()]


class PolicyDeskAdminConfig(AdminConfig):
    default_site = "config.admin.PolicyDeskAdminSite"
