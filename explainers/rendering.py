"""Citation numbering and the reference list, computed at render time from prefetched rows.

One number per source, in order of first appearance; every marker gets its own anchor so a
reference can link back to each place that cites it (like Wikipedia's ^ a b).
"""

from dataclasses import dataclass, field
from string import ascii_lowercase

from explainers import wording
from explainers.models import Block
from explainers.presentation import CitationView, ClaimView, ExplainerView, Records, claim_view

UNMARKED_BLOCKS = {Block.Kind.PULLQUOTE, Block.Kind.HEADING}


def backlink_label(index: int) -> str:
    """a, b, … z, aa, ab, …: the label of the index-th place citing one reference."""
    label = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        label = ascii_lowercase[rest] + label
    return label


@dataclass
class Marker:
    n: int
    anchor: str
    citations: list[CitationView]


@dataclass
class Reference:
    n: int
    source: object
    citations: list[CitationView] = field(default_factory=list)
    backlinks: list[tuple[str, str]] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return f"ref-{self.n}"

    def add(self, citation: CitationView) -> None:
        if all(c.pk != citation.pk for c in self.citations):
            self.citations.append(citation)

    @property
    def passages(self) -> list["Passage"]:
        """The citations as readers list them: a passage two sentences cite is quoted once, and
        knows every citation of it (a marker's link to the reference marks the passages it cites)."""
        shown: dict[object, Passage] = {}
        for citation in self.citations:
            key = (citation.start, citation.end) if citation.is_found else citation.quote
            if key in shown:
                shown[key].anchors.append(citation.anchor)
            else:
                shown[key] = Passage(citation, [citation.anchor])
        return list(shown.values())


@dataclass
class Passage:
    citation: CitationView
    anchors: list[str]  # the anchors of every citation quoting it


@dataclass
class Difference:
    """A reviewed disagreement between sources that sentences of the explainer touch."""

    topic: str
    label: str
    note: str
    sides: list[dict]

    @property
    def anchor(self) -> str:
        return f"differ-{self.topic}"


@dataclass
class Sentence:
    claim: ClaimView
    markers: list[Marker]
    differs: list[Difference] = field(default_factory=list)
    position: int = 0  # unique on the page: anchors of this occurrence of the sentence

    @property
    def refs(self) -> list[int]:
        return [m.n for m in self.markers]

    @property
    def mark(self) -> str:
        """ "partial" or "unsupported" for a fact or quote readers should read with care, else ""."""
        claim = self.claim
        if not claim.needs_citation or claim.is_retracted:
            return ""
        if claim.decision_note and not claim.citations:
            return "unverified"
        return claim.support if claim.support in ("partial", "unsupported") else ""

    @property
    def note(self) -> str:
        """The plain-words explanation of the mark, for hover, focus and tap."""
        if self.mark == "unverified":
            return self.claim.decision_note
        note = wording.sentence_note(self.mark, self.claim.unbacked, cited=bool(self.claim.citations))
        if self.claim.decision_note:
            note += " " + self.claim.decision_note
        return note


@dataclass
class BlockView:
    kind: str
    text: str


@dataclass
class RenderedBlock:
    block: BlockView
    sentences: list[Sentence]
    show_markers: bool


@dataclass
class RenderedExplainer:
    explainer: ExplainerView
    blocks: list[RenderedBlock]
    references: list[Reference]
    differences: list[Difference] = field(default_factory=list)

    @property
    def unverified(self) -> list[Sentence]:
        """Sentences an editor decided to publish without a confirmed citation, each once."""
        seen, found = set(), []
        for block in self.blocks:
            for sentence in block.sentences:
                if sentence.claim.decision_note and sentence.claim.pk not in seen:
                    seen.add(sentence.claim.pk)
                    found.append(sentence)
        return found

    @property
    def sources(self) -> list:
        return [ref.source for ref in self.references]


def render_explainer(explainer: ExplainerView, content: dict, records: Records) -> RenderedExplainer:
    """Number the sources of an explainer's content (a published version or a preview)."""
    claims = {key: claim_view(data, records) for key, data in content["claims"].items()}
    differences = [
        Difference(topic, d["label"], d["note"], d["sides"])
        for topic, d in content.get("differs", {}).items()
    ]
    touching = {
        int(claim_id): [x for x in differences if int(claim_id) in content["differs"][x.topic]["claims"]]
        for claim_id in claims
    }
    references: dict[int, Reference] = {}
    blocks, position = [], 0
    for block in content["blocks"]:
        show = block["kind"] not in UNMARKED_BLOCKS
        sentences = []
        for claim_id in block["items"]:
            claim = claims[str(claim_id)]
            by_source: dict[int, list[CitationView]] = {}
            for citation in claim.citations:
                by_source.setdefault(citation.source_id, []).append(citation)
            markers = []
            for source_id, citations in by_source.items():
                if not show:
                    # Pull quotes repeat cited sentences: their sources are numbered where cited.
                    ref = references.get(source_id)
                    if ref:
                        markers.append(Marker(ref.n, "", citations))
                    continue
                ref = references.get(source_id)
                if ref is None:
                    ref = references[source_id] = Reference(len(references) + 1, citations[0].source)
                for citation in citations:
                    ref.add(citation)
                label = backlink_label(len(ref.backlinks))
                anchor = f"cite-{ref.n}-{label}"
                ref.backlinks.append((anchor, label))
                markers.append(Marker(ref.n, anchor, citations))
            markers.sort(key=lambda m: m.n)
            position += 1
            sentences.append(Sentence(claim, markers, touching.get(claim.pk, []) if show else [], position))
        blocks.append(RenderedBlock(BlockView(block["kind"], block["text"]), sentences, show))
    return RenderedExplainer(explainer, blocks, sorted(references.values(), key=lambda r: r.n), differences)
