"""Corroboration by independent publishers: a syndicated copy or a summary does not count twice."""

from django.db.models import Count
from django.db.models.functions import Coalesce


def independent_publisher(source) -> int:
    """The publisher a source stands for: the original's, for copies and summaries of it."""
    return source.derived_from.publisher_id if source.derived_from_id else source.publisher_id


def citation_publisher(citation) -> int:
    """The independent publisher behind a citation: as its published version recorded it, if it did."""
    frozen = getattr(citation, "independent_publisher_id", None)
    return frozen if frozen is not None else independent_publisher(citation.source)


def independent_publisher_count(citations) -> int:
    return len({citation_publisher(c) for c in citations})


def independent_publishers_annotation(prefix: str = "citations__"):
    """A `Count` of independent publishers, for `annotate()` on claims."""
    return Count(
        Coalesce(f"{prefix}source__derived_from__publisher", f"{prefix}source__publisher"), distinct=True
    )


def independent_publishers_subquery():
    """The same per claim as a correlated subquery: evaluated only for the rows a page reads, where
    `annotate(Count(...))` would group every claim before a LIMIT could apply."""
    from django.db.models import OuterRef, Subquery

    from explainers.models import Claim

    return Subquery(
        Claim.objects.filter(pk=OuterRef("pk"))
        .annotate(n=independent_publishers_annotation())
        .values("n")[:1]
    )


def counted(queryset, field: str = "pk", *, distinct: bool = False):
    """COUNT over a correlated queryset, as a subquery (evaluated for the rows a page reads)."""
    from django.db.models import Func, Subquery

    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    return Subquery(
        queryset.order_by().annotate(n=Func(field, function="COUNT", template=template)).values("n")[:1]
    )


def citation_count_subquery():
    from django.db.models import OuterRef

    from explainers.models import Citation

    return counted(Citation.objects.filter(claim=OuterRef("pk")))
