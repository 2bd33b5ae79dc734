"""Plain words for what a passage backs of a sentence, shared by the admin, the desk and public pages."""

from sources.text.terms import PARTIAL, SUPPORTED, UNSUPPORTED


def listing(terms) -> str:
    terms = [f"“{t}”" for t in terms]
    if len(terms) <= 1:
        return "".join(terms)
    return ", ".join(terms[:-1]) + " or " + terms[-1]


def says(label: str, unbacked=()) -> str:
    """What a source says of a sentence: "says this", "says part of this (not: …)", "doesn't say this"."""
    if label == SUPPORTED:
        return "says this"
    if label == PARTIAL:
        return f"says part of this (not: {listing(unbacked)})" if unbacked else "says part of this"
    if label == UNSUPPORTED:
        return "doesn't say this"
    return ""


def sentence_note(label: str, unbacked=(), *, cited: bool = True) -> str:
    """The explanation a reader gets for a marked sentence."""
    if label == PARTIAL and unbacked:
        return f"The sources cited here don't mention {listing(unbacked)}."
    if label == PARTIAL:
        return "The sources cited here back only part of this sentence."
    if label == UNSUPPORTED and not cited:
        return "No source cited here says this."
    if label == UNSUPPORTED:
        return "The sources cited here don't say this."
    return ""
