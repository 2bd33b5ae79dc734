"""Roles from a sentence's own grammar: a title before a name (sources/text/titles.py), an appositive
after it, a relative clause, a copula ("Jane Doe is a senior fellow at …"), an example of a group
("conservationists such as Jane Doe"); a list line or a signature block (sources/text/signatures.py).

    Norway's minister of energy Kari Nordahl        title before the name (a head noun, its modifiers,
    Kenya's principal secretary for the blue         its "of/for" phrase; a country names the role's
      economy, Amina Odhiambo,                       country, other possessives stay in the role)
    Jane Doe, an analyst at Kvarstad Markets,        appositive: any noun phrase whose noun names a role
    Jane Doe, who heads the Reef Trust,              relative clause: the clause as stated

Role nouns in the lexicon are only the fallback that tells a title from other words before a name;
an appositive's noun may be any agent noun ("grower", "librarian").
"""

import functools
import re
from dataclasses import dataclass

from sources.text.lexicon import Lexicon
from sources.text.names import UP, NameGrammar, name_grammar, whole_words

WORD = r"[\w'’&-]+"
TAIL_WORD = re.compile(r"[\w'’&.-]+")
CAPITALISED = re.compile(rf"^[{UP}]")
SPACE = re.compile(r"[ \t]+")
LINE = re.compile(r"[^\n]+")
NAME_GOES_ON = re.compile(rf"[ \t]+[{UP}]")
STATE_OF = re.compile(
    r"^(?:the[ \t]+)?(?:Republic|Kingdom|State|Government|Commonwealth|Federation)[ \t]+of[ \t]+(?:the[ \t]+)?",
    re.I,
)
# An appositive never opens on a conjunction or a preposition ("Jane Doe, and by the Commissioner").
NOT_APPOSITIVE = frozenset(
    {"and", "or", "but", "nor", "by", "in", "on", "at", "from", "with", "to", "for", "as"}
)
# Pronouns that open a relative clause inside an appositive ("an analyst who covers grains").
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which"})


@dataclass
class Candidate:
    """A stretch of text naming a person, with the title or role the text gives there."""

    name: str
    title: str
    role: tuple[str, str] | None
    start: int
    end: int
    weak: bool = False  # a lone word next to "said": a person only if it names someone found otherwise
    gender: str = ""


@dataclass(frozen=True, eq=False)
class RoleGrammar:
    names: NameGrammar
    head: re.Pattern
    head_starts: frozenset[str]  # the letters each head opens on ("lt" for "Lt. Gov."), to find heads fast
    name_after: re.Pattern  # the name right after a title (and its "of/for" phrase)
    appositive: re.Pattern
    name: re.Pattern
    country_of: dict
    modifiers: frozenset[str]
    determiners: frozenset[str]
    portfolio: frozenset[str]
    relative_verbs: frozenset[str]
    agent_endings: tuple[str, ...]
    not_agents: frozenset[str]
    org_nouns: frozenset[str]
    male: frozenset[str]
    female: frozenset[str]
    verbs: frozenset[str]  # reporting verbs: "Jane Doe, said …" is no appositive
    example: re.Pattern  # "conservationists such as Jane Doe of the Reef Trust"
    post_nominal: re.Pattern  # "Claire Whitfield MP, Minister for Water": letters before the appositive
    predicate: re.Pattern  # "Jane Doe is a senior fellow", "Jane Doe has been a tough negotiator"

    def is_role_noun(self, phrase: str) -> bool:
        """Whether `phrase` (an appositive's first words) has a noun naming what a person does."""
        if self.head.search(phrase):
            return True
        for word in phrase.split()[:6]:
            key = word.strip(",.").casefold()
            if key in {"of", "for", "at", "with", "in", "from", "on", "who"}:
                return False
            if (
                len(key) > 3
                and key.endswith(self.agent_endings)
                and not key.endswith("ment")
                and key not in self.not_agents
                and key not in self.org_nouns
            ):
                return True
        return False

    def gender(self, role: str) -> str:
        words = set(role.casefold().split())
        return "m" if words & self.male else "f" if words & self.female else ""


@functools.cache
def role_grammar(lex: Lexicon) -> RoleGrammar:
    names = name_grammar(lex)
    head = re.compile(whole_words(lex, "roles.heads"), re.IGNORECASE)
    # What may follow a name after a title: punctuation, a lower-case word, a quotation, "of" and the
    # person's organisation ("Property economist Ronan Lyons of Trinity College"), letters after the
    # name ("Minister Darragh Quinn TD;").
    rest = (
        r"(?=[ \t]*[,.;:!?)\[–—]|['’]s\b|[ \t]+(?!(?:of|for|the)\b)[a-z(]|[ \t]*$|[ \t]+[“\"‘]"
        r"|[ \t]+of[ \t]+(?:the[ \t]+)?[A-ZÀ-Þ]|[ \t]+[A-Z]{2,4}\b[ \t]*(?:[,.;:)\n]|$))"
    )
    name_after = re.compile(rf"(?P<sep>,?[ \t]+)(?P<name>{names.name}){rest}", re.MULTILINE)
    appositive = re.compile(
        r",[ \t]+(?:\d{1,3},[ \t]+)?(?:(?P<rel>who|whose)[ \t]+)?"
        r"(?P<phrase>[^,.;:\n()“”\"‘]{2,120}?)(?=[ \t]*[,.;:\n(–—]|[ \t]+(?:said|says|told|added)\b)"
    )
    countries = lex.value("roles.countries", {})
    organisation = r"[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+|&[ \t]+)?[A-Z][\w&'’-]*){0,5}"
    example = re.compile(
        rf"(?P<noun>\b[A-Za-z][a-z-]{{2,}}s)[ \t]+(?:such[ \t]+as|like|including)[ \t]+"
        rf"(?P<name>{names.name})(?:[ \t]+of[ \t]+(?:the[ \t]+)?(?P<org>{organisation}))?"
    )
    post = "|".join(re.escape(word) for word in sorted(names.post_nominals, key=len, reverse=True))
    return RoleGrammar(
        names,
        head,
        frozenset(re.match(r"[a-z]*", phrase.casefold()).group() for phrase in lex.phrases("roles.heads")),
        name_after,
        appositive,
        re.compile(rf"(?<![\w.’'-]){names.name}(?![\w’'-])"),
        {form.casefold(): country for country, forms in countries.items() for form in forms},
        lex.words("roles.modifiers"),
        lex.words("roles.determiners"),
        lex.words("roles.portfolio_words"),
        lex.words("roles.relative_verbs"),
        tuple(lex.phrases("roles.agent_endings")),
        lex.words("roles.not_agents"),
        lex.words("organisations.nouns"),
        lex.words("roles.male_heads"),
        lex.words("roles.female_heads"),
        lex.words("quotes.reporting_verbs"),
        example,
        re.compile(rf"[ \t]+(?:{post})\b" if post else r"(?!x)x"),
        re.compile(
            rf"(?<![\w.’'-])(?P<name>{names.name})[ \t]+(?:is|was|has[ \t]+been|had[ \t]+been|remains|became)[ \t]+"
            r"(?P<phrase>(?:an?|the)[ \t]+(?:[a-z][\w-]*[ \t]+){0,3}(?P<noun>[a-z][a-z-]+)"
            r"(?:[ \t]+(?:of|at)[ \t]+(?:the[ \t]+)?[A-Z][\w&'’-]*(?:[ \t]+(?:of[ \t]+|and[ \t]+)?[A-Z][\w&'’-]*){0,5})?)"
            r"(?=[ \t]*[,.;]|[ \t]+(?:of|at|for|in|with|who|from|on|and)\b)"
        ),
    )


# --- Appositives and relative clauses after the name ------------------------------------------------


def appositions(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "Jane Doe, an analyst at Kvarstad Markets,", "Jane Doe, who heads the Reef Trust,"."""
    found = []
    for match in _name_runs(text, grammar):
        end = match.end()
        if post_nominal := grammar.post_nominal.match(text, end):
            end = post_nominal.end()
        after = grammar.appositive.match(text, end)
        if after is None:
            continue
        span = grammar.names.span(match.group(), match.start())
        while span is not None and len(span[0].split()) > 2 and grammar.head.fullmatch(span[0].split()[0]):
            skip = span[0].index(" ") + 1  # "Minister Anna de Vries, who …": the title is not the name
            span = (span[0][skip:], span[1] + skip, span[2])
        if span is None or (len(span[0].split()) < 2 and not grammar.names.honorific_pattern.match(span[0])):
            continue
        phrase = after.group("phrase").strip()
        # "Jane Doe, (the) New Zealand's Minister for Oceans,": the country's, then the role.
        hint, words = "", phrase.split()
        lead = 1 if words and words[0].casefold() in grammar.determiners else 0
        size, country = leading_country(words[lead:], grammar)
        if country and words[lead + size - 1][-2:] in {"'s", "’s"} and len(words) > lead + size:
            hint, words = country, words[lead + size :]
        role = _appositive_role(" ".join(words), after.group("rel"), grammar)
        if role is None:
            continue
        found.append(
            Candidate(span[0], phrase, (role, hint), span[1], span[2], gender=grammar.gender(phrase))
        )
    return found


def predicated(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "Rebecca Haddad has been a tough negotiator for the irrigators", "Jane Doe is a senior fellow
    at the Lowy Institute": a full name that a copula says is someone who does something."""
    found = []
    for match in grammar.predicate.finditer(text):
        span = grammar.names.span(match.group("name"), match.start("name"))
        phrase, noun = match.group("phrase"), match.group("noun")
        if span is None or " " not in span[0] or noun.casefold() in grammar.org_nouns:
            continue
        if not grammar.is_role_noun(noun) or (role := _appositive_role(phrase, None, grammar)) is None:
            continue
        found.append(Candidate(span[0], phrase, (role, ""), span[1], span[2], gender=grammar.gender(phrase)))
    return found


def _name_runs(text: str, grammar: RoleGrammar):
    """Each run of name words, and where a run is cut short by the longest name the grammar reads
    ("When Ms Nur Hidayah | Osman, …"), the runs starting at its later words too."""
    position = 0
    while (match := grammar.name.search(text, position)) is not None:
        yield match
        position = match.end()
        if NAME_GOES_ON.match(text, position):
            position = match.start() + len(match.group().split()[0])
            position = SPACE.match(text, position).end() if SPACE.match(text, position) else position


def _appositive_role(phrase: str, relative: str | None, grammar: RoleGrammar) -> str | None:
    words = phrase.split()
    if not words or words[0].casefold() in NOT_APPOSITIVE or words[0].casefold() in grammar.verbs:
        return None  # "Jane Doe, and by the Commissioner …", "Jane Doe, said the unit …"
    if relative == "who":
        if words[0].casefold() in grammar.relative_verbs and len(words) > 1:
            return phrase
        if (
            words[0].casefold() in {"is", "was"}
            and len(words) > 2
            and grammar.is_role_noun(" ".join(words[1:]))
        ):
            return " ".join(words[2:] if words[1].casefold() in grammar.determiners else words[1:])
        return None
    if relative:
        return None
    body = words[1:] if words[0].casefold() in grammar.determiners else words
    # "an associate professor who researches food security": the relative clause after the head
    # says what the person does; the role is the noun phrase before it.
    # A clause whose verb states a position stays: "a fisherman who chairs the landing site's unit".
    cut = next((i for i, word in enumerate(body) if i and word.casefold() in RELATIVE_PRONOUNS), len(body))
    if cut + 1 >= len(body) or body[cut + 1].casefold() not in grammar.relative_verbs:
        body = body[:cut]
    if not body or not grammar.is_role_noun(" ".join(body)):
        return None
    if words[0].casefold() not in grammar.determiners and not (
        _opens_on_title(body, grammar) or words[0][:1].islower()
    ):
        return None
    return " ".join(body)


def _opens_on_title(words: list[str], grammar: RoleGrammar) -> bool:
    """ "Minister for Water", "Senior Minister of State for Trade", "Deputy Chief Executive": a
    head, after any of the title's modifiers."""
    for at, word in enumerate(words):
        if grammar.head.match(" ".join(words[at:])):
            return True
        if word.casefold() not in grammar.modifiers:
            return False
    return False


def leading_country(words: list[str], grammar: RoleGrammar) -> tuple[int, str]:
    """How many of the first words name a country, and which: "New Zealand's Minister" → (2, "New
    Zealand"), "US Secretary" → (1, "United States"); (0, "") when none does. The longest name wins."""
    for size in (3, 2, 1):
        if len(words) < size:
            continue
        form = " ".join(words[:size]).casefold().removesuffix("'s").removesuffix("’s")
        if form in grammar.country_of:
            return size, grammar.country_of[form]
    return 0, ""


# --- Examples of a group ---------------------------------------------------------------------------


def exemplified(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "Conservationists such as Mwanaisha Juma of the Kisite Reef Marine Trust" → "conservationist,
    Kisite Reef Marine Trust"; "homeowners like Teresa Nakamura of Grass Valley" → "homeowner" (a
    place is not where the person works)."""
    found = []
    for match in grammar.example.finditer(text):
        noun = match.group("noun")
        singular = _singular(noun[0].lower() + noun[1:] if noun[1:].islower() else noun)
        if not grammar.is_role_noun(singular) or singular.casefold() in grammar.org_nouns:
            continue
        span = grammar.names.span(match.group("name"), match.start("name"))
        if span is None or len(span[0].split()) < 2:
            continue
        if any(word.casefold() in grammar.org_nouns for word in span[0].split()):
            continue  # "insurers such as Allstate Corp": a company
        organisation = match.group("org") or ""
        role = singular
        if organisation and organisation.split()[-1].casefold() in grammar.org_nouns:
            role = f"{singular}, {organisation}"
        found.append(Candidate(span[0], noun, (role, ""), span[1], span[2]))
    return found


def _singular(noun: str) -> str:
    if noun.endswith("men"):
        return noun[:-3] + "man"  # fishermen
    if noun.endswith("ies"):
        return noun[:-3] + "y"  # deputies
    return noun[:-1]
