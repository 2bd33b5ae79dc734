"""Public pages: each view asks the published versions for what it shows and renders a template.

Readers get what a publisher published, never the working rows. Staff with view permission get a
preview of the working rows of an explainer or agreement record (the same code renders both).
"""

from django.conf import settings
from django.db import OperationalError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe
from taggit.models import Tag

from explainers import organisations, renderings, search, snapshots, visibility
from explainers.corroboration import independent_publisher_count
from explainers.evidence import evidence_map
from explainers.http import private_if_preview
from explainers.models import (
    Claim,
    Explainer,
    PublicCorrection,
    Rendering,
    Snapshot,
)
from explainers.page_cache import cache_public_page
from explainers.presentation import Records, agreement_view, claim_view, explainer_view
from explainers.preview import PREVIEW_DAYS, snapshot_id_from
from explainers.rate_limit import limited
from explainers.rendering import render_explainer
from explainers.search_form import SearchForm, kind_tabs, page_url
from explainers.services import integrity
from explainers.services.publishing import live_snapshot, scheduled_snapshot
from explainers.source_page import source_page
from explainers.structured import news_article
from explainers.timeline import milestone_order
from sources.models import Agreement
from sources.text.normalize import normalize_plain
from sources.text.spellings import other_spellings

SEARCH_PAGE_SIZE = 20
SEARCH_FALLBACK_LIMIT = 500


@require_safe
@cache_public_page
def home(request):
    explainers = list(visibility.public_explainers()[:20])
    agreements = list(visibility.public_agreements()[:5])
    records = Records.for_contents(*({"agreement": a.content["agreement"]} for a in agreements))
    cards = [agreement_view({**a.content, "timeline": []}, records, is_public=True) for a in agreements]
    return render(request, "explainers/home.html", {"explainers": explainers, "agreements": cards})


# --- explainers -------------------------------------------------------------------------------


def _shown(request, slug, page: str = "article") -> tuple[Snapshot | None, Explainer | None, dict | None]:
    """What this user sees at `slug`: (version, None, None), or, for staff whose working rows differ
    from what readers see or are about to see, (None, working explainer, its content)."""
    if visibility.can_preview(request.user):
        working = Explainer.objects.filter(slug=slug).first()
        if working is None:
            version = visibility.live_version("explainer", slug)
            working = version.explainer if version else None
        if working is not None:
            content = snapshots.explainer_content(working)
            version = scheduled_snapshot(working) or live_snapshot(working)
            if version is None or version.content_hash != snapshots.content_hash(content):
                return None, working, content
            return version, None, None
    version = renderings.live_version(slug, page)
    if version is None:
        raise Http404("No published explainer here.")
    return version, None, None


def explainer_page(request, slug):
    """(rendered page, is_preview) for the explainer at `slug`, as this user may see it."""
    version, working, content = _shown(request, slug)
    if version is None:
        return _rendered_working(working, content), True
    return _rendered_version(version), not version.is_public()


def reader_rendering(request, slug, page: str = "article") -> tuple[Rendering | None, tuple | None]:
    """(stored rendering, None) when this user sees what readers see at `slug` (one query for a
    reader), else (None, (rendered page, is_preview)): a preview, rendered live and never stored.
    `page`: which page's parts are read ("article", "evidence" or "api")."""
    version, working, content = _shown(request, slug, page)
    if version is None:
        return None, (_rendered_working(working, content), True)
    if not version.is_public():  # a version scheduled for later, shown to staff
        return None, (_rendered_version(version), True)
    return renderings.for_version(version, evidence=page == "evidence"), None


def _rendered_working(working, content=None):
    content = content or snapshots.explainer_content(working)
    records = Records.for_contents(content)
    view = explainer_view(content, records, snapshot=None, working=working)
    return render_explainer(view, content, records)


def render_working_page(request, explainer):
    """The reader's page of an explainer's working version (the desk's preview); never cached."""
    return _explainer_response(request, _rendered_working(explainer), is_preview=True, canonical="")


def _rendered_version(version):
    records = Records.for_contents(version.content)
    view = explainer_view(version.content, records, snapshot=version)
    return render_explainer(view, version.content, records)


@require_safe
@cache_public_page
def explainer_detail(request, slug):
    stored, live = reader_rendering(request, slug)
    if stored is not None:
        return _stored_response(request, "explainers/explainer_stored.html", stored, "head", "article")
    page, is_preview = live
    canonical = request.build_absolute_uri(page.explainer.get_absolute_url())
    return _explainer_response(request, page, is_preview=is_preview, canonical=canonical)


def _explainer_response(request, page, *, is_preview: bool, canonical: str):
    context = {
        "explainer": page.explainer,
        "page": page,
        "is_preview": is_preview,
        "canonical": canonical,
        "structured": news_article(page, request.build_absolute_uri, site_name=settings.SITE_NAME),
    }
    response = render(request, "explainers/explainer_detail.html", context)
    return private_if_preview(response, is_preview)


@require_safe
def preview(request, token):
    """A signed preview link: the version it was made for, never cached or indexed.

    It redirects to the live page once a later version is published, and is gone when the
    explainer is archived or deleted, or after PREVIEW_DAYS.
    """
    snapshot = get_object_or_404(
        Snapshot.objects.select_related("explainer"), pk=snapshot_id_from(token) or 0, kind="explainer"
    )
    explainer = snapshot.explainer
    expired = snapshot.created_at < timezone.now() - timezone.timedelta(days=PREVIEW_DAYS)
    if expired or explainer.status == Explainer.Status.ARCHIVED:
        raise Http404("This preview link has expired.")
    later = explainer.snapshots.filter(number__gt=snapshot.number, published_at__lte=timezone.now())
    if later.exists():
        live = live_snapshot(explainer)
        if live is None:
            raise Http404("This preview link has expired.")
        return redirect(live)
    page = _rendered_version(snapshot)
    return _explainer_response(request, page, is_preview=True, canonical="")


def _stored_response(request, template: str, stored: Rendering, *parts: str):
    """A reader's page from its stored parts, in the site's frame."""
    context = {"title": stored.title, "description": stored.description}
    for name in parts:
        # Rendered (and escaped) by the same templates as a live page when the version was stored.
        context[name] = mark_safe(renderings.unmarked(getattr(stored, name), stored, request))  # noqa: S308
    return render(request, template, context)


@require_safe
@cache_public_page
def evidence(request, slug):
    stored, live = reader_rendering(request, slug, "evidence")
    if stored is not None:
        return _stored_response(request, "explainers/explainer_evidence_stored.html", stored, "evidence")
    page, is_preview = live
    context = {
        "explainer": page.explainer,
        "page": page,
        "rows": evidence_map(page),
        "is_preview": is_preview,
    }
    return private_if_preview(render(request, "explainers/explainer_evidence.html", context), is_preview)


# --- claims, sources, people, agreements -------------------------------------------------------


@require_safe
@cache_public_page
def claim_detail(request, pk):
    public = visibility.public_claim(pk)
    is_preview = public is None
    if public is not None:
        data, notes = public.data, public.snapshot.content.get("disagreements", {})
        labels = public.snapshot.content.get("disagreement_labels", {})
    elif visibility.can_preview(request.user):
        claim = get_object_or_404(Claim.objects.prefetch_related(snapshots.citations_prefetch()), pk=pk)
        data, notes, labels = snapshots.claim_content(claim), {}, {}
    else:
        raise Http404("No published claim here.")
    others = _disagreeing(data)
    records = Records.for_contents({"claims": {str(data["id"]): data, **{str(o["id"]): o for o in others}}})
    claim = claim_view(data, records)
    disagreement = None
    differs = public.snapshot.content.get("differs", {}) if public is not None else {}
    touched = next((d for d in differs.values() if data["id"] in d["claims"]), None)
    if touched is not None and not others:
        # A sentence of an explainer that says what one side of a reviewed disagreement says.
        disagreement = {"label": touched["label"], "sides": touched["sides"], "note": touched["note"]}
    if others:
        disagreement = {
            "topic": data["topic"],
            "label": labels.get(data["topic"]) or data["topic"].replace("-", " "),
            "claims": [claim, *(claim_view(o, records) for o in others)],
            "note": notes.get(data["topic"], ""),
        }
    context = {
        "claim": claim,
        "publisher_count": independent_publisher_count(claim.citations),
        "disagreement": disagreement,
        "is_preview": is_preview,
    }
    return private_if_preview(render(request, "explainers/claim_detail.html", context), is_preview)


def _disagreeing(data: dict) -> list[dict]:
    """Other published claims on the same topic that say something different, from other sources."""
    topic = data["topic"]
    if not topic or topic.startswith(integrity.RECORD_PREFIX):
        return []
    rows = (
        visibility.public_claims()
        .filter(topic=topic)
        .exclude(claim_id=data["id"])
        .exclude(status=Claim.Status.RETRACTED)
        .order_by("claim_id")
    )
    others = [row.data for row in rows]
    texts = {normalize_plain(c["text"]) for c in [data, *others]}
    sources = {c["source"] for claim in [data, *others] for c in claim["citations"]}
    return others if len(texts) > 1 and len(sources) > 1 else []


@require_safe
@cache_public_page
def source_detail(request, slug):
    source = get_object_or_404(visibility.sources_for(request.user).select_related("publisher"), slug=slug)
    context = {
        "source": source,
        "page": source_page(source),
        "show_raw": visibility.can_preview(request.user),
    }
    return render(request, "explainers/source_detail.html", context)


@require_safe
@cache_public_page
def person_detail(request, slug):
    person = get_object_or_404(
        visibility.people_for(request.user).prefetch_related("roles__organization", "aliases"), slug=slug
    )
    rows = (
        visibility.public_claims()
        .filter(speaker_person=person)
        .order_by(organisations.SAID_ORDER, "claim_id")
    )
    claims = {str(row.claim_id): row.data for row in rows}
    records = Records.for_contents({"claims": claims})
    quotes = [claim_view(data, records) for data in claims.values()]
    roles = organisations.reading_order(person.roles.all())
    context = {
        "person": person,
        "spellings": other_spellings(person.name, [alias.name for alias in person.aliases.all()]),
        "roles": roles,
        "quotes": quotes,
        "linked_organisations": organisations.linkable(
            request.user,
            {r.organization_id for r in roles}
            | {q.speaker_role.organization_id for q in quotes if q.speaker_role is not None},
        ),
    }
    return render(request, "explainers/person_detail.html", context)


@require_safe
@cache_public_page
def organisation_detail(request, slug):
    organization = get_object_or_404(
        organisations.organizations_for(request.user).select_related("country"), slug=slug
    )
    page = organisations.organisation_page(organization, request.user)
    context = {"organization": organization, "page": page}
    return render(request, "explainers/organisation_detail.html", context)


@require_safe
@cache_public_page
def agreement_detail(request, slug):
    version = visibility.live_version("agreement", slug)
    content, is_preview = (version.content, False) if version else (None, True)
    if visibility.can_preview(request.user):
        working = Agreement.objects.filter(slug=slug).first() or (version.agreement if version else None)
        if working is not None:
            fresh = snapshots.agreement_content(working)
            if version is None or snapshots.content_hash(fresh) != version.content_hash:
                content, is_preview = fresh, True
    if content is None:
        raise Http404("No published agreement record here.")
    # Ordered again as the sources place each milestone (a version frozen earlier put a date known
    # only to the month at the 1st).
    claims = content["claims"]
    order = milestone_order(claims[str(pk)] for pk in content["timeline"] if str(pk) in claims)
    content = {**content, "timeline": order}
    agreement = agreement_view(content, Records.for_contents(content), is_public=not is_preview)
    explainers = visibility.public_explainers().filter(
        references__model="agreement", references__object_id=agreement.pk
    )
    context = {"agreement": agreement, "explainers": explainers, "is_preview": is_preview}
    return private_if_preview(render(request, "explainers/agreement_detail.html", context), is_preview)


# --- lists ------------------------------------------------------------------------------------


@require_safe
@cache_public_page
def corrections(request):
    items = (
        PublicCorrection.objects.filter(snapshot__in=visibility.public_snapshots())
        .select_related("snapshot")
        .order_by("-published_at", "-pk")[:200]
    )
    return render(request, "explainers/corrections.html", {"corrections": items})


@require_safe
@cache_public_page
def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    explainers = visibility.public_explainers().filter(references__model="tag", references__object_id=tag.pk)
    if not explainers.exists():
        raise Http404("No published explainer has this tag.")
    return render(request, "explainers/tag_detail.html", {"tag": tag, "explainers": explainers})


@require_safe
@limited("SEARCH_RATE_PER_MINUTE")
@cache_public_page
def search_view(request):
    form = SearchForm(request.GET)
    form.is_valid()  # a value the form cannot read is reported on the page and left out
    query = form.cleaned_data.get("q", "")
    number = search.page_number(request.GET.get("page"))
    try:
        found = search.results(
            query, number, SEARCH_PAGE_SIZE, fallback_limit=SEARCH_FALLBACK_LIMIT, filters=form.filters()
        )
    except OperationalError:
        # The statement timeout: a search the database could not answer in time. Say so, briefly.
        response = render(request, "explainers/search_busy.html", {"query": query, "form": form}, status=503)
        response["Retry-After"] = "10"
        return response
    parameters = form.parameters()
    context = {
        "query": query,
        "form": form,
        "page_obj": found,
        "hits": found.hits,
        "kind_tabs": kind_tabs(parameters),
        "previous_url": page_url(parameters, found.previous_page_number) if found.has_previous else "",
        "next_url": page_url(parameters, found.next_page_number) if found.has_next else "",
    }
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
