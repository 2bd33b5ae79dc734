"""URL map: the editors' admin, the public site (contract URLs in DESIGN.md) and the JSON API."""

from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Policy Desk editors"
admin.site.site_title = "Policy Desk"
admin.site.index_title = "Curate the story"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("explainers.urls")),
]
