"""PostgreSQL: a small GIN index over the explainers and agreement records readers may find, so a
broad search ranks every one of them without reading every match."""

from django.db import migrations


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS search_document_leading_gin ON explainers_searchdocument "
            "USING gin (vector) WHERE visible_from IS NOT NULL AND kind IN ('explainer', 'agreement')"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_document_leading_gin")


class Migration(migrations.Migration):
    dependencies = [("explainers", "0018_search_visibility_data")]

    operations = [migrations.RunPython(create, drop)]
