"""A second import of the same documents writes nothing: no row, no revision, no version, in any table."""

import shutil
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=False)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def every_row() -> dict[str, list[tuple]]:
    """Every row of every table (reversion's revisions and versions included), with all its columns."""
    state = {}
    for model in apps.get_models(include_auto_created=True):
        names = [field.attname for field in model._meta.concrete_fields]
        rows = model._default_manager.order_by("pk").values_list(*names)
        state[model._meta.label] = [tuple(map(repr, row)) for row in rows]
    return state


def counts(state: dict) -> dict[str, int]:
    return {label: len(rows) for label, rows in state.items()}


def run(folder: Path) -> str:
    out = StringIO()
    call_command("import_seeds", str(folder), "--root", str(folder.parent), stdout=out)
    return out.getvalue()


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The seeds and a generated story of several documents (reports, notes, briefs, a cited explainer)."""
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from generate import generate
    finally:
        sys.path.remove(str(ROOT / "bench"))
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    generate(folder, 12, seed=11)
    return folder


def test_second_import_changes_nothing_in_any_table(corpus):
    run(corpus)
    before = every_row()
    assert counts(before)["reversion.Version"] > 0 and counts(before)["sources.Source"] == 16
    out = run(corpus)
    after = every_row()
    assert counts(after) == counts(before)
    changed = [label for label in before if before[label] != after[label]]
    assert changed == []  # not a row's content either (updated_at, fingerprints, support checks…)
    assert "Nothing changed" in out


def test_a_changed_document_is_the_only_thing_written_again(corpus):
    run(corpus)
    path = corpus / "00003_summary.txt"
    path.write_text(path.read_text() + "\nA closing line added by the publisher.\n")
    before = every_row()
    out = run(corpus)
    after = every_row()
    assert "Nothing changed" not in out
    assert counts(after)["reversion.Revision"] > counts(before)["reversion.Revision"]
    sources = [row for row in after["sources.Source"] if row not in before["sources.Source"]]
    assert len(sources) == 1 and "00003_summary.txt" in str(sources[0])
