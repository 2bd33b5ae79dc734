"""The Atom feed of published explainers (django.contrib.syndication), from their published versions.

Each entry carries the whole explainer as readers see it (its article with the references, made an
entry when the version was published and stored with it: `Rendering.feed`), its authors (the
newsroom's name when it names none: Atom requires an author), when it was first published and when
this version was.
"""

from html import escape
from html.parser import HTMLParser

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import F
from django.utils.feedgenerator import Atom1Feed

from explainers import renderings, visibility

FEED_SIZE = 30
# What a feed reader has no use for: the headline (the entry's title says it) and the previews a
# reader's page opens from each [n] (a feed reader would print each inline, after every marker).
LEFT_OUT_CLASSES = {"cite-tip"}
LEFT_OUT_TAGS = {"h1"}
# A sentence's support note, a tooltip on the page, follows its label in brackets; the label's button
# (feed readers drop buttons) becomes emphasis. References to the previews left out go too.
BRACKETED_CLASSES = {"support-tip"}
RENAMED_TAGS = {"button": "em"}
DROPPED_ATTRIBUTES = {"aria-describedby", "type", "role"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _FeedHTML(HTMLParser):
    """A stored article as a feed entry's content: its links absolute, the parts above left out."""

    def __init__(self, origin: str, page_url: str):
        super().__init__(convert_charrefs=False)
        self.origin, self.page_url = origin, page_url
        self.out: list[str] = []
        self.open: list[tuple[str, str | None]] = []  # (tag, what closes it; None: left out)

    @property
    def skipping(self) -> bool:
        return any(closer is None for _, closer in self.open)

    def _url(self, value: str) -> str:
        if value.startswith("#"):
            return self.page_url + value
        if value.startswith("/") and not value.startswith("//"):
            return self.origin + value
        return value

    def handle_starttag(self, tag, attrs):
        classes = set((dict(attrs).get("class") or "").split())
        left_out = self.skipping or tag in LEFT_OUT_TAGS or bool(classes & LEFT_OUT_CLASSES)
        name = RENAMED_TAGS.get(tag, tag)
        if not left_out:
            parts = [name]
            for attribute, value in attrs:
                if attribute in DROPPED_ATTRIBUTES:
                    continue
                if value is None:
                    parts.append(attribute)
                    continue
                if attribute in ("href", "src"):
                    value = self._url(value)
                parts.append(f'{attribute}="{escape(value, quote=True)}"')
            self.out.append(f"<{' '.join(parts)}>")
        bracketed = not left_out and bool(classes & BRACKETED_CLASSES)
        if bracketed:
            self.out.append(" (")
        if tag not in VOID:
            self.open.append((tag, None if left_out else (")" if bracketed else "") + f"</{name}>"))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self.open):
            return  # a stray end tag
        while self.open:
            open_tag, closer = self.open.pop()
            if closer is not None and not self.skipping:
                self.out.append(closer)
            if open_tag == tag:
                return

    def handle_data(self, data):
        if not self.skipping:
            self.out.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")


def entry_html(article: str, *, origin: str, page_url: str) -> str:
    """A version's article as an Atom entry's HTML content (rendered once, with the version)."""
    parser = _FeedHTML(origin, page_url)
    parser.feed(article)
    parser.close()
    return "".join(parser.out).strip()


class ExplainerAtomFeed(Atom1Feed):
    """Atom with each entry's full content (`<content type="html">`), next to its summary."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content"):
            handler.addQuickElement("content", item["content"], {"type": "html"})


class LatestExplainersFeed(Feed):
    feed_type = ExplainerAtomFeed
    title = "Policy Desk: cited explainers"
    link = "/"
    subtitle = "Explainers in which every factual sentence links to the passage that supports it."

    def get_object(self, request, *args, **kwargs):
        # What each entry's links start with; the feed object is shared by every request.
        return renderings.origin(request)

    def items(self, origin):
        unread = sorted(renderings.PARTS - {"feed"})
        versions = list(
            visibility.public_explainers()
            .select_related("rendering")
            .defer("content", *(f"rendering__{part}" for part in unread))
            .annotate(feed_authors=F("content__explainer__authors"))[:FEED_SIZE]
        )
        for version in versions:
            version.feed_origin = origin
            version.feed_rendering = renderings.for_version(version)  # stored at publication
        return versions

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.dek

    def item_author_name(self, item):
        authors = item.feed_authors if isinstance(item.feed_authors, list) else []
        names = [a["name"] for a in authors if isinstance(a, dict) and a.get("name")]
        return ", ".join(names) or settings.SITE_NAME

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.published_at

    def item_extra_kwargs(self, item):
        row = item.feed_rendering
        return {"content": row.feed.replace(row.mark, item.feed_origin) if row.mark else row.feed}
