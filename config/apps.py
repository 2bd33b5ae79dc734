"""Third-party apps as editors see them in the admin."""

from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    """django-taggit, labelled "Tags" in the admin (its own label reads "Taggit")."""

    verbose_name = "Tags"
