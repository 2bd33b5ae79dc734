"""`<q>{{ citation.quote|unquoted }}</q>`: a quote without the quotation marks that enclose it, since
`<q>` draws its own (a quote cut from a quotation would otherwise open with two marks); a quotation
inside it takes single marks, as a quote within a quote does."""

from django import template

register = template.Library()

PAIRS = {"“": "”", "‘": "’", "«": "»", "„": "“", '"': '"', "'": "'"}
OPENING = "“‘«„\"'"
CLOSING = "”’»\"'"


def unquoted(text: str) -> str:
    """`text` without enclosing quotation marks, or a lone opening or closing one at its ends; a
    mark that opens or closes a quotation inside it stays."""
    text = (text or "").strip()
    if len(text) < 2:
        return text
    first, last = text[0], text[-1]
    inner = text[1:-1]
    if first in PAIRS and last == PAIRS[first] and not _has(inner, first, PAIRS[first]):
        return inner.strip()
    if first in OPENING and not _has(text[1:], first, PAIRS[first]):
        text = text[1:].lstrip()
    if (
        text
        and text[-1] in CLOSING
        and not any(text[-1] == close and _has(text[:-1], o, close) for o, close in PAIRS.items())
    ):
        text = text[:-1].rstrip()
    return _nested(text)


def _nested(text: str) -> str:
    """Double quotation marks inside a quote as single ones: “He said, ‘yes’ today”."""
    if '"' not in text and "“" not in text and "”" not in text:
        return text
    out, opened = [], False
    for ch in text:
        if ch == "“" or (ch == '"' and not opened):
            out.append("‘")
            opened = True
        elif ch == "”" or (ch == '"' and opened):
            out.append("’")
            opened = False
        else:
            out.append(ch)
    return "".join(out)


def _has(text: str, opening: str, closing: str) -> bool:
    """Whether `text` holds a mark of the pair (an apostrophe inside a word is not one)."""
    for i, ch in enumerate(text):
        if ch in (opening, closing):
            if ch in "'’" and 0 < i < len(text) - 1 and text[i - 1].isalnum() and text[i + 1].isalnum():
                continue  # don't, India's: an apostrophe
            return True
    return False


register.filter("unquoted", unquoted)
