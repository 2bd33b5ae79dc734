"""sitemap.xml: every public page (django.contrib.sitemaps), from published versions."""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import reverse
from taggit.models import Tag

from explainers import organisations, visibility

READER = AnonymousUser()


class ExplainerSitemap(Sitemap):
    changefreq = "daily"
    priority = 1.0

    def items(self):
        return visibility.public_explainers().order_by("explainer_id").only("kind", "slug", "published_at")

    def lastmod(self, item):
        return item.published_at


class EvidenceSitemap(Sitemap):
    """Sources, people and agreement records that readers can reach."""

    changefreq = "weekly"
    priority = 0.5

    def items(self):
        return [
            # content_hash: Source.from_db reads it, so leaving it out costs a query per source.
            *visibility.sources_for(READER).order_by("pk").only("slug", "updated_at", "content_hash"),
            *visibility.people_for(READER).order_by("pk").only("slug", "updated_at"),
            *visibility.public_agreements().order_by("agreement_id").only("kind", "slug", "published_at"),
        ]

    def lastmod(self, item):
        return getattr(item, "updated_at", None) or item.published_at


class OrganisationSitemap(Sitemap):
    """Organisations readers can reach (as for people: those the published versions show)."""

    changefreq = "weekly"
    priority = 0.4

    def items(self):
        return organisations.public_organizations().order_by("pk").only("slug", "updated_at")

    def location(self, item):
        return reverse("explainers:organisation", kwargs={"slug": item.slug})

    def lastmod(self, item):
        return item.updated_at


class TagSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.3

    def items(self):
        return Tag.objects.filter(pk__in=visibility.shown_ids("tag")).order_by("slug")

    def location(self, item):
        return f"/tags/{item.slug}/"


SITEMAPS = {
    "explainers": ExplainerSitemap,
    "evidence": EvidenceSitemap,
    "organisations": OrganisationSitemap,
    "tags": TagSitemap,
}
