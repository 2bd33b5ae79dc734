"""Public site (contract URLs in DESIGN.md): explainers and the evidence behind every citation."""

from django.urls import path

from explainers import views

app_name = "explainers"

urlpatterns = [
    path("", views.home, name="home"),
    path("explainers/<slug:slug>/", views.explainer_detail, name="detail"),
    path("claims/<int:pk>/", views.claim_detail, name="claim"),
    path("sources/<slug:slug>/", views.source_detail, name="source"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("agreements/<slug:slug>/", views.agreement_detail, name="agreement"),
]
