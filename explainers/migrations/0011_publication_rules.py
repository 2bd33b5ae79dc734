"""Who records claim reviews; and published explainers go back to review until a publisher publishes them.

Before versions existed, a published explainer's working rows were what readers saw, and anyone who
could edit them changed the live page. Those rows may hold changes no publisher saw, so each such
explainer returns to review (with a note in its history) and is live again once a publisher
publishes it. Search documents of working text are dropped: readers search published versions only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations
from django.utils import timezone

GRANTS = {
    "Contributor": ["view_snapshot", "view_claimreview"],
    "Editor": ["view_snapshot", "view_claimreview", "review_claim"],
    "Publisher": ["view_snapshot", "view_claimreview", "review_claim"],
}
NOTE = (
    "Returned to review when published versions were introduced: publish it again to put the "
    "reviewed text in front of readers."
)


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
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label="explainers", codename__in=codenames)
            )


def return_published_to_review(apps, schema_editor):
    Explainer = apps.get_model("explainers", "Explainer")
    Transition = apps.get_model("explainers", "Transition")
    now = timezone.now()
    for explainer in Explainer.objects.filter(status="published"):
        Transition.objects.create(
            explainer=explainer, from_status="published", to_status="review", at=now, comment=NOTE
        )
    Explainer.objects.filter(status="published").update(status="review")
    apps.get_model("explainers", "SearchDocument").objects.filter(
        kind__in=["explainer", "claim", "agreement"], snapshot__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("explainers", "0010_publications")]

    operations = [
        migrations.RunPython(grant, revoke),
        migrations.RunPython(return_published_to_review, migrations.RunPython.noop),
    ]
