"""Writing people, their aliases and their roles."""

from explainers.importing.plan.items import PersonPlan
from explainers.importing.records import CREATED, UNCHANGED, fingerprint
from explainers.importing.write.registry import Registry, unique_slug
from sources.models import Person, PersonAlias, Role
from sources.text.names import alias_key


def write_person(plan: PersonPlan, registry: Registry) -> None:
    summary = registry.summary
    if registry.has(plan.ref):
        summary.record(Person, UNCHANGED)  # another spelling of someone written already
    elif plan.ref.pk is not None:
        registry.put(plan.ref, plan.ref.pk)
        summary.record(Person, plan.outcome)
    else:
        person = Person(
            name=plan.name,
            slug=unique_slug(Person, plan.slug_base, fallback=plan.name),
            country_id=registry.pk(plan.country),
            origin_key=f"person:{alias_key(plan.name)}",
            import_fingerprint=fingerprint({"name": plan.name}),
        )
        person.save()
        summary.record(Person, CREATED)
        registry.put(plan.ref, person.pk, CREATED)
    person_id = registry.pk(plan.ref)
    for key, name in plan.aliases:
        _, made = PersonAlias.objects.get_or_create(key=key, defaults={"person_id": person_id, "name": name})
        summary.record(PersonAlias, CREATED if made else UNCHANGED)
    for role in plan.roles:
        found, made = Role.objects.get_or_create(
            person_id=person_id,
            title=role.title,
            organization_id=registry.pk(role.organization),
            defaults={"started_on": role.started_on, "ended_on": role.ended_on},
        )
        summary.record(Role, CREATED if made else UNCHANGED)
        registry.put(role.ref, found.pk, CREATED if made else UNCHANGED)
