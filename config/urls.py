"""URL map: the editors' admin, the public site (contract URLs in DESIGN.md) and the JSON API."""

from django.contrib import admin
from django.urls import include, path

from config.health import healthz

handler500 = "config.errors.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", admin.site.urls),
    path("", include("explainers.urls")),
]
