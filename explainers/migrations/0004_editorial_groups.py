"""The editorial groups: Contributor drafts, Editor edits and reviews, Publisher publishes and deletes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EVIDENCE = ["publisher", "source", "person", "organization", "agreement"]
STORY = ["claim", "citation", "explainer"]
CHILD_ROWS = [
    ("sources", "personalias"),
    ("sources", "role"),
    ("sources", "agreementparty"),
    ("sources", "signatory"),
    ("sources", "scopeitem"),
    ("explainers", "block"),
    ("explainers", "blockclaim"),
    ("explainers", "explainerauthor"),
    ("explainers", "citation"),
    ("taggit", "tag"),
    ("taggit", "taggeditem"),
]


def codenames():
    main = [("sources", m) for m in EVIDENCE] + [("explainers", m) for m in STORY]
    every = main + [row for row in CHILD_ROWS if row not in main]
    view = {(app, f"view_{m}") for app, m in every}
    write = {(app, f"{action}_{m}") for app, m in every for action in ("add", "change")}
    child_delete = {(app, f"delete_{m}") for app, m in CHILD_ROWS}
    contributor = view | write | child_delete
    contributor -= {
        ("sources", "change_agreement"),
        ("sources", "add_agreement"),
        ("sources", "change_publisher"),
    }
    editor = view | write | child_delete | {("explainers", "review_explainer")}
    publisher = editor | {(app, f"delete_{m}") for app, m in every} | {("explainers", "publish_explainer")}
    return {"Contributor": contributor, "Editor": editor, "Publisher": publisher}


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, wanted in codenames().items():
        group, _ = Group.objects.get_or_create(name=name)
        perms = [
            Permission.objects.get(content_type__app_label=app, codename=codename)
            for app, codename in sorted(wanted)
        ]
        group.permissions.set(perms)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=["Contributor", "Editor", "Publisher"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0003_citation_offsets_inside_text"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
