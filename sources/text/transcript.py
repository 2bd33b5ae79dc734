"""Transcripts: lines opened by a speaker label ("GOV. CASTELLANOS:", "Q:", "REPORTER (KCRA):").

Each labelled turn of a story's person is that person's words; a questioner's turn (the lexicon's
`quotes.questioners`) is not a quotation. A text is a transcript only when at least two lines carry
a label.
"""

import functools
import re
from dataclasses import dataclass

from sources.text.lexicon import Lexicon

# A label in capitals ("GOV. CASTELLANOS:") or in title case ("Sarah Lindqvist:", "Interviewer:").
LABEL = re.compile(
    r"(?m)^[ \t]*(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])][ \t]*)?"
    r"(?P<label>(?P<words>[A-Z][A-Za-zÀ-ÿ.'’-]*(?:[ \t]+[A-Z][A-Za-zÀ-ÿ.'’-]*){0,4})"
    r"(?:[ \t]*\((?P<outlet>[^)\n]{1,40})\))?)"
    r"[ \t]*:[ \t]+(?P<body>\S[^\n]*)$"
)
WORD = re.compile(r"[A-Z][A-Za-zÀ-ÿ'’-]*\.?")
PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")


@dataclass(frozen=True)
class Turn:
    label: str
    name: str  # the person the label names, in title case ("" for a bare title or a questioner)
    title: str  # the title words of the label, in title case ("Gov.")
    name_start: int
    name_end: int
    start: int  # the turn's words
    end: int
    is_question: bool


@dataclass(frozen=True, eq=False)
class TranscriptGrammar:
    questioners: frozenset[str]
    titles: frozenset[str]
    headings: frozenset[str]


@functools.cache
def transcript_grammar(lex: Lexicon) -> TranscriptGrammar:
    return TranscriptGrammar(
        lex.words("quotes.questioners"), lex.words("quotes.label_titles"), lex.words("quotes.label_headings")
    )


def _is_speaker_label(
    match: re.Match[str], label: str, labels: list[str], grammar: TranscriptGrammar
) -> bool:
    """A label in capitals names a speaker; one in title case ("Contact: Press Office") only when it
    comes back ("Sarah Lindqvist:" at each of her turns) or names a questioner ("Interviewer:")."""
    words = match.group("words")
    if words.upper() == words or label.split()[0] in grammar.questioners:
        return True
    return labels.count(label) > 1 and len(PROSE_WORD.findall(match.group("body"))) >= 3  # not "Phone: 044 …"


def _is_heading(match: re.Match[str], labels: list[str], grammar: TranscriptGrammar) -> bool:
    """ "SUBJECTS: buybacks; cultural flows." heads the transcript: a known heading word, or a lone
    word used once whose line is a list (items between semicolons), not something a person said."""
    words = match.group("words").casefold().rstrip(".")
    if words in grammar.headings:
        return True
    if " " in words or labels.count(words) > 1 or words.rstrip(".") in grammar.titles:
        return False
    return ";" in match.group("body")


def turns(text: str, grammar: TranscriptGrammar) -> list[Turn]:
    """The labelled turns of `text`, or [] when it is not a transcript."""
    matches = list(LABEL.finditer(text))
    labels = [match.group("words").casefold().rstrip(".") for match in matches]
    matches = [
        match
        for match, label in zip(matches, labels, strict=True)
        if not _is_heading(match, labels, grammar) and _is_speaker_label(match, label, labels, grammar)
    ]
    if len(matches) < 2:
        return []
    found = []
    for match in matches:
        words = match.group("words")
        key = words.casefold().rstrip(".")
        is_question = key in grammar.questioners or key.split()[0].rstrip(".") in grammar.questioners
        title, name_words = [], []
        for word in WORD.finditer(words):
            bare = word.group().casefold()
            if not name_words and (bare in grammar.titles or bare.rstrip(".") in grammar.titles):
                title.append(word)
            else:
                name_words.append(word)
        name = " ".join(w.group().rstrip(".").capitalize() for w in name_words)
        start = match.start("words") + name_words[0].start() if name_words else match.start("words")
        end = match.start("words") + name_words[-1].end() if name_words else start
        found.append(
            Turn(
                match.group("label"),
                "" if is_question else name,
                " ".join(w.group().capitalize() for w in title),
                start,
                end,
                match.start("body"),
                match.end("body"),
                is_question,
            )
        )
    return found
