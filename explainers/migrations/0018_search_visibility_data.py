"""Search documents keep when readers may find them: filled for the documents already there, and a
GIN index over only those readers may find (PostgreSQL)."""

from django.db import migrations
from django.db.models import Max, Min, OuterRef, Q, Subquery
from django.utils import timezone


def fill(apps, schema_editor):
    SearchDocument = apps.get_model("explainers", "SearchDocument")
    Snapshot = apps.get_model("explainers", "Snapshot")
    PublicReference = apps.get_model("explainers", "PublicReference")
    version = Snapshot.objects.filter(pk=OuterRef("snapshot_id"))
    SearchDocument.objects.filter(snapshot__isnull=False).update(
        visible_from=Subquery(version.values("published_at")[:1]),
        visible_until=Subquery(version.values("ended_at")[:1]),
    )
    # Sources and people: from the first public version that shows them to the last one's end.
    current = Q(snapshot__published_at__isnull=False) & (
        Q(snapshot__ended_at__isnull=True) | Q(snapshot__ended_at__gt=timezone.now())
    )
    for kind in ("source", "person"):
        rows = (
            PublicReference.objects.filter(current, model=kind)
            .values("object_id")
            .annotate(
                begins=Min("snapshot__published_at"),
                ends=Max("snapshot__ended_at"),
            )
        )
        for row in rows.iterator():
            open_ended = PublicReference.objects.filter(
                current, model=kind, object_id=row["object_id"], snapshot__ended_at__isnull=True
            ).exists()
            SearchDocument.objects.filter(
                snapshot__isnull=True, kind=kind, object_id=row["object_id"]
            ).update(visible_from=row["begins"], visible_until=None if open_ended else row["ends"])


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_visible_gin "
            "ON explainers_searchdocument USING gin (vector) WHERE visible_from IS NOT NULL"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_visible_gin")


class Migration(migrations.Migration):
    dependencies = [("explainers", "0017_search_visibility")]

    operations = [
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.RunPython(create_index, drop_index),
    ]
