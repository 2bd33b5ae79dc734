"""Search documents keep the format they were written in (0 for those stored before): `migrate`
then rebuilds the older ones with the current code (`explainers.search.rebuild_after_migrate`)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0025_rendering_feed_entry"),
    ]

    operations = [
        migrations.AddField(
            model_name="searchdocument",
            name="format",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddIndex(
            model_name="searchdocument",
            index=models.Index(fields=["format"], name="search_document_format"),
        ),
    ]
