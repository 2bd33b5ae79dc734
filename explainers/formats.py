"""Two more formats of an explainer's record (DESIGN: one record, several exports): its references as
CSL-JSON, for reference managers and citation processors, and every citation as a W3C Web
Annotation anchored in its source's clean text (TextQuoteSelector and TextPositionSelector).

Both are rendered with the rest of a published version and stored with it (`renderings.render`), so a
reader's request reads one row; previews for staff are built live, from the same functions.
"""

import datetime as dt
import json
from collections.abc import Callable

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_safe

from explainers import renderings
from explainers.bibliography import byline_people, stated_when
from explainers.http import private_if_preview
from explainers.links import http_url
from explainers.page_cache import cache_public_page
from explainers.presentation import CitationView
from explainers.rendering import RenderedExplainer
from explainers.views import reader_rendering
from sources.models import Publisher, Source
from sources.text import anchor

CSL_CONTENT_TYPE = "application/vnd.citationstyles.csl+json; charset=utf-8"
ANNOTATION_CONTENT_TYPE = 'application/ld+json; profile="http://www.w3.org/ns/anno.jsonld"; charset=utf-8'
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

# A source's kind → its CSL item type. News analysis is a newspaper article when a news outlet
# publishes it, else a web page; a press release is a document of the genre "Press release".
CSL_TYPES = {
    Source.Kind.REPORT: "article-newspaper",
    Source.Kind.WIRE: "article-newspaper",
    Source.Kind.ANALYSIS: "article-newspaper",
    Source.Kind.SUMMARY: "webpage",
    Source.Kind.EXPLAINER: "webpage",
    Source.Kind.PRESS_RELEASE: "document",
    Source.Kind.OFFICIAL: "report",
    Source.Kind.OTHER: "webpage",
}
NEWS_PUBLISHERS = {Publisher.Kind.NEWSPAPER, Publisher.Kind.WIRE}
CSL_GENRES = {Source.Kind.PRESS_RELEASE: "Press release", Source.Kind.OFFICIAL: "Official document"}
# Types whose publisher is printed as the periodical or site the item appeared in.
IN_CONTAINER = {"article-newspaper", "article-magazine", "article-journal", "webpage", "post", "post-weblog"}


def dumps(data) -> str:
    """The one serialisation of these formats, stored and live alike."""
    return json.dumps(data, ensure_ascii=False)


# --- CSL-JSON ----------------------------------------------------------------------------------


def csl_type(source: Source) -> str:
    if source.kind == Source.Kind.ANALYSIS and source.publisher.kind not in NEWS_PUBLISHERS:
        return "webpage"
    return CSL_TYPES.get(source.kind, "webpage")


def _date_parts(day: dt.date) -> dict:
    return {"date-parts": [[day.year, day.month, day.day]]}


def csl_item(n: int, source: Source, absolute: Callable[[str], str]) -> dict:
    """One reference as a CSL-JSON item; `custom` holds its number on the page and the source's page."""
    page = absolute(source.get_absolute_url())
    kind = csl_type(source)
    item: dict = {"id": source.slug, "type": kind, "title": source.title}
    item["container-title" if kind in IN_CONTAINER else "publisher"] = source.publisher.name
    if source.kind in CSL_GENRES:
        item["genre"] = CSL_GENRES[source.kind]
    item["URL"] = http_url(source.url) or page
    _, day = stated_when(source)
    if day is not None:
        item["issued"] = _date_parts(day)
    if source.retrieved_at is not None:
        item["accessed"] = _date_parts(timezone.localdate(source.retrieved_at))
    authors = [
        {"family": family, "given": given} if given else {"literal": family}
        for given, family in byline_people(source.byline)
    ]
    if authors:
        item["author"] = authors
    if source.dek:
        item["abstract"] = source.dek
    original = source.derived_from
    if original is not None:  # a syndicated copy or a summary: what it was taken from
        item["original-title"] = original.title
        item["original-publisher"] = original.publisher.name
    item["custom"] = {"n": n, "source_page": page}
    return item


def csl_items(page: RenderedExplainer, absolute: Callable[[str], str]) -> list[dict]:
    """The explainer's references as a CSL-JSON array, in the order of their numbers on the page."""
    return [csl_item(ref.n, ref.source, absolute) for ref in page.references]


# --- W3C Web Annotations -----------------------------------------------------------------------


def _holds(text: str, citation: CitationView) -> bool:
    """Whether the stored position still sits between the stored prefix and suffix in `text`."""
    start, end = citation.start, citation.end
    if start is None or end is None or not 0 <= start < end <= len(text):
        return False
    before = text[max(0, start - len(citation.prefix)) : start]
    return before == citation.prefix and text[end : end + len(citation.suffix)] == citation.suffix


def selectors(citation: CitationView) -> list[dict]:
    """A TextQuoteSelector and a TextPositionSelector (code points) into the source's clean text.

    When the text changed since the version was published, the passage is found again from its
    quote, prefix and suffix, as when a source is re-cleaned; a passage no longer found keeps its
    quote selector alone."""
    text = citation.source.text
    found = None
    if citation.is_found and _holds(text, citation):
        found = (citation.start, citation.end, citation.prefix, citation.suffix)
    elif text:
        again = anchor.anchor_quote(
            text,
            citation.quote,
            prefix=citation.prefix,
            suffix=citation.suffix,
            start=citation.start,
            end=citation.end,
        )
        if again.is_found:
            found = (again.start, again.end, again.prefix, again.suffix)
    if found is None:
        return [
            {
                "type": "TextQuoteSelector",
                "exact": citation.quote,
                "prefix": citation.prefix,
                "suffix": citation.suffix,
            }
        ]
    start, end, prefix, suffix = found
    return [
        {"type": "TextQuoteSelector", "exact": text[start:end], "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ]


def annotation_collection(page: RenderedExplainer, absolute: Callable[[str], str]) -> dict:
    """Every citation readers see, as a W3C Web Annotation: its body the sentence on the explainer's
    page that cites the passage, its target the passage in the source's text."""
    explainer = page.explainer
    url = absolute(explainer.get_absolute_url())
    collection = absolute(reverse("explainers:annotations", kwargs={"slug": explainer.slug}))
    places: dict[int, str] = {}  # citation → the marker where the sentence first cites it
    claims = {}
    for block in page.blocks:
        for sentence in block.sentences:
            claims.setdefault(sentence.claim.pk, sentence.claim)
            for marker in sentence.markers:
                for citation in marker.citations if marker.anchor else ():
                    places.setdefault(citation.pk, marker.anchor)
    items = []
    for ref in page.references:
        source_page = absolute(ref.source.get_absolute_url())
        for citation in ref.citations:
            claim = claims[citation.claim_id]
            place = places.get(citation.pk)
            items.append(
                {
                    "@context": ANNOTATION_CONTEXT,
                    "id": f"{collection}#citation-{citation.pk}",
                    "type": "Annotation",
                    "motivation": "linking",
                    "body": [
                        {
                            "id": f"{url}#{place}" if place else url,
                            "type": "Text",
                            "format": "text/html",
                            "purpose": "linking",
                        },
                        {
                            "type": "TextualBody",
                            "value": claim.text,
                            "format": "text/plain",
                            "purpose": "describing",
                        },
                    ],
                    "target": {"source": source_page, "selector": selectors(citation)},
                }
            )
    return {
        "@context": ANNOTATION_CONTEXT,
        "id": collection,
        "type": "AnnotationCollection",
        "label": f"The citations of “{explainer.title}”",
        "total": len(items),
        "first": {
            "id": f"{collection}#page-1",
            "type": "AnnotationPage",
            "startIndex": 0,
            "items": items,
        },
    }


# --- views -------------------------------------------------------------------------------------


def _format_response(request, slug: str, part: str, build, content_type: str):
    stored, live = reader_rendering(request, slug, part)
    if stored is not None:
        return HttpResponse(
            renderings.unmarked(getattr(stored, part), stored, request), content_type=content_type
        )
    page, is_preview = live
    body = dumps(build(page, request.build_absolute_uri))
    return private_if_preview(HttpResponse(body, content_type=content_type), is_preview)


@require_safe
@cache_public_page
def references_json(request, slug):
    return _format_response(request, slug, "references", csl_items, CSL_CONTENT_TYPE)


@require_safe
@cache_public_page
def annotations_jsonld(request, slug):
    return _format_response(request, slug, "annotations", annotation_collection, ANNOTATION_CONTENT_TYPE)
