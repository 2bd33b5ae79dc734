"""Writing publishers, organisations and sources (with what the import doubts about each)."""

from explainers.importing.doubts import as_stored
from explainers.importing.plan.items import NEW, REPLACE, TWIN, ImportPlan, SourcePlan
from explainers.importing.records import CREATED, UPDATED, current_values, fingerprint, upsert
from explainers.importing.write.registry import Registry, unique_slug
from sources.models import Source


def write_publishers_and_organizations(plan: ImportPlan, registry: Registry) -> None:
    for row in (*plan.organizations, *plan.publishers):
        registry.upsert(row)


def write_source(plan: SourcePlan, registry: Registry) -> None:
    values = registry.resolve(plan.values)
    summary = registry.summary
    if plan.action == TWIN:
        registry.put(plan.ref, plan.ref.pk)
        return
    if plan.action == NEW:
        source = Source(
            **values,
            raw_text=plan.raw_text,
            origin_file=plan.name,
            retrieved_at=registry.now,
            slug=unique_slug(Source, plan.slug_base, fallback=plan.name),
            origin_key=f"source:{plan.name}",
            import_fingerprint=fingerprint(values),
            import_doubts=as_stored(plan.doubts),
        )
        source.save()
        summary.record(Source, CREATED)
        registry.put(plan.ref, source.pk, CREATED)
        return
    if plan.action == REPLACE:
        source = Source.objects.get(pk=plan.ref.pk)
        _replace_document(source, plan.raw_text, values, registry)
        registry.put(plan.ref, source.pk, UPDATED)
    else:
        lookup = {"pk": plan.ref.pk}
        source, outcome = upsert(summary, Source, lookup=lookup, values=values, label=plan.title)
        registry.put(plan.ref, source.pk, outcome)
    doubts = as_stored(plan.doubts)
    if source.import_doubts != doubts:  # the import's own finding, not an editor's: no revision
        Source.objects.filter(pk=source.pk).update(import_doubts=doubts)


def _replace_document(source: Source, raw: str, values: dict, registry: Registry) -> None:
    edited = source.import_fingerprint != fingerprint(current_values(source, values))
    if edited:
        source.replace_raw_text(raw, source.text)
        registry.summary.kept.append(
            f"source “{source.title}”: the document changed and its received text was updated; "
            "its clean text and details were edited in the admin and were kept — review them"
        )
    else:
        source.replace_raw_text(raw, values["text"])
        for key, value in values.items():
            setattr(source, key, value)
        source.import_fingerprint = fingerprint(values)
    source.save()
    registry.summary.record(Source, UPDATED)
