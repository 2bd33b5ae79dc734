"""schema.org JSON-LD for an explainer: a NewsArticle with its citations and corrections."""

from collections.abc import Callable

from explainers.links import http_url
from explainers.rendering import RenderedExplainer


def _iso(value):
    return value.isoformat() if value else None


def news_article(page: RenderedExplainer, absolute: Callable[[str], str], *, site_name: str) -> dict:
    """`absolute` makes a path an absolute URL (`request.build_absolute_uri`, or a stored page's mark)."""
    explainer = page.explainer
    url = absolute(explainer.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": explainer.title,
        "description": explainer.social_description,
        "alternativeHeadline": explainer.social_title if explainer.social_title != explainer.title else "",
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": _iso(explainer.published_at),
        "dateModified": _iso(explainer.updated_at or explainer.published_at),
        "keywords": [tag.name for tag in explainer.tags],
        "author": [{"@type": "Person", "name": author.name} for author in explainer.authors],
        "publisher": {"@type": "Organization", "name": site_name},
        "correction": [
            {"@type": "CorrectionComment", "text": c.text, "datePublished": _iso(c.published_at)}
            for c in explainer.corrections
        ],
        "citation": [
            {
                "@type": "CreativeWork",
                "name": ref.source.title,
                "url": http_url(ref.source.url) or absolute(ref.source.get_absolute_url()),
                "publisher": {"@type": "Organization", "name": ref.source.publisher.name},
                "datePublished": _iso(ref.source.published_at),
            }
            for ref in page.references
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
