"""What the import could not establish about a document: the text stages' doubts, and those its metadata shows."""

from explainers.importing.curation import DocumentEntry
from explainers.importing.parse import ParsedDocument
from sources.text.doubts import HEADLINE_GUESSED, NO_DATE, PUBLISHER_NOT_FOUND, SPEAKER_UNKNOWN, Doubt

OPENING_WORDS = 8


def opening(text: str, words: int = OPENING_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def document_doubts(
    parsed: ParsedDocument, entry: DocumentEntry | None = None, *, title: str = ""
) -> tuple[Doubt, ...]:
    """The document's doubts: those the text stages reported, then those its metadata shows.

    A kind the text stages reported is theirs to say; what the curation file states (a publisher,
    a title) is no longer in doubt. `title` is the title the import will use.
    """
    settled = set()
    if entry and entry.title:
        settled.add(HEADLINE_GUESSED)
    if entry and entry.publisher:
        settled.add(PUBLISHER_NOT_FOUND)
    reported = tuple(doubt for doubt in parsed.doubts if doubt.kind not in settled)
    told = {doubt.kind for doubt in reported}
    meta = parsed.metadata
    derived: list[Doubt] = []
    if meta.published_at is None:
        detail = f"only an “updated” time ({meta.modified_at:%-d %B %Y})" if meta.modified_at else ""
        derived.append(Doubt(NO_DATE, detail))
    if not meta.headline and not (entry and entry.title):
        derived.append(Doubt(HEADLINE_GUESSED, f"“{title}”" if title else ""))
    if not meta.publisher and not (entry and entry.publisher):
        derived.append(Doubt(PUBLISHER_NOT_FOUND))
    for quotation in parsed.quotations:
        if not quotation.speaker:
            derived.append(Doubt(SPEAKER_UNKNOWN, _unknown_speaker(parsed, quotation)))
    kept = [doubt for doubt in derived if doubt.kind not in told]
    merged: list[Doubt] = []
    for doubt in (*reported, *kept):
        if doubt not in merged:
            merged.append(doubt)
    return tuple(merged)


def _unknown_speaker(parsed: ParsedDocument, quotation) -> str:
    """The quote's opening words, and who may have said it: the text stages' candidates, else the
    people named in its paragraph."""
    words = f"“{opening(quotation.text)}”"
    named = quotation.candidates
    if named:
        return f"{words} (perhaps {', '.join(named)})"
    text = parsed.text
    start = text.rfind("\n\n", 0, quotation.start) + 1
    end = text.find("\n\n", quotation.end)
    end = len(text) if end < 0 else end
    candidates = [
        ref.name
        for ref in parsed.people
        if any(start <= mention.start < end for mention in ref.mentions)
        and ref.name not in parsed.metadata.authors
    ]
    return f"{words} (perhaps {', '.join(candidates)})" if candidates else words


def as_stored(doubts) -> list[dict]:
    """Doubts as a source keeps them (JSON) and reports show them."""
    return [{"kind": d.kind, "label": d.label, "detail": d.detail} for d in doubts]
