"""Publishing what an import wrote, only through the workflow service (the calls the admin makes)."""

from dataclasses import dataclass, field

from explainers.actor import current_actor
from explainers.importing.plan.items import AGREEMENT, ImportPlan
from explainers.importing.write.registry import Registry
from explainers.models import Claim, Explainer
from explainers.services import workflow
from explainers.services.integrity import explainer_report, record_report
from sources.models import Agreement

IMPORT_PUBLISH_COMMENT = (
    "Published by import_seeds --publish: every fact and quote cited, found and confirmed by an editor "
    "or the curation file."
)


@dataclass
class ExplainerOutcome:
    slug: str
    title: str
    published: bool = False
    problems: list[str] = field(default_factory=list)
    unaccepted: list[str] = field(default_factory=list)  # warnings no editor (nor the curation file) accepted


def publish_records(plan: ImportPlan, registry: Registry, notes: list[str]) -> None:
    """The agreement's record and the quotations, each on its own page, when they pass the gate."""
    accepted = set(plan.accept)
    pks = {ref: registry.pk(ref) for ref in plan.records}
    agreements = Agreement.objects.in_bulk([pk for ref, pk in pks.items() if ref.kind == AGREEMENT])
    claims = Claim.objects.in_bulk([pk for ref, pk in pks.items() if ref.kind != AGREEMENT])
    for ref in plan.records:
        subject = (agreements if ref.kind == AGREEMENT else claims)[pks[ref]]
        unaccepted = [i.message for i in record_report(subject).warnings if i.code not in accepted]
        if unaccepted:
            notes.append(
                f"not published: {subject}: {len(unaccepted)} warning(s) no editor accepted: {'; '.join(unaccepted)}"
            )
            continue
        try:
            published = workflow.publish_record(
                subject, by=current_actor(), comment=IMPORT_PUBLISH_COMMENT, accept_warnings=True
            )
        except workflow.TransitionRefused as refusal:
            problems = "; ".join(issue.message for issue in refusal.problems)
            notes.append(f"not published: {subject}: {problems or refusal}")
            continue
        if published is not None:
            title = published.title if len(published.title) <= 70 else published.title[:69] + "…"
            notes.append(f"published {published.get_kind_display().lower()}: “{title}”")


def judge_explainer(explainer: Explainer, accept: tuple[str, ...], *, publish: bool) -> ExplainerOutcome:
    """The integrity report's verdict; with `publish`, submitted and published when it passes."""
    outcome = ExplainerOutcome(explainer.slug, explainer.title)
    report = explainer_report(explainer)
    outcome.problems = [issue.message for issue in report.problems]
    outcome.unaccepted = [issue.message for issue in report.warnings if issue.code not in set(accept)]
    if publish and report.can_publish and not outcome.unaccepted:
        kinds = sorted({issue.code.replace("_", " ") for issue in report.warnings})
        comment = IMPORT_PUBLISH_COMMENT + (
            f" Warnings accepted in the curation file: {', '.join(kinds)}." if kinds else ""
        )
        workflow.publish_imported(explainer, by=current_actor(), comment=comment)
    outcome.published = explainer.is_public
    return outcome
