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

    def get_urls(self):
        from explainers.admin.integrity import integrity_view

        report = self.admin_view(lambda request: integrity_view(request, self))
        return [path("integrity/", report, name="integrity"), *super().get_urls()]


class PolicyDeskAdminConfig(AdminConfig):
    default_site = "config.admin.PolicyDeskAdminSite"
