"""Writing the agreement's record from the curation file: parties, signatories, scope, cited facts."""

from explainers.importing.plan.items import AgreementPlan, ChildPlan
from explainers.importing.records import CREATED, UNCHANGED
from explainers.importing.write.claims import cite
from explainers.importing.write.registry import Registry
from sources.models import Organization


def write_agreement(plan: AgreementPlan, registry: Registry) -> None:
    agreement, _ = registry.upsert(plan.row)
    missing_tags = set(plan.tags) - set(agreement.tags.names())
    if missing_tags:  # adding what is there already would still record a new version
        agreement.tags.add(*sorted(missing_tags))
    for row in plan.claims:
        registry.upsert(row)
    for citation in plan.citations:
        cite(citation, registry)
    for child in plan.children:
        _child(child, registry)
    wanted = {registry.pk(ref) for ref in plan.initiatives}
    have = set(agreement.related_initiatives.values_list("pk", flat=True))
    if wanted - have:
        agreement.related_initiatives.add(*Organization.objects.filter(pk__in=wanted - have))


def _child(plan: ChildPlan, registry: Registry) -> None:
    model = plan.model
    lookup = registry.resolve(plan.lookup)
    if model.objects.filter(**lookup).exists():
        registry.summary.record(model, UNCHANGED)
        return
    taken = set(model.objects.filter(agreement_id=lookup["agreement_id"]).values_list("position", flat=True))
    position = plan.position
    while position in taken:
        position += 1
    model.objects.create(**lookup, position=position, **registry.resolve(plan.extra))
    registry.summary.record(model, CREATED)


def write_disagreements(rows, registry: Registry) -> None:
    """The curation file's reviews of where sources differ: the label readers see, the editors' note."""
    for row in rows:
        registry.upsert(row)
