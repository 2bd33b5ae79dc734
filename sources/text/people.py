"""People named in a text: titled names, appositives, bylines and later surname mentions, one record each.

    find_people(document, metadata) -> [PersonRef]

Roles come from the text's grammar (sources/text/roles.py, titles.py); the word knowledge
(honorifics, role nouns, particles, countries) from the document's lexicon. A byline's author is a
person of the document but marked `is_author`: quotation attribution never picks them unless the
text says they spoke.

A name is a person when the text says so: a title or an honorific before it, an appositive or a
relative clause after it, a group it is an example of, a signature block, a transcript label, or a
verb of speech it is the subject of (a lone surname that speaks only when the page writes one full
name ending in it). Words after an article are never a person's name ("the Offshore Estate"). The
gender is the text's too: an honorific, a gendered role noun, or the pronouns a sentence naming one
person refers back with.
"""

import bisect
import functools
import re

from sources.text.clusters import (
    Cluster,
    Mention,
    PersonRef,
    add_surname_mentions,
    author_clusters,
    clusters_from,
    merge_clusters,
    person_of,
    read_genders,
)
from sources.text.document import TextDocument
from sources.text.lexicon import Lexicon, lexicon
from sources.text.names import TOKEN, alias_key, given_name, name_grammar, surname, whole_words
from sources.text.quote_marks import quoted_spans
from sources.text.roles import Candidate, appositions, exemplified, predicated, role_grammar
from sources.text.signatures import personalities, signatures
from sources.text.titles import titled
from sources.text.transcript import TranscriptGrammar, transcript_grammar, turns

__all__ = ["Mention", "PersonRef", "alias_key", "find_people", "lookup", "merge_people", "read_text"]


def read_text(text: str, lex: Lexicon | None = None) -> TextDocument:
    """A document read from clean text as it is (for callers and tests that hold only a string)."""
    from sources.text.clean import Cleaned

    return TextDocument.read(text, Cleaned(text, ()), lex or lexicon(""))


def find_people(document: TextDocument | str, metadata=None) -> list[PersonRef]:
    """Every person the text names, with roles; `metadata.authors` (the byline) become authors."""
    if isinstance(document, str):
        document = read_text(document)
    text, lex = document.text, document.lexicon
    grammar = role_grammar(lex)
    transcript = transcript_grammar(lex)
    honorific = name_grammar(lex).honorific_pattern
    authors = tuple(getattr(metadata, "authors", ()) or ())
    author_keys = {alias_key(author) for author in authors}
    # a byline's author in a signature or a bio line ("Jane Doe is a senior fellow …") stays the author
    signed = [
        c
        for c in (*signatures(text, grammar), *predicated(text, grammar))
        if alias_key(c.name) not in author_keys
    ]
    candidates = _dedupe(
        [
            candidate
            for candidate in (
                *titled(text, grammar),
                *appositions(text, grammar),
                *exemplified(text, grammar),
                *signed,
                *personalities(text, grammar),
                *_labelled(text, transcript, document.raw),
                *_honoured(text, lex),
                *_introduced(text, lex),
                *_reported(text, lex),
            )
            if (
                not ARTICLE_BEFORE.search(text, max(0, candidate.start - 6), candidate.start)
                or honorific.match(candidate.name)  # "The Hon. Claire Whitfield"
            )
            and not _organisation_of_role(text, candidate, grammar)
        ]
    )
    clusters = clusters_from(candidates)
    clusters.extend(author_clusters(text, authors, clusters))
    clusters = merge_clusters(clusters)
    for cluster in clusters:
        if cluster.weak:
            _written_in_full(text, cluster, lex)
    clusters = [cluster for cluster in clusters if not cluster.weak]
    for cluster in clusters:
        _written_in_full(text, cluster, lex)
        _written_in_full(document.raw, cluster, lex, in_text=False)
    for cluster in clusters:
        cluster.gender = cluster.gender or _honorific_gender(cluster.names, lex)
    add_surname_mentions(text, clusters, name_grammar(lex).not_a_name)
    pronouns = (lex.words("names.male_pronouns"), lex.words("names.female_pronouns"))
    sentences = [(span.start, span.end) for span in document.sentences]
    read_genders(text, sentences, clusters, pronouns, quoted_spans(text))
    return [person_of(cluster) for cluster in sorted(clusters, key=lambda c: c.first)]


@functools.cache
def _honorific_pattern(lex: Lexicon) -> re.Pattern:
    grammar = name_grammar(lex)
    return re.compile(rf"(?<![\w.])(?P<hon>{grammar.honorific})[ \t]+(?P<body>{grammar.name})")


def _honoured(text: str, lex: Lexicon) -> list[Candidate]:
    """An honorific marks a person even without a title: "Dr. Jane Goodall", "Ms Odhiambo"."""
    grammar = name_grammar(lex)
    found = []
    for match in _honorific_pattern(lex).finditer(text):
        span = grammar.span(match.group("body"), match.start("body"))
        if span is not None and span[1] == match.start("body"):
            name = text[match.start() : span[2]]
            gender = grammar.gender(match.group("hon"))
            found.append(Candidate(name, "", None, match.start(), span[2], gender=gender))
    return found


@functools.cache
def _introduction_pattern(lex: Lexicon) -> re.Pattern:
    name = name_grammar(lex).name
    cue = "(?i:" + whole_words(lex, "names.introductions") + ")"
    # "With me is the harbourmaster, Pieter Claes": a description may stand between the cue and the name.
    return re.compile(rf"{cue}[ \t]+(?:(?:the|a|an|our)[ \t]+[^.?!\n,]{{1,60}},[ \t]+)?(?P<name>{name})")


def _introduced(text: str, lex: Lexicon) -> list[Candidate]:
    """A broadcast's guest: "joining me now is Jane Roe", "my guest today, Jane Roe"."""
    grammar = name_grammar(lex)
    found = []
    for match in _introduction_pattern(lex).finditer(text):
        span = grammar.span(match.group("name"), match.start("name"))
        if span is not None and " " in span[0]:
            found.append(Candidate(span[0], "", None, span[1], span[2]))
    return found


@functools.cache
def _reporting_patterns(lex: Lexicon) -> tuple[re.Pattern, re.Pattern]:
    name = name_grammar(lex).name
    verbs = whole_words(lex, "quotes.reporting_verbs")
    according = "(?i:" + whole_words(lex, "quotes.according") + ")"
    # "Marchbank, whose job title was created last year, told": an appositive may stand between.
    apposition = r"(?:,[ \t]+(?:who|whose|a|an|the)\b[^,\n]{1,140},)?"
    # "Rosalind Achebe of Seabed Watch said": the person, of their organisation.
    affiliation = r"(?:[ \t]+of[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,4})?"
    before = re.compile(
        rf"(?<![\w.’'-])(?P<name>{name})(?:['’]s)?{affiliation}{apposition}[ \t]+(?:{verbs}|{according})"
    )
    after = re.compile(rf"(?:{verbs}|{according})[ \t]+(?P<name>{name})(?![\w’'-])")
    return before, after


def _honorific_gender(names: list[str], lex: Lexicon) -> str:
    """ "Mr Tamati Paraone" written anywhere says he, whichever candidate kept the mention."""
    grammar = name_grammar(lex)
    said = {grammar.gender(name.split()[0]) for name in names if " " in name} - {""}
    return said.pop() if len(said) == 1 else ""


@functools.cache
def _role_of_pattern(grammar) -> re.Pattern:
    return re.compile(rf"(?:{grammar.head.pattern})[ \t]+(?:of|at)[ \t]+(?:the[ \t]+)?\Z", re.IGNORECASE)


def _organisation_of_role(text: str, candidate: Candidate, grammar) -> bool:
    """ "Lim Boon Keat, managing director of Evergreen Provisions": the capitalised words a role's
    "of/at" phrase names are where the person works, not another person."""
    if text[candidate.end : candidate.end + 2] in {"'s", "’s"}:
        return False  # "the head of Jane Doe's campaign": a person whose organisation it is
    window = text[max(0, candidate.start - 60) : candidate.start]
    return _role_of_pattern(grammar).search(window) is not None


# "the Offshore Estate", "a Kenyan": an article never stands before a person's name.
ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]he|[Aa]n?)[ \t]+\Z")
INSIDE_ORG_NAME = re.compile(r"\b(?:of|the|for|at)[ \t]+\Z")


def _reported(text: str, lex: Lexicon) -> list[Candidate]:
    """Untitled names next to a reporting verb: "John Smith said", "said Jane Doe", "according to Jane Doe"."""
    grammar = name_grammar(lex)
    roles = role_grammar(lex)
    found = []
    for pattern in _reporting_patterns(lex):
        for match in pattern.finditer(text):
            if INSIDE_ORG_NAME.search(text, max(0, match.start("name") - 8), match.start("name")):
                continue
            span = grammar.span(match.group("name"), match.start("name"))
            if span is not None and not _is_title(span[0], roles):
                found.append(Candidate(span[0], "", None, span[1], span[2], weak=" " not in span[0]))
    return found


def _is_title(name: str, grammar) -> bool:
    """ "Deputy Minister of Ports … said": words that are all a title's name nobody."""
    return all(w.casefold() in grammar.modifiers or grammar.head.fullmatch(w) for w in name.split())


def _written_in_full(text: str, cluster: Cluster, lex: Lexicon, *, in_text: bool = True) -> None:
    """A lone surname is the one full name the page writes ending in it: "Marchbank told reporters"
    after "signed by Helen Marchbank and …" (a lone surname that speaks becomes a person), or "GOV.
    CASTELLANOS:" under a masthead "Office of Governor Adrian Castellanos" (`in_text=False`: the raw
    page, whose offsets are not the clean text's, gives the name only)."""
    if cluster.full_keys or not cluster.keys or not cluster.names:
        return
    grammar = name_grammar(lex)
    family = surname(next(iter(cluster.keys)))
    written = " ".join(cluster.names[0].split()[-len(family.split()) :])
    full = {}
    roles = role_grammar(lex)
    if roles.head.fullmatch(written):
        return  # "Minister says": a title, not a surname ("Senior Minister" is no full name)
    for match in re.finditer(rf"(?<![\w.’'-])(?P<first>{TOKEN})[ \t]+{re.escape(written)}(?![\w’'-])", text):
        key = alias_key(match.group())
        if (
            match.group("first").rstrip(".").casefold() in grammar.not_a_name
            or match.group("first").casefold() in roles.modifiers
            or roles.head.fullmatch(match.group("first")) is not None  # "President Prabowo": a title
            or not given_name(key)
            or surname(key) != family
            or ARTICLE_BEFORE.search(text, max(0, match.start() - 6), match.start())
        ):
            continue
        full.setdefault(key, match)
    if len(full) != 1:
        return
    (match,) = full.values()
    if in_text:
        cluster.mentions.append(Mention(match.group(), "", match.start(), match.end()))
        cluster.first = min(cluster.first, match.start())
    cluster.add_name(match.group())
    cluster.weak = False


def _labelled(text: str, grammar: TranscriptGrammar, raw: str) -> list[Candidate]:
    """A transcript's speaker labels: "GOV. ADRIAN CASTELLANOS:" names a person with the title "Gov.";
    a presenter's label names a person whose role is to present ("Presenter")."""
    found = []
    for turn in turns(text, grammar, raw):
        if turn.name:
            title = turn.role or turn.title
            role = (title, "") if title else None
            found.append(Candidate(turn.name, title, role, turn.name_start, turn.name_end, weak=False))
    return found


def _dedupe(candidates: list[Candidate]) -> list[Candidate]:
    """One candidate per stretch of text: the one with a role, then the longest. The same name with
    another role stays too ("Minister Anna de Vries, who leads the port authority": both roles)."""
    ranked = sorted(candidates, key=lambda c: (c.role is None, -(c.end - c.start), c.start))
    starts: list[int] = []
    kept: list[Candidate] = []
    seconds: list[Candidate] = []
    for candidate in ranked:
        if candidate.role and any(
            (k.start, k.end) == (candidate.start, candidate.end) and k.role != candidate.role for k in kept
        ):
            seconds.append(candidate)
            continue
        at = bisect.bisect_left(starts, candidate.start)
        if at < len(kept) and kept[at].start < candidate.end:
            continue
        if at and kept[at - 1].end > candidate.start:
            continue
        starts.insert(at, candidate.start)
        kept.insert(at, candidate)
    return kept + seconds


def merge_people(groups: list[list[PersonRef]]) -> list[PersonRef]:
    """One record per person across documents (mentions keep their own document's offsets)."""
    clusters = []
    for order, person in enumerate(person for group in groups for person in group):
        cluster = Cluster(list(person.mentions), list(person.aliases), list(person.roles), order)
        cluster.gender, cluster.is_author = person.gender, person.is_author
        clusters.append(cluster)
    return [person_of(cluster) for cluster in sorted(merge_clusters(clusters), key=lambda c: c.first)]


def lookup(people: list[PersonRef]) -> dict[str, PersonRef]:
    """Every alias key, and each surname or first name that points to a single person, to that person."""
    table: dict[str, PersonRef] = {}
    shared: set[str] = set()
    for person in people:
        for alias in person.aliases:
            key = alias_key(alias)
            if key:
                table.setdefault(key, person)
    for part in (surname, _last_word, given_name):
        for person in people:
            for key in {part(k) for k in map(alias_key, person.aliases) if k} - {""}:
                if key in table and table[key] is not person:
                    shared.add(key)
                table.setdefault(key, person)
    for key in shared:
        table.pop(key, None)
    return table


def _last_word(key: str) -> str:
    """ "Leyen" for "von der Leyen": how a headline or a hurried sentence may shorten a surname."""
    return key.rsplit(" ", 1)[-1]
