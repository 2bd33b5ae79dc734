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
from sources.text.names import NameGrammar, name_grammar, whole_words

WORD = r"[\w'’&-]+"
TAIL_WORD = re.compile(r"[\w'’&.-]+")
CAPITALISED = re.compile(r"^[A-ZÀ-Þ]")
SPACE = re.compile(r"[ \t]+")
FUNCTION_WORDS = frozenset({"and", "or", "of", "for", "the", "on", "to", "in", "at", "a", "an", "with", "by"})
COMPLEMENT_START = re.compile(r"[ \t]+(?:of|for|on|to)(?=[ \t])")
# A comma inside the phrase only between the capitalised items of a list closed by "and".
COMPLEMENT_WORD = re.compile(
    rf"(?:[ \t]+|,[ \t]+(?=(?:and[ \t]+)?[A-ZÀ-Þ])(?=[^.;:\n]{{0,60}}\band\b))({WORD})"
)
MAX_COMPLEMENT_WORDS = 14
ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]he|[Aa]n?)[ \t]+\Z")
LIST_GOES_ON = re.compile(r"[ \t]+and[ \t]+[A-ZÀ-Þ]")
# "… of the Republic of Kenya" closing a title names the role's country.
COUNTRY_TAIL = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?:Republic|Kingdom|State|Commonwealth|Federation)[ \t]+of[ \t]+(?:the[ \t]+)?)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})$"
)


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
    rest = r"(?=[ \t]*[,.;:!?)\[–—]|['’]s\b|[ \t]+(?!(?:of|for|the)\b)[a-z(]|[ \t]*$|[ \t]+[“\"‘])"
    name_after = re.compile(rf"(?P<sep>,?[ \t]+)(?P<name>{names.name}){rest}", re.MULTILINE)
    appositive = re.compile(
        r",[ \t]+(?:\d{1,3},[ \t]+)?(?:(?P<rel>who|whose)[ \t]+)?"
        r"(?P<phrase>[^,.;:\n()“”\"‘]{2,120}?)(?=[ \t]*[,.;:\n(–—]|[ \t]+(?:said|says|told|added)\b)"
    )
    countries = lex.value("roles.countries", {})
    return RoleGrammar(
        names,
        head,
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
    )


# --- Title before the name --------------------------------------------------------------------------


def titled(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "US Secretary of State Marco Rubio", "Norway's energy minister, Eirik Haugland,"."""
    found = []
    consumed = 0
    for head in grammar.head.finditer(text):
        if head.start() < consumed:
            continue
        named = _name_after_head(text, head.end(), grammar)
        if named is None:
            continue
        span, name_start, run_on = named
        start, country, title_start = _title_start(text, head.start(), grammar)
        # "a spokeswoman for Sierra Shield Insurance": after an article, a title needs a comma before
        # a name; capitalised words running on from its "of/for" phrase are the phrase's.
        weak = run_on and ARTICLE_BEFORE.search(text, max(0, title_start - 6), title_start) is not None
        role_text = SPACE.sub(" ", text[start:name_start]).strip(" ,\t")
        title = SPACE.sub(" ", text[title_start:name_start]).strip(" ,\t")
        if not country:
            role_text, country = _country_tail(role_text, grammar)
        gender = grammar.gender(role_text)
        found.append(
            Candidate(span[0], title, (role_text, country), span[1], span[2], weak=weak, gender=gender)
        )
        consumed = span[2]
    return found


def _complement_ends(text: str, at: int, grammar: RoleGrammar) -> list[tuple[int, str]]:
    """Where a head's "of/for" phrase could end, shortest first, with its last word: "Secretary | of
    State | for Energy Security and Net Zero"; commas only inside a list closed by "and"."""
    ends = [(at, "")]
    opening = COMPLEMENT_START.match(text, at)
    if opening is None:
        return ends
    position = opening.end()
    for _ in range(MAX_COMPLEMENT_WORDS):
        word = COMPLEMENT_WORD.match(text, position)
        if word is None:
            break
        position = word.end()
        ends.append((position, word.group(1)))
    return ends


def _name_after_head(
    text: str, at: int, grammar: RoleGrammar
) -> tuple[tuple[str, int, int], int, bool] | None:
    """The name a title introduces, where the title ends, and whether the split between the title's
    "of/for" phrase and the name is only a guess (capitalised words run on into the name, no comma)."""
    for end, last in _complement_ends(text, at, grammar):
        if last.casefold() in FUNCTION_WORDS:
            continue  # "Commissioner for Oceans and | Fisheries": a phrase never ends on "and"
        after = grammar.name_after.match(text, end)
        if after is None:
            continue
        name, name_start = after.group("name"), after.start("name")
        tokens = name.split()
        # Capitalised words of the "of/for" phrase that ran into the name ("… Maritime Affairs Hassan").
        while len(tokens) > 2 and _not_a_name_start(tokens[0], grammar):
            last = tokens.pop(0)
        if last and len(tokens) > 3:
            last, tokens = tokens[-4], tokens[-3:]
        skip = name.index(tokens[0])
        span = grammar.names.span(" ".join(tokens), name_start + skip)
        if span is None or text[span[1] : span[2]] != span[0]:
            continue
        if any(word.casefold() in grammar.portfolio for word in span[0].split()):
            continue  # "Mining, Blue Economy and …": still the title's list
        comma = "," in after.group("sep")
        if (comma or (last and " " not in span[0])) and LIST_GOES_ON.match(text, span[2]):
            continue  # "Minister for Roads, Rail Freight and Ports …": an item of the title's list
        if (
            last
            and len(span[0].split()) == 1
            and (comma or text[span[2] : span[2] + 1] == "\n" or _not_a_name_start(span[0], grammar))
        ):
            continue  # "Cabinet Secretary for Mining, Blue": a lone word after a long title
        run_on = bool(last) and not comma and (skip > 0 or CAPITALISED.match(last) is not None)
        ends_title = _not_a_name_start(last, grammar) or last.isupper()
        return span, name_start + skip, run_on and not ends_title
    return None


def _not_a_name_start(word: str, grammar: RoleGrammar) -> bool:
    key = word.casefold()
    return key in grammar.portfolio or key in grammar.names.not_a_name


def _country_tail(role: str, grammar: RoleGrammar) -> tuple[str, str]:
    """ "Cabinet Secretary for Mining of the Republic of Kenya" → the role and "Kenya"."""
    tail = COUNTRY_TAIL.search(role)
    if tail is None:
        return role, ""
    country = grammar.country_of.get(tail.group("place").casefold())
    return (role[: tail.start()], country) if country else (role, "")


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
        words = role.split()
        first = words[0].casefold().removesuffix("'s").removesuffix("’s")
        if first in grammar.country_of and words[0][-2:] in {"'s", "’s"} and len(words) > 1:
            hint = grammar.country_of[first]
            role = " ".join(words[1:])
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
