"""Citation integrity: what blocks publishing an explainer, what warns, and where sources disagree."""

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Prefetch, Q

from explainers import wording
from explainers.corroboration import independent_publisher_count, independent_publishers_subquery
from explainers.models import BlockClaim, Citation, Claim, DisagreementReview, Explainer
from explainers.services import support
from sources.models import Source
from sources.text.normalize import normalize_plain

RECORD_PREFIX = "record-"  # the agreement's fact-box evidence: lists of values, not rival statements
RELATED = 0.6  # a sentence saying this much of a claim on a disputed topic is about that topic


@dataclass(frozen=True)
class Issue:
    code: str
    message: str
    claim_id: int | None = None
    source_id: int | None = None


@dataclass
class Report:
    problems: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    # What readers will see marked (partly supported, unsupported, published unverified): shown
    # to the publisher, not in the way of publishing.
    notices: list[Issue] = field(default_factory=list)

    @property
    def can_publish(self) -> bool:
        return not self.problems


@dataclass
class Disagreement:
    topic: str
    claims: list[Claim]
    review: DisagreementReview | None

    @property
    def label(self) -> str:
        """What the sources differ on, for readers: the editors' label, else the topic in words."""
        if self.review is not None and self.review.label:
            return self.review.label
        return self.topic.replace("-", " ")

    @property
    def sources(self) -> list[Source]:
        seen = {}
        for claim in self.claims:
            for citation in claim.citations.all():
                seen.setdefault(citation.source_id, citation.source)
        return list(seen.values())


def _label(claim: Claim) -> str:
    text = claim.text if len(claim.text) <= 70 else claim.text[:69] + "…"
    return f"claim #{claim.pk} “{text}”"


def _citations_queryset():
    return Citation.objects.select_related("source__publisher", "source__derived_from")


def explainer_claims(explainer: Explainer) -> list[Claim]:
    items = (
        BlockClaim.objects.filter(block__explainer=explainer)
        .select_related("claim")
        .prefetch_related(Prefetch("claim__citations", queryset=_citations_queryset()))
        .order_by("block__position", "position")
    )
    unique = {}
    for item in items:
        unique.setdefault(item.claim_id, item.claim)
    return list(unique.values())


def explainer_report(explainer: Explainer) -> Report:
    report = Report()
    for name in ("title", "slug", "dek"):
        if not getattr(explainer, name).strip():
            report.problems.append(Issue("missing_field", f"the {name} is empty"))
    claims = explainer_claims(explainer)
    if not claims:
        report.problems.append(Issue("missing_field", "the explainer has no sentences"))
    for claim in claims:
        _check_claim(claim, report)
    _disagreement_issues(claims, report)
    return report


def record_report(subject) -> Report:
    """What blocks publishing an agreement's record or a claim on its own page."""
    claims = Claim.objects.prefetch_related(Prefetch("citations", queryset=_citations_queryset()))
    claims = claims.filter(pk=subject.pk) if isinstance(subject, Claim) else claims.filter(agreement=subject)
    report = Report()
    for claim in claims.order_by("pk"):
        _check_claim(claim, report)
    return report


def _check_claim(claim: Claim, report: Report) -> None:
    citations = list(claim.citations.all())
    # A retraction with its note is published on purpose: the sentence stays, struck through, with
    # the reason. Without a note, or a disputed claim stated as fact, it must not go out.
    retracted_with_note = claim.status == Claim.Status.RETRACTED and claim.note.strip()
    held_back = claim.status in (Claim.Status.RETRACTED, Claim.Status.DISPUTED) and claim.needs_citation
    if held_back and not retracted_with_note:
        report.problems.append(
            Issue(claim.status, f"{_label(claim)} is {claim.get_status_display().lower()}", claim.pk)
        )
    if not claim.needs_citation:
        return
    decided = bool(claim.decision_note.strip())
    if not citations and not decided:
        report.problems.append(
            Issue(
                "uncited",
                f"{_label(claim)} has no citation: cite a source, or decide to publish it unverified, with a note",
                claim.pk,
            )
        )
        return
    for citation in citations:
        where = f"{_label(claim)} cites “{citation.source.title}”"
        if not citation.is_found:
            report.problems.append(
                Issue(
                    "orphan",
                    f"{where}, but its quote is not found in that source",
                    claim.pk,
                    citation.source_id,
                )
            )
        elif citation.status == Citation.Status.FUZZY:
            report.warnings.append(
                Issue(
                    "fuzzy",
                    f"{where} with a fuzzy quote match (score {citation.score:.2f})",
                    claim.pk,
                    citation.source_id,
                )
            )
    confirmed = [c for c in citations if c.is_confirmed and c.is_found]
    if citations and not confirmed and not decided:
        report.problems.append(
            Issue(
                "unconfirmed",
                f"{_label(claim)}: no editor has confirmed a citation — confirm or replace the suggested one, "
                "or decide to publish it unverified, with a note",
                claim.pk,
            )
        )
    if claim.support == Claim.Support.PARTIAL:
        missing = wording.listing(claim.unbacked)
        report.notices.append(
            Issue(
                "partial",
                f"{_label(claim)} is partly supported: the cited passages don't say {missing}",
                claim.pk,
            )
        )
    elif claim.support == Claim.Support.UNSUPPORTED and citations:
        report.notices.append(
            Issue("unsupported", f"{_label(claim)}: the cited passages don't say this", claim.pk)
        )
    if decided and not confirmed:
        report.notices.append(
            Issue(
                "decided",
                f"{_label(claim)} is published unverified: “{claim.decision_note.strip()}”",
                claim.pk,
            )
        )
    if confirmed and independent_publisher_count(confirmed) == 1:
        publisher = confirmed[0].source.publisher.name
        report.warnings.append(
            Issue("single_publisher", f"{_label(claim)} rests on one publisher ({publisher})", claim.pk)
        )


def disagreements(topics=None) -> list[Disagreement]:
    """Topics on which claims citing different sources say different things."""
    claims = (
        Claim.objects.exclude(topic="")
        .exclude(topic__startswith=RECORD_PREFIX)
        .exclude(status=Claim.Status.RETRACTED)
    )
    if topics is not None:
        claims = claims.filter(topic__in=topics)
    claims = claims.prefetch_related(Prefetch("citations", queryset=_citations_queryset())).order_by(
        "topic", "pk"
    )
    by_topic: dict[str, list[Claim]] = {}
    for claim in claims:
        by_topic.setdefault(claim.topic, []).append(claim)
    reviews = {
        r.topic: r
        for r in DisagreementReview.objects.filter(topic__in=by_topic).select_related("reviewed_by")
    }
    found = []
    for topic, group in by_topic.items():
        texts = {normalize_plain(c.text) for c in group}
        sources = {citation.source_id for c in group for citation in c.citations.all()}
        if len(texts) > 1 and len(sources) > 1:
            found.append(Disagreement(topic, group, reviews.get(topic)))
    return found


def disagreement_for(claim: Claim) -> Disagreement | None:
    if not claim.topic or claim.topic.startswith(RECORD_PREFIX):
        return None
    return next(iter(disagreements([claim.topic])), None)


def touched_disagreements(claims, known: list[Disagreement] | None = None) -> dict[int, list[Disagreement]]:
    """For each claim, the recorded disagreements it touches: its topic is one, or it says most of
    what one of the disagreeing claims says."""
    known = disagreements() if known is None else known
    if not known:
        return {}
    aliases = support.known_aliases()
    found: dict[int, list[Disagreement]] = {}
    for claim in claims:
        for disagreement in known:
            related = claim.topic == disagreement.topic or any(
                other.pk != claim.pk
                and support.sentence_support(other.text, [claim.text], aliases).coverage >= RELATED
                for other in disagreement.claims
            )
            if related:
                found.setdefault(claim.pk, []).append(disagreement)
    return found


def _disagreement_issues(claims: list[Claim], report: Report) -> None:
    """A sentence touching a disagreement no editor reviewed may not go out; reviewed, readers see
    that the sources differ."""
    touched = touched_disagreements(claims)
    for claim in claims:
        for disagreement in touched.get(claim.pk, []):
            label = disagreement.label
            if disagreement.review is None:
                report.problems.append(
                    Issue(
                        "disagreement",
                        f"{_label(claim)} touches {label}, on which the sources differ: review the "
                        "disagreement (say what it means for readers) before publishing",
                        claim.pk,
                    )
                )
            else:
                report.notices.append(
                    Issue(
                        "disagreement",
                        f"{_label(claim)}: readers see that the sources differ on {label}",
                        claim.pk,
                    )
                )


@dataclass
class Section:
    """One kind of finding: a page of it, and whether there is more (never a count of everything)."""

    name: str
    title: str
    items: list
    more: bool
    page: int = 1


@dataclass
class SiteReport:
    sections: list[Section]
    disagreements: list[Disagreement]


def _findings() -> dict[str, tuple[str, object]]:
    cited = Claim.objects.filter(kind__in=Claim.CITED_KINDS).exclude(status=Claim.Status.RETRACTED)
    has_citation = Exists(Citation.objects.filter(claim=OuterRef("pk")))
    citations = Citation.objects.select_related("claim", "source")
    used = Citation.objects.filter(source=OuterRef("pk"))
    origin = Explainer.objects.filter(origin_source=OuterRef("pk"))
    return {
        "uncited": ("Facts and quotes without a citation", cited.filter(~has_citation).order_by("-pk")),
        "orphans": ("Quotes not found in their source", citations.orphans().order_by("-pk")),
        "fuzzy": ("Fuzzy quote matches", citations.filter(status=Citation.Status.FUZZY).order_by("-pk")),
        "weak": (
            "Sentences the cited passages don't fully back",
            cited.filter(support__in=[Claim.Support.PARTIAL, Claim.Support.UNSUPPORTED]).order_by("-pk"),
        ),
        "suggested": (
            "Suggested citations no editor has confirmed",
            citations.filter(confirmed_at__isnull=True).order_by("-pk"),
        ),
        "single_publisher": (
            "Claims backed by a single publisher",
            cited.filter(has_citation)
            .annotate(publishers=independent_publishers_subquery())
            .filter(publishers=1)
            .order_by("-pk"),
        ),
        "unused_sources": (
            "Sources nothing cites",
            Source.objects.filter(~Q(Exists(used)), ~Q(Exists(origin)))
            .select_related("publisher")
            .order_by("-pk"),
        ),
    }


SECTION_NAMES = ("uncited", "orphans", "fuzzy", "weak", "suggested", "single_publisher", "unused_sources")


def site_section(name: str, page: int = 1, size: int = 50) -> Section:
    """One page of one kind of finding: `size` rows read (and one more, to know if there are more)."""
    title, queryset = _findings()[name]
    start = (page - 1) * size
    rows = list(queryset[start : start + size + 1])
    return Section(name, title, rows[:size], len(rows) > size, page)


def site_report(limit: int = 20) -> SiteReport:
    """The first rows of each kind of finding, and the disagreements between sources."""
    return SiteReport([site_section(name, 1, limit) for name in SECTION_NAMES], disagreements())
