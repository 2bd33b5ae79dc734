"""Readable revisions of an explainer: its text, claims and citations as lines, and a side-by-side diff."""

import difflib
from collections import defaultdict

from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
from sources.models import Source


def explainer_versions(explainer: Explainer):
    return Version.objects.get_for_object(explainer).select_related("revision__user").order_by("-pk")


def snapshot(version: Version) -> list[str]:
    """The explainer as it was in `version`: title, dek, blocks, sentences and their citations."""
    rows = defaultdict(dict)
    for item in version.revision.version_set.all():
        rows[item._model][int(item.object_id)] = item.field_dict
    explainer = version.field_dict
    claims = rows[Claim]
    missing = {data["claim_id"] for data in rows[BlockClaim].values() if data["claim_id"] not in claims}
    for claim in Claim.objects.filter(pk__in=missing):
        claims[claim.pk] = {"text": claim.text, "kind": claim.kind, "status": claim.status}
    sources = dict(
        Source.objects.filter(pk__in={c["source_id"] for c in rows[Citation].values()}).values_list(
            "pk", "title"
        )
    )
    citations_by_claim = defaultdict(list)
    for data in rows[Citation].values():
        citations_by_claim[data["claim_id"]].append(data)
    lines = [
        f"Title: {explainer.get('title', '')}",
        f"Dek: {explainer.get('dek', '')}",
        f"Status: {explainer.get('status', '')}",
        "",
    ]
    items_by_block = defaultdict(list)
    for data in rows[BlockClaim].values():
        items_by_block[data["block_id"]].append(data)
    for block_id, block in sorted(rows[Block].items(), key=lambda item: item[1]["position"]):
        heading = f": {block['text']}" if block.get("text") else ""
        lines.append(f"[{Block.Kind(block['kind']).label}{heading}]")
        for item in sorted(items_by_block[block_id], key=lambda data: data["position"]):
            claim = claims.get(item["claim_id"], {"text": "(claim no longer exists)", "status": ""})
            status = "" if claim.get("status") in ("draft", "verified", "") else f" ({claim['status']})"
            lines.append(f"  • {claim['text']}{status}")
            for citation in citations_by_claim.get(item["claim_id"], []):
                lines.append(f"      ↳ {sources.get(citation['source_id'], 'source')}: “{citation['quote']}”")
        lines.append("")
    return lines


def side_by_side(old: Version, new: Version) -> SafeString:
    table = difflib.HtmlDiff(tabsize=2, wrapcolumn=60).make_table(
        snapshot(old),
        snapshot(new),
        fromdesc=f"Version {old.pk} · {old.revision.date_created:%d %b %Y %H:%M}",
        todesc=f"Version {new.pk} · {new.revision.date_created:%d %b %Y %H:%M}",
    )
    # HtmlDiff escapes every line it prints; the only markup is its own table.
    return mark_safe(table)  # noqa: S308
