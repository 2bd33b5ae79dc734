"""Public pages: each view asks one queryset for what it shows and renders a template."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_safe
from taggit.models import Tag

from explainers import search, visibility
from explainers.corroboration import independent_publisher_count
from explainers.evidence import evidence_map
from explainers.http import private_if_preview
from explainers.models import Citation, Correction, Explainer
from explainers.page_cache import cache_public_page
from explainers.preview import explainer_id_from
from explainers.rendering import highlighted_paragraphs, render_explainer
from explainers.services import integrity
from explainers.structured import news_article

SEARCH_PAGE_SIZE = 20
SEARCH_FALLBACK_LIMIT = 500


@require_safe
@cache_public_page
def home(request):
    explainers = visibility.explainers_for(request.user).for_list().with_counts()[:20]
    agreements = visibility.agreements_for(request.user).prefetch_related("parties")[:5]
    return render(request, "explainers/home.html", {"explainers": explainers, "agreements": agreements})


@require_safe
@cache_public_page
def explainer_detail(request, slug):
    explainer = get_object_or_404(visibility.explainers_for(request.user).for_page(), slug=slug)
    return _explainer_page(
        request, explainer, canonical=request.build_absolute_uri(explainer.get_absolute_url())
    )


def _explainer_page(request, explainer, *, canonical: str):
    page = render_explainer(explainer)
    context = {
        "explainer": explainer,
        "page": page,
        "is_preview": not explainer.is_public,
        "canonical": canonical,
        "structured": news_article(page, request, site_name=settings.SITE_NAME),
    }
    return private_if_preview(render(request, "explainers/explainer_detail.html", context), explainer)


def _citations(request):
    return visibility.citations_for(request.user).select_related("source__publisher", "claim")


@require_safe
def preview(request, token):
    """A signed preview link: no account needed, never cached or indexed, the live page once published."""
    explainer_id = explainer_id_from(token)
    explainer = get_object_or_404(Explainer.objects.for_page(), pk=explainer_id or 0)
    if explainer.is_public:
        return redirect(explainer)
    return _explainer_page(request, explainer, canonical="")


@require_safe
@cache_public_page
def corrections(request):
    items = Correction.objects.filter(explainer__in=Explainer.objects.published()).select_related("explainer")
    return render(
        request, "explainers/corrections.html", {"corrections": items.order_by("-published_at", "-pk")[:200]}
    )


@require_safe
@cache_public_page
def claim_detail(request, pk):
    citations = Citation.objects.select_related("source__publisher", "source__derived_from")
    claims = (
        visibility.claims_for(request.user)
        .select_related("speaker_person", "speaker_organization", "speaker_role", "agreement")
        .prefetch_related(Prefetch("citations", queryset=citations))
    )
    claim = get_object_or_404(claims, pk=pk)
    context = {
        "claim": claim,
        "publisher_count": independent_publisher_count(claim.citations.all()),
        "disagreement": integrity.disagreement_for(claim),
    }
    return render(request, "explainers/claim_detail.html", context)


@require_safe
@cache_public_page
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
@cache_public_page
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
@cache_public_page
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


@require_safe
@cache_public_page
def evidence(request, slug):
    explainer = get_object_or_404(visibility.explainers_for(request.user).for_page(), slug=slug)
    page = render_explainer(explainer)
    context = {
        "explainer": explainer,
        "page": page,
        "rows": evidence_map(page),
        "is_preview": not explainer.is_public,
    }
    return private_if_preview(render(request, "explainers/explainer_evidence.html", context), explainer)


@require_safe
@cache_public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    explainers = visibility.explainers_for(request.user).filter(tags__slug=tag.slug).for_list()
    if not explainers and not visibility.can_preview(request.user):
        raise Http404("No published explainer has this tag.")
    return render(request, "explainers/tag_detail.html", {"tag": tag, "explainers": explainers})


@require_safe
@cache_public_page
def search_view(request):
    query = request.GET.get("q", "")[: search.MAX_QUERY].strip()
    results = search.search(query, request.user)
    if connection.vendor != "postgresql":
        results = search.sorted_fallback(list(results[:SEARCH_FALLBACK_LIMIT]), query)
    page = Paginator(results, SEARCH_PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"query": query, "page_obj": page, "hits": search.hits(page.object_list, query)}
    return render(request, "explainers/search.html", context)


@require_safe
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /preview/",
        "",
        f"Sitemap: {request.build_absolute_uri('/sitemap.xml')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
