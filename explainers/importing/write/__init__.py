"""Writing an import plan, one small writer per aggregate, each unit of work in its own history revision.

Every row goes through `upsert` (or an equivalent check), so a run that changes nothing writes nothing:
no row, no revision, no version.
"""

from explainers.importing.plan.items import ImportPlan
from explainers.importing.records import Summary
from explainers.importing.write.agreements import write_agreement, write_disagreements
from explainers.importing.write.claims import write_quotations
from explainers.importing.write.explainers import write_explainer
from explainers.importing.write.people import write_person
from explainers.importing.write.registry import Registry, revision
from explainers.importing.write.sources import write_publishers_and_organizations, write_source
from explainers.services import support

__all__ = ["Registry", "write_plan"]


def write_plan(plan: ImportPlan, summary: Summary, *, library=None) -> tuple[Registry, list]:
    """Write `plan`; returns the registry of rows written and each explainer's row, in order."""
    registry = Registry(summary)
    # One history revision per unit of work: a single revision for a whole large import would
    # grow (and be copied) with every row, which makes big imports quadratic.
    with revision("Imported the curation file's organisations and publishers"):
        write_publishers_and_organizations(plan, registry)
    for source in plan.sources:
        with revision(f"Imported {source.name}"):
            write_source(source, registry)
    with revision("Imported the people named in the documents"):
        for person in plan.people:
            write_person(person, registry)
    support.names_changed()
    for quotations in plan.quotations:
        with revision(f"Imported the quotations of {quotations.document}"):
            write_quotations(quotations, registry)
    if plan.agreement:
        with revision("Imported the agreement's record from the curation file"):
            write_agreement(plan.agreement, registry)
    write_disagreements(plan.disagreements, registry)
    registry.preload_sources(
        c.source.key for e in plan.explainers for s in e.suggestions for c in s.citations
    )
    explainers = []
    for explainer in plan.explainers:
        with revision(f"Imported the explainer in {explainer.document}"):
            explainers.append((explainer, write_explainer(explainer, registry, library=library)))
    return registry, explainers
