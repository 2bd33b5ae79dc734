"""Search documents get a dek (ranked between title and body) and the record's published date (for
the date filter); the documents already stored are rebuilt so their vectors carry the new weights."""

from django.db import migrations, models


def rebuild(apps, schema_editor):
    # The documents are written by the same code that keeps them up to date (`rebuild_index`, also
    # `manage.py rebuild_search_index`): splitting a dek out of a body needs the records, not the rows.
    if not apps.get_model("explainers", "SearchDocument").objects.exists():
        return
    from explainers.search import rebuild_index

    rebuild_index()


class Migration(migrations.Migration):
    dependencies = [("explainers", "0022_claim_occurred_placement")]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="dek",
            field=models.TextField(blank=True, default=""),
        ),
        migrations.AddField(
            model_name="searchdocument",
            name="published_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(
                condition=models.Q(("visible_from__isnull", False)),
                fields=["published_at"],
                name="search_document_published",
            ),
        ),
        migrations.RunPython(rebuild, migrations.RunPython.noop),
    ]
