"""The versions of an explainer editors can compare or restore: published versions and preview
links, revisions saved in its history, and the working version as it stands."""

from dataclasses import dataclass

from django.utils import timezone
from reversion.models import Version

from explainers.models import Explainer
from explainers.services.restore import content_from_revision
from explainers.snapshots import explainer_content
from sources.models import Source

WORKING = "w"


@dataclass(frozen=True)
class Choice:
    key: str
    label: str


def _when(value) -> str:
    return timezone.localtime(value).strftime("%d %b %Y %H:%M")


def revisions(explainer: Explainer):
    return Version.objects.get_for_object(explainer).select_related("revision__user").order_by("-pk")


def choices(explainer: Explainer, *, limit: int = 50) -> list[Choice]:
    found = [Choice(WORKING, "Working version (now)")]
    for version in explainer.snapshots.select_related("published_by", "created_by").order_by("-number")[
        :limit
    ]:
        if version.published_at:
            who = version.published_by or "import"
            found.append(
                Choice(
                    f"v{version.number}",
                    f"Version {version.number}, published {_when(version.published_at)} by {who}",
                )
            )
        else:
            found.append(
                Choice(f"v{version.number}", f"Preview {version.number}, {_when(version.created_at)}")
            )
    for revision in revisions(explainer)[:limit]:
        who = revision.revision.user or "import"
        comment = revision.revision.get_comment()
        found.append(
            Choice(
                f"r{revision.pk}",
                f"Saved {_when(revision.revision.date_created)} by {who}"
                + (f" — {comment[:60]}" if comment else ""),
            )
        )
    return found


def content_for(explainer: Explainer, key: str) -> dict | None:
    """The content of one version of this explainer (never another's), or None."""
    if key == WORKING:
        return explainer_content(explainer)
    number = key[1:]
    if not number.isdigit() or len(number) > 18:
        return None
    if key.startswith("v"):
        version = explainer.snapshots.filter(number=int(number)).first()
        return version.content if version else None
    if key.startswith("r"):
        revision = revisions(explainer).filter(pk=int(number)).first()
        return content_from_revision(revision) if revision else None
    return None


def source_titles(ids) -> dict[int, str]:
    return dict(Source.objects.filter(pk__in=ids).values_list("pk", "title"))


def default_before(explainer: Explainer, options: list[Choice]) -> str:
    """What to compare the working version with: what readers see, else the revision before the last."""
    live = explainer.snapshots.filter(published_at__isnull=False).order_by("-number").first()
    if live is not None:
        return f"v{live.number}"
    saved = [c.key for c in options if c.key.startswith("r")]
    return saved[1] if len(saved) > 1 else (saved[0] if saved else WORKING)
