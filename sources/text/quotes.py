"""Quotations in a clean text and who said them: a named person, a pronoun resolved back, or an organisation."""

import re
from dataclasses import dataclass

from sources.text.document import TextDocument
from sources.text.lexicon import Lexicon
from sources.text.people import PersonRef, read_text
from sources.text.reporting import WINDOW, ReportingGrammar, reporting_grammar
from sources.text.sentences import split_sentences
from sources.text.speakers import Speaker, Speakers, previous_paragraph
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
    labelled = turns(text, transcript_grammar(document.lexicon), document.raw)
    first_at: dict[tuple, int] = {}
    for turn in labelled:
        first_at.setdefault((turn.title, turn.is_answer), turn.start)
    for previous, turn in zip([None, *labelled], labelled, strict=False):
        since = first_at[(turn.title, turn.is_answer)]
        quotation = context.turn(turn, previous, since) if not turn.is_question else None
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
                context.history.append(Speaker(quotation.speaker, quotation.speaker_kind, quotation.start))
    return sorted(context.quotations, key=lambda q: q.start)


def _inner(text: str, open_at: int, close_at: int) -> tuple[int, int]:
    start, end = open_at + 1, close_at
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


class _Context(Speakers):
    """Attribution of one text's quotations, in order: the speakers index and the quotations so far."""

    def __init__(self, text: str, people: list[PersonRef], grammar: ReportingGrammar, lex: Lexicon) -> None:
        super().__init__(text, people, grammar, lex)
        self.quotations: list[Quotation] = []

    def turn(self, turn, previous, first_at: int) -> Quotation | None:
        """A transcript turn: the words of the person its label names; a recording's ("CLIP:") those
        of the one person the turn before introduces ("Here's how she put it"); a label naming nobody
        ("MINISTER:", "GUEST:") those of the one person introduced before it first stood."""
        start, end = _inner(self.text, turn.start - 1, turn.end)
        if end <= start:
            return None
        if not turn.name:
            if turn.is_recording and previous is not None:
                candidates = self.introduced(previous)
            elif turn.title or turn.is_answer:
                candidates = self.stand_in(turn.title, first_at)
            else:
                return None
            name = candidates[0] if len(candidates) == 1 else ""
            return Quotation(
                self.text[start:end], start, end, name, "person", "said", candidates[:4] if not name else ()
            )
        speaker = self.resolve(turn.name, turn.name_start)
        name = speaker.name if speaker else turn.name
        return Quotation(self.text[start:end], start, end, name, "person", "said")

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
        spoken_out = short and self.grammar.verb_just_before.search(self.text[max(0, open_at - 40) : open_at])
        if found is None and (not short or spoken_out) and self._unnamed(open_at, close_at):
            # Somebody the text does not name spoke: speaker unknown, and none of the named people
            # (a few words too, when a verb of speech stands right before them: "shouted: “About time!”").
            return Quotation(self.text[start:end], start, end, "", "person", "")
        if found is None:
            return None
        speaker, verb = found
        if speaker.name in self.authors and speaker.at < open_at - WINDOW:
            speaker = Speaker("", "person", speaker.at, self.recent_people(open_at))
        return Quotation(
            self.text[start:end], start, end, speaker.name, speaker.kind, verb, speaker.candidates
        )

    def _unnamed(self, open_at: int, close_at: int) -> bool:
        """Somebody spoke whom the text does not name: "…," one trader said; a man called out, "…";
        someone summed up the mood: "…"."""
        before = self.text[max(0, open_at - 40) : open_at]
        return bool(
            self.grammar.unnamed_after.match(self.text, close_at + 1, close_at + 100)
            or self.grammar.verb_just_before.search(before)
            or self.grammar.indefinite_before.search(self.text, max(0, open_at - WINDOW), open_at)
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

    def continued(self, open_at: int) -> tuple[Speaker, str] | None:
        """A paragraph that is a quotation with no attribution of its own, right after a paragraph that
        ends on an attributed quotation, goes on with that speaker's words (news style names the speaker
        once, not in every paragraph of a run of quotes)."""
        if self.text[self.text.rfind("\n", 0, open_at) + 1 : open_at].strip():
            return None
        previous_start, previous_end = previous_paragraph(self.text, open_at)
        earlier = [q for q in self.quotations if previous_start <= q.start < previous_end]
        if not earlier:
            return None
        last = max(earlier, key=lambda q: q.start)
        others = {name for start, _, name in self.mentions if last.end < start < previous_end} - {
            last.speaker
        }
        if not last.speaker or others:
            return None
        return Speaker(last.speaker, last.speaker_kind, last.start), last.attribution

    def after(self, position: int) -> tuple[Speaker, str] | None:
        """`"…," he said.` / `"…," said Rubio.` / `"…", it said,`: the attribution right after the closing mark."""
        limit = min(len(self.text), position + WINDOW)
        for pattern in (self.grammar.after_subject_verb, self.grammar.after_verb_subject):
            match = pattern.match(self.text, position, limit)
            if match is None:
                continue
            speaker = self.speaker_from(match, position)
            if match.group("anaphor") and match.group("head"):
                # "said the Minister of Trade, Tala Fono": the name the title goes on to give
                until = match.start("verb") if match.start("verb") > match.end("anaphor") else limit
                speaker = self.named_after(match.end("anaphor"), until) or speaker
            if speaker is None and pattern is self.grammar.after_verb_subject:
                speaker = self.named_after(match.end("verb"), limit)
            if speaker is not None:
                return speaker, match.group("verb").lower()
        # "…," said the Minister of Trade, Tala Fono: whatever the title, the person it names
        verb = self.grammar.verb_after.match(self.text, position, limit)
        speaker = self.named_after(verb.end("verb"), limit) if verb else None
        return (speaker, verb.group("verb").lower()) if speaker is not None else None

    def before(self, open_at: int, *, adjacent_only: bool) -> tuple[Speaker, str] | None:
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

    def previous_sentence(self, open_at: int) -> tuple[Speaker, str] | None:
        """`Rubio recalled that … . "It gained …"` or `"A," said X. "B."`: the speaker of the sentence before."""
        line_start = max(self.text.rfind("\n", 0, open_at) + 1, open_at - SENTENCE_REACH)
        if not self.text[line_start:open_at].strip():
            # A quotation opening its paragraph after "Name said:" at the end of the one before.
            before = self.text[:line_start].rstrip()
            if before.endswith(":"):
                open_at, line_start = len(before), max(before.rfind("\n") + 1, len(before) - SENTENCE_REACH)
                spans = split_sentences(self.text[line_start:open_at])
                previous_start = line_start + spans[-1][0] if spans else open_at
                said = self._said_within(previous_start, open_at)
                if said is not None:
                    return said
                # "Quotes attributable to Minister Collins:": a press release's header over its quotes
                header = self.grammar.attributed_to.search(self.text, line_start, open_at)
                if header is not None:
                    speaker = self.resolve(header.group("who"), header.start("who"))
                    return (speaker, "said") if speaker is not None else None
            return None
        spans = split_sentences(self.text[line_start:open_at])
        if not spans or self.text[line_start + spans[-1][1] - 1] not in TERMINAL:
            return None
        previous_start = line_start + spans[-1][0]
        said = self._said_within(previous_start, open_at)
        if said is not None:
            return said
        for quotation in reversed(self.quotations):
            if previous_start <= quotation.start < open_at and quotation.speaker:
                return Speaker(
                    quotation.speaker, quotation.speaker_kind, quotation.start
                ), quotation.attribution
        return None

    def _said_within(self, start: int, end: int) -> tuple[Speaker, str] | None:
        """The last reporting clause between `start` and `end` whose subject is somebody."""
        for event in reversed(self.events):
            if start <= event.subject_start and event.verb_end <= end:
                speaker = self.event_speaker(event)
                if speaker is not None:
                    return speaker, event.verb.lower()
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
