"""schema.org JSON-LD for an explainer: a NewsArticle with its citations (each with its date,
publisher and authors, as the reference list shows them) and corrections."""

from collections.abc import Callable

from explainers.bibliography import byline_people, stated_when
from explainers.links import http_url
from explainers.rendering import Reference, RenderedExplainer


def _iso(value):
    return value.isoformat() if value else None


def citation(ref: Reference, absolute: Callable[[str], str]) -> dict:
    """One reference as a schema.org CreativeWork: the date the source gives itself (published, else
    its "updated" time, as the reference list shows it), its publisher and the people of its byline."""
    source = ref.source
    when, _ = stated_when(source)
    data = {
        "@type": "CreativeWork",
        "name": source.title,
        "url": http_url(source.url) or absolute(source.get_absolute_url()),
        "publisher": {"@type": "Organization", "name": source.publisher.name},
        "datePublished": _iso(when),
        "dateModified": _iso(source.modified_at) if source.published_at and source.modified_at else None,
        "author": [
            {"@type": "Person", "name": f"{given} {family}".strip()}
            for given, family in byline_people(source.byline)
        ],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}


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
        "citation": [citation(ref, absolute) for ref in page.references],
    }
    return {key: value for key, value in data.items() if value not in (None, [], "")}
