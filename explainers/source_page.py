"""What a source's page shows: its text with the passages published explainers cite highlighted, each
passage linked back to the sentences citing it, and anchors for every other published citation.

Only an explainer's confirmed citations are highlighted: the passages an agreement record or a claim's
own page cites get an anchor (their "Read the passage" links land on them, emphasised) but no colour,
so what the explainers rest on stands out. Passages may overlap or cross paragraphs: the text is cut
into nested pieces, each passage one element where it can be, several where it must (the first piece
carries the anchor, every piece says which passage it belongs to).
"""

from dataclasses import dataclass, field
from types import SimpleNamespace

from django.urls import reverse

from explainers import visibility
from explainers.models import PublicCitation, PublicClaim, Snapshot
from explainers.presentation import CitationView, ClaimView, Records, claim_view
from explainers.rendering import render_explainer

PARAGRAPH = "\n\n"


@dataclass(frozen=True)
class CitingSentence:
    """A sentence of a published explainer that cites a passage: where it is and what it says."""

    explainer: str  # the explainer's title
    url: str  # the sentence's marker on the explainer's page
    text: str
    n: int  # the source's reference number in that explainer


@dataclass
class Passage:
    citation: CitationView
    claim: ClaimView
    highlighted: bool  # cited by a published explainer
    sentences: list[CitingSentence] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return self.citation.anchor


@dataclass(frozen=True)
class Token:
    """One step of a paragraph: text, a passage piece opening (`open`), or closing (`close`)."""

    text: str = ""
    open: Passage | None = None
    close: Passage | None = None
    anchor: str = ""  # on the passage's first piece only
    backlinks: tuple[CitingSentence, ...] = ()  # after the passage's last piece

    @property
    def tag(self) -> str:
        passage = self.open or self.close
        return "mark" if passage and passage.highlighted else "span"


@dataclass
class Explainer:
    title: str
    url: str
    sentences: list[tuple[CitingSentence, list[Passage]]] = field(default_factory=list)  # in its order


@dataclass
class SourcePage:
    paragraphs: list[list[Token]]
    explainers: list[Explainer]  # where the highlighted passages are cited
    others: list[Passage]  # passages only agreement records and claims' pages cite


def source_page(source) -> SourcePage:
    """The page of `source` as readers see it now (a bounded number of queries, whatever its size)."""
    public = visibility.public_snapshots()
    snapshots = list(
        public.explainers()
        .filter(pk__in=PublicCitation.objects.filter(source=source).values("snapshot_id"))
        .order_by("-first_published_at", "-pk")
        .only("pk", "slug", "title", "content")
    )
    passages: dict[int, Passage] = {}
    explainers = []
    for snapshot in snapshots:
        explainer = Explainer(snapshot.title, reverse("explainers:detail", kwargs={"slug": snapshot.slug}))
        for sentence, passage in _cited_in(snapshot, source, passages):
            if explainer.sentences and explainer.sentences[-1][0] == sentence:
                explainer.sentences[-1][1].append(passage)
            else:
                explainer.sentences.append((sentence, [passage]))
        if explainer.sentences:
            explainers.append(explainer)
    others = [p for p in _record_passages(source, public) if p.citation.pk not in passages]
    every = [p for p in [*passages.values(), *others] if p.citation.is_found]
    return SourcePage(nested_paragraphs(source.text, every), explainers, others)


def _cited_in(snapshot: Snapshot, source, passages: dict[int, Passage]):
    """(sentence, passage) for each place the explainer version `snapshot` cites `source`."""
    content = snapshot.content
    # Numbering needs every source the version cites, but only this one's record: the others stand in.
    ids = {c["source"] for claim in content["claims"].values() for c in claim["citations"]}
    records = Records(sources={pk: source if pk == source.pk else SimpleNamespace(pk=pk) for pk in ids})
    rendered = render_explainer(None, content, records)
    for block in rendered.blocks:
        if not block.show_markers:
            continue
        for sentence in block.sentences:
            for marker in sentence.markers:
                for citation in marker.citations:
                    if citation.source_id != source.pk or not marker.anchor:
                        continue
                    passage = passages.get(citation.pk)
                    if passage is None:
                        passage = passages[citation.pk] = Passage(citation, sentence.claim, True)
                    citing = CitingSentence(
                        snapshot.title,
                        reverse("explainers:detail", kwargs={"slug": snapshot.slug}) + f"#{marker.anchor}",
                        sentence.claim.text,
                        marker.n,
                    )
                    passage.sentences.append(citing)
                    yield citing, passage


def _record_passages(source, public) -> list[Passage]:
    """Passages of `source` that published agreement records and claims' pages cite, in text order."""
    rows = (
        PublicCitation.objects.filter(
            source=source, snapshot__in=public.exclude(kind=Snapshot.Kind.EXPLAINER)
        )
        .order_by("start", "citation_id", "-snapshot__published_at")
        .values_list("snapshot_id", "claim_id", "citation_id")
    )
    chosen, seen = [], set()
    for snapshot_id, claim_id, citation_id in rows:
        if citation_id not in seen:
            seen.add(citation_id)
            chosen.append((snapshot_id, claim_id, citation_id))
    if not chosen:
        return []
    claims = {
        (row.snapshot_id, row.claim_id): row.data
        for row in PublicClaim.objects.filter(
            snapshot_id__in={s for s, _, _ in chosen}, claim_id__in={c for _, c, _ in chosen}
        )
    }
    records = Records(sources={source.pk: source})
    found = []
    for snapshot_id, claim_id, citation_id in chosen:
        data = claims.get((snapshot_id, claim_id))
        if data is None:
            continue
        claim = claim_view(data, records)
        citation = next((c for c in claim.citations if c.pk == citation_id), None)
        if citation is not None:
            found.append(Passage(citation, claim, False))
    return found


def nested_paragraphs(text: str, passages: list[Passage]) -> list[list[Token]]:
    """`text` cut into paragraphs of tokens, each passage's span one element where the passages
    nest, and split into pieces where they cross each other or a paragraph break."""
    spans = sorted(
        (
            (max(p.citation.start, 0), min(p.citation.end, len(text)), p)
            for p in passages
            if p.citation.start is not None and p.citation.end is not None
        ),
        key=lambda s: (s[0], -s[1], s[2].anchor),
    )
    spans = [s for s in spans if s[0] < s[1]]
    paragraphs: list[list[Token]] = []
    at = 0
    while at <= len(text):
        end = text.find(PARAGRAPH, at)
        end = len(text) if end < 0 else end
        if text[at:end].strip():
            inside = [(max(s, at), min(e, end), p) for s, e, p in spans if s < end and e > at]
            paragraphs.append(_tokens(text, at, end, inside))
        at = end + len(PARAGRAPH)
    _mark_ends(paragraphs)
    return paragraphs


def _tokens(text: str, lo: int, hi: int, spans: list) -> list[Token]:
    """Tokens of text[lo:hi] with `spans` (sorted by start, longest first) as nested elements."""
    tokens: list[Token] = []
    at = lo
    pending = sorted(spans, key=lambda s: (s[0], -s[1], s[2].anchor))
    while pending:
        start, end, passage = pending.pop(0)
        if start > at:
            tokens.append(Token(text=text[at:start]))
        start = max(start, at)
        inner, rest = [], []
        for span in pending:
            if span[0] >= end:
                rest.append(span)
            elif span[1] <= end:
                inner.append(span)
            else:  # crosses this passage's end: the part inside nests, the rest goes on after it
                inner.append((span[0], end, span[2]))
                rest.append((end, span[1], span[2]))
        tokens.append(Token(open=passage))
        tokens.extend(_tokens(text, start, end, inner))
        tokens.append(Token(close=passage))
        at = end
        pending = sorted(rest, key=lambda s: (s[0], -s[1], s[2].anchor))
    if hi > at:
        tokens.append(Token(text=text[at:hi]))
    return tokens


def _mark_ends(paragraphs: list[list[Token]]) -> None:
    """The anchor on each passage's first piece; its back-links after its last, gathered onto the
    outermost of passages that end together (so one place says where they are cited)."""
    first, last = {}, {}
    for p, tokens in enumerate(paragraphs):
        for t, token in enumerate(tokens):
            if token.open is not None:
                first.setdefault(token.open.anchor, (p, t))
            if token.close is not None:
                last[token.close.anchor] = (p, t)
    for p, t in first.values():
        token = paragraphs[p][t]
        paragraphs[p][t] = Token(open=token.open, anchor=token.open.anchor)
    ends = {position for position in last.values()}
    for p, tokens in enumerate(paragraphs):
        carried: list[CitingSentence] = []
        for t, token in enumerate(tokens):
            if (p, t) not in ends:
                continue
            for sentence in token.close.sentences:
                if all(sentence.url != s.url for s in carried):
                    carried.append(sentence)
            following = tokens[t + 1] if t + 1 < len(tokens) else None
            if following is not None and following.close is not None and (p, t + 1) in ends:
                continue  # an enclosing passage ends here too: it says where both are cited
            tokens[t] = Token(close=token.close, backlinks=tuple(carried))
            carried = []
