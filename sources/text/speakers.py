"""Who a subject of speech is: a person the text names, an organisation, "he" or "she" resolved back,
"the spokesperson" the text named before, with the gender each person is known by so far.

The quotation stage (sources/text/quotes.py) asks this index about each quotation, in text order:
a pronoun it resolves teaches the person's gender ("she added" → she), so that a later "he said"
is not hers.
"""

import bisect
import functools
import re
from dataclasses import dataclass

from sources.text.lexicon import Lexicon
from sources.text.names import alias_key, name_grammar
from sources.text.people import PersonRef, lookup
from sources.text.quote_marks import quoted_spans
from sources.text.reporting import (
    REPRESENTATIVES,
    Event,
    ReportingGrammar,
    reporting_events,
    represented,
    titled_as,
)

LEADING_THE = re.compile(r"^[Tt]he\s+")
CLAUSE_END = re.compile(r"[.!?;\n\"“”]")


@dataclass(frozen=True)
class Speaker:
    name: str
    kind: str
    at: int
    candidates: tuple[str, ...] = ()


class Speakers:
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
        self.quoted = quoted_spans(text)
        self.history: list[Speaker] = []
        # The gender the text gives each person, and what "he said" / "she said" resolved teaches.
        self.genders = {person.name: person.gender for person in people}
        self.pronouns = (lex.words("names.male_pronouns"), lex.words("names.female_pronouns"))
        for event in self.events:
            if not event.pronoun and (speaker := self.event_speaker(event)) is not None and speaker.name:
                self.history.append(speaker)

    def referred(self, noun: str, at: int) -> Speaker:
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
            Speaker(named.pop(), "organization", at) if len(named) == 1 else Speaker("", "organization", at)
        )

    def resolve(self, phrase: str, at: int, kind: str = "") -> Speaker | None:
        """A named subject: a known person, an organisation, or a new full name."""
        if kind == "anaphor":
            return self.referred(phrase, at)
        if kind == "title":
            return self.by_title(phrase, at)
        if kind == "organization":
            return Speaker(phrase, kind, at)
        mentioned = [name for start, end, name in self.mentions if at <= start and end <= at + len(phrase)]
        if mentioned:
            return Speaker(mentioned[-1], "person", at)
        if kind == "described":  # "campaign group Havvern said": not a person the text names
            known = self.table.get(alias_key(phrase))
            return Speaker(known.name, "person", at) if known else Speaker(phrase, "organization", at)
        words = phrase.split()
        for skip in range(len(words)):
            key = alias_key(" ".join(words[skip:]))
            if key in self.table:
                return Speaker(self.table[key].name, "person", at)
        if self.grammar.org_word.search(phrase) and phrase[:1].isalpha():
            return Speaker(LEADING_THE.sub("", phrase).strip(), "organization", at)
        span = self.names.span(phrase, 0)
        if span is not None and len(span[0].split()) >= 2:
            return Speaker(span[0], "person", at)
        return None

    def pronoun_speaker(self, pronoun: str, at: int) -> Speaker | None:
        """He/she: the last person who spoke before `at`, only when the text establishes that the pronoun
        fits them and nobody else: their gender is known and nobody who may be "she" was named since, or
        nobody else who spoke before may be "she" either. Otherwise speaker unknown with the candidates.
        It: the last organisation."""
        kind = "organization" if pronoun == "it" else "person" if pronoun in {"he", "she"} else ""
        if not kind:
            return None
        if kind == "organization":
            earlier = [s for s in self.history if s.at < at and s.kind == kind]
            return max(earlier, key=lambda s: s.at) if earlier else None
        gender = "m" if pronoun == "he" else "f"
        # a pronoun refers back: to people the text named before it, never to one it names later
        named_before = {name for start, _, name in self.mentions if start < at}
        fits = {
            name
            for name, person in self.people.items()
            if not person.is_author and self.genders.get(name, "") in {"", gender} and name in named_before
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
        if last is not None and not others and self.genders.get(last.name, ""):
            return last
        if last is not None and not others:
            # The text does not say the last speaker is "she": she is the last speaker only when nobody
            # else who spoke before may be "she" too. Having spoken last, or just before, is no evidence:
            # a pronoun may go back past a man to a woman who spoke earlier.
            rivals = [s.name for s in reversed(spoke) if s.name != last.name]
            if not rivals:
                self.genders[last.name] = gender
                return last
            return Speaker("", "person", at, tuple(dict.fromkeys([last.name, *rivals]))[:4])
        if last is None and len(fits) == 1:
            name = next(iter(fits))
            self.genders[name] = self.genders.get(name) or gender
            return Speaker(name, "person", at)
        candidates = tuple(dict.fromkeys([*others, *([last.name] if last else [])]))[:4]
        return Speaker("", "person", at, candidates)  # "he said" with nobody to be he: unknown

    def quoted_at(self, position: int) -> bool:
        at = bisect.bisect_right(self.quoted, (position, len(self.text))) - 1
        return at >= 0 and self.quoted[at][0] < position < self.quoted[at][1]

    def recent_people(self, at: int) -> tuple[str, ...]:
        """The people (not authors) named last before `at`, nearest first."""
        named = [name for start, _, name in self.mentions if start < at and name not in self.authors]
        return tuple(dict.fromkeys(reversed(named)))[:4]

    def introduced(self, turn) -> tuple[str, ...]:
        """The people a turn names other than its speaker, last first, of the gender its pronouns say."""
        named = [
            name
            for start, _, name in self.mentions
            if turn.start <= start < turn.end and name != turn.name and name not in self.authors
        ]
        named = list(dict.fromkeys(reversed(named)))
        words = {w.casefold() for w in re.findall(r"[A-Za-z]+", self.text[turn.start : turn.end])}
        said = {g for g, forms in zip("mf", self.pronouns, strict=True) if words & forms}
        if len(said) == 1:
            named = [n for n in named if self.genders.get(n, "") in {"", *said}]
        return tuple(named)

    def by_title(self, title: str, at: int) -> Speaker:
        """ "the prime minister said": the one person the text gave that title ("prime minister", else
        "minister"); of several, the only one named in this paragraph or the one before; else speaker
        unknown with them as candidates."""
        holders: list[str] = []
        for words in (title.casefold().split(), title.casefold().split()[-1:]):
            holders = [
                name
                for name, person in self.people.items()
                if not person.is_author
                and any(
                    _holds(words, t)
                    for t in (*(r for r, _ in person.roles), *(m.title for m in person.mentions))
                )
            ]
            if holders:
                break
        if len(holders) == 1:
            return Speaker(holders[0], "person", at)
        since = previous_paragraph(self.text, at)[0]
        recent = [name for start, _, name in reversed(self.mentions) if start < at and name in holders]
        if recent and {
            name for start, _, name in self.mentions if since <= start < at and name in holders
        } == {recent[0]}:
            return Speaker(recent[0], "person", at)
        return Speaker("", "person", at, tuple(dict.fromkeys(recent))[:4])

    def stand_in(self, title: str, first_at: int) -> tuple[str, ...]:
        """Who a label naming nobody stands for: the people named before it first stood (not in a
        label of their own, not an author), those with its title word ("MINISTER:") when it has one."""
        named = [
            name
            for start, end, name in self.mentions
            if start < first_at and name not in self.authors and self.text[end : end + 1] != ":"
        ]
        named = list(dict.fromkeys(reversed(named)))
        words = title.casefold().replace(".", " ").split()
        titled = [
            name
            for name in named
            if any(_holds(words, role) for role, _ in self.people[name].roles)
            or any(_holds(words, m.title) for m in self.people[name].mentions)
        ]
        return tuple(titled if words and titled else named)

    def speaker_from(self, match: re.Match[str], at: int) -> Speaker | None:
        if match.group("pron"):
            return self.pronoun_speaker(match.group("pron").lower(), at)
        if match.group("rep"):
            return Speaker(represented(match), "organization", at)
        if match.group("anaphor"):
            if match.group("head"):
                return self.by_title(titled_as(match), at)
            return self.referred(match.group("noun"), at)
        phrase = match.group("org") or match.group("name")
        group = "org" if match.group("org") else "name"
        return self.resolve(phrase, match.start(group))

    def event_speaker(self, event: Event) -> Speaker | None:
        if event.pronoun:
            return self.pronoun_speaker(event.pronoun, event.subject_start)
        speaker = self.resolve(event.subject, event.subject_start, event.kind)
        if speaker is None or (speaker.kind == "person" and speaker.name not in self.people):
            # "Norway's Minister of Energy, Eirik Haugland, said": the person the subject's appositive names.
            inside = [n for s, e, n in self.mentions if event.subject_start <= s and e <= event.verb_start]
            speaker = Speaker(inside[-1], "person", event.subject_start) if inside else speaker
        return speaker

    def named_after(self, at: int, limit: int) -> Speaker | None:
        """ "…," said New Zealand's Minister of Agriculture, Mr Tamati Paraone: the first person named
        after the verb, in the same clause, whatever the title before the name."""
        for start, _, name in self.mentions[bisect.bisect_left(self.mentions, (at,)) :]:
            if start >= limit or CLAUSE_END.search(self.text, at, start):
                return None
            if name not in self.authors:
                return Speaker(name, "person", start)
        return None


@functools.cache
def _named_as(noun: str) -> re.Pattern:
    """An organisation's name with `noun` in it: "Irish Home Builders Association", "Ministry of Mines"."""
    word = re.escape(noun[:1].upper() + noun[1:])
    return re.compile(
        rf"(?:[A-Z][\w&'’-]*[ \t]+){{0,4}}{word}(?![\w-])"
        r"(?:[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w&'’-]*){0,3})?"
    )


def _holds(words: list[str], title: str) -> bool:
    """Whether `title` ("Minister of Agriculture") has `words` (["minister"]) in a row."""
    have = title.casefold().replace(".", " ").split()
    return any(have[i : i + len(words)] == words for i in range(len(have)))


def previous_paragraph(text: str, position: int) -> tuple[int, int]:
    """Where the paragraph before the one holding `position` starts and ends ((0, 0) when none)."""
    line_start = text.rfind("\n", 0, position) + 1
    previous_end = len(text[:line_start].rstrip())
    return text.rfind("\n", 0, previous_end) + 1, previous_end
