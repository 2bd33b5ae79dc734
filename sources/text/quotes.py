"""Quotations in a clean text and who said them: a named person, a pronoun resolved back, or an organisation."""

import re
from dataclasses import dataclass

from sources.text.cited import split_sentences
from sources.text.people import (
    NAME,
    REPORTING_VERBS,
    TOKEN,
    VERBS,
    PersonRef,
    alias_key,
    find_words,
    lookup,
    name_span,
)


@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int
    speaker: str
    speaker_kind: str
    attribution: str


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: str
    at: int


@dataclass(frozen=True)
class _Event:
    """A subject with a reporting verb: "The US embassy said", "Rubio recalled", "he said"."""

    subject_start: int
    verb_start: int
    verb_end: int
    verb: str
    subject: str
    pronoun: str
    kind: str = ""


# fmt: off
ORG_NOUNS = (
    "embassy", "ministry", "department", "government", "office", "agency", "administration", "white house",
    "kremlin", "company", "firm", "bank", "council", "commission", "committee", "organisation",
    "organization", "group", "association", "union", "alliance", "institute", "university", "court",
    "parliament", "senate", "congress", "bureau", "authority", "board", "party", "secretariat", "mission",
    "consulate", "high commission", "forum", "coalition", "cabinet", "pentagon", "treasury", "fund",
    "corporation", "foundation", "directorate", "regulator", "police", "army", "navy", "chamber",
    "federation", "spokesperson's office", "think tank",
)
# fmt: on
_ORG_NOUN = "(?i:" + "|".join(sorted((re.escape(n) for n in ORG_NOUNS), key=len, reverse=True)) + ")"
_FILLER = r"(?!(?:the|a|an|of|on|in|at|to|and|for|with|that|by|from|as)\b)[a-z][\w-]*"
ORG = (
    rf"(?:[Tt]he[ \t]+)?(?:(?:[A-Z][\w.&'’-]*|{_FILLER})[ \t]+){{0,3}}?{_ORG_NOUN}\b"
    r"(?:[ \t]+of[ \t]+[A-Z][\w]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w]*){0,3})?"
)
# After "said" a name may come with its whole title: "said Australian Resources Minister Madeleine King".
TITLED_NAME = rf"{NAME}(?:[ \t]+(?:(?:of|for|and|the)[ \t]+)?{TOKEN}){{0,6}}"
ORG_WORD = re.compile(rf"\b{_ORG_NOUN}\b")
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)"
# "a spokesperson for Ford": the organisation speaks through an unnamed representative.
REPRESENTATIVE = (
    r"\b(?:[Aa]n?|[Tt]he)[ \t]+(?:[\w-]+[ \t]+)?(?:spokesperson|spokesman|spokeswoman|official|representative)"
    r"[ \t]+(?:for|of|at|with)[ \t]+(?:the[ \t]+)?(?P<reporg>[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&.'’-]*){0,4})"
)
_APPOSITION = r"(?:,[^,\n]{1,80},)?[ \t]+\Z"
PRONOUN_BEFORE = re.compile(rf"(?P<pron>{PRONOUN}){_APPOSITION}")
NAME_BEFORE = re.compile(rf"(?P<name>{NAME})(?:['’]s)?{_APPOSITION}")
ORG_BEFORE = re.compile(rf"(?P<org>{ORG}){_APPOSITION}")
REPRESENTATIVE_BEFORE = re.compile(rf"(?P<rep>{REPRESENTATIVE}){_APPOSITION}")
VERB_WORDS = (*REPORTING_VERBS, "according to", "According to")
AFTER_SUBJECT_VERB = re.compile(
    rf"[ \t]*[,.;:!?—–-]?[ \t]*(?:(?P<rep>{REPRESENTATIVE})|(?P<org>{ORG})|(?P<name>{NAME})|(?P<pron>{PRONOUN}))"
    rf"(?:,[^,\n]{{1,80}},)?[ \t]+(?P<verb>{VERBS})\b"
)
AFTER_VERB_SUBJECT = re.compile(
    rf"[ \t]*[,.;:!?—–-]?[ \t]*(?P<verb>{VERBS}|according to)[ \t]+"
    rf"(?:(?P<rep>{REPRESENTATIVE})|(?P<org>{ORG})|(?P<name>{TITLED_NAME})|(?P<pron>{PRONOUN}))"
)
LEADING_THE = re.compile(r"^[Tt]he\s+")
ADJACENT_BEFORE = re.compile(r"[ \t]*(?:,|:|—|–)?[ \t]*(?:that[ \t]+)?\Z")
QUOTE_MARK = re.compile(r"[\"“”]")
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\S)")
TERMINAL = set('.!?…:"”’')
MIN_WORDS = 5
WINDOW = 160
SENTENCE_REACH = 1200  # longer "sentences" are run-on text; looking further back only costs time


def find_quotations(text: str, people: list[PersonRef]) -> list[Quotation]:
    context = _Context(text, people)
    for open_at, close_at in quoted_spans(text):
        quotation = context.attribute(open_at, close_at)
        if quotation is not None:
            context.quotations.append(quotation)
            context.history.append(_Speaker(quotation.speaker, quotation.speaker_kind, quotation.start))
    return context.quotations


# --- Quoted spans ------------------------------------------------------------------------------------


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """(opening mark, closing mark) offsets of each double-quoted (or ‘curly single’) span, per paragraph."""
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        spans.extend((offset + a, offset + b) for a, b in _double_spans(line))
        spans.extend((offset + a, offset + b) for a, b in _single_spans(line))
        offset += len(line) + 1
    return sorted(spans)


def _double_spans(line: str) -> list[tuple[int, int]]:
    spans = []
    opened: int | None = None
    for match in QUOTE_MARK.finditer(line):
        mark = match.start()
        if opened is None:
            if match.group() != "”":
                opened = mark
        elif match.group() == "“":
            opened = mark  # a stray opener: start again from the later one
        else:
            spans.append((opened, mark))
            opened = None
    return spans


def _single_spans(line: str) -> list[tuple[int, int]]:
    """‘…’ quotes: a closing ’ is one not followed by a letter (so not an apostrophe as in it’s)."""
    spans = []
    for match in SINGLE_OPEN.finditer(line):
        close = _single_close(line, match.end())
        if close is not None:
            spans.append((match.start(), close))
    return spans


def _single_close(line: str, start: int) -> int | None:
    at = line.find("’", start)
    while at != -1:
        if at + 1 >= len(line) or not line[at + 1].isalpha():
            return at if at > start else None
        at = line.find("’", at + 1)
    return None


def _inner(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


# --- Reporting events and speakers ------------------------------------------------------------------------


def _events(text: str) -> list[_Event]:
    events = []
    for verb_start, verb_end in find_words(text, VERB_WORDS):
        line_start = text.rfind("\n", 0, verb_start) + 1
        subject = _subject_before(text, max(line_start, verb_start - WINDOW), verb_start)
        if subject is None:
            continue
        kind = subject.lastgroup or ""
        pronoun = subject.group(kind).lower() if kind == "pron" else ""
        phrase = "" if pronoun else subject.group(kind) if kind != "rep" else subject.group("reporg")
        verb = text[verb_start:verb_end]
        events.append(
            _Event(
                subject.start(),
                verb_start,
                verb_end,
                verb,
                phrase,
                pronoun,
                "organization" if kind == "rep" else "",
            )
        )
    return events


def _subject_before(text: str, start: int, end: int) -> re.Match[str] | None:
    """The subject right before a reporting verb: a pronoun, an organisation, a name, or "a spokesperson for X"."""
    patterns = [PRONOUN_BEFORE, NAME_BEFORE, REPRESENTATIVE_BEFORE]
    if ORG_WORD.search(text, max(start, end - 80), end):
        patterns.insert(1, ORG_BEFORE)
    for pattern in patterns:
        match = pattern.search(text, start, end)
        if match is not None:
            return match
    return None


class _Context:
    """What attribution needs to know about one text: its people, reporting events and speakers so far."""

    def __init__(self, text: str, people: list[PersonRef]) -> None:
        self.text = text
        self.table = lookup(people)
        # Who each name mention refers to, as find_people decided (it tells apart two people named Menon).
        self.mentions = sorted((m.start, m.end, person.name) for person in people for m in person.mentions)
        self.events = _events(text)
        self.quotations: list[Quotation] = []
        self.history = [
            speaker
            for event in self.events
            if not event.pronoun
            and (speaker := self.resolve(event.subject, event.subject_start, event.kind)) is not None
        ]

    def resolve(self, phrase: str, at: int, kind: str = "") -> _Speaker | None:
        """A named subject: a known person, an organisation, or a new full name."""
        if kind == "organization":
            return _Speaker(phrase, kind, at)
        mentioned = [name for start, end, name in self.mentions if at <= start and end <= at + len(phrase)]
        if mentioned:
            return _Speaker(mentioned[-1], "person", at)
        words = phrase.split()
        for skip in range(len(words)):
            key = alias_key(" ".join(words[skip:]))
            if key in self.table:
                return _Speaker(self.table[key].name, "person", at)
        if ORG_WORD.search(phrase) and phrase[:1].isalpha():
            return _Speaker(LEADING_THE.sub("", phrase).strip(), "organization", at)
        span = name_span(phrase, 0)
        if span is not None and len(span[0].split()) >= 2:
            return _Speaker(span[0], "person", at)
        return None

    def pronoun_speaker(self, pronoun: str, at: int) -> _Speaker | None:
        """He/she: the last named person speaking before `at`; it: the last named organisation."""
        kind = "organization" if pronoun == "it" else "person" if pronoun in {"he", "she"} else ""
        if not kind:
            return None
        earlier = [s for s in self.history if s.at < at and s.kind == kind]
        if earlier:
            return max(earlier, key=lambda s: s.at)
        if kind == "person":
            named = [(start, name) for start, _, name in self.mentions if start < at]
            if named:
                return _Speaker(named[-1][1], "person", named[-1][0])
        return None

    def speaker_from(self, match: re.Match[str], at: int) -> _Speaker | None:
        if match.group("pron"):
            return self.pronoun_speaker(match.group("pron").lower(), at)
        if match.group("rep"):
            return _Speaker(match.group("reporg"), "organization", at)
        phrase = match.group("org") or match.group("name")
        group = "org" if match.group("org") else "name"
        return self.resolve(phrase, match.start(group))

    def event_speaker(self, event: _Event) -> _Speaker | None:
        if event.pronoun:
            return self.pronoun_speaker(event.pronoun, event.subject_start)
        return self.resolve(event.subject, event.subject_start, event.kind)

    def attribute(self, open_at: int, close_at: int) -> Quotation | None:
        start, end = _inner(self.text, open_at, close_at)
        if end <= start:
            return None
        short = len(self.text[start:end].split()) < MIN_WORDS
        # A quote closing on a full stop ends its sentence: what follows is a new sentence, not its attribution.
        found = None if self.text[close_at - 1] == "." else self.after(close_at + 1)
        if found is None:
            found = self.before(open_at, adjacent_only=short)
        if found is None and not short:
            found = self.previous_sentence(open_at)
        if found is None:
            return None
        speaker, verb = found
        return Quotation(self.text[start:end], start, end, speaker.name, speaker.kind, verb)

    def after(self, position: int) -> tuple[_Speaker, str] | None:
        """`"…," he said.` / `"…," said Rubio.` / `"…", it said,`: the attribution right after the closing mark."""
        limit = min(len(self.text), position + WINDOW)
        for pattern in (AFTER_SUBJECT_VERB, AFTER_VERB_SUBJECT):
            match = pattern.match(self.text, position, limit)
            if match is None:
                continue
            speaker = self.speaker_from(match, position)
            if speaker is not None:
                return speaker, match.group("verb").lower()
        return None

    def before(self, open_at: int, *, adjacent_only: bool) -> tuple[_Speaker, str] | None:
        """`Jaishankar said, "…"` or `the embassy said it would "…"`: a reporting verb earlier in the sentence."""
        sentence_start = _sentence_start(self.text, open_at)
        for event in reversed(self.events):
            if event.verb_end > open_at or event.subject_start < sentence_start:
                continue
            if adjacent_only and not ADJACENT_BEFORE.match(self.text[event.verb_end : open_at]):
                return None
            speaker = self.event_speaker(event)
            return (speaker, event.verb.lower()) if speaker else None
        return None

    def previous_sentence(self, open_at: int) -> tuple[_Speaker, str] | None:
        """`Rubio recalled that … . "It gained …"` or `"A," said X. "B."`: the speaker of the sentence before."""
        line_start = max(self.text.rfind("\n", 0, open_at) + 1, open_at - SENTENCE_REACH)
        spans = split_sentences(self.text[line_start:open_at])
        if not spans or self.text[line_start + spans[-1][1] - 1] not in TERMINAL:
            return None
        previous_start = line_start + spans[-1][0]
        for event in reversed(self.events):
            if previous_start <= event.subject_start and event.verb_end <= open_at:
                speaker = self.event_speaker(event)
                if speaker is not None:
                    return speaker, event.verb.lower()
        for quotation in reversed(self.quotations):
            if previous_start <= quotation.start < open_at:
                return _Speaker(
                    quotation.speaker, quotation.speaker_kind, quotation.start
                ), quotation.attribution
        return None


def _sentence_start(text: str, position: int) -> int:
    """Start of the sentence that `position` continues (itself when a new sentence starts there)."""
    line_start = max(text.rfind("\n", 0, position) + 1, position - SENTENCE_REACH)
    spans = split_sentences(text[line_start:position])
    if not spans:
        return position
    start, end = spans[-1]
    if text[line_start + end - 1] in TERMINAL and not text[line_start + end : position].strip():
        return position
    return line_start + start
