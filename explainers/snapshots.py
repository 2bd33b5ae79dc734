"""Freezing working rows into the content of a version: plain data (ids, text, dates) readers will see.

The same content feeds the public pages (from a published version) and the editors' preview (from
the working rows, frozen on the fly), so both are rendered by one code path. Evidence records
(sources, people, organisations) are referred to by id; their public fields are guarded instead.
"""

import hashlib
import json
from collections import defaultdict

from django.db.models import Prefetch
from django.db.models.functions import Coalesce

from explainers.corroboration import citation_publisher
from explainers.models import Block, BlockClaim, Citation, Claim, Correction, DisagreementReview, Explainer
from explainers.timeline import milestone_order
from sources.models import Agreement

SCHEMA = 1
CLAIM_FIELDS = (
    "text",
    "kind",
    "status",
    "note",
    "topic",
    "occurred_precision",
)
CLAIM_LINKS = ("speaker_person", "speaker_organization", "speaker_role", "agreement", "about_person")


def _iso(value):
    return value.isoformat() if value else None


def citation_content(citation: Citation) -> dict:
    """A citation as readers see it, with the independent publisher it counts for, frozen."""
    return {
        "id": citation.pk,
        "source": citation.source_id,
        "quote": citation.quote,
        "prefix": citation.prefix,
        "suffix": citation.suffix,
        "start": citation.start,
        "end": citation.end,
        "status": citation.status,
        "score": citation.score,
        "support_score": citation.support_score,
        "text_hash": citation.text_hash,
        "independent_publisher": citation_publisher(citation),
        # Readers see the citations an editor confirmed; the rest stay suggestions (JSON says which).
        "confirmed": citation.confirmed_at is not None,
        "support": citation.support,
        "unbacked": list(citation.unbacked or ()),
    }


def claim_content(claim: Claim) -> dict:
    """A claim and its citations (prefetched as `claim.citations`)."""
    data = {"id": claim.pk, **{name: getattr(claim, name) for name in CLAIM_FIELDS}}
    data.update({name: getattr(claim, f"{name}_id") for name in CLAIM_LINKS})
    data["occurred_on"] = _iso(claim.occurred_on)
    if claim.occurred_placement:  # only when placed: versions frozen before placements keep their hash
        data["occurred_placement"] = claim.occurred_placement
    data["citations"] = [citation_content(c) for c in claim.citations.all()]
    data["support"] = claim.support
    data["unbacked"] = list(claim.unbacked or ())
    data["decision_note"] = claim.decision_note
    return data


def citations_queryset():
    """Citations with the independent publisher each counts for (no query per citation)."""
    return Citation.objects.annotate(
        independent_publisher_id=Coalesce("source__derived_from__publisher", "source__publisher")
    ).order_by("pk")


def citations_prefetch():
    return Prefetch("citations", queryset=citations_queryset())


def _disagreement_notes(claims: dict) -> dict[str, str]:
    topics = {c["topic"] for c in claims.values() if c["topic"]}
    return dict(DisagreementReview.objects.filter(topic__in=topics).values_list("topic", "note"))


def _disagreement_labels(claims: dict) -> dict[str, str]:
    topics = {c["topic"] for c in claims.values() if c["topic"]}
    return dict(
        DisagreementReview.objects.filter(topic__in=topics).exclude(label="").values_list("topic", "label")
    )


def explainer_content(explainer: Explainer) -> dict:
    """The explainer's working rows as readers would see them if it were published now."""
    items = BlockClaim.objects.select_related("claim").prefetch_related(
        Prefetch("claim__citations", queryset=citations_queryset())
    )
    blocks = list(
        Block.objects.filter(explainer=explainer)
        .order_by("position", "pk")
        .prefetch_related(Prefetch("items", queryset=items.order_by("position", "pk")))
    )
    claims: dict[str, dict] = {}
    body = []
    for block in blocks:
        ids = []
        for item in block.items.all():
            claims.setdefault(str(item.claim_id), claim_content(item.claim))
            ids.append(item.claim_id)
        body.append({"kind": block.kind, "text": block.text, "items": ids})
    corrections = Correction.objects.filter(explainer=explainer).order_by("published_at", "pk")
    return {
        "schema": SCHEMA,
        "kind": "explainer",
        "explainer": {
            "id": explainer.pk,
            "title": explainer.title,
            "slug": explainer.slug,
            "dek": explainer.dek,
            "notes": explainer.notes,
            "agreement": explainer.agreement_id,
            "origin_source": explainer.origin_source_id,
            "tags": [
                {"id": t.pk, "name": t.name, "slug": t.slug} for t in explainer.tags.all().order_by("name")
            ],
            "authors": [
                {"id": link.author_id, "name": link.author.name, "slug": link.author.slug}
                for link in explainer.author_links.select_related("author").order_by("position", "pk")
            ],
            "social_title": explainer.social_title,
            "social_description": explainer.social_description,
        },
        "blocks": body,
        "claims": claims,
        "corrections": [
            {"id": c.pk, "kind": c.kind, "text": c.text, "published_at": _iso(c.published_at)}
            for c in corrections
        ],
        "disagreements": _disagreement_notes(claims),
        "disagreement_labels": _disagreement_labels(claims),
        "differs": _differs(claims),
    }


def _differs(claims: dict) -> dict:
    """The recorded, reviewed disagreements the explainer's sentences touch, side by side for readers:
    {topic: {label, note, sides: [{text, publishers}], claims: [ids of the sentences touching it]}}."""
    from explainers.services.integrity import disagreements, touched_disagreements

    known = [d for d in disagreements() if d.review is not None]
    if not known or not claims:
        return {}
    rows = Claim.objects.filter(pk__in=[int(k) for k in claims]).only("pk", "text", "topic")
    found: dict = {}
    for claim_id, touched in touched_disagreements(list(rows), known).items():
        for d in touched:
            entry = found.setdefault(
                d.topic,
                {
                    "label": d.label,
                    "note": d.review.note,
                    "sides": [
                        {
                            "text": c.text,
                            "publishers": sorted(
                                {x.source.publisher.name for x in c.citations.all() if x.confirmed_at}
                                or {x.source.publisher.name for x in c.citations.all()}
                            ),
                        }
                        for c in d.claims
                    ],
                    "claims": [],
                },
            )
            entry["claims"].append(claim_id)
    return found


def agreement_content(agreement: Agreement) -> dict:
    """An agreement's record: its fact box and every claim about it (milestones, sourced facts)."""
    claims = {
        str(c.pk): claim_content(c)
        for c in Claim.objects.filter(agreement=agreement)
        .prefetch_related(citations_prefetch())
        .order_by("pk")
    }
    timeline = milestone_order(claims.values())
    return {
        "schema": SCHEMA,
        "kind": "agreement",
        "agreement": {
            "id": agreement.pk,
            "title": agreement.title,
            "slug": agreement.slug,
            "short_title": agreement.short_title,
            "kind": agreement.kind,
            "status": agreement.status,
            "summary": agreement.summary,
            "signed_on": _iso(agreement.signed_on),
            "signed_place": agreement.signed_place,
            "parties": list(
                agreement.party_links.order_by("position").values_list("organization_id", flat=True)
            ),
            "signatories": [
                {"person": s.person_id, "role": s.role_id, "on_behalf_of": s.on_behalf_of_id}
                for s in agreement.signatories.order_by("position")
            ],
            "scope": [
                {"label": s.label, "description": s.description}
                for s in agreement.scope_items.order_by("position")
            ],
            "initiatives": sorted(agreement.related_initiatives.values_list("pk", flat=True)),
            "tags": [
                {"id": t.pk, "name": t.name, "slug": t.slug} for t in agreement.tags.all().order_by("name")
            ],
        },
        "claims": claims,
        "timeline": timeline,
        "disagreements": _disagreement_notes(claims),
        "disagreement_labels": _disagreement_labels(claims),
    }


def standalone_claim_content(claim: Claim) -> dict:
    """A claim published on its own page (a quotation from a source, say), outside any explainer."""
    claim = Claim.objects.prefetch_related(citations_prefetch()).get(pk=claim.pk)
    claims = {str(claim.pk): claim_content(claim)}
    return {
        "schema": SCHEMA,
        "kind": "claim",
        "claims": claims,
        "disagreements": _disagreement_notes(claims),
        "disagreement_labels": _disagreement_labels(claims),
    }


def content_of(subject) -> dict:
    if isinstance(subject, Explainer):
        return explainer_content(subject)
    if isinstance(subject, Agreement):
        return agreement_content(subject)
    if isinstance(subject, Claim):
        return standalone_claim_content(subject)
    raise TypeError(f"{type(subject).__name__} cannot be published")


def content_hash(content: dict) -> str:
    encoded = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def referenced_ids(content: dict) -> dict[str, set[int]]:
    """Ids of the evidence records a version shows, by kind (before following sources to publishers)."""
    found: dict[str, set[int]] = defaultdict(set)
    for claim in content.get("claims", {}).values():
        for name, kind in (
            ("speaker_person", "person"),
            ("about_person", "person"),
            ("speaker_organization", "organization"),
            ("speaker_role", "role"),
            ("agreement", "agreement"),
        ):
            if claim.get(name):
                found[kind].add(claim[name])
        for citation in claim["citations"]:
            found["source"].add(citation["source"])
    explainer = content.get("explainer")
    if explainer:
        found["tag"].update(t["id"] for t in explainer["tags"])
        if explainer["agreement"]:
            found["agreement"].add(explainer["agreement"])
        if explainer["origin_source"]:
            found["source"].add(explainer["origin_source"])
    agreement = content.get("agreement")
    if agreement:
        found["organization"].update(agreement["parties"])
        found["organization"].update(agreement["initiatives"])
        found["tag"].update(t["id"] for t in agreement["tags"])
        for signatory in agreement["signatories"]:
            found["person"].add(signatory["person"])
            if signatory["role"]:
                found["role"].add(signatory["role"])
            if signatory["on_behalf_of"]:
                found["organization"].add(signatory["on_behalf_of"])
    return found


def cited_sources(content: dict) -> set[int]:
    return {c["source"] for claim in content.get("claims", {}).values() for c in claim["citations"]}


def sentence_count(content: dict) -> int:
    return len({i for block in content.get("blocks", []) for i in block["items"]}) or len(
        content.get("claims", {})
    )
