"""One timeline per explainer: edits of its working version, workflow steps, claim statuses, published
versions and preview links, newest first, each with who and when."""

import datetime as dt
from dataclasses import dataclass

from explainers.models import BlockClaim, ClaimReview, Explainer

LIMIT = 200


@dataclass
class Entry:
    at: dt.datetime
    by: str
    category: str  # edit, workflow, status, version
    label: str
    text: str


def _name(user) -> str:
    return user.get_username() if user else "import"


def explainer_timeline(explainer: Explainer, *, limit: int = LIMIT) -> list[Entry]:
    entries = [
        Entry(e.at, _name(e.by), "edit", e.get_kind_display(), e.summary)
        for e in explainer.edits.select_related("by")[:limit]
    ]
    entries += [
        Entry(
            t.at,
            _name(t.by),
            "workflow",
            f"{t.from_status} → {t.to_status}",
            t.comment + (f" (accepted {len(t.accepted_warnings)} warnings)" if t.accepted_warnings else ""),
        )
        for t in explainer.transitions.select_related("by")[:limit]
    ]
    placed = BlockClaim.objects.filter(block__explainer=explainer).values("claim_id")
    entries += [
        Entry(
            r.at,
            _name(r.by),
            "status",
            f"Sentence {r.from_status} → {r.to_status}",
            f"“{r.claim.text[:90]}”" + (f" — {r.note}" if r.note else ""),
        )
        for r in ClaimReview.objects.filter(claim_id__in=placed).select_related("by", "claim")[:limit]
    ]
    for version in explainer.snapshots.select_related("published_by", "created_by").order_by("-number")[
        :limit
    ]:
        if version.published_at:
            entries.append(
                Entry(
                    version.published_at,
                    _name(version.published_by),
                    "version",
                    f"Version {version.number} published",
                    version.comment,
                )
            )
        else:
            entries.append(
                Entry(
                    version.created_at,
                    _name(version.created_by),
                    "version",
                    f"Preview link for version {version.number}",
                    "",
                )
            )
    return sorted(entries, key=lambda e: e.at, reverse=True)[:limit]
