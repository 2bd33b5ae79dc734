"""The Atom feed of published explainers (django.contrib.syndication)."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from explainers.models import Explainer

FEED_SIZE = 30


class LatestExplainersFeed(Feed):
    feed_type = Atom1Feed
    title = "Policy Desk: cited explainers"
    link = "/"
    subtitle = "Explainers in which every factual sentence links to the passage that supports it."

    def items(self):
        return Explainer.objects.published().order_by("-published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)
