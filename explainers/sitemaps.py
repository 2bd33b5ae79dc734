"""sitemap.xml: every public page (django.contrib.sitemaps)."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from taggit.models import Tag

from explainers import visibility
from explainers.models import Explainer

READER = AnonymousUser()


class ExplainerSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return Explainer.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at


class EvidenceSitemap(Sitemap):
    """Sources, people and agreements that readers can reach."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return [
            *visibility.sources_for(READER).order_by("pk").only("slug", "updated_at"),
            *visibility.people_for(READER).order_by("pk").only("slug", "updated_at"),
            *visibility.agreements_for(READER).order_by("pk").only("slug", "updated_at"),
        ]

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return (
            Tag.objects.filter(
                taggit_taggeditem_items__object_id__in=Explainer.objects.published().values("pk"),
                taggit_taggeditem_items__content_type__model="explainer",
            )
            .distinct()
            .order_by("slug")
        )

    def location(self, item):
        return f"/tags/{item.slug}/"


SITEMAPS = {"explainers": ExplainerSitemap, "evidence": EvidenceSitemap, "tags": TagSitemap}
