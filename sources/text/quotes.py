"""Quotations in a clean text and who said them: a named person, a pronoun resolved back, or an organisation."""

import re
from dataclasses import dataclass

from sources.text.people import NAME, VERBS, PersonRef, alias_key, lookup, name_span


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


ORG_NOUNS = (
    "embassy", "ministry", "department", "government", "office", "agency", "administration", "white house",
    "kremlin", "company", "firm", "bank", "council", "commission", "committee", "organisation",
    "organization", "group", "association", "union", "alliance", "institute", "university", "court",
    "parliament", "senate", "congress", "bureau", "authority", "board", "party", "secretariat", "mission",
    "consulate", "high commission", "forum", "coalition", "cabinet", "pentagon", "treasury", "fund",
    "corporation", "foundation", "agency", "directorate", "regulator", "police", "army", "navy",
)
_ORG_NOUN = "(?i:" + "|".join(sorted((re.escape(n) for n in set(ORG_NOUNS)), key=len, reverse=True)) + ")"
_FILLER = r"(?!(?:the|a|an|of|on|in|at|to|and|for|with|that|by|from|as)\b)[a-z][\w-]*"
ORG = (
    rf"(?:[Tt]he[ \t]+)?(?:(?:[A-Z][\w.&'’-]*|{_FILLER})[ \t]+){{0,3}}?{_ORG_NOUN}\b"
    r"(?:[ \t]+of[ \t]+[A-Z][\w]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w]*){0,3})?"
)
ORG_WORD = re.compile(rf"\b{_ORG_NOUN}\b")
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)"
SUBJECT_BEFORE = re.compile(
    rf"(?:(?P<org>{ORG})|(?P<name>{NAME})|(?P<pron>{PRONOUN}))(?:['’]s)?(?:,[^,\n]{{1,80}},)?[ \t]+\Z"
)
VERB = re.compile(rf"\b(?P<verb>{VERBS}|according to)\b")
AFTER_SUBJECT_VERB = re.compile(
    rf"[ \t]*[,.;:!?—–-]?[ \t]*(?:(?P<org>{ORG})|(?P<name>{NAME})|(?P<pron>{PRONOUN}))"
    rf"(?:,[^,\n]{{1,80}},)?[ \t]+(?P<verb>{VERBS})\b"
)
AFTER_VERB_SUBJECT = re.compile(
    rf"[ \t]*[,.;:!?—–-]?[ \t]*(?P<verb>{VERBS}|according to)[ \t]+(?:(?P<org>{ORG})|(?P<name>{NAME})|(?P<pron>{PRONOUN}))"
)
ADJACENT_BEFORE = re.compile(r"[ \t]*(?:,|:|—|–)?[ \t]*(?:that[ \t]+)?\Z")
QUOTE_MARK = re.compile(r"[\"“”]")
SINGLE_OPEN = re.compile(r"(?:(?<=^)|(?<=[\s(\[—–-]))‘(?=\S)")
SENTENCE_END = re.compile(r"[.!?…][\"”’)]*\s+(?=[\"“‘A-Z0-9])")
MIN_WORDS = 5
WINDOW = 160


def find_quotations(text: str, people: list[PersonRef]) -> list[Quotation]:
    table = lookup(people)
    events = _events(text)
    history: list[_Speaker] = []
    for event in events:
        if not event.pronoun:
            speaker = _resolve(event.subject, table, event.subject_start)
            if speaker is not None:
                history.append(speaker)
    mentions = sorted((m.start, person.name) for person in people for m in person.mentions)
    quotations = []
    for open_at, close_at in quoted_spans(text):
        quotation = _attribute(text, open_at, close_at, events, table, history, mentions)
        if quotation is not None:
            quotations.append(quotation)
            history.append(_Speaker(quotation.speaker, quotation.speaker_kind, quotation.start))
    return quotations


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
    for verb in VERB.finditer(text):
        line_start = text.rfind("\n", 0, verb.start()) + 1
        window_start = max(line_start, verb.start() - WINDOW)
        subject = SUBJECT_BEFORE.search(text[window_start : verb.start()])
        if subject is None:
            continue
        pronoun = (subject.group("pron") or "").lower()
        phrase = subject.group("org") or subject.group("name") or ""
        events.append(
            _Event(window_start + subject.start(), verb.start(), verb.end(), verb.group(), phrase, pronoun)
        )
    return events


def _resolve(phrase: str, table: dict[str, PersonRef], at: int) -> _Speaker | None:
    """A named subject: a known person (by any alias, surname or first name), an organisation, or a new name."""
    words = phrase.split()
    for skip in range(len(words)):
        key = alias_key(" ".join(words[skip:]))
        if key in table:
            return _Speaker(table[key].name, "person", at)
    if ORG_WORD.search(phrase) and phrase[:1].isalpha():
        return _Speaker(re.sub(r"^[Tt]he\s+", "", phrase).strip(), "organization", at)
    span = name_span(phrase, 0)
    if span is not None and len(span[0].split()) >= 2:
        return _Speaker(span[0], "person", at)
    return None


def _pronoun_speaker(
    pronoun: str, at: int, history: list[_Speaker], mentions: list[tuple[int, str]]
) -> _Speaker | None:
    """He/she: the last named person speaking before `at`; it: the last named organisation."""
    kind = "organization" if pronoun == "it" else "person" if pronoun in {"he", "she"} else ""
    if not kind:
        return None
    earlier = [s for s in history if s.at < at and s.kind == kind]
    if earlier:
        return max(earlier, key=lambda s: s.at)
    if kind == "person":
        named = [(start, name) for start, name in mentions if start < at]
        if named:
            return _Speaker(named[-1][1], "person", named[-1][0])
    return None


def _speaker_from(
    match: re.Match[str], at: int, table: dict[str, PersonRef], history: list[_Speaker], mentions
) -> _Speaker | None:
    if match.group("pron"):
        return _pronoun_speaker(match.group("pron").lower(), at, history, mentions)
    return _resolve(match.group("org") or match.group("name"), table, at)


# --- Attribution --------------------------------------------------------------------------------------------


def _attribute(
    text: str,
    open_at: int,
    close_at: int,
    events: list[_Event],
    table: dict[str, PersonRef],
    history: list[_Speaker],
    mentions: list[tuple[int, str]],
) -> Quotation | None:
    start, end = _inner(text, open_at, close_at)
    if end <= start:
        return None
    short = len(text[start:end].split()) < MIN_WORDS
    # A quote closing on a full stop ends its sentence: what follows is a new sentence, not its attribution.
    found = None if text[close_at - 1] == "." else _attribution_after(text, close_at + 1, table, history, mentions)
    if found is None:
        found = _attribution_before(text, open_at, events, table, history, mentions, adjacent_only=short)
    if found is None and not short:
        found = _previous_sentence(text, open_at, events, table, history, mentions)
    if found is None:
        return None
    speaker, verb = found
    return Quotation(text[start:end], start, end, speaker.name, speaker.kind, verb)


def _attribution_after(text, position, table, history, mentions) -> tuple[_Speaker, str] | None:
    """`"…," he said.` / `"…," said Rubio.` / `"…", it said,`: the attribution right after the closing mark."""
    limit = min(len(text), position + WINDOW)
    for pattern in (AFTER_SUBJECT_VERB, AFTER_VERB_SUBJECT):
        match = pattern.match(text, position, limit)
        if match is None or "\n" in text[position : match.start("verb")]:
            continue
        speaker = _speaker_from(match, position, table, history, mentions)
        if speaker is not None:
            return speaker, match.group("verb").lower()
    return None


def _attribution_before(
    text, open_at, events, table, history, mentions, *, adjacent_only: bool
) -> tuple[_Speaker, str] | None:
    """`Jaishankar said, "…"` or `the embassy said it would "…"`: a reporting verb earlier in the sentence."""
    sentence_start = _sentence_start(text, open_at)
    for event in reversed(events):
        if event.verb_end > open_at or event.subject_start < sentence_start:
            continue
        if adjacent_only and not ADJACENT_BEFORE.match(text[event.verb_end : open_at]):
            return None
        speaker = _event_speaker(event, table, history, mentions)
        return (speaker, event.verb.lower()) if speaker else None
    return None


def _previous_sentence(text, open_at, events, table, history, mentions) -> tuple[_Speaker, str] | None:
    """`Rubio recalled that … . "It gained momentum …"`: the speaker of the sentence just before the quote."""
    line_start = text.rfind("\n", 0, open_at) + 1
    lead = text[line_start:open_at].rstrip()
    if not lead or lead[-1] not in ".!?:…\"”":
        return None
    previous_start = _sentence_start(text, len(lead) + line_start - 1)
    for event in reversed(events):
        if previous_start <= event.subject_start and event.verb_end <= open_at:
            speaker = _event_speaker(event, table, history, mentions)
            if speaker is not None:
                return speaker, event.verb.lower()
    return None


def _event_speaker(event: _Event, table, history, mentions) -> _Speaker | None:
    if event.pronoun:
        return _pronoun_speaker(event.pronoun, event.subject_start, history, mentions)
    return _resolve(event.subject, table, event.subject_start)


def _sentence_start(text: str, position: int) -> int:
    """Start of the sentence holding `position`, within its paragraph (quoted text is skipped over)."""
    line_start = text.rfind("\n", 0, position) + 1
    start = line_start
    inside = False
    for index in range(line_start, position):
        char = text[index]
        if char in "\"“”":
            inside = not inside if char == '"' else char == "“"
        elif not inside and char in ".!?" and SENTENCE_END.match(text, index):
            start = index + 1
    return start
