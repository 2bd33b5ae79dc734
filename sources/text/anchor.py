"""Quote anchoring: find a quoted passage again in a source text (exact, normalised, fuzzy)."""

import hashlib
from dataclasses import dataclass

from rapidfuzz import fuzz

from sources.text.normalize import normalize

EXACT = "exact"
NORMALIZED = "normalized"
FUZZY = "fuzzy"
NOT_FOUND = "not_found"

CONTEXT_WIDTH = 32
FUZZY_THRESHOLD = 0.85
# Weights of a candidate's evidence when a quote occurs more than once (as Hypothesis weighs them).
WEIGHT_PREFIX, WEIGHT_SUFFIX, WEIGHT_POSITION = 20.0, 20.0, 2.0


@dataclass(frozen=True)
class Anchor:
    status: str
    start: int | None = None
    end: int | None = None
    score: float = 0.0
    prefix: str = ""
    suffix: str = ""

    @property
    def is_found(self) -> bool:
        return self.status != NOT_FOUND


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def context(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> tuple[str, str]:
    return text[max(0, start - width) : start], text[end : end + width]


def _found(text: str, status: str, start: int, end: int, score: float) -> Anchor:
    prefix, suffix = context(text, start, end)
    return Anchor(status, start, end, round(score, 4), prefix, suffix)


def _similarity(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return fuzz.ratio(a, b) / 100.0


def _best_candidate(
    text: str, starts: list[int], length: int, prefix: str, suffix: str, hint: int | None
) -> int:
    if len(starts) == 1:
        return starts[0]

    def weight(start: int) -> float:
        before, after = context(text, start, start + length, max(len(prefix), len(suffix), 1))
        value = WEIGHT_PREFIX * _similarity(before[-len(prefix) :] if prefix else "", prefix)
        value += WEIGHT_SUFFIX * _similarity(after[: len(suffix)] if suffix else "", suffix)
        if hint is not None:
            value += WEIGHT_POSITION * (1.0 - min(abs(start - hint), len(text)) / max(len(text), 1))
        return value

    return max(starts, key=weight)


def _occurrences(haystack: str, needle: str) -> list[int]:
    found, at = [], haystack.find(needle)
    while at != -1:
        found.append(at)
        at = haystack.find(needle, at + 1)
    return found


def anchor_quote(
    text: str,
    quote: str,
    *,
    prefix: str = "",
    suffix: str = "",
    start: int | None = None,
    end: int | None = None,
    fuzzy_threshold: float = FUZZY_THRESHOLD,
) -> Anchor:
    """Locate `quote` in `text`, using the stored selector (prefix/suffix) and position as hints."""
    if not quote.strip() or not text:
        return Anchor(NOT_FOUND)
    # 1. Fast path: the stored position still holds the quote.
    if start is not None and end is not None and text[start:end] == quote:
        return _found(text, EXACT, start, end, 1.0)
    # 2. Every exact occurrence, the best by context and position.
    starts = _occurrences(text, quote)
    if starts:
        best = _best_candidate(text, starts, len(quote), prefix, suffix, start)
        return _found(text, EXACT, best, best + len(quote), 1.0)
    # 3. Normalised search with offsets mapped back to the original text.
    norm_text, norm_quote = normalize(text), normalize(quote)
    if not norm_quote.text:
        return Anchor(NOT_FOUND)
    norm_starts = _occurrences(norm_text.text, norm_quote.text)
    if norm_starts:
        hint = None if start is None else _norm_index(norm_text.origin, start)
        best = _best_candidate(
            norm_text.text,
            norm_starts,
            len(norm_quote.text),
            normalize(prefix).text,
            normalize(suffix).text,
            hint,
        )
        s, e = norm_text.span_in_source(best, best + len(norm_quote.text))
        return _found(text, NORMALIZED, s, e, 1.0)
    # 4. Fuzzy search, first near the old position, then across the whole text.
    return _fuzzy(text, norm_text, norm_quote.text, start, fuzzy_threshold)


def _norm_index(origin: tuple[int, ...], original_index: int) -> int:
    lo, hi = 0, len(origin)
    while lo < hi:
        mid = (lo + hi) // 2
        if origin[mid] < original_index:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _fuzzy(text, norm_text, norm_quote: str, start: int | None, threshold: float) -> Anchor:
    haystack = norm_text.text
    windows = []
    if start is not None:
        centre = _norm_index(norm_text.origin, start)
        reach = 2 * len(norm_quote)
        windows.append((max(0, centre - reach), min(len(haystack), centre + len(norm_quote) + reach)))
    windows.append((0, len(haystack)))
    for lo, hi in windows:
        window = haystack[lo:hi]
        if len(window) < len(norm_quote) * 0.5:
            continue
        alignment = fuzz.partial_ratio_alignment(norm_quote, window, score_cutoff=threshold * 100)
        if alignment is None:
            continue
        s_norm, e_norm = lo + alignment.dest_start, lo + alignment.dest_end
        if e_norm <= s_norm:
            continue
        s, e = norm_text.span_in_source(s_norm, e_norm)
        return _found(text, FUZZY, s, e, alignment.score / 100.0)
    return Anchor(NOT_FOUND)


def word_diff(quote: str, passage: str) -> list[tuple[str, str]]:
    """How a quote differs from the passage it was matched to, word by word.

    ("same", text), ("source", text) for words only the source has (its own spelling: shown as
    [sic], never silently corrected) and ("quote", text) for words only the quote has.
    """
    import difflib

    a, b = quote.split(), passage.split()
    parts: list[tuple[str, str]] = []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(b[b1:b2])))
            continue
        if a2 > a1:
            parts.append(("quote", " ".join(a[a1:a2])))
        if b2 > b1:
            parts.append(("source", " ".join(b[b1:b2])))
    return parts
