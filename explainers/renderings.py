"""The reader's pages of a published explainer version, rendered once and stored with it.

A published version is frozen, so the HTML of its page, of its evidence map, its JSON, its
references (CSL-JSON) and its annotations (`explainers/formats.py`) are a function of the version
and of the evidence records it shows (sources, publishers, people…).
`store` renders them when a version is published, `refresh` when a record they show changes, and a
reader's page view reads the one row and wraps it in the site's frame (`base.html`, rendered per
request, so a deploy's static file names and the search box stay current).

Nothing here knows the request: absolute URLs are rendered with the row's origin mark, which the
view replaces with the request's scheme and host (`unmarked`). A row rendered by other templates or
code (`format`) is rendered again on its next view, so a deploy needs no step to stay correct;
`manage.py render_versions` does it ahead of readers.

The evidence map weighs every sentence against every source (a 300-source explainer: 90,000
judgements, minutes of work), so a map larger than EVIDENCE_CELLS is left out when a version is
published and rendered, then stored, by the first view of that map instead of inside the publisher's
transaction.
"""

import hashlib
import json
import logging
from functools import cache

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.template.loader import get_template, render_to_string
from django.utils import timezone
from django.utils.crypto import salted_hmac

from explainers import visibility
from explainers.evidence import evidence_map
from explainers.models import Rendering, Snapshot
from explainers.presentation import Records, explainer_view
from explainers.rendering import render_explainer
from explainers.structured import news_article

log = logging.getLogger(__name__)

# Raise when the Python that renders the parts changes what they say; template changes are seen.
FORMAT = 3
TEMPLATES = (
    "explainers/includes/explainer_head.html",
    "explainers/includes/explainer_article.html",
    "explainers/includes/evidence_article.html",
    "explainers/includes/marker.html",
    "explainers/includes/support_mark.html",
    "explainers/includes/reference.html",
    "explainers/includes/source_line.html",
    "explainers/includes/citation_quote.html",
)
# Uncited sentence × source judgements an evidence map may take when a version is published (~2 ms each).
EVIDENCE_CELLS = 1000
FIELDS = (
    "format",
    "mark",
    "title",
    "description",
    "head",
    "article",
    "evidence",
    "api",
    "references",
    "annotations",
    "feed",
    "rendered_at",
)


@cache
def current_format() -> str:
    """FORMAT with a digest of the templates and settings the parts are rendered from."""
    digest = hashlib.sha256(f"{FORMAT}\x1f{settings.SITE_NAME}".encode())
    for name in TEMPLATES:
        digest.update(get_template(name).template.source.encode())
    return f"{FORMAT}-{digest.hexdigest()[:16]}"


def is_rendered(snapshot: Snapshot) -> bool:
    """Only published explainer versions are stored; previews and other kinds render live."""
    return snapshot.kind == Snapshot.Kind.EXPLAINER and snapshot.published_at is not None


def origin_mark(snapshot: Snapshot) -> str:
    """What stands for the scheme and host: unguessable by whoever writes the content it sits in."""
    token = salted_hmac("explainers.renderings.origin", str(snapshot.pk), algorithm="sha256").hexdigest()[:24]
    return f"https://origin-{token}.invalid"


def _judgements(page) -> int:
    """How many uncited sentence × source cells the evidence map of `page` must judge."""
    claims = {s.claim.pk: s.claim for block in page.blocks for s in block.sentences}
    sources = len(page.references)
    return sum(
        sources - len({c.source_id for c in claim.citations})
        for claim in claims.values()
        if claim.needs_citation
    )


def render(snapshot: Snapshot, *, evidence: bool | None = None) -> Rendering:
    """The parts of a published version's pages, as readers see them once it is public (unsaved).

    `evidence`: render the evidence map too (True), leave it for its first view (False), or do so
    only when it is small enough (None: at most EVIDENCE_CELLS judgements)."""
    from explainers.api import explainer_json  # the API's views import this module's readers
    from explainers.feeds import entry_html
    from explainers.formats import annotation_collection, csl_items, dumps

    content = snapshot.content
    records = Records.for_contents(content)
    explainer = explainer_view(content, records, snapshot=snapshot)
    explainer.is_public = True  # what readers are served; until then the version renders live
    page = render_explainer(explainer, content, records)
    mark = origin_mark(snapshot)

    def absolute(path: str) -> str:
        return mark + path

    canonical = absolute(explainer.get_absolute_url())
    context = {
        "explainer": explainer,
        "page": page,
        "is_preview": False,
        "canonical": canonical,
        "structured": news_article(page, absolute, site_name=settings.SITE_NAME),
    }
    article = render_to_string("explainers/includes/explainer_article.html", context)
    return Rendering(
        snapshot=snapshot,
        format=current_format(),
        mark=mark,
        title=explainer.title,
        description=explainer.social_description or explainer.title,
        head=render_to_string("explainers/includes/explainer_head.html", context),
        article=article,
        evidence=render_to_string(
            "explainers/includes/evidence_article.html", {**context, "rows": evidence_map(page)}
        )
        if evidence or (evidence is None and _judgements(page) <= EVIDENCE_CELLS)
        else "",
        api=json.dumps(explainer_json(page, absolute), cls=DjangoJSONEncoder),
        references=dumps(csl_items(page, absolute)),
        annotations=dumps(annotation_collection(page, absolute)),
        feed=entry_html(article, origin=mark, page_url=canonical),
        rendered_at=timezone.now(),
    )


def _save(row: Rendering) -> None:
    # One statement either way, so two workers filling the same row cannot collide.
    Rendering.objects.bulk_create(
        [row], update_conflicts=True, unique_fields=["snapshot"], update_fields=FIELDS
    )


def store(snapshot: Snapshot) -> Rendering | None:
    """Render a published explainer version and keep it (replacing what was kept); None for others."""
    if not is_rendered(snapshot):
        return None
    row = render(snapshot)
    _save(row)
    return row


def refresh(snapshot_ids) -> int:
    """Render again the versions a changed record shows (read fresh); returns how many.

    A version no longer current (ended) has its row dropped instead: readers no longer see it.
    """
    ids = set(snapshot_ids)
    if not ids:
        return 0
    versions = Snapshot.objects.filter(pk__in=ids, kind=Snapshot.Kind.EXPLAINER, published_at__isnull=False)
    current = list(versions.current())
    Rendering.objects.filter(snapshot_id__in=ids).exclude(snapshot__in=current).delete()
    for snapshot in current:
        store(snapshot)
    return len(current)


def render_current(*, outdated_only: bool = False) -> tuple[int, int]:
    """Store every current explainer version (for a deploy); drop rows of versions that ended.

    Returns (rendered, dropped). With `outdated_only`, rows already in the current format stay.
    """
    current = Snapshot.objects.current().explainers()
    dropped, _ = Rendering.objects.exclude(snapshot__in=current).delete()
    if outdated_only:
        current = current.exclude(rendering__format=current_format())
    rendered = 0
    for snapshot in current.order_by("pk").iterator(chunk_size=50):
        store(snapshot)
        rendered += 1
    return rendered, dropped


# --- reading -----------------------------------------------------------------------------------


# The stored parts each page shows; the others are left unread (a large evidence map is megabytes).
PAGE_PARTS = {
    "article": ("head", "article"),
    "evidence": ("evidence",),
    "api": ("api",),
    "references": ("references",),
    "annotations": ("annotations",),
    "feed": ("feed",),
}
PARTS = {part for parts in PAGE_PARTS.values() for part in parts}


def live_version(slug: str, page: str = "article") -> Snapshot | None:
    """The version readers see at `slug`, with the parts of its rendering `page` shows, in one
    query (its content unread)."""
    unread = PARTS - set(PAGE_PARTS[page])
    return (
        visibility.public_snapshots()
        .filter(kind=Snapshot.Kind.EXPLAINER, slug=slug)
        .select_related("rendering")
        .defer("content", *(f"rendering__{name}" for name in sorted(unread)))
        .order_by("-published_at", "-pk")
        .first()
    )


def for_version(snapshot: Snapshot, *, evidence: bool = False) -> Rendering:
    """The stored rendering of a published version; rendered and stored first when missing or old,
    or (with `evidence`, for the evidence map's page) when its evidence map was left for later."""
    try:
        row = snapshot.rendering
    except Rendering.DoesNotExist:
        row = None
    if row is not None and row.format == current_format() and (not evidence or row.evidence):
        return row
    row = render(snapshot, evidence=True if evidence else None)
    try:
        with transaction.atomic():
            _save(row)
    except DatabaseError:  # a read-only moment: serve what was rendered, store it next time
        log.warning("could not store the rendering of version %s", snapshot.pk, exc_info=True)
    snapshot.rendering = row
    return row


def origin(request) -> str:
    """The scheme and host absolute URLs get, as `request.build_absolute_uri` gives them."""
    return f"{request.scheme}://{request.get_host()}"


def unmarked(text: str, row: Rendering, request) -> str:
    """A stored part with its origin mark replaced by the request's scheme and host."""
    return text.replace(row.mark, origin(request)) if row.mark else text
