"""Group permissions for the workflow records: corrections, disagreement reviews, transitions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GRANTS = {
    "Contributor": ["view_correction", "view_disagreementreview", "view_transition"],
    "Editor": [
        "add_correction",
        "change_correction",
        "view_correction",
        "add_disagreementreview",
        "change_disagreementreview",
        "view_disagreementreview",
        "view_transition",
    ],
    "Publisher": [
        "add_correction",
        "change_correction",
        "delete_correction",
        "view_correction",
        "add_disagreementreview",
        "change_disagreementreview",
        "delete_disagreementreview",
        "view_disagreementreview",
        "view_transition",
    ],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("explainers")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="explainers", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GRANTS.items():
        for group in Group.objects.filter(name=name):
            group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("explainers", "0008_workflow")]

    operations = [migrations.RunPython(grant, revoke)]
