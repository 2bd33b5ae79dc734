"""PostgreSQL: a GIN index on the search vector (SQLite has no tsvector and searches differently)."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_vector_gin "
            "ON explainers_searchdocument USING gin (vector)"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_vector_gin")


class Migration(migrations.Migration):
    dependencies = [("explainers", "0006_search_documents")]

    operations = [migrations.RunPython(create, drop)]
