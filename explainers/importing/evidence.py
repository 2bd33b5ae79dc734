"""Finding each cited sentence's evidence before anything is written: this run's texts in memory, earlier
sources through the database's index. It reads and never writes."""

from dataclasses import dataclass, field

from explainers import evidence_search
from explainers.evidence_search import ImportLibrary
from explainers.importing.curation import Curation
from explainers.importing.parse import ParsedDocument
from explainers.importing.references import reference_hints
from explainers.models import Block
from explainers.services import support
from sources.text.people import merge_people

NOT_CITED_BLOCKS = (Block.Kind.ANALYSIS,)


@dataclass(frozen=True)
class DocumentEvidence:
    found: dict = field(default_factory=dict)  # sentence text → evidence_search.Evidence (hints applied)
    hints: dict[int, str] = field(default_factory=dict)  # the original's [n] → its likely document
    curated_refs: frozenset[int] = frozenset()  # the numbers the curation file maps itself
    listed_refs: frozenset[int] = frozenset()  # the numbers the original's reference list names


def library_for(documents: list[ParsedDocument], sources) -> ImportLibrary | None:
    """What the evidence search reads: this run's sources as they will be after it, and earlier ones."""
    if not any(d.blocks for d in documents):
        return None
    return ImportLibrary({s.name: s.text for s in sources}, {s.name: s.title for s in sources})


def find_evidence(
    documents: list[ParsedDocument], library: ImportLibrary | None, curation: Curation
) -> dict[str, DocumentEvidence]:
    """Each cited document's evidence, found in `library`."""
    cited = [d for d in documents if d.blocks]
    if not cited or library is None:
        return {}
    aliases = support.known_aliases().extended(_run_names(documents, curation))
    return {d.name: _document(d, library, aliases, curation) for d in cited}


def _run_names(documents: list[ParsedDocument], curation: Curation) -> list[list[str]]:
    """The names of the people and organisations this run writes, each with its aliases: the database
    does not hold them yet, but the sentences cite the documents that name them."""
    people = merge_people([d.people for d in documents])
    names = [[person.name, *person.aliases] for person in people]
    names += [[entry.name, *entry.aliases] for entry in curation.people.values()]
    names += [
        [entry.name, *([entry.short_name] if entry.short_name else []), *entry.aliases]
        for entry in curation.organizations.values()
    ]
    return names


def _document(document: ParsedDocument, library, aliases, curation: Curation) -> DocumentEvidence:
    """Each fact sentence's evidence, and each [n]'s most likely source (a hint, and provenance).

    The curation file's `references` name a number's source outright; then the original's own
    reference list, by the title it gives; otherwise it is the source that backs most of the
    sentences carrying the number. Hints only break ties.
    """
    entry = curation.explainers.get(document.name)
    sentences = [s for b in document.blocks if b.kind not in NOT_CITED_BLOCKS for s in b.sentences]
    first = {
        s.text: evidence_search.search(s.text, library, aliases=aliases, exclude={document.name})
        for s in sentences
    }
    weights: dict[int, dict[str, float]] = {}
    for sentence in sentences:
        for number in sentence.refs:
            row = weights.setdefault(number, {})
            for found in first[sentence.text].ranked:
                row[found.source] = row.get(found.source, 0.0) + found.weight
    hints = {n: max(row.items(), key=lambda item: (item[1], item[0]))[0] for n, row in weights.items() if row}
    listed = reference_hints(document.references, library.run.titles) if document.references else {}
    hints.update(listed)
    if entry:
        hints.update(entry.references)
    found = {}
    for sentence in sentences:
        hinted = {hints[n] for n in sentence.refs if n in hints}
        evidence = first[sentence.text]
        found[sentence.text] = evidence_search.with_hints(evidence, hinted) if hinted else evidence
    curated = frozenset(entry.references) if entry else frozenset()
    return DocumentEvidence(found, hints, curated, frozenset(listed) - curated)
