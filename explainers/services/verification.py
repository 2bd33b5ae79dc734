"""Re-anchoring citations in their sources' current text, one source or many at a time."""

from dataclasses import dataclass, field

from django.db import transaction

from explainers.models import Citation


@dataclass
class VerificationResult:
    checked: int = 0
    changed: int = 0
    by_status: dict[str, int] = field(default_factory=dict)

    def count(self, citation: Citation, changed: bool) -> None:
        self.checked += 1
        self.changed += int(changed)
        self.by_status[citation.status] = self.by_status.get(citation.status, 0) + 1


def verify_citations(citations, *, force: bool = False) -> VerificationResult:
    """Re-anchor each citation; only those whose anchor changed are written (and bump their version)."""
    result = VerificationResult()
    with transaction.atomic():
        for citation in citations.select_related("source"):
            changed = citation.reanchor(force=force)
            if changed:
                citation.save(
                    update_fields=[
                        "status",
                        "start",
                        "end",
                        "score",
                        "prefix",
                        "suffix",
                        "text_hash",
                        "verified_at",
                    ]
                )
            result.count(citation, changed)
    return result


def reanchor_source(source) -> VerificationResult:
    citations = Citation.objects.filter(source=source).exclude(text_hash=source.text_hash)
    return verify_citations(citations)
