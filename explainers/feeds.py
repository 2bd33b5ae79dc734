"""The Atom feed of published explainers (django.contrib.syndication), from their published versions."""

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from explainers import visibility

FEED_SIZE = 30


class LatestExplainersFeed(Feed):
    feed_type = Atom1Feed
    title = "Policy Desk: cited explainers"
    link = "/"
    subtitle = "Explainers in which every factual sentence links to the passage that supports it."

    def items(self):
        return visibility.public_explainers()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_author_name(self, item):
        names = [a["name"] for a in item.content["explainer"]["authors"] if isinstance(a, dict)]
        return ", ".join(names) or "Policy Desk"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at
