"""Writing a cited explainer: its claims, suggested and confirmed citations, blocks, and editors' decisions."""

from explainers import editlog
from explainers.history import add_whole_explainer
from explainers.importing.plan.items import ExplainerPlan, Suggestions
from explainers.importing.records import CREATED, KEPT, UNCHANGED, UPDATED, current_values, fingerprint
from explainers.importing.write.claims import cite
from explainers.importing.write.registry import Registry, unique_slug
from explainers.models import Block, BlockClaim, Citation, Claim, Edit, Explainer
from explainers.services import support

STRUCTURE = "structure"


def write_explainer(plan: ExplainerPlan, registry: Registry, *, library) -> Explainer:
    claims = {row.ref.key: registry.upsert(row)[0] for row in plan.claims}
    for suggestions in plan.suggestions:
        _suggest(plan.document, suggestions, registry)
    explainer, outcome = _explainer(plan, registry, claims)
    registry.summary.record(Explainer, outcome)
    if outcome in (CREATED, UPDATED):
        verb = "Imported" if outcome == CREATED else "Updated"
        editlog.record([explainer.pk], Edit.Kind.IMPORTED, f"{verb} from {plan.document}", force=True)
    missing_tags = set(plan.tags) - set(explainer.tags.names()) if outcome != KEPT else set()
    if missing_tags:  # adding tags it has would still record a new version
        explainer.tags.add(*sorted(missing_tags))
    if plan.has_entry:
        _editors_word(plan, registry, claims)
    if registry.changed:  # the sentences, their citations or the library changed: support may have too
        support.assess((claim.pk for claim in claims.values()), library=library)
    return explainer


def structure(plan: ExplainerPlan) -> list:
    return [(b.kind, b.text[:300], list(b.claims)) for b in plan.blocks]


def _structure_of(explainer: Explainer) -> list:
    blocks = explainer.blocks.prefetch_related("items__claim")
    return [(b.kind, b.text, [item.claim.origin_key for item in b.items.all()]) for b in blocks]


def _explainer(plan: ExplainerPlan, registry: Registry, claims: dict[str, Claim]):
    fields = registry.resolve(plan.fields)
    wanted = fingerprint({**fields, STRUCTURE: structure(plan)})
    explainer = Explainer.objects.filter(origin_key=plan.key).first()
    if explainer is None:
        explainer = Explainer(
            **fields,
            slug=unique_slug(Explainer, plan.slug_base, fallback=plan.document),
            origin_key=plan.key,
            import_fingerprint=wanted,
        )
        explainer.save()
        _build_blocks(explainer, plan, claims)
        registry.changed.add(("explainer", plan.key))
        return explainer, CREATED
    now = fingerprint({**current_values(explainer, fields), STRUCTURE: _structure_of(explainer)})
    if now == wanted:
        return explainer, UNCHANGED
    if explainer.import_fingerprint != now:
        registry.summary.kept.append(
            f"explainer “{explainer.title}”: edited in the admin since the last import"
        )
        return explainer, KEPT
    for name, value in fields.items():
        setattr(explainer, name, value)
    explainer.import_fingerprint = wanted
    explainer.save()
    _build_blocks(explainer, plan, claims)
    registry.changed.add(("explainer", plan.key))
    return explainer, UPDATED


def _build_blocks(explainer: Explainer, plan: ExplainerPlan, claims: dict[str, Claim]) -> None:
    explainer.blocks.all().delete()
    for position, block_plan in enumerate(plan.blocks):
        block = Block.objects.create(
            explainer=explainer, position=position, kind=block_plan.kind, text=block_plan.text[:300]
        )
        BlockClaim.objects.bulk_create(
            BlockClaim(block=block, claim=claims[key], position=n) for n, key in enumerate(block_plan.claims)
        )
    add_whole_explainer(explainer)  # the revision keeps the sentences, not only empty blocks


def _suggest(document: str, plan: Suggestions, registry: Registry) -> None:
    """Write the passages found; suggestions no longer found go; confirmed citations are never touched."""
    keep = set()
    for citation in plan.citations:
        cite(citation, registry)
        keep.add(citation.key)
    stale = Citation.objects.filter(
        claim_id=registry.pk(plan.claim),
        origin=Citation.Origin.IMPORT,
        confirmed_at__isnull=True,
        origin_key__startswith=f"{plan.claim.key}:",
    ).exclude(origin_key__in=keep)
    removed = 0
    for citation in stale:
        citation.delete()
        removed += 1
    if removed:
        registry.changed.add(("removed", plan.claim.key))
        registry.summary.notes.append(
            f"{document}: “{plan.short}”: {removed} earlier suggestion(s) no longer found, removed"
        )


def _editors_word(plan: ExplainerPlan, registry: Registry, claims: dict[str, Claim]) -> None:
    """The curation file's confirmed citations and decisions on sentences no citation backs."""
    confirmed = set()
    for citation in plan.curated:
        cite(citation, registry)
        confirmed.add(registry.pk(citation.claim))
    # What the editor confirmed for a sentence replaces the import's own suggestions for it.
    removed, _ = Citation.objects.filter(
        claim_id__in=confirmed, origin=Citation.Origin.IMPORT, confirmed_at__isnull=True
    ).delete()
    if removed:
        registry.changed.add(("removed", plan.key))
    for key, note in plan.decisions:
        claim = claims[key]
        if claim.decision_note != note:
            Claim.objects.filter(pk=claim.pk).update(
                decision_note=note, decided_at=registry.now, decided_by=None
            )
            claim.decision_note = note
