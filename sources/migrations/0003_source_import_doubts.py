from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("sources", "0002_import_keys"),
    ]

    operations = [
        migrations.AddField(
            model_name="source",
            name="import_doubts",
            field=models.JSONField(
                blank=True,
                default=list,
                editable=False,
                help_text="What the import could not establish (no date, headline guessed, speaker unknown…).",
            ),
        ),
    ]
