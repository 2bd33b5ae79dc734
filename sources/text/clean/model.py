"""What the cleaner returns (`Cleaned`, `Removal`) and the lines and units it works on."""

import bisect
from dataclasses import dataclass

from sources.text.doubts import Doubt


@dataclass(frozen=True)
class Removal:
    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...]
    headline: str = ""
    # (clean_start, raw_start, length) for every run of clean text copied unchanged from the raw text.
    segments: tuple[tuple[int, int, int], ...] = ()
    # Kept lines that look like furniture (short, repeated, link-like, label-like) but no rule removed.
    doubts: tuple[Doubt, ...] = ()

    def removed_kinds(self) -> set[str]:
        return {removal.kind for removal in self.removed}

    def of_kind(self, kind: str) -> tuple[Removal, ...]:
        return tuple(removal for removal in self.removed if removal.kind == kind)

    def raw_offset(self, offset: int) -> int:
        """The raw offset of clean offset `offset` (a separator maps to the start of what follows it)."""
        if not self.segments:
            return offset
        starts = [segment[0] for segment in self.segments]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        clean_start, raw_start, length = self.segments[index]
        if offset < clean_start + length:
            return raw_start + max(offset - clean_start, 0)
        if index + 1 < len(self.segments):
            return self.segments[index + 1][1]
        return raw_start + length

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of a clean span, e.g. to store a quotation's position in the original page."""
        if end <= start:
            at = self.raw_offset(start)
            return at, at
        return self.raw_offset(start), self.raw_offset(end - 1) + 1


@dataclass
class Line:
    start: int
    raw: str
    plain: str
    blank_before: bool
    # A cell of a multi-column block (a signature block): a paragraph of its own, joined only to the
    # cell above it in its column when it carries on its phrase ("… Carbon Capture" / "and the Offshore Estate").
    is_cell: bool = False
    column: int = -1
    # How a word hyphenated at this line's end joins the next line: "drop" the hyphen, "keep" it, or "".
    hyphen: str = ""


@dataclass
class Unit:
    pieces: list[tuple[int, int]]
    text: str
    hard_break_before: bool
    is_cell: bool = False
    column: int = -1
    glued: bool = False  # continues the previous unit's word (a line-end hyphenation)
