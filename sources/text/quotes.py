"""Quotations in a clean text and who said them: a named person, a pronoun resolved back, or an organisation."""

import bisect
import functools
import re
from dataclasses import dataclass

from sources.text.document import TextDocument
from sources.text.lexicon import Lexicon
from sources.text.names import alias_key, name_grammar
from sources.text.people import PersonRef, lookup, read_text
from sources.text.quote_marks import quoted_spans
from sources.text.reporting import (
    REPRESENTATIVES,
    WINDOW,
    Event,
    ReportingGrammar,
    reporting_events,
    reporting_grammar,
    represented,
)
from sources.text.sentences import split_sentences
from sources.text.transcript import transcript_grammar, turns


@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int
    speaker: str
    speaker_kind: str
    attribution: str
    # When the speaker is not certain: speaker "" and the people the text could mean.
    candidates: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Speaker:
    name: str
    kind: str
    at: int
    candidates: tuple[str, ...] = ()


LEADING_THE = re.compile(r"^[Tt]he\s+")
ADJACENT_BEFORE = re.compile(r"[ \t]*(?:,|:|—|–)?[ \t]*(?:that[ \t]+)?\Z")
TERMINAL = set('.!?…:"”’')
MIN_WORDS = 5
SENTENCE_REACH = 1200  # longer "sentences" are run-on text; looking further back only costs time


def find_quotations(document: TextDocument | str, people: list[PersonRef], metadata=None) -> list[Quotation]:
    """Each quotation with its speaker; a speaker the text does not make certain is "" with the
    candidates. Byline authors never speak unless the text names them as the subject of a verb."""
    if isinstance(document, str):
        document = read_text(document)
    text = document.text
    context = _Context(text, people, reporting_grammar(document.lexicon), document.lexicon)
    labelled = turns(text, transcript_grammar(document.lexicon))
    for turn in labelled:
        quotation = context.turn(turn) if not turn.is_question else None
        if quotation is not None:
            context.quotations.append(quotation)
    taken = [(turn.start, turn.end) for turn in labelled]
    for open_at, close_at in context.quoted:
        if any(start <= open_at < end for start, end in taken):
            continue
        quotation = context.attribute(open_at, close_at)
        if quotation is not None:
            context.quotations.append(quotation)
            if quotation.speaker:
                context.history.append(_Speaker(quotation.speaker, quotation.speaker_kind, quotation.start))
    return sorted(context.quotations, key=lambda q: q.start)


def _inner(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


class _Context:
    """What attribution needs to know about one text: its people, reporting events and speakers so far."""

    def __init__(self, text: str, people: list[PersonRef], grammar: ReportingGrammar, lex: Lexicon) -> None:
        self.text = text
        self.grammar = grammar
        self.names = name_grammar(lex)
        self.people = {person.name: person for person in people}
        self.authors = {person.name for person in people if person.is_author}
        self.table = lookup(people)
        # Who each name mention refers to, as find_people decided (it tells apart two people named Menon).
        self.mentions = sorted((m.start, m.end, person.name) for person in people for m in person.mentions)
        self.events = reporting_events(text, grammar)
        self.quotations: list[Quotation] = []
        self.quoted = quoted_spans(text)
        self.history: list[_Speaker] = []
        for event in self.events:
            if not event.pronoun and (speaker := self.event_speaker(event)) is not None and speaker.name:
                self.history.append(speaker)

    def referred(self, noun: str, at: int) -> _Speaker:
        """ "the spokesperson said": the organisation a spokesperson last spoke for; "the company
        said": the last organisation so called that spoke. Speaker unknown when the text named none."""
        representative = noun.casefold() in REPRESENTATIVES
        earlier = [
            speaker
            for speaker in self.history
            if speaker.at < at
            and speaker.kind == "organization"
            and (representative or noun.casefold() in speaker.name.casefold())
        ]
        if earlier:
            return max(earlier, key=lambda s: s.at)
        # "The Ministry of Mines announced the auction. … the ministry said": the one so called.
        named = {
            m.group().removeprefix("the ").removeprefix("The ")
            for m in _named_as(noun).finditer(self.text, 0, at)
        }
        return (
            _Speaker(named.pop(), "organization", at) if len(named) == 1 else _Speaker("", "organization", at)
        )

    def resolve(self, phrase: str, at: int, kind: str = "") -> _Speaker | None:
        """A named subject: a known person, an organisation, or a new full name."""
        if kind == "anaphor":
            return self.referred(phrase, at)
        if kind == "organization":
            return _Speaker(phrase, kind, at)
        mentioned = [name for start, end, name in self.mentions if at <= start and end <= at + len(phrase)]
        if mentioned:
            return _Speaker(mentioned[-1], "person", at)
        if kind == "described":  # "campaign group Havvern said": not a person the text names
            known = self.table.get(alias_key(phrase))
            return _Speaker(known.name, "person", at) if known else _Speaker(phrase, "organization", at)
        words = phrase.split()
        for skip in range(len(words)):
            key = alias_key(" ".join(words[skip:]))
            if key in self.table:
                return _Speaker(self.table[key].name, "person", at)
        if self.grammar.org_word.search(phrase) and phrase[:1].isalpha():
            return _Speaker(LEADING_THE.sub("", phrase).strip(), "organization", at)
        span = self.names.span(phrase, 0)
        if span is not None and len(span[0].split()) >= 2:
            return _Speaker(span[0], "person", at)
        return None

    def pronoun_speaker(self, pronoun: str, at: int) -> _Speaker | None:
        """He/she: the last person of that gender who spoke before `at`, when nobody else of that gender
        was named since; otherwise speaker unknown with the candidates. It: the last organisation."""
        kind = "organization" if pronoun == "it" else "person" if pronoun in {"he", "she"} else ""
        if not kind:
            return None
        if kind == "organization":
            earlier = [s for s in self.history if s.at < at and s.kind == kind]
            return max(earlier, key=lambda s: s.at) if earlier else None
        gender = "m" if pronoun == "he" else "f"
        fits = {
            name
            for name, person in self.people.items()
            if not person.is_author and person.gender in {"", gender}
        }
        spoke = [s for s in self.history if s.at < at and s.kind == "person" and s.name in fits]
        last = max(spoke, key=lambda s: s.at) if spoke else None
        since = last.at if last else -1
        named = [
            name
            for start, _, name in self.mentions
            if since < start < at and name in fits and not self.quoted_at(start)  # not a name they quote
        ]
        # someone the text names only as the subject of a verb of speech spoke since
        named += [
            s.name
            for s in self.history
            if since < s.at < at and s.kind == "person" and s.name not in self.people
        ]
        others = list(dict.fromkeys(name for name in reversed(named) if not last or name != last.name))
        if last is not None and not others:
            return last
        if last is None and len(fits) == 1:
            return _Speaker(next(iter(fits)), "person", at)
        candidates = tuple(dict.fromkeys([*others, *([last.name] if last else [])]))[:4]
        return _Speaker("", "person", at, candidates) if candidates else None

    def quoted_at(self, position: int) -> bool:
        at = bisect.bisect_right(self.quoted, (position, len(self.text))) - 1
        return at >= 0 and self.quoted[at][0] < position < self.quoted[at][1]

    def recent_people(self, at: int) -> tuple[str, ...]:
        """The people (not authors) named last before `at`, nearest first."""
        named = [name for start, _, name in self.mentions if start < at and name not in self.authors]
        return tuple(dict.fromkeys(reversed(named)))[:4]

    def turn(self, turn) -> Quotation | None:
        """A transcript turn: the words of the person its label names."""
        start, end = _inner(self.text, turn.start - 1, turn.end)
        if end <= start or not turn.name:
            return None
        speaker = self.resolve(turn.name, turn.name_start)
        name = speaker.name if speaker else turn.name
        return Quotation(self.text[start:end], start, end, name, "person", "said")

    def speaker_from(self, match: re.Match[str], at: int) -> _Speaker | None:
        if match.group("pron"):
            return self.pronoun_speaker(match.group("pron").lower(), at)
        if match.group("rep"):
            return _Speaker(represented(match), "organization", at)
        if match.group("anaphor"):
            return self.referred(match.group("noun"), at)
        phrase = match.group("org") or match.group("name")
        group = "org" if match.group("org") else "name"
        return self.resolve(phrase, match.start(group))

    def event_speaker(self, event: Event) -> _Speaker | None:
        if event.pronoun:
            return self.pronoun_speaker(event.pronoun, event.subject_start)
        speaker = self.resolve(event.subject, event.subject_start, event.kind)
        if speaker is None or (speaker.kind == "person" and speaker.name not in self.people):
            # "Norway's Minister of Energy, Eirik Haugland, said": the person the subject's appositive names.
            inside = [n for s, e, n in self.mentions if event.subject_start <= s and e <= event.verb_start]
            speaker = _Speaker(inside[-1], "person", event.subject_start) if inside else speaker
        return speaker

    def attribute(self, open_at: int, close_at: int) -> Quotation | None:
        start, end = _inner(self.text, open_at, close_at)
        if end <= start:
            return None
        short = len(self.text[start:end].split()) < MIN_WORDS
        # A quote closing on a full stop, or followed by one, ends its sentence: what follows is a new
        # sentence, not its attribution.
        ended = self.text[close_at - 1] == "." or self.text[close_at + 1 : close_at + 2] in {".", "?", "!"}
        found = None if ended else self.after(close_at + 1)
        if found is None:
            found = self.before(open_at, adjacent_only=short)
        if found is None and not short:
            found = self.previous_sentence(open_at) or (
                self.continued(open_at) if not self._repeated(start, end) else None
            )
        if found is None and not short and self._stands_alone(open_at, close_at, start, end):
            # A quotation standing as its own paragraph with no attribution: somebody said it.
            candidates = self.recent_people(open_at)
            return Quotation(self.text[start:end], start, end, "", "person", "", candidates)
        if found is None and not short and self._unnamed(open_at, close_at):
            # Somebody the text does not name spoke: speaker unknown, and none of the named people.
            return Quotation(self.text[start:end], start, end, "", "person", "")
        if found is None:
            return None
        speaker, verb = found
        if speaker.name in self.authors and speaker.at < open_at - WINDOW:
            speaker = _Speaker("", "person", speaker.at, self.recent_people(open_at))
        return Quotation(
            self.text[start:end], start, end, speaker.name, speaker.kind, verb, speaker.candidates
        )

    def _unnamed(self, open_at: int, close_at: int) -> bool:
        before = self.text[max(0, open_at - 40) : open_at]
        return bool(
            self.grammar.unnamed_after.match(self.text, close_at + 1, close_at + 100)
            or self.grammar.verb_just_before.search(before)
        )

    def _stands_alone(self, open_at: int, close_at: int, start: int, end: int) -> bool:
        """A paragraph that is a quotation nobody is named for: not a pull quote repeating the text, not
        a quotation whose unnamed speaker follows ("one trader said"), and somebody could have said it."""
        if self.text[self.text.rfind("\n", 0, open_at) + 1 : open_at].strip():
            return False
        tail = self.text[close_at + 1 : close_at + 60].split("\n", 1)[0]
        if self.grammar.verb_at.search(tail):
            return False
        if self._repeated(start, end):
            return False
        return bool(self.recent_people(open_at))

    def _repeated(self, start: int, end: int) -> bool:
        """Words the text gives twice: a pull quote and the sentence it repeats."""
        probe = self.text[start : min(end, start + 60)].rstrip(".,;:!?…")
        return self.text.find(probe) != start or self.text.find(probe, start + 1) != -1

    def continued(self, open_at: int) -> tuple[_Speaker, str] | None:
        """A paragraph that is a quotation with no attribution of its own, right after a paragraph that
        ends on an attributed quotation, goes on with that speaker's words (news style names the speaker
        once, not in every paragraph of a run of quotes)."""
        line_start = self.text.rfind("\n", 0, open_at) + 1
        if self.text[line_start:open_at].strip():
            return None
        previous_end = len(self.text[:line_start].rstrip())
        previous_start = self.text.rfind("\n", 0, previous_end) + 1
        earlier = [q for q in self.quotations if previous_start <= q.start < previous_end]
        if not earlier:
            return None
        last = max(earlier, key=lambda q: q.start)
        others = {name for start, _, name in self.mentions if last.end < start < previous_end} - {
            last.speaker
        }
        if not last.speaker or others:
            return None
        return _Speaker(last.speaker, last.speaker_kind, last.start), last.attribution

    def after(self, position: int) -> tuple[_Speaker, str] | None:
        """`"…," he said.` / `"…," said Rubio.` / `"…", it said,`: the attribution right after the closing mark."""
        limit = min(len(self.text), position + WINDOW)
        for pattern in (self.grammar.after_subject_verb, self.grammar.after_verb_subject):
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
        if not self.text[line_start:open_at].strip():
            # A quotation opening its paragraph after "Name said:" at the end of the one before.
            before = self.text[:line_start].rstrip()
            if before.endswith(":"):
                open_at, line_start = len(before), max(before.rfind("\n") + 1, len(before) - SENTENCE_REACH)
                spans = split_sentences(self.text[line_start:open_at])
                previous_start = line_start + spans[-1][0] if spans else open_at
                for event in reversed(self.events):
                    if previous_start <= event.subject_start and event.verb_end <= open_at:
                        speaker = self.event_speaker(event)
                        if speaker is not None:
                            return speaker, event.verb.lower()
            return None
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
            if previous_start <= quotation.start < open_at and quotation.speaker:
                return _Speaker(
                    quotation.speaker, quotation.speaker_kind, quotation.start
                ), quotation.attribution
        return None


@functools.cache
def _named_as(noun: str) -> re.Pattern:
    """An organisation's name with `noun` in it: "Irish Home Builders Association", "Ministry of Mines"."""
    word = re.escape(noun[:1].upper() + noun[1:])
    return re.compile(
        rf"(?:[A-Z][\w&'’-]*[ \t]+){{0,4}}{word}(?![\w-])"
        r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w&'’-]*){0,3})?"
    )


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
