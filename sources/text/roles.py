"""Roles from a sentence's own grammar: a title before a name, an appositive after it, a relative clause.

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
from sources.text.names import NameGrammar, name_grammar

WORD = r"[\w'’&-]+"
TAIL_WORD = re.compile(r"[\w'’&.-]+")
CAPITALISED = re.compile(r"^[A-ZÀ-Þ]")
SPACE = re.compile(r"[ \t]+")


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
    after_head: re.Pattern
    before_name: re.Pattern  # a head right before a name followed by "and" ("President Donald Trump and")
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
    head = lex.literal_pattern("roles.heads")
    rest = r"(?=[ \t]*[,.;:!?)–—]|['’]s\b|[ \t]+(?!(?:and|of|for|the)\b)[a-z(]|[ \t]*$|[ \t]+[“\"‘])"
    after_head = re.compile(
        rf"(?P<comp>(?:[ \t]+(?:of|for|on|to)[ \t]+{WORD}"
        rf"(?:(?:[ \t]+|,[ \t]+(?=[^.;:\n]{{0,60}}\band\b)){WORD}){{0,9}}?)?)"
        rf"(?P<sep>,?[ \t]+)(?P<name>{names.name}){rest}",
        re.MULTILINE,
    )
    before_name = re.compile(rf"(?P<comp>)(?P<sep>[ \t]+)(?P<name>{names.name})(?=[ \t]+and\b)")
    appositive = re.compile(
        r",[ \t]+(?:\d{1,3},[ \t]+)?(?:(?P<rel>who|whose)[ \t]+)?"
        r"(?P<phrase>[^,.;:\n()“”\"‘]{2,120}?)(?=[ \t]*[,.;:\n(–—]|[ \t]+(?:said|says|told|added)\b)"
    )
    countries = lex.value("roles.countries", {})
    return RoleGrammar(
        names,
        head,
        after_head,
        before_name,
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
    )


# --- Title before the name --------------------------------------------------------------------------


def titled(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "US Secretary of State Marco Rubio", "Norway's energy minister, Eirik Haugland,"."""
    found = []
    consumed = 0
    for head in grammar.head.finditer(text):
        if head.start() < consumed:
            continue
        after = grammar.after_head.match(text, head.end()) or grammar.before_name.match(text, head.end())
        if after is None:
            continue
        comp, name_start = after.group("comp"), after.start("name")
        name = after.group("name")
        tokens = name.split()
        # Capitalised words of the "of/for" phrase that ran into the name ("… Maritime Affairs Hassan").
        while len(tokens) > 2 and (
            tokens[0].casefold() in grammar.portfolio or tokens[0].casefold() in grammar.names.not_a_name
        ):
            tokens.pop(0)
        if comp and len(tokens) > 3:
            tokens = tokens[-3:]
        skip = name.index(tokens[0]) if tokens else 0
        span = grammar.names.span(" ".join(tokens), name_start + skip) if tokens else None
        if span is None or text[span[1] : span[2]] != span[0]:
            continue
        start, country, title_start = _title_start(text, head.start(), grammar)
        role_text = SPACE.sub(" ", text[start : name_start + skip]).strip(" ,\t")
        title = SPACE.sub(" ", text[title_start : name_start + skip]).strip(" ,\t")
        gender = grammar.gender(role_text)
        found.append(Candidate(span[0], title, (role_text, country), span[1], span[2], gender=gender))
        consumed = span[2]
    return found


def _title_start(text: str, head_start: int, grammar: RoleGrammar) -> tuple[int, str, int]:
    """Where the role before a head starts, the country the title names ("Chinese", "Norway's") and
    where the title with its country starts."""
    words = [(m.start(), m.group()) for m in TAIL_WORD.finditer(text, max(0, head_start - 90), head_start)]
    # only words joined to the head by spaces belong to the title
    chain: list[tuple[int, str]] = []
    end = head_start
    for start, word in reversed(words):
        if text[start + len(word) : end].strip(" \t") or "\n" in text[start + len(word) : end]:
            break
        chain.insert(0, (start, word))
        end = start
    start = head_start
    lowercase_ok = _determined(chain, grammar)
    for at, word in reversed(chain):
        key = word.rstrip(".").casefold()
        plain = key.removesuffix("'s").removesuffix("’s")
        for form in (plain, word.casefold()):
            if form in grammar.country_of:
                return start, grammar.country_of[form], at
        if (
            key in grammar.names.stop_words
            or key in grammar.determiners
            or key in grammar.names.calendar_words
        ):
            break
        if CAPITALISED.match(word) or key in grammar.modifiers or (lowercase_ok and word.isalpha()):
            start = at
            if word.endswith(("'s", "’s")):
                break
            continue
        break
    return start, "", start


def _determined(chain: list[tuple[int, str]], grammar: RoleGrammar) -> bool:
    """Lower-case words before a head are the title's ("the shadow energy security secretary") only
    after a determiner or a possessive."""
    for _, word in reversed(chain):
        key = word.casefold()
        if key in grammar.determiners or key.endswith(("'s", "’s")):
            return True
        if not word.isalpha() or not word.islower() or key in grammar.names.stop_words:
            return False
    return False


# --- Appositives and relative clauses after the name ------------------------------------------------


def appositions(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "Jane Doe, an analyst at Kvarstad Markets,", "Jane Doe, who heads the Reef Trust,"."""
    found = []
    for match in grammar.name.finditer(text):
        after = grammar.appositive.match(text, match.end())
        if after is None:
            continue
        span = grammar.names.span(match.group(), match.start())
        if span is None or (len(span[0].split()) < 2 and not re.match(grammar.names.honorific, span[0])):
            continue
        phrase = after.group("phrase").strip()
        role = _appositive_role(phrase, after.group("rel"), grammar)
        if role is None:
            continue
        hint = ""
        first = phrase.split()[0].casefold().removesuffix("'s").removesuffix("’s") if phrase else ""
        if first in grammar.country_of and phrase.split()[0][-2:] in {"'s", "’s"}:
            hint = grammar.country_of[first]
            role = role.split(None, 1)[1] if " " in role else role
        found.append(
            Candidate(span[0], phrase, (role, hint), span[1], span[2], gender=grammar.gender(phrase))
        )
    return found


def _appositive_role(phrase: str, relative: str | None, grammar: RoleGrammar) -> str | None:
    words = phrase.split()
    if not words:
        return None
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
    if not body or not grammar.is_role_noun(" ".join(body)):
        return None
    if words[0].casefold() not in grammar.determiners and not (
        grammar.head.match(phrase) or words[0][:1].islower()
    ):
        return None
    return " ".join(body)


# --- Lists of personalities -------------------------------------------------------------------------


def personalities(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """List lines "US Secretary of State: Marco Rubio" or "Marco Rubio: US Secretary of State"."""
    found = []
    name = grammar.names.name
    for pattern in (
        rf"(?m)^[ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*:[ \t]*(?P<name>{name})[ \t]*\.?$",
        rf"(?m)^[ \t]*(?P<name>{name})[ \t]*[:–—][ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*\.?$",
    ):
        for match in re.finditer(pattern, text):
            title = match.group("title").strip()
            if not grammar.head.search(title) or len(title.split()) > 10:
                continue
            span = grammar.names.span(match.group("name"), match.start("name"))
            if span is None or len(span[0].split()) < 2:
                continue
            role, hint = _list_role(title, grammar)
            found.append(Candidate(span[0], title, (role, hint), span[1], span[2]))
    return found


def _list_role(title: str, grammar: RoleGrammar) -> tuple[str, str]:
    """ "US Secretary of State" → ("Secretary of State", "United States"); "Mines Minister of Chile"
    → ("Mines Minister", "Chile")."""
    words = title.split()
    first = words[0].casefold().removesuffix("'s").removesuffix("’s")
    if first in grammar.country_of and len(words) > 1:
        return " ".join(words[1:]), grammar.country_of[first]
    place = re.search(r"[ \t]+of[ \t]+(?P<place>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})$", title)
    if (
        place
        and not grammar.head.search(place.group("place"))
        and place.group("place").casefold() not in grammar.portfolio
    ):
        country = grammar.country_of.get(place.group("place").casefold(), place.group("place"))
        return title[: place.start()].strip(), country
    return title, ""
