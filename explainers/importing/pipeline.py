"""The import pipeline, flowing one way and all or nothing: read files → parse (pure) → read what the
database holds and find evidence (reads only) → plan (pure) → write (one writer per aggregate) →
publish (through the workflow service)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection, transaction

from explainers import editlog, search
from explainers.actor import Operator, acting_as
from explainers.importing.curation import Curation, CurationError, load_curation, sentence_matches
from explainers.importing.evidence import find_evidence, library_for
from explainers.importing.existing import read_existing
from explainers.importing.files import Document, DocumentError, collect_paths, read_document
from explainers.importing.parse import ParsedDocument, parse_document
from explainers.importing.plan import plan_import, plan_sources
from explainers.importing.publish import ExplainerOutcome, judge_explainer, publish_records
from explainers.importing.records import Summary
from explainers.importing.write import write_plan
from explainers.services import support
from explainers.services.publishing import PublicRecordLocked
from sources.models import Source
from sources.models.sources import sha256
from sources.text.anchor import anchor_quote

LOCK_ID = 0x5EED_1A0  # pg_advisory_xact_lock key: one import at a time
OPERATOR = Operator("import_seeds --publish")


class ImportFailed(Exception):
    """The import wrote nothing; `problems` holds one line per problem."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


class _DryRun(Exception):
    pass


@dataclass
class ImportResult:
    documents: int = 0
    dry_run: bool = False
    summary: Summary = field(default_factory=Summary)
    explainers: list[ExplainerOutcome] = field(default_factory=list)


Progress = Callable[[str], None]


def import_documents(
    paths: list[Path],
    *,
    root: Path,
    max_bytes: int,
    dry_run: bool = False,
    publish: bool = False,
    progress: Progress | None = None,
    by=None,
) -> ImportResult:
    """Import `paths`; with `publish`, publish what passes the integrity rules as `by` (default: the
    operator running the command). Without it, the import changes nothing readers see."""
    say = progress or (lambda message: None)
    files, curation_files, problems = collect_paths(paths, root)
    documents = []
    for path in files:
        try:
            documents.append(read_document(path, max_bytes=max_bytes))
        except DocumentError as error:
            problems.append(str(error))
    if not files and not problems:
        problems.append(f"{', '.join(map(str, paths))}: no documents to import")
    curation = Curation()
    if len(curation_files) > 1:
        problems.append(f"{', '.join(map(str, curation_files))}: more than one curation file; keep one")
    elif curation_files:
        try:
            curation = load_curation(curation_files[0])
        except CurationError as error:
            problems.extend(error.problems)
    if problems:
        raise ImportFailed(problems)

    return _import(documents, curation, dry_run=dry_run, publish=publish, say=say, by=by)


def import_texts(
    texts: list[tuple[str, str]],
    *,
    dry_run: bool = False,
    publish: bool = False,
    progress: Progress | None = None,
    by=None,
) -> ImportResult:
    """Import documents already read and decoded (pasted or uploaded in the admin): (name, text) pairs."""
    if not texts:
        raise ImportFailed(["no documents to import"])
    documents = [Document(path=Path(name), name=name, raw_text=text) for name, text in texts]
    return _import(
        documents, Curation(), dry_run=dry_run, publish=publish, say=progress or (lambda m: None), by=by
    )


def _import(
    documents, curation: Curation, *, dry_run: bool, publish: bool, say: Progress, by
) -> ImportResult:
    parsed, duplicates = _parse_all(documents, curation, say)
    problems = check_curation(curation, parsed)
    if problems:
        raise ImportFailed(problems)

    result = ImportResult(documents=len(documents), dry_run=dry_run)
    result.summary.notes.extend(duplicates)
    say(f"writing the records of {len(parsed)} document(s)")
    actor = (by or OPERATOR) if publish else by
    try:
        with transaction.atomic(), acting_as(actor), editlog.quiet():
            _lock()
            existing = read_existing(parsed, curation)
            sources, notes = plan_sources(parsed, curation, existing)
            library = library_for(parsed, sources)
            evidence = find_evidence(parsed, library, curation)
            plan = plan_import(parsed, curation, existing, sources, evidence, notes)
            result.summary.notes.extend(plan.notes)
            result.summary.found.update(plan.found)
            # Support is assessed once per claim at the end, after the search index is written.
            with support.deferred(), search.deferred():
                registry, explainers = write_plan(plan, result.summary, library=library)
                if publish:
                    publish_records(plan, registry, result.summary.notes)
                result.explainers = [
                    judge_explainer(explainer, entry.accept, publish=publish)
                    for entry, explainer in explainers
                ]
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    except PublicRecordLocked as locked:
        raise ImportFailed(
            [
                f"{locked.instance._meta.verbose_name} “{locked.instance}”: readers see it, so the import may "
                "change it only with --publish (a publisher's decision)"
            ]
        ) from None
    return result


def _parse_all(documents, curation: Curation, say: Progress) -> tuple[list[ParsedDocument], list[str]]:
    parsed, seen, duplicates = [], {}, []
    step = max(1, len(documents) // 10)
    for number, document in enumerate(documents, 1):
        digest = sha256(document.raw_text)
        if digest in seen:
            duplicates.append(f"{document.name}: same text as {seen[digest]}; imported once")
            continue
        seen[digest] = document.name
        locale, additions = curation.reading(document.name, document.raw_text)
        parsed.append(parse_document(document, locale=locale, additions=additions))
        if len(documents) >= 50 and number % step == 0:
            say(f"  read {number}/{len(documents)} documents")
    return parsed, duplicates


def check_curation(curation: Curation, parsed: list[ParsedDocument]) -> list[str]:
    """Every fact's quote must be found in its source; every document it names must exist."""
    if curation.path is None:
        return []
    texts = {p.name: p.text for p in parsed}
    missing = curation.referenced_documents() - set(texts)
    if missing:
        texts.update(Source.objects.filter(origin_file__in=missing).values_list("origin_file", "text"))
    name = curation.path.name
    problems = [
        f"{name}: names {document}, which is neither in this import nor imported before"
        for document in sorted(curation.referenced_documents() - set(texts))
    ]
    for evidence in curation.evidence():
        text = texts.get(evidence.source)
        if text is not None and not anchor_quote(text, evidence.quote).is_found:
            problems.append(
                f"{name}: {evidence.where}: quote not found in {evidence.source}: “{evidence.quote}”"
            )
    by_name = {p.name: p for p in parsed}
    for entry in curation.explainers.values():
        document = by_name.get(entry.document)
        if document is None:
            continue
        sentences = [s.text for block in document.blocks for s in block.sentences]
        wanted = [(c.evidence.where, c.sentence) for c in entry.citations]
        wanted += [(d.where, d.sentence) for d in entry.unverified]
        for where, words in wanted:
            found = {s for s in sentences if sentence_matches(words, s)}
            if len(found) != 1:
                problems.append(
                    f"{name}: {where}: “{words}” is "
                    + ("in no sentence" if not found else f"in {len(found)} sentences")
                    + f" of {entry.document}; quote words of exactly one"
                )
    return problems


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_ID])
