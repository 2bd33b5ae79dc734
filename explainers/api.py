"""The JSON API (contract in DESIGN.md): published explainers and one explainer with its references."""

from collections.abc import Callable

from django.http import HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from explainers import renderings, visibility
from explainers.http import private_if_preview
from explainers.links import http_url
from explainers.page_cache import cache_public_page
from explainers.rendering import RenderedExplainer
from explainers.views import reader_rendering


def _iso(value):
    return value.isoformat() if value else None


@require_safe
@cache_public_page
def explainer_list(request):
    explainers = visibility.public_explainers().only("kind", "slug", "title", "first_published_at")
    results = [
        {
            "slug": e.slug,
            "title": e.title,
            "url": request.build_absolute_uri(e.get_absolute_url()),
            "published_at": _iso(e.first_published_at),
        }
        for e in explainers
    ]
    return JsonResponse({"results": results})


@require_safe
@cache_public_page
def explainer_detail(request, slug):
    stored, live = reader_rendering(request, slug, "api")
    if stored is not None:
        return HttpResponse(renderings.unmarked(stored.api, stored, request), content_type="application/json")
    page, is_preview = live
    return private_if_preview(JsonResponse(explainer_json(page, request.build_absolute_uri)), is_preview)


def explainer_json(page: RenderedExplainer, absolute: Callable[[str], str]) -> dict:
    """`absolute` makes a path an absolute URL (`request.build_absolute_uri`, or a stored page's mark)."""
    explainer = page.explainer
    return {
        "slug": explainer.slug,
        "title": explainer.title,
        "dek": explainer.dek,
        "status": explainer.status,
        "published_at": _iso(explainer.published_at),
        "updated_at": _iso(explainer.updated_at or explainer.published_at),
        "version": explainer.version,
        "url": absolute(explainer.get_absolute_url()),
        "tags": [tag.name for tag in explainer.tags],
        "authors": [author.name for author in explainer.authors],
        "blocks": [
            {
                "kind": rendered.block.kind,
                "text": rendered.block.text,
                "sentences": [
                    {
                        "claim": s.claim.pk,
                        "kind": s.claim.kind,
                        "status": s.claim.status,
                        "text": s.claim.text,
                        "refs": s.refs,
                        "support": s.claim.support if s.claim.needs_citation else None,
                        "unbacked": list(s.claim.unbacked) if s.claim.needs_citation else [],
                        "unverified_note": s.claim.decision_note,
                        "differs": [d.label for d in s.differs],
                        # Passages the evidence search suggested that no editor has confirmed.
                        "suggested": [
                            {
                                "source": c.source.slug,
                                "quote": c.quote,
                                "status": c.status,
                                "score": c.score,
                                "confirmed": False,
                            }
                            for c in s.claim.suggested
                        ],
                    }
                    for s in rendered.sentences
                ],
            }
            for rendered in page.blocks
        ],
        "references": [
            {
                "n": ref.n,
                "source": {
                    "slug": ref.source.slug,
                    "title": ref.source.title,
                    "publisher": ref.source.publisher.name,
                    "url": http_url(ref.source.url),
                    "published_at": _iso(ref.source.published_at),
                    "page": absolute(ref.source.get_absolute_url()),
                },
                "citations": [
                    {
                        "claim": c.claim_id,
                        "quote": c.quote,
                        "status": c.status,
                        "score": c.score,
                        "confirmed": c.confirmed,
                        "support": c.support or None,
                    }
                    for c in ref.citations
                ],
            }
            for ref in page.references
        ],
    }
