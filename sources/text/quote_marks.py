"""Where quotations open and close: curly and straight marks, single inside double, British single-
primary quotes, and a quotation running over paragraphs (its opening mark repeated, closed at the end)."""

import re

DOUBLE_OPEN, DOUBLE_CLOSE = '“"«„', '”"»'
# A single mark opens at a word's start and closes where no letter follows (not in "it’s").
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))[‘'](?=\S)", re.MULTILINE)
DOUBLE = re.compile(r"[\"“”«»„]")


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets of each outermost quotation, first first."""
    spans: list[tuple[int, int]] = []
    offset = 0
    paragraphs = text.split("\n")
    index = 0
    while index < len(paragraphs):
        line = paragraphs[index]
        found = _double_spans(line) + _single_spans(line)
        for a, b in found:
            spans.append((offset + a, offset + b))
        # A paragraph that opens a quotation and never closes it continues into the next paragraph
        # that opens with the same mark.
        carried = _unclosed_opening(line, found)
        if carried is not None:
            joined = _run_on(paragraphs, index, offset, carried)
            if joined is not None:
                end, last_index, last_offset = joined
                spans.append((offset + carried, end))
                offset = last_offset + len(paragraphs[last_index]) + 1
                index = last_index + 1
                continue
        offset += len(line) + 1
        index += 1
    return _outermost(sorted(spans))


def _unclosed_opening(line: str, found: list[tuple[int, int]]) -> int | None:
    stripped = line.lstrip()
    if not stripped or stripped[0] not in "“‘\"'":
        return None
    at = len(line) - len(stripped)
    if any(a == at for a, _ in found):
        return None
    return at


def _run_on(paragraphs: list[str], index: int, offset: int, at: int) -> tuple[int, int, int] | None:
    """Where a quotation opened at the start of paragraph `index` and left open closes."""
    mark = paragraphs[index][at]
    closing = {"“": "”", "‘": "’", '"': '"', "'": "'"}[mark]
    position = offset + len(paragraphs[index]) + 1
    for later in range(index + 1, min(len(paragraphs), index + 12)):
        line = paragraphs[later]
        stripped = line.rstrip()
        if not line.strip():
            position += len(line) + 1
            continue
        if line.lstrip()[:1] != mark:
            return None
        closed = stripped.rfind(closing)
        if closed > len(line) - len(line.lstrip()) and (closed == len(stripped) - 1 or mark in '“"'):
            if _balanced_after_open(line, mark, closing):
                position += len(line) + 1
                continue
            return position + closed, later, position
        position += len(line) + 1
    return None


def _balanced_after_open(line: str, mark: str, closing: str) -> bool:
    """Whether the paragraph's own opening mark is left open (the quotation runs on past it)."""
    body = line.lstrip()[1:]
    if mark == closing:
        return body.count(mark) % 2 == 0
    if mark == "‘":
        return _single_close(body, 0) is None
    return body.count(closing) <= body.count(mark)


def _double_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    opened: int | None = None
    for match in DOUBLE.finditer(line):
        mark = match.group()
        if opened is None:
            if mark in DOUBLE_OPEN:
                opened = match.start()
        elif mark in "“«„" and mark != line[opened]:
            opened = match.start()  # a stray opener: start again from the later one
        elif mark in DOUBLE_CLOSE:
            spans.append((opened, match.start()))
            opened = None
    return spans


def _single_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    for match in SINGLE_OPEN.finditer(line):
        close = _single_close(line, match.end(), match.group())
        if close is not None:
            spans.append((match.start(), close))
    return spans


def _single_close(line: str, start: int, opening: str = "‘") -> int | None:
    closing = "’" if opening == "‘" else "'"
    at = line.find(closing, start)
    while at != -1:
        if at + 1 >= len(line) or not line[at + 1].isalpha():
            # "workers’ union": a plural possessive closes nothing when a letter came right before
            # and the next word is lower-case with the quotation unbalanced; accept the first close.
            return at if at > start else None
        at = line.find(closing, at + 1)
    return None


def _outermost(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quotations inside another quotation (“…” inside ‘…’) are part of it, not quotations of their own."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            continue  # inside the earlier quotation, or overlapping its marks: the earlier one stands
        kept.append((start, end))
    return kept
