"""What readers may see: published versions now public, and the evidence records those versions show.

Nothing else makes a record public: not a claim's status, not an editor's save. Staff with view
permission may preview working rows of explainers and agreement records (never cached, never
indexed) and open any source or person page.
"""

from django.db.models import OuterRef, Subquery

from explainers.models import PublicClaim, PublicReference, Snapshot
from sources.models import Person, Source


def can_preview(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm("explainers.view_explainer"))


def public_snapshots(*, now=None):
    return Snapshot.objects.public(now=now)


def public_explainers():
    """The version readers see of each public explainer, newest first."""
    return public_snapshots().explainers().order_by("-first_published_at", "-pk")


def public_agreements():
    return public_snapshots().agreements().order_by("-published_at", "-pk")


def live_version(kind: str, slug: str) -> Snapshot | None:
    return public_snapshots().filter(kind=kind, slug=slug).order_by("-published_at", "-pk").first()


def shown_ids(model: str):
    """Ids of the records of `model` (source, person, tag…) that public versions show."""
    return PublicReference.objects.filter(model=model, snapshot__in=public_snapshots()).values("object_id")


def sources_for(user):
    return Source.objects.all() if can_preview(user) else Source.objects.filter(pk__in=shown_ids("source"))


def people_for(user):
    return Person.objects.all() if can_preview(user) else Person.objects.filter(pk__in=shown_ids("person"))


def public_claims():
    """Claims as public versions show them: one row per claim, from its latest public version."""
    public = PublicClaim.objects.filter(snapshot__in=public_snapshots())
    latest = public.filter(claim_id=OuterRef("claim_id")).order_by("-snapshot__published_at", "-snapshot_id")
    return public.filter(pk=Subquery(latest.values("pk")[:1]))


def public_claim(claim_id: int) -> PublicClaim | None:
    return (
        PublicClaim.objects.filter(claim_id=claim_id, snapshot__in=public_snapshots())
        .select_related("snapshot")
        .order_by("-snapshot__published_at", "-snapshot_id")
        .first()
    )
