"""Public pages: each view asks one queryset for what it shows and renders a template."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from explainers import visibility
from explainers.models import Citation
from explainers.rendering import highlighted_paragraphs, render_explainer


@require_safe
def home(request):
    explainers = visibility.explainers_for(request.user).for_list()[:20]
    agreements = visibility.agreements_for(request.user).prefetch_related("parties")[:5]
    return render(request, "explainers/home.html", {"explainers": explainers, "agreements": agreements})


@require_safe
def explainer_detail(request, slug):
    explainer = get_object_or_404(visibility.explainers_for(request.user).for_page(), slug=slug)
    page = render_explainer(explainer)
    return render(
        request,
        "explainers/explainer_detail.html",
        {"explainer": explainer, "page": page, "is_preview": not explainer.is_public},
    )


def _citations(request):
    return visibility.citations_for(request.user).select_related("source__publisher", "claim")


@require_safe
def claim_detail(request, pk):
    claims = (
        visibility.claims_for(request.user)
        .select_related("speaker_person", "speaker_organization", "speaker_role", "agreement")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__publisher"))
        )
    )
    claim = get_object_or_404(claims, pk=pk)
    publishers = {c.source.publisher_id for c in claim.citations.all()}
    return render(
        request,
        "explainers/claim_detail.html",
        {"claim": claim, "publisher_count": len(publishers)},
    )


@require_safe
def source_detail(request, slug):
    source = get_object_or_404(visibility.sources_for(request.user).select_related("publisher"), slug=slug)
    citations = list(_citations(request).filter(source=source).order_by("start", "pk"))
    context = {
        "source": source,
        "citations": citations,
        "paragraphs": highlighted_paragraphs(source.text, citations),
        "show_raw": visibility.can_preview(request.user),
    }
    return render(request, "explainers/source_detail.html", context)


@require_safe
def person_detail(request, slug):
    person = get_object_or_404(
        visibility.people_for(request.user).prefetch_related("roles__organization", "aliases"),
        slug=slug,
    )
    quotes = (
        visibility.claims_for(request.user)
        .filter(speaker_person=person)
        .select_related("speaker_role__organization")
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__publisher"))
        )
    )
    return render(request, "explainers/person_detail.html", {"person": person, "quotes": quotes})


@require_safe
def agreement_detail(request, slug):
    agreement = get_object_or_404(
        visibility.agreements_for(request.user).prefetch_related(
            "parties",
            "signatories__person",
            "signatories__role",
            "scope_items",
            "related_initiatives",
        ),
        slug=slug,
    )
    timeline = (
        visibility.claims_for(request.user)
        .filter(agreement=agreement)
        .timeline()
        .prefetch_related(
            Prefetch("citations", queryset=Citation.objects.select_related("source__publisher"))
        )
    )
    explainers = visibility.explainers_for(request.user).filter(agreement=agreement).for_list()
    return render(
        request,
        "explainers/agreement_detail.html",
        {"agreement": agreement, "timeline": timeline, "explainers": explainers},
    )
