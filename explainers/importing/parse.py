"""Reading one document with the pure text functions: clean text, metadata, people, quotes, cited blocks."""

from dataclasses import dataclass, field

from explainers.importing.files import Document
from sources.text.cited import CitedBlock, has_citation_markers, parse_cited_explainer
from sources.text.clean import Cleaned, clean_text
from sources.text.doubts import Doubt
from sources.text.metadata import Metadata, extract_metadata
from sources.text.people import PersonRef, find_people
from sources.text.quotes import Quotation, find_quotations


@dataclass
class ParsedDocument:
    document: Document
    cleaned: Cleaned
    metadata: Metadata
    people: list[PersonRef]
    quotations: list[Quotation]
    blocks: list[CitedBlock] | None
    # What the import could not establish (no date, headline guessed, speaker unknown…), for the report.
    doubts: tuple[Doubt, ...] = field(default=())

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def text(self) -> str:
        return self.cleaned.text


def parse_document(document: Document) -> ParsedDocument:
    cleaned = clean_text(document.raw_text)
    metadata = extract_metadata(document.raw_text, cleaned)
    people = find_people(cleaned.text, byline_authors=metadata.authors)
    cited = has_citation_markers(cleaned.text)
    quotations = [] if cited else find_quotations(cleaned.text, people)
    blocks = parse_cited_explainer(cleaned.text) if cited else None
    return ParsedDocument(document, cleaned, metadata, people, quotations, blocks)
