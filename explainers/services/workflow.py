"""Editorial workflow: draft → in review → published (and back, and archived), with who may do what.

The status belongs to the working rows. Once an explainer is published, readers keep seeing the
published version while editors change the working rows (its pending version); those changes go
through review like a first draft and reach readers only when a publisher publishes them.

Every transition is one transaction, refuses a stale version, and is recorded with its comment.
Publishing is gated by the integrity report: problems refuse it; warnings need the publisher to
accept them with a comment.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction

from explainers.actor import as_user
from explainers.models import Explainer, Transition
from explainers.services import publishing
from explainers.services.integrity import Issue, explainer_report, record_report

DRAFT, REVIEW = Explainer.Status.DRAFT, Explainer.Status.REVIEW
PUBLISHED, ARCHIVED = Explainer.Status.PUBLISHED, Explainer.Status.ARCHIVED


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: tuple[str, ...]
    target: str
    permission: str
    needs_comment: bool = False


ACTIONS = [
    Action("submit", "Submit for review", (DRAFT, PUBLISHED), REVIEW, "explainers.change_explainer"),
    Action("return", "Return to draft", (REVIEW,), DRAFT, "explainers.review_explainer", needs_comment=True),
    Action("publish", "Publish", (REVIEW,), PUBLISHED, "explainers.publish_explainer"),
    Action(
        "cancel_schedule",
        "Cancel the scheduled publication",
        (PUBLISHED,),
        REVIEW,
        "explainers.publish_explainer",
        needs_comment=True,
    ),
    Action(
        "unpublish",
        "Unpublish (back to draft)",
        (PUBLISHED, DRAFT, REVIEW),
        DRAFT,
        "explainers.publish_explainer",
        needs_comment=True,
    ),
    Action("archive", "Archive", (PUBLISHED, DRAFT, REVIEW), ARCHIVED, "explainers.publish_explainer"),
    Action(
        "reopen", "Reopen as draft", (ARCHIVED,), DRAFT, "explainers.publish_explainer", needs_comment=True
    ),
]
BY_NAME = {action.name: action for action in ACTIONS}


@dataclass(frozen=True)
class State:
    """Where an explainer stands for readers: the version they see, one scheduled, pending changes."""

    live: object | None
    scheduled: object | None
    pending: bool

    @classmethod
    def of(cls, explainer: Explainer) -> "State":
        live = publishing.live_snapshot(explainer)
        scheduled = publishing.scheduled_snapshot(explainer)
        pending = publishing.has_pending_changes(explainer, live=scheduled or live)
        return cls(live, scheduled, pending)


class TransitionRefused(Exception):
    def __init__(
        self, message: str, problems: list[Issue] | None = None, warnings: list[Issue] | None = None
    ):
        self.problems = problems or []
        self.warnings = warnings or []
        super().__init__(message)


def _possible(action: Action, status: str, state: State) -> bool:
    if status not in action.sources:
        return False
    if action.name == "submit" and status == PUBLISHED:
        return state.pending  # a published explainer with changes not yet published
    if action.name == "cancel_schedule":
        return state.scheduled is not None
    if action.name == "unpublish":
        return state.live is not None or state.scheduled is not None
    if action.name == "archive":
        return state.live is not None
    return True


def allowed_actions(explainer: Explainer, user, *, state: State | None = None) -> list[Action]:
    state = state or State.of(explainer)
    return [a for a in ACTIONS if user.has_perm(a.permission) and _possible(a, explainer.status, state)]


def can_edit(explainer: Explainer | None, user) -> bool:
    """Contributors edit drafts; editing an explainer under review or published is an editor's job.

    Edits to a published explainer change only its pending version: readers keep the published one.
    """
    if explainer is None or explainer.status == DRAFT:
        return user.has_perm("explainers.change_explainer")
    return user.has_perm("explainers.review_explainer")


def can_edit_claim(claim, user) -> bool:
    """A claim is shared by the explainers that place it: changing it needs the right to edit each."""
    if claim is None or claim.pk is None:
        return user.has_perm("explainers.change_claim")
    holders = Explainer.objects.filter(blocks__items__claim=claim).distinct()
    return all(can_edit(explainer, user) for explainer in holders)


def apply_action(
    explainer: Explainer,
    name: str,
    *,
    by,
    comment: str = "",
    accept_warnings: bool = False,
    seen_version: int | None = None,
    publish_at=None,
) -> Transition:
    action = BY_NAME.get(name)
    if action is None:
        raise TransitionRefused(f"Unknown action “{name}”.")
    if not by.has_perm(action.permission):
        raise PermissionDenied(f"You may not {action.label.lower()} explainers.")
    comment = comment.strip()
    with transaction.atomic():
        current = Explainer.objects.select_for_update().get(pk=explainer.pk)
        if seen_version is not None and current.version != seen_version:
            raise current.stale_error()
        state = State.of(current)
        if not _possible(action, current.status, state):
            raise TransitionRefused(
                f"“{current}” is {current.get_status_display().lower()} now; “{action.label}” is not "
                "possible from there. Reload the page."
            )
        if action.needs_comment and not comment:
            raise TransitionRefused(f"{action.label} needs a comment saying why.")
        accepted, snapshot = [], None
        if action.name == "publish":
            accepted = _gate(
                current, explainer_report(current), comment=comment, accept_warnings=accept_warnings
            )
            snapshot = publishing.publish(
                current, by=by, at=publish_at, comment=comment, accepted_warnings=accepted
            )
            current.published_at = snapshot.first_published_at
        elif action.name == "cancel_schedule":
            publishing.cancel_scheduled(current, by=by)
        elif action.name in ("unpublish", "archive"):
            publishing.withdraw(current, by=by)
        before = current.status
        current.status = action.target
        current.updated_by = as_user(by)
        current.save()
        record = Transition.objects.create(
            explainer=current,
            from_status=before,
            to_status=action.target,
            by=as_user(by),
            comment=comment,
            accepted_warnings=accepted,
            snapshot=snapshot,
        )
    explainer.refresh_from_db()
    return record


def _gate(subject, report, *, comment: str, accept_warnings: bool) -> list[str]:
    """Problems refuse publishing; warnings need the publisher to accept them with a comment."""
    if report.problems:
        raise TransitionRefused(
            f"“{subject}” cannot be published: {len(report.problems)} problem(s) to fix first.",
            problems=report.problems,
            warnings=report.warnings,
        )
    if report.warnings and not accept_warnings:
        raise TransitionRefused(
            f"“{subject}” has {len(report.warnings)} warning(s): accept them with a comment to publish.",
            warnings=report.warnings,
        )
    if report.warnings and not comment.strip():
        raise TransitionRefused("Accepting warnings needs a comment saying why.", warnings=report.warnings)
    return [issue.message for issue in report.warnings]


def publish_imported(explainer: Explainer, *, by, comment: str) -> None:
    """`import_seeds --publish`: submit and publish an explainer whose working rows readers lack."""
    state = State.of(explainer)
    if explainer.status == ARCHIVED or ((state.live or state.scheduled) and not state.pending):
        return
    if explainer.status in (DRAFT, PUBLISHED):
        apply_action(explainer, "submit", by=by)
    apply_action(explainer, "publish", by=by, comment=comment, accept_warnings=True)


def publish_record(subject, *, by, comment: str = "", accept_warnings: bool = False):
    """Publish an agreement's record or a claim on its own page; None when readers already see it."""
    current = publishing.scheduled_snapshot(subject) or publishing.live_snapshot(subject)
    if current is not None and not publishing.has_pending_changes(subject, live=current):
        return None
    accepted = _gate(subject, record_report(subject), comment=comment, accept_warnings=accept_warnings)
    return publishing.publish(subject, by=by, comment=comment.strip(), accepted_warnings=accepted)
