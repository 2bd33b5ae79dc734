"""Public site (contract URLs in DESIGN.md): explainers and the evidence behind every citation."""

from django.contrib.sitemaps.views import sitemap
from django.urls import path

from explainers import api, formats, views
from explainers.feeds import LatestExplainersFeed
from explainers.page_cache import cache_public_page
from explainers.sitemaps import SITEMAPS

app_name = "explainers"

urlpatterns = [
    path("", views.home, name="home"),
    path("explainers/<slug:slug>/", views.explainer_detail, name="detail"),
    path("explainers/<slug:slug>/evidence/", views.evidence, name="evidence"),
    path("explainers/<slug:slug>/references.json", formats.references_json, name="references"),
    path("explainers/<slug:slug>/annotations.jsonld", formats.annotations_jsonld, name="annotations"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation"),
    path("tags/<slug:slug>/", views.tag_detail, name="tag"),
    path("search/", views.search_view, name="search"),
    path("corrections/", views.corrections, name="corrections"),
    path("preview/<str:token>/", views.preview, name="preview"),
    path("feed/", cache_public_page(LatestExplainersFeed()), name="feed"),
    path("sitemap.xml", cache_public_page(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots"),
    path("api/explainers/", api.explainer_list, name="api-list"),
    path("api/explainers/<slug:slug>/", api.explainer_detail, name="api-detail"),
]
