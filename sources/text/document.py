"""A document's clean text read once: its paragraphs and sentences, and the lexicon it is read with.

Every extraction stage (metadata, people, quotations, cited blocks) takes this object and reads
the spans from it instead of splitting the text again.
"""

import bisect
from dataclasses import dataclass

from sources.text.clean import Cleaned
from sources.text.lexicon import Lexicon
from sources.text.sentences import paragraph_spans, split_sentences


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TextDocument:
    raw: str
    cleaned: Cleaned
    lexicon: Lexicon
    paragraphs: tuple[Span, ...]
    sentences: tuple[Span, ...]
    _sentence_starts: tuple[int, ...]

    @classmethod
    def read(cls, raw: str, cleaned: Cleaned, lexicon: Lexicon) -> "TextDocument":
        text = cleaned.text
        paragraphs = tuple(Span(s, e, text[s:e]) for s, e in paragraph_spans(text))
        sentences = tuple(Span(s, e, text[s:e]) for s, e in split_sentences(text))
        return cls(raw, cleaned, lexicon, paragraphs, sentences, tuple(s.start for s in sentences))

    @property
    def text(self) -> str:
        return self.cleaned.text

    @property
    def locale(self) -> str:
        return self.lexicon.locale

    def sentence_at(self, position: int) -> Span | None:
        """The sentence holding `position` of the clean text, if any."""
        index = bisect.bisect_right(self._sentence_starts, position) - 1
        if index >= 0 and position < self.sentences[index].end:
            return self.sentences[index]
        return None
