"""Corroboration by independent publishers: a syndicated copy or a summary does not count twice."""

from django.db.models import Count
from django.db.models.functions import Coalesce


def independent_publisher(source) -> int:
    """The publisher a source stands for: the original's, for copies and summaries of it."""
    return source.derived_from.publisher_id if source.derived_from_id else source.publisher_id


def independent_publisher_count(citations) -> int:
    return len({independent_publisher(c.source) for c in citations})


def independent_publishers_annotation(prefix: str = "citations__"):
    """A `Count` of independent publishers, for `annotate()` on claims."""
    return Count(
        Coalesce(f"{prefix}source__derived_from__publisher", f"{prefix}source__publisher"), distinct=True
    )
