"""Bylines are the newsroom's authors, not the people in the story; sharing fields on explainers.

Existing bylines (people of the evidence) become author profiles of the same name, so nothing an
editor set is lost; editors can then link them to logins.
"""

import django.db.models.deletion
from django.conf import settings
from django.contrib.auth.management import create_permissions
from django.db import migrations, models
from django.utils.text import slugify

GRANTS = {
    "Contributor": ["view_author"],
    "Editor": ["view_author", "add_author", "change_author"],
    "Publisher": ["view_author", "add_author", "change_author", "delete_author"],
}


def bylines_to_authors(apps, schema_editor):
    Author = apps.get_model("explainers", "Author")
    ExplainerAuthor = apps.get_model("explainers", "ExplainerAuthor")
    made = {}
    for link in ExplainerAuthor.objects.select_related("person"):
        person = link.person
        if person.pk not in made:
            slug, n = slugify(person.name)[:180] or f"author-{person.pk}", 1
            while Author.objects.filter(slug=slug).exists():
                n += 1
                slug = f"{slugify(person.name)[:170]}-{n}"
            made[person.pk] = Author.objects.create(name=person.name, slug=slug)
        link.author = made[person.pk]
        link.save(update_fields=["author"])


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


class Migration(migrations.Migration):
    dependencies = [
        ("explainers", "0011_publication_rules"),
        ("sources", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Author",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("slug", models.SlugField(max_length=200, unique=True)),
                (
                    "bio",
                    models.TextField(
                        blank=True, help_text="One or two sentences readers may see with the byline."
                    ),
                ),
                ("is_active", models.BooleanField(default=True, help_text="Offered in the byline chooser.")),
                (
                    "user",
                    models.OneToOneField(
                        blank=True,
                        help_text="The login of this author, so the desk can put them on the byline of what they write.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="author_profile",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["name"],
                "indexes": [models.Index(fields=["name"], name="author_name_idx")],
                "constraints": [
                    models.CheckConstraint(condition=~models.Q(name=""), name="author_name_not_empty")
                ],
            },
        ),
        migrations.AddField(
            model_name="explainer",
            name="social_title",
            field=models.CharField(
                blank=True,
                help_text="Title when shared and in search results (default: the title).",
                max_length=200,
            ),
        ),
        migrations.AddField(
            model_name="explainer",
            name="social_description",
            field=models.CharField(
                blank=True,
                help_text="Description when shared and in search results (default: the dek).",
                max_length=300,
            ),
        ),
        migrations.AlterModelOptions(
            name="explainerauthor", options={"ordering": ["explainer", "position"], "verbose_name": "byline"}
        ),
        migrations.RemoveConstraint(model_name="explainerauthor", name="author_once_per_explainer"),
        migrations.RemoveField(model_name="explainer", name="authors"),
        migrations.AddField(
            model_name="explainerauthor",
            name="author",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="explainer_links",
                to="explainers.author",
            ),
        ),
        migrations.RunPython(bylines_to_authors, migrations.RunPython.noop),
        migrations.RemoveField(model_name="explainerauthor", name="person"),
        migrations.AlterField(
            model_name="explainerauthor",
            name="author",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="explainer_links",
                to="explainers.author",
            ),
        ),
        migrations.AddConstraint(
            model_name="explainerauthor",
            constraint=models.UniqueConstraint(
                fields=["explainer", "author"], name="author_once_per_explainer"
            ),
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
