"""Timelines. An explainer's history: edits of its working version, workflow steps, claim statuses,
published versions and preview links, newest first, each with who and when. An agreement's life:
its dated milestones in the order the sources place them, each at the precision its date is known.
"""

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.dateparse import parse_date

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


# --- an agreement's milestones ------------------------------------------------------------------

# Within one day of the calendar: a period's early milestone, then those dated to that day, then a
# period's middle, then its late ones and those the sources do not place.
_RANK = {"early": 0, "day": 1, "mid": 2, "late": 3, "": 3}


def _period(day: dt.date, precision: str) -> tuple[dt.date, dt.date]:
    if precision == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if precision == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def milestone_key(day: dt.date, precision: str, placement: str, pk: int) -> tuple[dt.date, int, int]:
    """Where a milestone sorts on a timeline.

    A date known to the day sorts on that day. A date known only to the month or year sorts where
    its sources place it in that period: "earlier that month" or "early February" before every
    milestone dated in it, "mid-February" in its middle, and "later that month" (or nothing said)
    after every milestone dated in it: "India joined later that month" follows 4 February.
    """
    if precision not in ("month", "year"):
        return day, _RANK["day"], pk
    first, last = _period(day, precision)
    if placement == "early":
        return first, _RANK["early"], pk
    if placement == "mid":
        return first + (last - first) // 2, _RANK["mid"], pk
    return last, _RANK[""], pk


def milestone_order(claims: Iterable[dict]) -> list[int]:
    """The ids of the dated claims (as a version's content holds them) in timeline order."""
    dated = []
    for claim in claims:
        day = claim.get("occurred_on")
        if isinstance(day, str):
            day = parse_date(day)
        if day:
            precision, placement = (
                claim.get("occurred_precision") or "day",
                claim.get("occurred_placement") or "",
            )
            dated.append((milestone_key(day, precision, placement, claim["id"]), claim["id"]))
    return [pk for _, pk in sorted(dated)]
