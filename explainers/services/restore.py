"""Restoring an earlier version of an explainer: it becomes the pending version, never the live one.

A version (a published or previewed snapshot, or a history revision) is turned into content and
written over the explainer's working rows: title, dek, notes, tags, authors, blocks and sentences,
and the text and citations of its claims. Readers keep the published version until a publisher
publishes again. Nothing is deleted to make room: claims no longer placed stay as records; a claim
or source deleted since is recreated (claims) or reported (sources).
"""

from collections import defaultdict
from dataclasses import dataclass, field

import reversion
from django.db import transaction
from django.utils.dateparse import parse_date

from explainers import editlog
from explainers.actor import as_user
from explainers.history import add_whole_explainer
from explainers.models import Author, Block, BlockClaim, Citation, Claim, Edit, Explainer, ExplainerAuthor
from explainers.services.workflow import can_edit_claim
from explainers.snapshots import claim_content
from sources.models import Agreement, Organization, Person, Role, Source

RESTORED_CLAIM_FIELDS = ("text", "kind", "topic", "occurred_precision")


@dataclass
class RestoreResult:
    explainer: Explainer
    skipped: list[str] = field(default_factory=list)


def content_from_revision(version) -> dict:
    """The content (as `snapshots.explainer_content` shapes it) of a django-reversion revision."""
    rows: dict = defaultdict(dict)
    for item in version.revision.version_set.all():
        rows[item._model][int(item.object_id)] = item.field_dict
    data = version.field_dict
    items_by_block = defaultdict(list)
    for item in rows[BlockClaim].values():
        items_by_block[item["block_id"]].append(item)
    blocks = [
        {
            "kind": block["kind"],
            "text": block.get("text", ""),
            "items": [i["claim_id"] for i in sorted(items_by_block[block_id], key=lambda i: i["position"])],
        }
        for block_id, block in sorted(rows[Block].items(), key=lambda pair: pair[1]["position"])
    ]
    wanted = {pk for block in blocks for pk in block["items"]}
    citations = defaultdict(list)
    for pk, citation in sorted(rows[Citation].items()):
        citations[citation["claim_id"]].append(
            {"id": pk, "source": citation["source_id"], "quote": citation["quote"]}
        )
    claims = {}
    current = {
        c.pk: c for c in Claim.objects.filter(pk__in=wanted - set(rows[Claim])).prefetch_related("citations")
    }
    for pk in wanted:
        if pk in rows[Claim]:
            claim = rows[Claim][pk]
            claims[str(pk)] = {
                "id": pk,
                **{name: claim.get(name, "") for name in RESTORED_CLAIM_FIELDS},
                "speaker_person": claim.get("speaker_person_id"),
                "speaker_organization": claim.get("speaker_organization_id"),
                "speaker_role": claim.get("speaker_role_id"),
                "agreement": claim.get("agreement_id"),
                "about_person": claim.get("about_person_id"),
                "occurred_on": claim["occurred_on"].isoformat() if claim.get("occurred_on") else None,
                "occurred_placement": claim.get("occurred_placement") or "",
                "citations": citations.get(pk, []),
            }
        elif pk in current:
            claims[str(pk)] = claim_content(current[pk])
    authors = [
        {"id": a["author_id"]} for a in sorted(rows[ExplainerAuthor].values(), key=lambda a: a["position"])
    ]
    return {
        "explainer": {
            "title": data.get("title", ""),
            "dek": data.get("dek", ""),
            "notes": data.get("notes", ""),
            "social_title": data.get("social_title", ""),
            "social_description": data.get("social_description", ""),
            "agreement": data.get("agreement_id"),
            "origin_source": data.get("origin_source_id"),
            "tags": None,  # revisions do not keep tags: leave them as they are
            "authors": authors,
        },
        "blocks": blocks,
        "claims": claims,
    }


def restore(explainer: Explainer, content: dict, *, by, label: str) -> RestoreResult:
    """Write `content` over the explainer's working rows; the status and publication stay as they are."""
    with transaction.atomic(), reversion.create_revision(), editlog.quiet():
        explainer = Explainer.objects.select_for_update().get(pk=explainer.pk)
        result = RestoreResult(explainer)
        data = content["explainer"]
        explainer.title = data["title"] or explainer.title
        explainer.dek, explainer.notes = data["dek"], data["notes"]
        explainer.social_title = data.get("social_title", explainer.social_title)
        explainer.social_description = data.get("social_description", explainer.social_description)
        explainer.agreement = Agreement.objects.filter(pk=data["agreement"]).first()
        explainer.origin_source = Source.objects.filter(pk=data["origin_source"]).first()
        explainer.updated_by = as_user(by)
        explainer.save()
        if data.get("tags") is not None:
            explainer.tags.set([tag["name"] for tag in data["tags"]])
        _restore_authors(explainer, data["authors"])
        claims = {key: _restore_claim(value, result, by=by) for key, value in content["claims"].items()}
        explainer.blocks.all().delete()  # blocks and their sentence slots, never the claims
        for position, block in enumerate(content["blocks"]):
            made = Block.objects.create(
                explainer=explainer, position=position, kind=block["kind"], text=block["text"]
            )
            slots = [claims.get(str(pk)) for pk in block["items"]]
            BlockClaim.objects.bulk_create(
                BlockClaim(block=made, claim=claim, position=n) for n, claim in enumerate(filter(None, slots))
            )
        if as_user(by) is not None:
            reversion.set_user(by)
        reversion.set_comment(f"Restored {label} as the pending version")
        add_whole_explainer(explainer)
    editlog.record([explainer.pk], Edit.Kind.RESTORED, f"Restored {label} as the pending version")
    return result


def _restore_authors(explainer: Explainer, authors: list) -> None:
    """The byline of the version (authors deleted since are left out)."""
    wanted = [a["id"] for a in authors if isinstance(a, dict)]
    explainer.author_links.all().delete()
    known = set(Author.objects.filter(pk__in=wanted).values_list("pk", flat=True))
    ExplainerAuthor.objects.bulk_create(
        ExplainerAuthor(explainer=explainer, author_id=pk, position=n)
        for n, pk in enumerate(pk for pk in dict.fromkeys(wanted) if pk in known)
    )


def _restore_claim(data: dict, result: RestoreResult, *, by) -> Claim | None:
    links = {
        "speaker_person": Person.objects.filter(pk=data.get("speaker_person")).first(),
        "speaker_organization": Organization.objects.filter(pk=data.get("speaker_organization")).first(),
        "speaker_role": Role.objects.filter(pk=data.get("speaker_role")).first(),
        "agreement": Agreement.objects.filter(pk=data.get("agreement")).first(),
        "about_person": Person.objects.filter(pk=data.get("about_person")).first(),
    }
    if data["kind"] == Claim.Kind.QUOTE and not (links["speaker_person"] or links["speaker_organization"]):
        result.skipped.append(f"“{data['text'][:60]}”: its speaker no longer exists")
        return None
    claim = Claim.objects.filter(pk=data["id"]).first()
    if claim is not None and by is not None and not can_edit_claim(claim, by):
        # Shared with an explainer this user may not edit: placed as it is now, not rewritten.
        result.skipped.append(
            f"“{claim.text[:60]}”: it is also in an explainer you may not edit; kept as it is"
        )
        return claim
    if claim is None:
        # Deleted since: recreated as a new draft claim (its status is decided again, on the record).
        claim = Claim(status=Claim.Status.DRAFT)
    for name in RESTORED_CLAIM_FIELDS:
        setattr(claim, name, data.get(name) or getattr(claim, name))
    for name, value in links.items():
        setattr(claim, name, value)
    claim.occurred_on = parse_date(data["occurred_on"]) if data.get("occurred_on") else None
    # "" (not placed in its month) is a value to bring back too; a frozen version names it only when set.
    claim.occurred_placement = data.get("occurred_placement") or ""
    claim.save()
    _restore_citations(claim, data["citations"], result)
    return claim


def _restore_citations(claim: Claim, wanted: list[dict], result: RestoreResult) -> None:
    sources = Source.objects.in_bulk({c["source"] for c in wanted})
    kept = []
    for data in wanted:
        source = sources.get(data["source"])
        if source is None:
            result.skipped.append(f"a citation of “{claim.text[:60]}”: its source no longer exists")
            continue
        citation = Citation.objects.filter(pk=data["id"], claim=claim).first() or Citation(claim=claim)
        if citation.pk is None or (citation.source_id, citation.quote) != (source.pk, data["quote"]):
            citation.source, citation.quote = source, data["quote"]
            citation.save()
        kept.append(citation.pk)
    claim.citations.exclude(pk__in=kept).delete()
