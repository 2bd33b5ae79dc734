"""Claim status (verified, disputed, retracted): set by those allowed to, with a recorded review.

A status describes the claim in the working rows; it never makes anything public by itself. Readers
see it when a publisher publishes a version that holds the claim.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from explainers.actor import as_user
from explainers.models import Claim, ClaimReview

REVIEW_PERMISSION = "explainers.review_claim"
NEEDS_NOTE = (Claim.Status.DISPUTED, Claim.Status.RETRACTED)
NOTE_LIMIT = 2000


class StatusRefused(Exception):
    pass


def set_status(
    claim: Claim, status: str, *, by, note: str = "", seen_version: int | None = None
) -> ClaimReview:
    if not by.has_perm(REVIEW_PERMISSION):
        raise PermissionDenied("Only editors and publishers may change a claim's status.")
    if status not in Claim.Status.values:
        raise StatusRefused(f"“{status}” is not a claim status.")
    note = note.strip()
    if len(note) > NOTE_LIMIT:
        raise StatusRefused(f"The note is {len(note)} characters long; keep it under {NOTE_LIMIT}.")
    if status in NEEDS_NOTE and not note:
        raise StatusRefused(
            f"Marking a claim {Claim.Status(status).label.lower()} needs a note for readers saying why."
        )
    with transaction.atomic():
        current = Claim.objects.select_for_update().get(pk=claim.pk)
        if seen_version is not None and current.version != seen_version:
            raise current.stale_error()
        if current.status == status and (not note or note == current.note):
            raise StatusRefused(f"The claim is already {current.get_status_display().lower()}.")
        review = ClaimReview.objects.create(
            claim=current, from_status=current.status, to_status=status, note=note, by=as_user(by)
        )
        current.status = status
        if note:
            current.note = note
        current.updated_by = as_user(by)
        current.save()
    claim.refresh_from_db()
    return review
