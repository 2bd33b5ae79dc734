"""Reporting clauses: the subject of each reporting verb in a text ("The US embassy said", "Rubio
recalled", "he said", "a spokesperson for Ford said"), read once per document for quotation attribution."""

import functools
import re
from dataclasses import dataclass

from sources.text.lexicon import Lexicon
from sources.text.names import TOKEN, name_grammar, whole_words


@dataclass(frozen=True)
class Event:
    """A subject with a reporting verb: "The US embassy said", "Rubio recalled", "he said"."""

    subject_start: int
    verb_start: int
    verb_end: int
    verb: str
    subject: str
    pronoun: str
    kind: str = ""


_FILLER = r"(?!(?:the|a|an|of|on|in|at|to|and|for|with|that|by|from|as)\b)[a-z][\w-]*"
PRONOUN = r"\b(?:[Hh]e|[Ss]he|[Ii]t|[Tt]hey)"
WINDOW = 200  # how far before a reporting verb its subject may start
# A subject's appositive, and another after it: "Jane Doe, the chief executive of Tees Carbon
# Gateway, which will build the terminal, said", "Priya Nair, 34, from Leicester, said".
# A time or a manner between the subject and its verb: "The ministry today announced", "Morikawa on
# Wednesday said", "the company also said".
_ADVERBIAL = (
    r"(?:[ \t]+(?:today|yesterday|tonight|also|again|earlier|later|previously|then|now|on[ \t]+[A-Z][a-z]+"
    r"|last[ \t]+[a-z]+|this[ \t]+(?:morning|afternoon|evening|week)))?"
)
_CLAUSE_CHAR = r"(?:[^,\n.!?]|[.!?](?![ \t]+[A-Z“\"‘]))"  # within one sentence ("U.S." may stand in it)
_APPOSITIVE = rf"(?:,{_CLAUSE_CHAR}{{1,140}},(?:[ \t]*{_CLAUSE_CHAR}{{1,80}},)?)?{_ADVERBIAL}"
_APPOSITION = rf"{_APPOSITIVE}[ \t]+\Z"
# A first predicate before the reporting verb: "Marian Keogh welcomed the plan but warned that …".
_COORDINATED = r"(?:[ \t]+[a-z][^.;:\n\"“”]{1,80}?[ \t]+(?:but|and)(?:[ \t]+also)?)?"
REPRESENTATIVES = ("spokesperson", "spokesman", "spokeswoman", "official", "representative")


@dataclass(frozen=True, eq=False)
class ReportingGrammar:
    verbs: tuple[str, ...]
    org_word: re.Pattern
    pronoun_before: re.Pattern
    name_before: re.Pattern
    org_before: re.Pattern
    described_before: re.Pattern  # "campaign group Havvern said": a name its noun calls an organisation
    representative_before: re.Pattern
    anaphor_before: re.Pattern
    after_subject_verb: re.Pattern
    after_verb_subject: re.Pattern
    verb_after: re.Pattern  # "…," said the Minister of Trade, Tala Fono: the verb, whatever follows
    verb_at: re.Pattern
    name: str
    # Speech with a speaker the text does not name: "…," one trader said / someone called out, "…".
    unnamed_after: re.Pattern
    verb_just_before: re.Pattern
    # "someone summed up the mood: “…”": a clause whose subject nobody names introduces the quotation.
    indefinite_before: re.Pattern
    # "Quotes attributable to Minister Collins:": a line that gives the quotations under it their speaker.
    attributed_to: re.Pattern


@functools.cache
def reporting_grammar(lex: Lexicon) -> ReportingGrammar:
    names = name_grammar(lex)
    name = names.name
    post_nominal = "|".join(re.escape(word) for word in sorted(names.post_nominals, key=len, reverse=True))
    # "Esther Odhiambo, said" closing an appositive title; "Claire Whitfield MP said".
    name_end = rf"(?:[ \t]+(?:{post_nominal})\b)?,?" if post_nominal else ",?"
    # Title words before a name after a quotation: "…," EU Fisheries Commissioner Anneli Virtanen said.
    particles = "|".join(re.escape(word) for word in lex.phrases("names.particles"))
    title_words = rf"(?:(?:[A-Z][\w.'’-]*|of|for|and|the|{particles})[ \t]+){{1,6}}?"
    # "Rosalind Achebe of Seabed Watch said": the person, of their organisation.
    affiliation = r"[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,4}"
    verbs = whole_words(lex, "quotes.reporting_verbs")
    org_noun = "(?i:" + whole_words(lex, "organisations.nouns") + ")"
    org = (
        rf"(?:[Tt]he[ \t]+)?(?:(?:[A-Z][\w.&'’-]*|{_FILLER})[ \t]+){{0,3}}?{org_noun}"
        r"(?:[ \t]+of[ \t]+[A-Z][\w]*(?:[ \t]+(?:and[ \t]+)?[A-Z][\w]*){0,3})?"
    )
    titled_name = rf"{name}(?:[ \t]+(?:(?:of|for|and|the)[ \t]+)?{TOKEN}){{0,6}}"
    # "the spokesperson said", "the company said": someone the text named before.
    # "the minister said", "the prime minister said": the person the text gave that title.
    nouns = (*REPRESENTATIVES, *lex.phrases("organisations.nouns"))
    heads = sorted(
        (h for h in lex.phrases("roles.heads") if h.casefold() not in nouns and "." not in h),
        key=len,
        reverse=True,
    )
    anaphor = (
        rf"\b[Tt]he[ \t]+(?:(?:[a-z][\w-]*[ \t]+)?(?P<noun>{'|'.join(map(re.escape, nouns))})"
        rf"|(?P<modifier>(?i:[a-z][\w-]*)[ \t]+)?(?P<head>(?i:{'|'.join(map(re.escape, heads))})))(?![\w-])"
    )
    # "a spokesperson for Ford", "A Department of Health spokesman": the organisation speaks.
    organisation = r"[A-Z][\w&.'’-]*(?:[ \t]+(?:of[ \t]+)?[A-Z][\w&.'’-]*){0,4}"
    spokesperson = "|".join(REPRESENTATIVES)
    representative = (
        rf"\b(?:[Aa]n?|[Tt]he)[ \t]+(?:(?P<preorg>{organisation})[ \t]+(?:{spokesperson})\b|(?:[\w-]+[ \t]+)?"
        rf"(?:{spokesperson})[ \t]+(?:for|of|at|with)[ \t]+(?:the[ \t]+)?(?P<reporg>{organisation}))"
    )
    return ReportingGrammar(
        (*lex.phrases("quotes.reporting_verbs"), *lex.phrases("quotes.according")),
        re.compile(org_noun),
        re.compile(rf"(?P<pron>{PRONOUN}){_APPOSITION}"),
        re.compile(rf"(?P<name>{name})(?:['’]s|{affiliation})?{name_end}{_APPOSITIVE}{_COORDINATED}[ \t]+\Z"),
        re.compile(rf"(?P<org>{org}){_APPOSITION}"),
        re.compile(
            rf"(?<![\w])(?:{'|'.join(re.escape(n) for n in lex.phrases('organisations.nouns'))})[ \t]+"
            rf"(?P<desc>[A-Z][\w&'’.-]*(?:[ \t]+[A-Z][\w&'’.-]*){{0,3}}){_APPOSITION}"
        ),
        re.compile(rf"(?P<rep>{representative}){_APPOSITION}"),
        re.compile(rf"(?P<anaphor>{anaphor})[ \t]+\Z"),
        re.compile(
            rf"[ \t]*[,.;:!?—–-]?[ \t]*(?:(?P<rep>{representative})|(?P<anaphor>{anaphor})|(?P<org>{org})|(?:{title_words})?(?P<name>{name})|(?P<pron>{PRONOUN}))"
            rf"(?:,[^,\n]{{1,80}},)?[ \t]+(?P<verb>{verbs})"
        ),
        re.compile(
            rf"[ \t]*[,.;:!?—–-]?[ \t]*(?P<verb>{verbs}|according to)[ \t]+(?:(?:state|former|then|acting)[ \t]+)?"
            rf"(?:(?P<rep>{representative})|(?P<anaphor>{anaphor})|(?P<org>{org})|(?P<name>{titled_name})|(?P<pron>{PRONOUN}))"
        ),
        re.compile(rf"[ \t]*[,—–-]?[ \t]*(?P<verb>{verbs})[ \t]+"),
        re.compile(rf"{verbs}|{whole_words(lex, 'quotes.according')}"),
        name,
        re.compile(
            rf"[ \t]*[,—–-]?[ \t]*(?i:{whole_words(lex, 'quotes.unnamed_speakers')})"
            rf"[^.;:\n\"“”]{{0,60}}?[ \t]+{verbs}"
        ),
        re.compile(rf"{verbs}(?:[ \t]+(?:out|back|up|in|on))?[ \t]*[,:—–][ \t]*\Z"),
        re.compile(
            rf"(?i:{whole_words(lex, 'quotes.indefinite_speakers')})[ \t]+[a-z][^.!?;\n\"“”]{{0,100}}[:—–][ \t]*\Z"
        ),
        re.compile(
            rf"^[ \t]*(?i:{whole_words(lex, 'quotes.attribution_headers')})[ \t]+(?:the[ \t]+)?"
            r"(?P<who>[^:\n]{2,120}?)[ \t]*:[ \t]*\Z",
            re.MULTILINE,
        ),
    )


def reporting_events(text: str, grammar: ReportingGrammar) -> list[Event]:
    events = []
    for verb in grammar.verb_at.finditer(text):
        verb_start, verb_end = verb.span()
        if (verb_start and (text[verb_start - 1].isalnum() or text[verb_start - 1] in "-_")) or (
            verb_end < len(text) and (text[verb_end].isalnum() or text[verb_end] in "-_")
        ):
            continue
        line_start = text.rfind("\n", 0, verb_start) + 1
        subject = subject_before(text, max(line_start, verb_start - WINDOW), verb_start, grammar)
        if subject is None:
            continue
        kind = subject.lastgroup or ""
        pronoun = subject.group(kind).lower() if kind == "pron" else ""
        if kind == "anaphor" and subject.group("head"):
            kind, phrase = "title", titled_as(subject)
        else:
            phrase = (
                ""
                if pronoun
                else represented(subject)
                if kind == "rep"
                else subject.group(kind.replace("anaphor", "noun"))
            )
        verb = text[verb_start:verb_end]
        events.append(
            Event(
                subject.start("desc" if kind == "desc" else 0),
                verb_start,
                verb_end,
                verb,
                phrase,
                pronoun,
                {"rep": "organization", "desc": "described", "anaphor": "anaphor", "title": "title"}.get(
                    kind, ""
                ),
            )
        )
    return events


def subject_before(text: str, start: int, end: int, grammar: ReportingGrammar) -> re.Match[str] | None:
    """The subject right before a reporting verb: a pronoun, an organisation, a name, or "a spokesperson for X"."""
    patterns = [
        grammar.pronoun_before,
        grammar.anaphor_before,
        grammar.name_before,
        grammar.representative_before,
    ]
    if grammar.org_word.search(text, max(start, end - 80), end):
        patterns[2:2] = [grammar.org_before, grammar.described_before]
    found = [match for pattern in patterns if (match := pattern.search(text, start, end)) is not None]
    if not found:
        return None
    # "Gareth Pennock, the chief executive of Tees Carbon Gateway, said": the name the appositive
    # follows is the subject, not the organisation inside the appositive.
    named = next((match for match in found if match.lastgroup == "name"), None)
    if named is not None and named.start() < found[0].start() and found[0].lastgroup != "pron":
        return named
    return found[0]


def titled_as(match: re.Match[str]) -> str:
    """The title a subject such as "the prime minister" gives, with the word before its head."""
    return f"{match.group('modifier') or ''}{match.group('head')}"


def represented(match: re.Match[str]) -> str:
    """The organisation a spokesperson speaks for, however the text puts it."""
    return match.group("reporg") or match.group("preorg")
