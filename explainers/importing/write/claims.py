"""Writing claims and their citations: a document's quotations, and the citations every other writer adds."""

from explainers.actor import current_actor
from explainers.importing.plan.items import CitationPlan, QuotationsPlan, Ref, Row
from explainers.importing.write.registry import Registry
from explainers.models import Citation


def cite(plan: CitationPlan, registry: Registry) -> Citation:
    """Write a citation; one stated by what counts as an editor's word is confirmed once."""
    citation, _ = registry.upsert(_row(plan))
    if plan.confirm and citation.confirmed_at is None:
        user = current_actor()
        citation.confirmed_at = registry.now
        citation.confirmed_via = plan.confirm
        Citation.objects.filter(pk=citation.pk).update(
            confirmed_at=registry.now,
            confirmed_via=plan.confirm,
            confirmed_by=user if getattr(user, "pk", None) and hasattr(user, "username") else None,
        )
    return citation


def _row(plan: CitationPlan) -> Row:
    return Row(
        Ref("citation", plan.key),
        Citation,
        {"origin_key": plan.key},
        {
            "claim_id": plan.claim,
            "source_id": plan.source,
            "quote": plan.quote,
            "origin": plan.origin,
            "origin_ref": plan.origin_ref,
        },
        plan.key,
    )


def write_quotations(plan: QuotationsPlan, registry: Registry) -> None:
    for row in plan.claims:
        registry.upsert(row)
    for citation in plan.citations:
        cite(citation, registry)
