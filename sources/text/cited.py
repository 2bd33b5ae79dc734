"""Cited-explainer structure: sentences with their [n] markers, headings, pull quotes, closing analysis."""

from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from sources.text.normalize import normalize_plain
from sources.text.sentences import (
    BULLET,
    BULLET_AT,
    CITATION,
    CLOSE_QUOTES,
    COMMA,
    HEADING_MAX_WORDS,
    LINE,
    MARKER,
    OPEN_QUOTES,
    RANGE,
    SPACE_BEFORE_PUNCT,
    SPACES,
    TERMINAL,
    closed_quote,
    paragraph_spans,
    split_sentences,
)

CONTAINED_MIN_WORDS = 6  # a quoted pull quote found inside a longer sentence: at least this many words


@dataclass(frozen=True)
class CitedSentence:
    text: str
    refs: tuple[int, ...]
    start: int
    end: int


@dataclass(frozen=True)
class CitedBlock:
    kind: str
    sentences: tuple[CitedSentence, ...]
    text: str = ""

    @property
    def refs(self) -> tuple[int, ...]:
        """Every reference number cited in the block, first appearance first."""
        return tuple(dict.fromkeys(ref for sentence in self.sentences for ref in sentence.refs))


# Sentence splitting lives in sentences.py; these names stay importable from here.
__all__ = ["line_spans", "paragraph_spans", "parse_cited_explainer", "split_sentences"]


def has_citation_markers(text: str) -> bool:
    return CITATION.search(text) is not None


def parse_refs(numbers: str) -> tuple[int, ...]:
    """`1, 2` -> (1, 2); `1–3` -> (1, 2, 3)."""
    refs: list[int] = []
    for part in COMMA.split(numbers.strip()):
        span = RANGE.fullmatch(part)
        if span:
            low, high = int(span.group(1)), int(span.group(2))
            refs.extend(range(low, high + 1) if 0 < high - low < 50 else (low, high))
        elif part.isdigit():
            refs.append(int(part))
    return tuple(dict.fromkeys(refs))


def strip_markers(text: str) -> tuple[str, tuple[int, ...]]:
    """The sentence with its [n] markers removed and whitespace tidied, and the numbers in order."""
    refs: list[int] = []
    for match in MARKER.finditer(text):
        refs.extend(parse_refs(match.group(1)))
    tidy = SPACE_BEFORE_PUNCT.sub(r"\1", SPACES.sub(" ", MARKER.sub("", text))).strip()
    return tidy, tuple(dict.fromkeys(refs))


def is_heading(paragraph: str) -> bool:
    """A short line without sentence punctuation: a section heading."""
    line = MARKER.sub("", paragraph).strip()
    if not line or "\n" in line or BULLET.match(line):
        return False
    if line[-1] in TERMINAL + ",;" or closed_quote(line) or line[0] in OPEN_QUOTES:
        return False
    return len(line.split()) <= HEADING_MAX_WORDS and line[0].isupper()


def parse_cited_explainer(text: str) -> list[CitedBlock]:
    """The explainer's blocks in order. A pull quote repeats a sentence of another paragraph, placed
    before or after it: it becomes a pull-quote block, never a second paragraph citing the same claim."""
    paragraphs = [
        (
            start,
            end,
            tuple(_cited_sentence(text, start + s, start + e) for s, e in split_sentences(text[start:end])),
        )
        for start, end in paragraph_spans(text)
    ]
    # Each sentence's comparison key and plain form, computed once for every paragraph's check.
    keyed = [[(_key(s.text), normalize_plain(s.text)) for s in p[2]] for p in paragraphs]
    blocks: list[CitedBlock] = []
    for index, (start, end, sentences) in enumerate(paragraphs):
        paragraph = text[start:end]
        if is_heading(paragraph):
            blocks.append(CitedBlock("heading", (), MARKER.sub("", paragraph).strip()))
            continue
        others = [pair for i, pairs in enumerate(keyed) if i != index for pair in pairs]
        pull = _pull_quote(text, start, end, others)
        if pull is not None:
            blocks.append(CitedBlock("pullquote", (pull,)))
            continue
        blocks.append(CitedBlock("paragraph", sentences))
    return _mark_analysis(blocks)


def _cited_sentence(text: str, start: int, end: int) -> CitedSentence:
    bullet = BULLET_AT.match(text, start, end)
    if bullet:
        start = bullet.end()
    tidy, refs = strip_markers(text[start:end])
    return CitedSentence(tidy, refs, start, end)


def _key(sentence: str) -> str:
    return normalize_plain(sentence.strip(OPEN_QUOTES + CLOSE_QUOTES)).rstrip(".").strip()


def _pull_quote(text: str, start: int, end: int, others: list[tuple[str, str]]) -> CitedSentence | None:
    """One sentence standing alone (no reference of its own) that repeats another paragraph's words:
    a whole sentence of it, or, in quotation marks, the quoted words a sentence there opens with
    (“…,” the minister said). With quotation marks or without."""
    stripped, refs = strip_markers(text[start:end])
    if refs or len(stripped) < 3 or len(split_sentences(stripped)) > 1:
        return None
    quoted = stripped[0] in OPEN_QUOTES and stripped[-1] in CLOSE_QUOTES
    inner = stripped[1:-1] if quoted else stripped
    if any(mark in inner for mark in '"“”'):
        return None
    key = _key(inner)
    words = len(key.split())
    if words < 4:
        return None
    repeats = any(fuzz.ratio(key, other) >= (85 if quoted else 95) for other, _ in others)
    if not repeats and quoted and words >= CONTAINED_MIN_WORDS:
        repeats = any(key in plain for _, plain in others)
    if not repeats:
        return None
    if not quoted:
        inner_start = start + len(text[start:end]) - len(text[start:end].lstrip())
        return CitedSentence(stripped, (), inner_start, inner_start + len(text[start:end].strip()))
    inner_start = text.index(stripped[0], start) + 1
    inner_end = text.rindex(stripped[-1], start, end)
    return CitedSentence(inner.strip(), (), inner_start, inner_end)


def _mark_analysis(blocks: list[CitedBlock]) -> list[CitedBlock]:
    """Uncited paragraphs after the last cited one are the writer's own analysis."""
    cited = [index for index, block in enumerate(blocks) if block.kind == "paragraph" and block.refs]
    if not cited:
        return blocks
    return [
        replace(block, kind="analysis") if index > cited[-1] and block.kind == "paragraph" else block
        for index, block in enumerate(blocks)
    ]


def line_spans(source_text: str) -> list[tuple[int, int]]:
    """Sentence spans cut again at line breaks: a heading or list item is never glued to prose."""
    spans = []
    for start, end in split_sentences(source_text):
        for line in LINE.finditer(source_text, start, end):
            if line.group().strip():
                spans.append(
                    (
                        line.start() + len(line.group()) - len(line.group().lstrip()),
                        line.end() - (len(line.group()) - len(line.group().rstrip())),
                    )
                )
    return spans
