"""A database rule: a citation's offsets always fall inside its source's clean text."""

from django.db import migrations


def install(apps, schema_editor):
    from explainers.db_rules import install_citation_rules

    install_citation_rules(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("explainers", "0002_initial"), ("sources", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
