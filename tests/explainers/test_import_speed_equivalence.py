"""The import's evidence and support are what they were before the evidence search was made faster.

A fixed corpus (the seeds with their curation file, then generated stories in two runs, so the second
run also searches the sources of the first through the database) is imported, and every claim's
support and every citation's passage and support are compared with a fingerprint recorded from the
code before the speed-up. A different passage chosen, a different offset or a different label fails.

When a change is meant to alter what the import produces, record the fingerprint again:
    RECORD_IMPORT_FINGERPRINT=1 .venv/bin/python -m pytest tests/explainers/test_import_speed_equivalence.py
"""

import json
import os
import tempfile
from pathlib import Path

import pytest

from bench.generate import generate
from explainers.importing import import_documents, import_texts
from explainers.models import Claim

pytestmark = pytest.mark.django_db(transaction=False)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FINGERPRINT = ROOT / "tests" / "data" / "import_fingerprint.json"
RUNS = ((120, 7, "a"), (64, 11, "b"))  # documents, generator seed, name prefix


def generated(count: int, seed: int, prefix: str) -> list[tuple[str, str]]:
    with tempfile.TemporaryDirectory() as folder:
        generate(Path(folder), count, seed=seed)
        return [(f"{prefix}-{p.name}", p.read_text(encoding="utf-8")) for p in sorted(Path(folder).iterdir())]


def fingerprint() -> list[list]:
    """Each claim's kind, text, support and unbacked terms, with its citations' passages and support."""
    rows = []
    claims = Claim.objects.prefetch_related("citations__source").order_by("pk")
    for claim in claims:
        citations = sorted(
            [
                c.source.origin_file,
                c.start,
                c.end,
                c.origin,
                c.origin_ref,
                c.support,
                None if c.support_score is None else round(c.support_score, 4),
                list(c.unbacked),
            ]
            for c in claim.citations.all()
        )
        rows.append([claim.kind, claim.text, claim.support, list(claim.unbacked), citations])
    return sorted(rows, key=json.dumps)


def test_evidence_and_support_are_unchanged_on_a_fixed_corpus():
    import_documents([SEEDS], root=SEEDS, max_bytes=5 * 1024 * 1024)
    for count, seed, prefix in RUNS:
        import_texts(generated(count, seed, prefix))
    found = fingerprint()
    if os.environ.get("RECORD_IMPORT_FINGERPRINT"):
        lines = ",\n".join(json.dumps(row, ensure_ascii=False) for row in found)
        FINGERPRINT.write_text(f"[\n{lines}\n]\n", encoding="utf-8")
        pytest.skip(f"fingerprint recorded in {FINGERPRINT}")
    expected = json.loads(FINGERPRINT.read_text(encoding="utf-8"))
    assert len(found) == len(expected)
    changed = [(old, new) for old, new in zip(expected, found, strict=True) if old != new]
    assert changed == []
