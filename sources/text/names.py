"""Names of people: one spelling-insensitive key per way of writing a name, and the name grammar a
lexicon gives (honorifics, particles, words that are never part of a name).

Measured against nameparser 2.6.0 (its HumanName parses a name into title, first, middle, last and
suffix) on the 20 documents of tests/data/stories and the four seeds, Nov 2026:

    keys from HumanName (title and suffix dropped) in place of alias_key:
        people P 1.000 R 0.986, quotes found 0.915, right speaker 1.000, roles 0.841: the same as
        ours; but the seeds' second import is no longer a no-op (HumanName reads "US" in "US
        embassy" as a title, and organisation keys share this function)
    surname and given name from HumanName in place of surname()/given_name():
        the same corpus figures; "von der Leyen" said alone becomes a second person
    cost: 123 µs a name against 10 µs for alias_key (cached either way: the parse of a document,
        about 10 ms, moved by less than its own noise)

Not kept: no measured gain, and its title list is for people only. What it does well, a family
name with its particles ("von der Leyen", "Ó Broin", "bin Salman"), surname() does from the
lexicon's particles and surname prefixes.
"""

import functools
import re
from dataclasses import dataclass

from sources.text.lexicon import Lexicon, lexicon, locales
from sources.text.normalize import normalize_plain

NON_WORD = re.compile(r"[^\w\s]", re.UNICODE)
NON_SPACE = re.compile(r"\S+")
INITIAL = re.compile(r"^[A-ZÀ-Þ]\.?$")
# Capitals and small letters of names in Latin scripts: "Šefčovič", "Łukasz", "Dvořák", "Đorđević".
_EXTENDED = [chr(code) for code in range(0x100, 0x250)]
UP = "A-ZÀ-ÖØ-Þ" + "".join(c for c in _EXTENDED if c.isupper())
LO = "a-zß-öø-ÿ" + "".join(c for c in _EXTENDED if c.islower())
# A capitalised word of a name: "McAdam", "MacDonald", "O’Brien", "D'Souza", "DeLong", "Jean-Luc", an
# initial "S." (or "S" before a space); never the possessive after it ("Pereira" in "Pereira's firm").
TOKEN = rf"(?:[{UP}](?:['’][{UP}])?[{LO}]+(?:[{UP}][{LO}]+)?(?:[-'’][{UP}]?[{LO}]+(?<!['’]s))*|[{UP}]\.|[{UP}](?=\s))"


def alias_key(name: str) -> str:
    """`Dr. S. Jaishankar`, `S Jaishankar` and `s. jaishankar` share one key: `s jaishankar`."""
    return _alias_key(name)


@functools.lru_cache(maxsize=65536)  # the tokenizer asks it for every word it matches names by
def name_words(text: str) -> tuple[str, ...]:
    """The words names are compared by, here and in the evidence search's tokens: folded, with a
    possessive before a space dropped and every other mark a break: "Rory O’Daly's office" → rory o
    daly office, "D'Souza" → d souza, "Jean-Luc" → jean luc, "U.S." → u s."""
    return tuple(NON_WORD.sub(" ", normalize_plain(text).replace("'s ", " ")).split())


@functools.lru_cache(maxsize=16384)
def _alias_key(name: str) -> str:
    parts = list(name_words(name))
    honorifics = _every_honorific()
    while parts:
        if parts[0] in honorifics or (parts[0] == "the" and parts[1:2] and parts[1] in honorifics):
            parts = parts[1:]
            continue
        # "Senator the Hon Don Farrell": an honorific of several words
        phrase = next(
            (p for p in _honorific_phrases() if tuple(parts[: len(p)]) == p and len(parts) > len(p)), None
        )
        if phrase is None:
            break
        parts = parts[len(phrase) :]
    return " ".join(parts)


def surname(key: str) -> str:
    """The family name of a key, with the particles before it: "ursula von der leyen" → "von der
    leyen", "eoin o broin" → "o broin", "marco rubio" → "rubio"."""
    words = key.split()
    particles = _every_particle()
    start = len(words) - 1
    while start > 0 and words[start - 1] in particles:
        start -= 1
    return " ".join(words[start:])


def given_name(key: str) -> str:
    """The first word of a key that has more than its surname ("" for "von der leyen")."""
    return key.split()[0] if key and surname(key) != key else ""


@functools.cache
def _every_particle() -> frozenset[str]:
    words = set()
    for lex in (lexicon(""), *(lexicon(locale) for locale in locales())):
        words |= {*lex.phrases("names.particles"), *lex.phrases("names.surname_prefixes")}
    return frozenset(normalize_plain(word) for word in words)


@functools.cache
def _every_honorific() -> frozenset[str]:
    """Honorifics of every locale: a key is the same whichever locale a text was read in."""
    words = set(lexicon("").words("names.honorifics"))
    for locale in locales():
        words |= lexicon(locale).words("names.honorifics")
    return frozenset(NON_WORD.sub(" ", word).strip() for word in words if " " not in word)


@functools.cache
def _honorific_phrases() -> tuple[tuple[str, ...], ...]:
    """Honorifics of several words ("senator the hon", "the rt hon"), longest first."""
    words = set(lexicon("").phrases("names.honorifics"))
    for locale in locales():
        words |= set(lexicon(locale).phrases("names.honorifics"))
    phrases = {tuple(NON_WORD.sub(" ", normalize_plain(word)).split()) for word in words if " " in word}
    return tuple(sorted(phrases, key=len, reverse=True))


def _alternation(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def whole_words(lex: Lexicon, path: str) -> str:
    """The phrases at `path` as one alternation of whole words, longest first: "bank" does not match
    inside "Marchbank", nor "commission" inside "Commissioner"."""
    body = _alternation(lex.phrases(path))
    return rf"(?<![\w])(?:{body})(?![\w])" if body else r"(?!x)x"


@dataclass(frozen=True, eq=False)
class NameGrammar:
    """What a lexicon says about names, compiled once per lexicon."""

    honorific: str  # regular expression of one honorific, with or without its full stop
    name: str  # regular expression of a name: honorific, capitalised words, particles
    stop_words: frozenset[str]
    calendar_words: frozenset[str]
    not_a_name: frozenset[str]
    given_names: frozenset[str]  # given names that are also words the list above excludes ("Bill")
    male: frozenset[str]
    female: frozenset[str]
    post_nominals: frozenset[str]
    honorific_pattern: re.Pattern  # `honorific`, compiled
    name_pattern: re.Pattern  # `name`, compiled

    def span(self, name: str, start: int) -> tuple[str, int, int] | None:
        """The name within `name` (found at `start`): stop words at the edges dropped ("Meanwhile John
        Smith Tuesday"); None when a word shows it names a place or an institution."""
        tokens = list(NON_SPACE.finditer(name))
        while tokens and tokens[0].group().rstrip(".").casefold() in self.stop_words:
            tokens.pop(0)
        while tokens and (
            tokens[-1].group().casefold() in self.calendar_words
            or tokens[-1].group().rstrip(".") in self.post_nominals
            or INITIAL.match(tokens[-1].group())
        ):
            tokens.pop()
        if not tokens:
            return None
        words = [token.group() for token in tokens]
        given = words[0].casefold() in self.given_names and len(words) > 1  # "Bill Tatum", not "the bill"
        if any(word.casefold() in self.not_a_name for word in words[1:] if given) or (
            not given and any(word.casefold() in self.not_a_name for word in words)
        ):
            return None
        if not any(len(word.rstrip(".")) > 1 for word in words) or not alias_key(" ".join(words)):
            return None
        return name[tokens[0].start() : tokens[-1].end()], start + tokens[0].start(), start + tokens[-1].end()

    def gender(self, honorific: str) -> str:
        """ "m", "f" or "" for an honorific written before a name."""
        key = honorific.rstrip(".").casefold()
        return "m" if key in self.male else "f" if key in self.female else ""


@functools.cache
def name_grammar(lex: Lexicon) -> NameGrammar:
    honorifics = {word.rstrip(".") for word in lex.phrases("names.honorifics")}
    honorific = rf"(?:{_alternation(honorifics)})\.?"
    particle = _alternation(lex.phrases("names.particles")) or r"(?!x)x"
    name = rf"(?:{honorific}\s+)?{TOKEN}(?:[ \t]+(?:(?:{particle})[ \t]+){{0,2}}{TOKEN}){{0,3}}"
    stop = lex.words("names.stop_words")
    calendar = lex.words("names.calendar_words")
    countries = {form.casefold() for forms in lex.value("roles.countries", {}).values() for form in forms}
    not_a_name = stop | calendar | lex.words("names.non_name_words") | lex.words("organisations.name_words")
    return NameGrammar(
        honorific,
        name,
        stop,
        calendar,
        frozenset(not_a_name | countries),
        lex.words("names.given_names_also_words"),
        frozenset(w.rstrip(".") for w in lex.words("names.male_honorifics")),
        frozenset(w.rstrip(".") for w in lex.words("names.female_honorifics")),
        frozenset(lex.phrases("names.post_nominals")),
        re.compile(honorific),
        re.compile(name),
    )
