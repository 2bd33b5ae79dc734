"""Re-anchoring citations in their sources' current text, one source or many at a time."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from explainers.models import Citation
from sources.models import Source


@dataclass
class VerificationResult:
    checked: int = 0
    changed: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def count(self, citation: Citation, changed: bool) -> None:
        self.checked += 1
        self.changed += int(changed)
        self.by_status[citation.status] = self.by_status.get(citation.status, 0) + 1


ANCHOR_FIELDS = ["status", "start", "end", "score", "prefix", "suffix", "text_hash", "verified_at"]
CHUNK = 2000


def verify_citations(citations, *, force: bool = False) -> VerificationResult:
    """Re-anchor each citation; only those whose anchor changed are written (and bump their version).

    Each source is read once, however many citations point into it; citations whose anchor held
    only get their `verified_at` refreshed, in bulk.
    """
    result = VerificationResult()
    now = timezone.now()
    with transaction.atomic():
        source_ids = citations.order_by().values("source_id").distinct()
        sources = {s.pk: s for s in Source.objects.filter(pk__in=source_ids).only("pk", "text", "text_hash")}
        held = []
        for citation in citations.order_by("pk").iterator(chunk_size=CHUNK):
            citation.source = sources[citation.source_id]
            changed = citation.reanchor(force=force)
            if not changed:
                held.append(citation.pk)
            if changed:
                citation.save(update_fields=ANCHOR_FIELDS)
            result.count(citation, changed)
        for start in range(0, len(held), CHUNK):
            Citation.objects.filter(pk__in=held[start : start + CHUNK]).update(verified_at=now)
    return result


def reanchor_source(source) -> VerificationResult:
    citations = Citation.objects.filter(source=source).exclude(text_hash=source.text_hash)
    return verify_citations(citations)
