"""Editorial workflow: draft → in review → published (and back, and archived), with who may do what.

Every transition is one transaction, refuses a stale version, and is recorded with its comment.
Publishing is gated by the integrity report: problems refuse it; warnings need the publisher to
accept them with a comment.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from explainers.models import Explainer, Transition
from explainers.services.integrity import Issue, explainer_report

DRAFT, REVIEW = Explainer.Status.DRAFT, Explainer.Status.REVIEW
PUBLISHED, ARCHIVED = Explainer.Status.PUBLISHED, Explainer.Status.ARCHIVED


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    source: str
    target: str
    permission: str
    needs_comment: bool = False


ACTIONS = [
    Action("submit", "Submit for review", DRAFT, REVIEW, "explainers.change_explainer"),
    Action("return", "Return to draft", REVIEW, DRAFT, "explainers.review_explainer", needs_comment=True),
    Action("publish", "Publish", REVIEW, PUBLISHED, "explainers.publish_explainer"),
    Action(
        "unpublish",
        "Unpublish (back to draft)",
        PUBLISHED,
        DRAFT,
        "explainers.publish_explainer",
        needs_comment=True,
    ),
    Action("archive", "Archive", PUBLISHED, ARCHIVED, "explainers.publish_explainer"),
    Action("reopen", "Reopen as draft", ARCHIVED, DRAFT, "explainers.publish_explainer", needs_comment=True),
]
BY_NAME = {action.name: action for action in ACTIONS}


class TransitionRefused(Exception):
    def __init__(
        self, message: str, problems: list[Issue] | None = None, warnings: list[Issue] | None = None
    ):
        self.problems = problems or []
        self.warnings = warnings or []
        super().__init__(message)


def allowed_actions(explainer: Explainer, user) -> list[Action]:
    return [a for a in ACTIONS if a.source == explainer.status and user.has_perm(a.permission)]


def can_edit(explainer: Explainer | None, user) -> bool:
    """Contributors edit drafts; editing an explainer under review or published is an editor's job."""
    if explainer is None or explainer.status == DRAFT:
        return user.has_perm("explainers.change_explainer")
    return user.has_perm("explainers.review_explainer")


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
        if current.status != action.source:
            raise TransitionRefused(
                f"“{current}” is {current.get_status_display().lower()} now; it cannot be "
                f"{action.label.lower()}ed from there. Reload the page."
            )
        if action.needs_comment and not comment:
            raise TransitionRefused(f"{action.label} needs a comment saying why.")
        accepted = []
        if action.target == PUBLISHED:
            accepted = _gate(current, comment=comment, accept_warnings=accept_warnings)
            current.published_at = publish_at or current.published_at or timezone.now()
        current.status = action.target
        current.updated_by = by
        current.save()
        record = Transition.objects.create(
            explainer=current,
            from_status=action.source,
            to_status=action.target,
            by=by,
            comment=comment,
            accepted_warnings=accepted,
        )
    explainer.refresh_from_db()
    return record


def _gate(explainer: Explainer, *, comment: str, accept_warnings: bool) -> list[str]:
    report = explainer_report(explainer)
    if report.problems:
        raise TransitionRefused(
            f"“{explainer}” cannot be published: {len(report.problems)} problem(s) to fix first.",
            problems=report.problems,
            warnings=report.warnings,
        )
    if report.warnings and not accept_warnings:
        raise TransitionRefused(
            f"“{explainer}” has {len(report.warnings)} warning(s): accept them with a comment to publish.",
            warnings=report.warnings,
        )
    if report.warnings and not comment:
        raise TransitionRefused("Accepting warnings needs a comment saying why.", warnings=report.warnings)
    return [issue.message for issue in report.warnings]
