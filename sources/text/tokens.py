"""A sentence or passage as tokens: each salient word, name or figure with the keys it is matched by."""

import re
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from sources.text.names import alias_key, name_words
from sources.text.normalize import fold_char
from sources.text.vocabulary import (
    BUILT_IN_ALIASES,
    CURRENCY,
    DEMONYMS,
    DIRECTION,
    DIRECTIONS,
    IRREGULAR,
    LIGHT,
    MAX_ALIAS_WORDS,
    MONTH,
    MONTHS,
    NAME,
    NUMBER,
    NUMBER_WORDS,
    PARAPHRASES,
    PERCENT,
    SCALES,
    SPELLINGS,
    STOPWORDS,
    UNITS,
    WORD,
)

PREFIX_MIN = 5  # "develop" backs "development": one stem a prefix of the other, at least this long
ISE = re.compile(r"(?<=[a-z]{2})is(e|es|ed|ing|ation|ations|er|ers|able)$")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+(?:['’][^\W\d_]+)*|\w+|[$€£₹¥%]", re.UNICODE)
ACRONYM = re.compile(r"^(?:[A-Z]{2,}|[A-Z][a-z]*[A-Z]\w*|[A-Za-z]+\d+\w*)$")
NUMERIC = re.compile(r"^(\d+(?:[.,]\d+)*)(?:st|nd|rd|th)?$")
MARKER = re.compile(r"\s*\[\d+\]")
_stemmer = snowballstemmer.stemmer("english")


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    kind: str  # a salient kind (NAME, NUMBER, ...), or "" for function and light words
    keys: frozenset[str]

    @property
    def salient(self) -> bool:
        return bool(self.kind)


@dataclass(frozen=True)
class Phrase:
    text: str
    start: int
    end: int


@dataclass(eq=False)
class Aliases:
    """Ways of writing one person's or organisation's name, grouped: any member backs the others."""

    groups: dict[tuple[str, ...], int] = field(default_factory=dict)

    @classmethod
    def of(cls, names: list[list[str]] | tuple = ()) -> "Aliases":
        aliases = cls()
        for group in (*BUILT_IN_ALIASES, *names):
            aliases.add(group)
        return aliases

    def add(self, names) -> None:
        keys = {tuple(alias_key(n).split()) for n in names} - {()}
        existing = {self.groups[k] for k in keys if k in self.groups}
        group = min(existing) if existing else len(self.groups) + 1
        for key in keys:
            self.groups[key] = group
        if len(existing) > 1:  # two groups share a name: they are one
            for key, value in self.groups.items():
                if value in existing:
                    self.groups[key] = group

    def extended(self, names) -> "Aliases":
        """A copy with more groups of names (this one is shared and stays as it is)."""
        aliases = Aliases(dict(self.groups))
        for group in names:
            aliases.add(group)
        return aliases


NO_ALIASES = Aliases.of()


def _bare(word: str) -> str:
    """`word` without its possessive: "O’Daly's" → "O’Daly"."""
    return word[:-2] if word[-2:] in ("'s", "’s") else word


@lru_cache(maxsize=65536)  # called for every word of every passage read; the words repeat
def fold(word: str) -> str:
    folded = "".join(fold_char(c) for c in _bare(word)).replace("'", "")
    return SPELLINGS.get(folded, folded)


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    return _stemmer.stemWord(ISE.sub(r"iz\1", IRREGULAR.get(word, word)))


PARAPHRASE_KEYS: dict[str, frozenset[str]] = {}
for _number, _group in enumerate(PARAPHRASES):
    for _word in _group:
        PARAPHRASE_KEYS[stem(_word)] = PARAPHRASE_KEYS.get(stem(_word), frozenset()) | {f"syn:{_number}"}
DIRECTION_OF = {word: direction for direction, forms in DIRECTIONS.items() for word in forms}


def _number(text: str) -> float | None:
    match = NUMERIC.match(text)
    if not match:
        return None
    digits = match.group(1)
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", digits):
        digits = digits.replace(",", "")
    elif "," in digits:  # 30,6 written the European way
        digits = digits.replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _places(word: str) -> set[str]:
    """The place a name or demonym may stand for: Indian → india, Chinese → china, Kenyan → kenya."""
    found = {word}
    if word in DEMONYMS:
        found.add(DEMONYMS[word])
    if word.endswith("ese"):
        found |= {word[:-3], word[:-3] + "a"}
    if word.endswith("ian"):
        found |= {word[:-3], word[:-1], word[:-3] + "ia"}
    elif word.endswith("an"):
        found |= {word[:-1], word[:-2]}
    if word.endswith("s"):
        found.add(word[:-1])
    else:
        found.add(word + "s")
    return {f"place:{w}" for w in found if len(w) >= 3}


def _word_keys(word: str, *, capitalised: bool) -> frozenset[str]:
    stemmed = stem(word)
    keys = {f"w:{stemmed}"} | PARAPHRASE_KEYS.get(stemmed, frozenset())
    if capitalised or word in DEMONYMS:
        keys |= _places(word)
    return frozenset(keys)


def _raw_tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(text)]


@lru_cache(maxsize=8192)
def tokenize(text: str, aliases: Aliases = NO_ALIASES) -> tuple[Token, ...]:
    """The tokens of `text` with their kinds and the keys by which they back and are backed."""
    raw = _raw_tokens(text)
    folded = [fold(t) for t, _, _ in raw]
    tokens: list[Token] = []
    skip_to = -1
    first_word = next((i for i, (t, _, _) in enumerate(raw) if t[0].isalnum()), 0)
    for i, (word, start, end) in enumerate(raw):
        if i < skip_to:
            continue
        low = folded[i]
        value = _number(word) if word[0].isdigit() else NUMBER_WORDS.get(low)
        if low in ("one", "two") and i + 1 < len(raw) and folded[i + 1] in UNITS:
            value = 1 if low == "one" else 2
        if value is not None:
            end, skip_to, value = _figure(raw, folded, i, end, value)
            if word[0].isdigit() and i > 0 and folded[i - 1] in CURRENCY and raw[i - 1][2] >= start - 1:
                start = raw[i - 1][1]
            tokens.append(Token(text[start:end], start, end, NUMBER, frozenset({f"n:{value:g}"})))
            continue
        if low in MONTHS and (word[0].isupper() or len(low) > 3) and not (low == "may" and word[0].islower()):
            tokens.append(Token(word, start, end, MONTH, frozenset({f"month:{MONTHS[low]}"})))
            continue
        if low in DIRECTION_OF:
            keys = frozenset({f"dir:{DIRECTION_OF[low]}", f"w:{stem(low)}"})
            tokens.append(Token(word, start, end, DIRECTION, keys))
            continue
        currency_prefix = i + 1 < len(raw) and raw[i + 1][0] == "$" and raw[i + 1][1] == end
        if not word[0].isalnum() or low in STOPWORDS or low in CURRENCY or low in PERCENT or currency_prefix:
            tokens.append(Token(word, start, end, "", frozenset()))
            continue
        capitalised = word[0].isupper() and (i != first_word or bool(ACRONYM.match(word)))
        keys = _word_keys(low, capitalised=word[0].isupper())
        if low in LIGHT and not capitalised:
            tokens.append(Token(word, start, end, "", keys))
            continue
        kind = NAME if capitalised or ACRONYM.match(word) else WORD
        tokens.append(Token(word, start, end, kind, keys))
    return tuple(_with_aliases(tokens, aliases))


def _figure(raw, folded, i, end, value) -> tuple[int, int, float]:
    """A number with the scale and unit that follow it: "$1.3 billion", "70 percent", "9–4"."""
    j = i + 1
    while j < len(raw):
        word = folded[j]
        gap = raw[j][1] - end
        if gap > 1:
            break
        if word in SCALES and not (word == "m" and gap == 1):
            value *= SCALES[word]
        elif word not in PERCENT and word not in CURRENCY and word != "times":
            break
        end = raw[j][2]
        j += 1
    return end, j, round(value, 6)


def _with_aliases(tokens: list[Token], aliases: Aliases) -> list[Token]:
    """Tokens inside a known name ("Marco Rubio", "the U.S.") also carry that name's group."""
    words = [(i, t) for i, t in enumerate(tokens) if t.text[0].isalnum()]
    keys = [name_words(_bare(t.text)) for _, t in words]  # split as alias keys are: "O’Daly" → o, daly
    out = list(tokens)
    for a in range(len(words)):
        for n in range(min(MAX_ALIAS_WORDS, len(words) - a), 0, -1):
            group = aliases.groups.get(sum(keys[a : a + n], ()))
            if group is None:
                continue
            for index, token in words[a : a + n]:
                kind = token.kind or (NAME if token.text[0].isupper() else "")
                out[index] = Token(token.text, token.start, token.end, kind, token.keys | {f"alias:{group}"})
            break
    return out


def _probes(token: Token) -> tuple[str, ...]:
    """The keys of a passage's `_Passage.lookup` that say where `token` is backed: its own keys and,
    for a word, the stems that extend its stem (">stem") and the prefixes of its stem ("<prefix")."""
    probes = list(token.keys)
    if token.kind in (NUMBER, MONTH):
        return tuple(probes)
    for own in (k[2:] for k in token.keys if k.startswith("w:")):
        if len(own) < PREFIX_MIN:
            continue
        probes.append(f">{own}")  # passage stems that extend this one
        probes.extend(f"<{own[:end]}" for end in range(PREFIX_MIN, len(own)))  # stems this one extends
    return tuple(probes)
