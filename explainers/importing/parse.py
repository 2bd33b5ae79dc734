"""Reading one document, one way: raw text → clean text → document → metadata → people → quotations.

Each stage is a pure function of the earlier stages' results; none calls back into another.
"""

from dataclasses import dataclass, field

from explainers.importing.files import Document
from sources.text.cited import CitedBlock, has_citation_markers, parse_cited_explainer
from sources.text.clean import Cleaned, clean_text
from sources.text.document import TextDocument
from sources.text.doubts import Doubt
from sources.text.lexicon import lexicon
from sources.text.locale import infer_locale
from sources.text.metadata import Metadata, extract_metadata
from sources.text.people import PersonRef, find_people
from sources.text.quotes import Quotation, find_quotations
from sources.text.references import reference_list


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
    locale: str = ""
    # A cited explainer's reference list: {number: entry}, read apart from its body.
    references: dict[int, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.document.name

    @property
    def text(self) -> str:
        return self.cleaned.text


def parse_document(document: Document, *, locale: str = "", additions: dict | None = None) -> ParsedDocument:
    """Read `document`; `locale` (else inferred from the text) and `additions` (a curation file's
    furniture rules) choose the lexicon it is read with."""
    raw = document.raw_text
    lex = lexicon(locale or infer_locale(raw)).extended(additions or {})
    cleaned = clean_text(raw, lex)
    text = TextDocument.read(raw, cleaned, lex)
    metadata = extract_metadata(raw, text)
    people = find_people(text, metadata)
    cited = has_citation_markers(cleaned.text)
    quotations = [] if cited else find_quotations(text, people, metadata)
    blocks, references = None, {}
    if cited:
        body_end, references = reference_list(cleaned.text, lex)
        blocks = parse_cited_explainer(cleaned.text[:body_end])
    doubts = (*cleaned.doubts, *metadata.doubts)
    return ParsedDocument(
        document, cleaned, metadata, people, quotations, blocks, doubts, text.locale, references
    )
