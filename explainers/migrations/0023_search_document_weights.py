"""Search documents get a dek (ranked between title and body) and the record's published date (for
the date filter).

Schema only: the documents already stored are rebuilt after `migrate` with the complete schema and
the current code (their `format`, added in 0026, is older), never from here."""

from django.db import migrations, models


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
    ]
