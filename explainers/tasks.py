"""Background work (Django's tasks framework): imports started from the admin run here, never in a request."""

from django.contrib.auth import get_user_model
from django.tasks import task
from django.utils import timezone

from explainers.importing import ImportFailed, ImportResult, import_texts
from explainers.models import ImportRun
from sources.models import Source


@task()
def run_import(run_id: int) -> str:
    run = ImportRun.objects.get(pk=run_id)
    ImportRun.objects.filter(pk=run.pk).update(status=ImportRun.Status.RUNNING, progress="starting")
    user = get_user_model().objects.filter(pk=run.created_by_id).first()

    def progress(message: str) -> None:
        ImportRun.objects.filter(pk=run.pk).update(progress=message.strip()[:300])

    texts = [(d["name"], d["text"]) for d in run.documents]
    try:
        result = import_texts(texts, dry_run=run.dry_run, publish=run.publish, progress=progress, by=user)
    except ImportFailed as failure:
        _finish(run, ImportRun.Status.FAILED, {"problems": failure.problems})
        return "refused"
    except Exception as error:  # reported on the run's page; the import wrote nothing (one transaction)
        _finish(
            run,
            ImportRun.Status.FAILED,
            {"problems": [f"the import stopped: {type(error).__name__}: {error}"]},
        )
        raise
    _finish(run, ImportRun.Status.DONE, report_of(result, [name for name, _ in texts]))
    return "done"


def _finish(run: ImportRun, status: str, report: dict) -> None:
    ImportRun.objects.filter(pk=run.pk).update(
        status=status, report=report, progress="", finished_at=timezone.now()
    )


def report_of(result: ImportResult, names: list[str]) -> dict:
    """What the command prints, and per document what the import found (dry run or not)."""
    summary = result.summary
    sources = (
        {}
        if result.dry_run
        else dict(Source.objects.filter(origin_file__in=names).values_list("origin_file", "pk"))
    )
    documents = []
    for name in names:
        found = summary.found.get(name, {})
        quotes = found.get("quotes", [])
        documents.append(
            {
                "name": name,
                "source": sources.get(name),
                "title": found.get("title", name),
                "dates": found.get("dates", []),
                "people": sorted({q.split(":", 1)[0] for q in quotes} - {"speaker unknown"}),
                "quotes": quotes,
                "removed": found.get("removed", 0),
                "doubts": found.get("doubts", []),
                "notes": [note for note in summary.notes if note.startswith(f"{name}:")],
            }
        )
    return {
        "dry_run": result.dry_run,
        "counts": [
            [model, c.created, c.updated, c.unchanged, c.kept] for model, c in sorted(summary.counts.items())
        ],
        "kept": summary.kept,
        "notes": summary.notes,
        "explainers": [
            {"title": e.title, "slug": e.slug, "published": e.published, "problems": e.problems}
            for e in result.explainers
        ],
        "documents": documents,
    }
