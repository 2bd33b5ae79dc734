"""Transcripts: lines opened by a speaker label ("GOV. CASTELLANOS:", "Q:", "REPORTER (KCRA):",
"HOST – JANE ROE:", "CLIP – JANE ROE:").

Each labelled turn of a story's person is that person's words. A questioner's turns are not
quotations, under any label form: a questioner's word ("Q:", "PRESENTER:", `quotes.questioners`), a
name joined to one ("HOST – JANE ROE:", "PRESENTER (Jane Roe):"), or a name the page or the text
shows to be the questioner's ("Presenter: Jane Roe" above the transcript, "I'm Jane Roe" in a
presenter's turn, "Thanks, Jane" in the reply to one, a name label taking over the presenter's
turns). A recording played in the programme ("CLIP – NAME:", `quotes.recording_labels`) is the
words of the person it names; a label that names nobody ("MINISTER:", "GUEST:", "A:") stands for
the person the transcript introduced before it. A text is a transcript only when at least two lines carry a label.
"""

import functools
import itertools
import re
from dataclasses import dataclass, replace

from sources.text.lexicon import Lexicon
from sources.text.names import alias_key, name_grammar

# A label in capitals ("GOV. CASTELLANOS:") or in title case ("Sarah Lindqvist:", "Interviewer:"),
# after a word and a dash ("CLIP – NAME:") or in brackets ("[CLIP] NAME:"), or before a parenthesis
# ("REPORTER (KCRA):").
LABEL = re.compile(
    r"(?m)^[ \t]*(?:[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])][ \t]*)?"
    r"(?P<label>(?:\[(?P<tag>[A-Za-z][A-Za-z ]{1,20})\][ \t]*)?(?:(?P<prefix>[A-Z][A-Za-z]*(?:[ \t]+[A-Z][A-Za-z]*)?)(?:[ \t]+[-–—]|[ \t]*[–—])[ \t]*)?"
    r"(?P<words>[A-Z][A-Za-zÀ-ÿ.'’-]*(?:[ \t]+[A-Z][A-Za-zÀ-ÿ.'’-]*){0,4})"
    r"(?:[ \t]*\((?P<outlet>[^)\n]{1,40})\))?)"
    r"[ \t]*:[ \t]+(?P<body>\S[^\n]*)$"
)
# The speaker's label a recording's label opens on: "CLIP: NUR OSMAN: …".
INNER_LABEL = re.compile(r"(?P<words>[A-Z][A-ZÀ-Þ.'’-]+(?:[ \t]+[A-Z][A-ZÀ-Þ.'’-]+){1,4})[ \t]*:[ \t]+")
WORD = re.compile(r"[A-Z][A-Za-zÀ-ÿ'’-]*\.?")
PROSE_WORD = re.compile(r"\b[a-z]{2,}\b")
NAME = r"[A-Z][a-zà-ÿ'’-]+(?:[ \t]+[A-Z][a-zà-ÿ'’-]+){1,3}"
# The presenter introducing themself: "I'm Jane Roe", "my name is Jane Roe".
SELF_INTRODUCED = re.compile(rf"\b(?:I'm|I’m|I am|[Mm]y name is)[ \t]+(?P<name>{NAME})")
# Someone addressed by name at a turn's start or end: "Morning, Jane, and …", "Thanks, Jane."
ADDRESSED = re.compile(
    r"^(?:[\w'’-]+(?:[ \t]+[\w'’-]+){0,2},[ \t]+)?(?P<first>[A-Z][a-zà-ÿ'’-]+)[,.!?]"
    r"|,[ \t]+(?P<last>[A-Z][a-zà-ÿ'’-]+)[.!?]?$"
)

THANKS = re.compile(r"\b(?:thank you|thanks)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Turn:
    label: str
    name: str  # the person the label names, in title case ("" for a bare title or a questioner's word)
    title: str  # the title words of the label, in title case ("Gov.")
    name_start: int
    name_end: int
    start: int  # the turn's words
    end: int
    is_question: bool
    role: str = ""  # the questioner's part the label or the page gives ("Presenter")
    is_recording: bool = False  # a clip played on air: the words of the person it names
    is_answer: bool = False  # "A:", "GUEST:": the words of the person the transcript introduced


@dataclass(frozen=True, eq=False)
class TranscriptGrammar:
    questioners: frozenset[str]
    titles: frozenset[str]
    headings: frozenset[str]
    recordings: frozenset[str]
    answerers: frozenset[str]
    roles: frozenset[str]  # questioners' words that are a part a person plays ("presenter", "host")
    not_a_name: frozenset[str]
    hosted_by: re.Pattern  # "Presenter: Jane Roe" on a line of its own, "hosted by Jane Roe"


@functools.cache
def transcript_grammar(lex: Lexicon) -> TranscriptGrammar:
    roles = lex.words("quotes.questioner_roles")
    alternation = "|".join(re.escape(role) for role in sorted(roles, key=len, reverse=True))
    hosted_by = re.compile(
        rf"(?im)^[ \t]*(?P<role>{alternation})s?[ \t]*[:–—][ \t]*(?P<name>(?-i:{NAME}))[ \t]*$"
        rf"|\b(?P<verb>presented|hosted|moderated|anchored|chaired)[ \t]+by[ \t]+(?P<by>(?-i:{NAME}))"
    )
    return TranscriptGrammar(
        lex.words("quotes.questioners"),
        lex.words("quotes.label_titles"),
        lex.words("quotes.label_headings"),
        lex.words("quotes.recording_labels"),
        lex.words("quotes.answerer_labels"),
        roles,
        name_grammar(lex).not_a_name,
        hosted_by,
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


def turns(text: str, grammar: TranscriptGrammar, raw: str = "") -> list[Turn]:
    """The labelled turns of `text`, or [] when it is not a transcript; `raw` (the page before
    cleaning) may say who presents ("Presenter: Jane Roe" in a header the cleaning took out)."""
    matches = list(LABEL.finditer(text))
    labels = [match.group("words").casefold().rstrip(".") for match in matches]
    matches = [
        match
        for match, label in zip(matches, labels, strict=True)
        if not _is_heading(match, labels, grammar) and _is_speaker_label(match, label, labels, grammar)
    ]
    if len(matches) < 2:
        return []
    return _questioners_named(text, raw, [_turn(match, grammar) for match in matches], grammar)


def _turn(match: re.Match[str], grammar: TranscriptGrammar) -> Turn:
    """One label read: its questioner's or recording word, then the person it names and their title."""
    role, is_question, is_recording, is_answer = "", False, False, False
    name_part, name_at = "", 0
    for group in ("tag", "prefix", "words", "outlet"):
        part = match.group(group)
        if not part:
            continue
        word, rest = part, ""
        kind = _kind(part, grammar)
        if not kind and " " in part:  # "HOST JANE ROE", "CLIP NUR OSMAN"
            word, rest = part.split(None, 1)
            kind = _kind(word, grammar)
        if not kind:
            word, rest = "", part
        is_question = is_question or kind == "question"
        is_recording = is_recording or kind == "recording"
        is_answer = is_answer or kind == "answer"
        if kind == "question" and word.casefold().rstrip(".") in grammar.roles:
            role = role or word.title()
        named = (group == "words" and not kind) or _looks_like_a_name(rest.split(), grammar)
        if rest and not name_part and named:
            name_part, name_at = rest, match.start(group) + len(part) - len(rest)
    if is_question and not role:
        name_part = ""  # "REPORTER (Sacramento Bee):", "Q:": a questioner nobody names, or an outlet
    body = match.start("body")
    if is_recording and not name_part and (inner := INNER_LABEL.match(match.string, body)):
        name_part, name_at, body = inner.group("words"), inner.start("words"), inner.end()  # "CLIP: NAME: …"
    title, name_words = [], []
    for word in WORD.finditer(name_part):
        bare = word.group().casefold()
        if not name_words and (bare in grammar.titles or bare.rstrip(".") in grammar.titles):
            title.append(word)
        else:
            name_words.append(word)
    name = " ".join(w.group().rstrip(".").capitalize() for w in name_words)
    start = name_at + name_words[0].start() if name_words else match.start("words")
    end = name_at + name_words[-1].end() if name_words else start
    return Turn(
        match.group("label"),
        name,
        " ".join(w.group().capitalize() for w in title),
        start,
        end,
        body,
        match.end("body"),
        is_question,
        role,
        is_recording,
        is_answer,
    )


def _kind(words: str, grammar: TranscriptGrammar) -> str:
    key = words.casefold().rstrip(".")
    if key in grammar.questioners:
        return "question"
    return "recording" if key in grammar.recordings else "answer" if key in grammar.answerers else ""


def _looks_like_a_name(words: list[str], grammar: TranscriptGrammar) -> bool:
    """ "PRESENTER (Jane Roe)" names her; "REPORTER (KCRA)", "REPORTER (Sky News)" name an outlet."""
    return len(words) >= 2 and not any(word.casefold() in grammar.not_a_name for word in words)


# --- Who asks -------------------------------------------------------------------------------------


def _questioners_named(text: str, raw: str, found: list[Turn], grammar: TranscriptGrammar) -> list[Turn]:
    """The named labels the page or the text shows to be the questioner's, turned into questions."""
    asking = [t for t in found if t.is_question and not t.name]
    part = next((t.role for t in asking if t.role), "")
    named: dict[str, str] = {}  # a name's key (or a first name) → the questioner's part
    for page in dict.fromkeys((raw, text)):
        for match in grammar.hosted_by.finditer(page):
            role = match.group("role") or part
            named.setdefault(alias_key(match.group("name") or match.group("by")), role.title())
    for turn in asking:
        for match in SELF_INTRODUCED.finditer(text, turn.start, turn.end):
            named.setdefault(alias_key(match.group("name")), turn.role)
    answering = {t.name for before, t in itertools.pairwise(found) if before in asking and t.name}
    for before, turn in itertools.pairwise(found):
        if before in asking and not turn.is_question:
            body = text[turn.start : turn.end]
            for match in ADDRESSED.finditer(body):
                first = (match.group("first") or match.group("last")).casefold()
                named.setdefault(f"first:{first}", before.role)
    switched = _took_over(found, asking, answering, text) | _interviewers(found, text)
    result = []
    for turn in found:
        if turn.name and not turn.is_question:
            key = alias_key(turn.name)
            role = named.get(key)
            if role is None and turn.name not in answering:
                # a first name the guest addresses, or a label that took over the questions: only
                # for someone who never answered the questioner
                role = named.get(f"first:{key.split()[0]}")
                role = part if role is None and turn.name in switched else role
            if role is not None:
                turn = replace(turn, is_question=True, role=role or part)
        result.append(turn)
    return result


def _interviewers(found: list[Turn], text: str) -> set[str]:
    """Where every label is a name ("NICK ROBINSON:", "JONATHAN REYNOLDS:"): the one who introduces
    another speaker before that speaker's first turn, and whom that speaker then greets by first
    name ("Good morning, Nick.") or thanks by name at the close ("Jonathan Reynolds, thank you.")."""
    named = [t for t in found if t.name and not t.is_question]
    if len(named) != len(found):
        return set()
    first_turn = {t.name: i for i, t in reversed(list(enumerate(found)))}
    last_turn = {t.name: i for i, t in enumerate(found)}
    hosts = set()
    for i, turn in enumerate(found):
        body = text[turn.start : turn.end].casefold()
        for guest, at in first_turn.items():
            if guest == turn.name or at <= i or guest.casefold() not in body:
                continue
            reply = text[found[at].start : found[at].end]
            greeted = any(
                (m.group("first") or m.group("last")) == turn.name.split()[0]
                for m in ADDRESSED.finditer(reply)
            )
            last = found[last_turn[turn.name]]
            closing = text[last.start : last.end]
            thanked = guest.casefold() in closing.casefold() and THANKS.search(closing) is not None
            if greeted or thanked:
                hosts.add(turn.name)
    return hosts


def _took_over(found: list[Turn], asking: list[Turn], answering: set[str], text: str) -> set[str]:
    """Labels that switch from the questioner's word to a name ("PRESENTER:", then "JANE ROE:"): a
    name first heard after the last unnamed question, whose turns each come between the answers of
    those who answered that questioner, that asks something, and that no question introduced."""
    if len(asking) < 2:
        return set()
    last = found.index(asking[-1])
    introduced = " ".join(text[t.start : t.end] for t in asking).casefold()
    switched = set()
    for name in {t.name for t in found[last + 1 :] if t.name and not t.is_question} - answering:
        indexes = [i for i, t in enumerate(found) if t.name == name]
        if len(indexes) < 2 or indexes[0] < last or name.casefold() in introduced:
            continue
        neighbours = [found[j] for i in indexes for j in (i - 1, i + 1) if 0 <= j < len(found)]
        asks = any("?" in text[found[i].start : found[i].end] for i in indexes)
        if asks and all(t.name in answering for t in neighbours):
            switched.add(name)
    return switched
