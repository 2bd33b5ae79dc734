"""Marking evidence in text: the phrases of a sentence no cited passage backs, and the words of a
passage that back a sentence. Text is escaped first; only the marks are markup."""

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from explainers import wording
from explainers.services import support
from sources.text.terms import MARKER, backing_spans

register = template.Library()


def _marked(text: str, spans, css: str) -> SafeString:
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue
        out.append(escape(text[at:start]))
        out.append(f'<mark class="{css}">{escape(text[start:end])}</mark>')
        at = end
    out.append(escape(text[at:]))
    return mark_safe("".join(out))  # noqa: S308  (every piece of text is escaped above)


def phrase_spans(text: str, phrases) -> list[tuple[int, int]]:
    """Where each phrase stands in `text` (first occurrence after the previous one)."""
    spans, at = [], 0
    for phrase in phrases:
        start = text.find(phrase, at)
        if start < 0:
            start = text.find(phrase)
        if start >= 0:
            spans.append((start, start + len(phrase)))
            at = start + len(phrase)
    return spans


@register.simple_tag
def unbacked_marked(claim) -> SafeString:
    """The sentence with the phrases no cited passage backs marked."""
    text = MARKER.sub("", claim.text)
    return _marked(text, phrase_spans(text, claim.unbacked or ()), "unbacked")


@register.simple_tag
def backing_marked(citation, sentence: str) -> SafeString:
    """The cited passage with the words that back the sentence marked."""
    passage = citation.passage or citation.quote
    return _marked(passage, backing_spans(sentence, passage, support.known_aliases()), "backing")


@register.simple_tag
def says(label: str, unbacked=()) -> str:
    return wording.says(label, unbacked)


@register.filter
def listing(terms) -> str:
    """“a”, “b” or “c”."""
    return wording.listing(terms or ())
