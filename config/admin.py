"""The editors' admin site: Django's, with the site-wide integrity report added and the home page's
sections in the order editors use them."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import path

# The admin home's sections, first to last (the other apps follow, in Django's order), and within a
# section the models editors open most, first (the others follow, alphabetically).
APP_ORDER = ("explainers", "sources", "taggit")
MODEL_ORDER = {
    "explainers": ("explainer", "claim", "citation"),
    "sources": ("source", "person", "organization"),
}


def _position(order, name):
    return (order.index(name), "") if name in order else (len(order), name)


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

    def get_app_list(self, request, app_label=None):
        """Explainers first, then claims and citations, then sources, people and organisations."""
        app_list = super().get_app_list(request, app_label)
        for app in app_list:
            order = MODEL_ORDER.get(app["app_label"], ())
            app["models"].sort(key=lambda model: _position(order, model["object_name"].lower()))
        app_list.sort(key=lambda app: _position(APP_ORDER, app["app_label"])[0])
        return app_list

    def get_urls(self):
        from explainers.admin.integrity import integrity_view

        report = self.admin_view(lambda request: integrity_view(request, self))
        return [path("integrity/", report, name="integrity"), *super().get_urls()]


class PolicyDeskAdminConfig(AdminConfig):
    default_site = "config.admin.PolicyDeskAdminSite"
