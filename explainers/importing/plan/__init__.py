"""The import plan (pure): parsed documents, the curation file and what the database holds → what to write.

`plan_sources` comes first (the evidence search reads the texts the sources will have), then
`plan_import` with the evidence found; nothing here touches the database.
"""

from explainers.importing.curation import Curation
from explainers.importing.doubts import as_stored
from explainers.importing.evidence import DocumentEvidence
from explainers.importing.existing import Existing
from explainers.importing.parse import ParsedDocument
from explainers.importing.plan.claims import AgreementPlanner, plan_quotations
from explainers.importing.plan.explainers import plan_explainer
from explainers.importing.plan.items import ImportPlan, Ref, Row, SourcePlan
from explainers.importing.plan.people import Organizations, plan_people
from explainers.importing.plan.sources import plan_organizations, plan_publishers, plan_source
from explainers.models import DisagreementReview

__all__ = ["ImportPlan", "plan_import", "plan_sources"]


def plan_sources(
    parsed: list[ParsedDocument], curation: Curation, existing: Existing
) -> tuple[list[SourcePlan], list[str]]:
    """One source per document, and notes (copies of sources imported under another name)."""
    plans, notes = [], []
    for document in parsed:
        plan, note = plan_source(document, curation, existing)
        plans.append(plan)
        if note:
            notes.append(note)
    return plans, notes


def plan_import(
    parsed: list[ParsedDocument],
    curation: Curation,
    existing: Existing,
    sources: list[SourcePlan],
    evidence: dict[str, DocumentEvidence],
    notes: list[str] = (),
) -> ImportPlan:
    notes = list(notes)
    publishers = plan_publishers(parsed, curation)
    curated_orgs = plan_organizations(curation, existing)
    organizations = Organizations.of(curation, curated_orgs, existing)
    people = plan_people(parsed, curation, existing, organizations)
    found = {source.name: _found(source) for source in sources}
    quotations, records = [], []
    for document in parsed:
        if not document.quotations:
            continue
        plan, said = plan_quotations(document, people, organizations)
        found[document.name]["quotes"] = said
        if plan.claims:
            quotations.append(plan)
            records.extend(row.ref for row in plan.claims)
    agreement = AgreementPlanner(curation, people).plan() if curation.agreement else None
    if agreement:
        records.append(agreement.row.ref)
    disagreements = tuple(
        Row(
            Ref("disagreement", e.topic),
            DisagreementReview,
            {"topic": e.topic},
            {"label": e.label, "note": e.note},
        )
        for e in curation.disagreements.values()
    )
    explainers = []
    for document in parsed:
        if document.blocks and document.name in evidence:
            entry = curation.explainers.get(document.name)
            plan, said = plan_explainer(document, entry, evidence[document.name])
            explainers.append(plan)
            notes.extend(said)
    return ImportPlan(
        publishers=tuple(publishers.values()),
        organizations=tuple(curated_orgs + organizations.new),
        sources=tuple(sources),
        people=tuple(people.plans),
        quotations=tuple(quotations),
        agreement=agreement,
        disagreements=disagreements,
        explainers=tuple(explainers),
        records=tuple(records),
        accept=curation.accept,
        notes=tuple(notes),
        found=found,
    )


def _found(source: SourcePlan) -> dict:
    values = source.values
    return {
        "title": values["title"],
        "dates": [f"{d['label']}: {d['text']}" for d in values["stated_dates"]],
        "removed": len(values["removed"]),
        "quotes": [],
        "doubts": as_stored(source.doubts),
    }
