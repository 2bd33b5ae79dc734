"""Support at the level of terms: which of a sentence's salient terms a passage backs, and which not.

A sentence's salient terms are its names (people, places, organisations), its figures (amounts,
percentages, dates, counts, "doubled", "half"), its months, the direction of a change ("rose",
"fell") and its other content words (nouns, verbs of action, adjectives). Function words and a
short list of light words ("make", "also", "expected") are not terms.

A term is backed by a passage when the passage has it:
- names through the aliases the project knows ("U.S." = "United States", "Dr. S. Jaishankar" =
  "Jaishankar") and through demonyms ("Indian" = "India", "Chinese" = "China");
- figures by value, so "$40 billion" is not backed by "$30 billion" and "€220 million" is backed by
  "220 million euros";
- words by stem (Snowball), British and American spellings folded, or through a short list of
  paraphrases newsrooms use all the time ("signed" = "finalised", "annually" = "every year").

A sentence is *supported* when every term is backed, *partial* when some are not (listed as the
phrases a reader would recognise: "green energy", "$40 billion"), and *unsupported* when the
passages back less than half of what it says.
"""

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import snowballstemmer

from sources.text.names import alias_key
from sources.text.normalize import fold_char

SUPPORTED, PARTIAL, UNSUPPORTED = "supported", "partial", "unsupported"
LABELS = (SUPPORTED, PARTIAL, UNSUPPORTED)
UNSUPPORTED_BELOW = 0.5  # share of the sentence's weighted terms the passages must back
PREFIX_MIN = 5  # "develop" backs "development": one stem a prefix of the other, at least this long
NEAR = 4  # words of one compound must stand this close (in tokens) in the passage
PART = 2.0  # what a passage must back to say "part of" a sentence: a name, a figure or two words

NAME, NUMBER, MONTH, DIRECTION, WORD = "name", "number", "month", "direction", "word"
WEIGHTS = {NAME: 2.0, NUMBER: 2.0, MONTH: 2.0, DIRECTION: 2.0, WORD: 1.0}

# fmt: off
STOPWORDS = frozenset((
    "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "doing", "during", "each", "for", "from", "further", "had", "has",
    "have", "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "me", "my", "no", "nor", "not", "of", "off", "on", "once", "or", "other",
    "our", "ours", "out", "over", "own", "she", "should", "so", "some", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those",
    "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when",
    "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "said",
    "says", "say", "saying", "told", "according", "per", "via", "upon", "within", "without", "among",
    "amid", "across", "toward", "towards", "may", "might", "must", "shall", "s", "t", "mr", "mrs",
    "ms", "dr", "shri", "prof", "sir", "whose", "another", "every", "same", "only", "more", "most",
    "less", "least", "much", "many", "several", "whether", "however", "therefore", "thus", "since",
))
# Light words: common verbs and qualifiers a paraphrase adds or drops without changing what is said.
LIGHT = frozenset((
    "make", "makes", "made", "making", "take", "takes", "took", "taken", "get", "gets", "got",
    "become", "becomes", "became", "becoming", "use", "uses", "used", "using", "go", "goes", "went",
    "come", "comes", "came", "put", "set", "help", "helps", "helped", "include", "includes",
    "included", "including", "also", "able", "new", "like", "well", "still", "already", "yet",
    "even", "just", "mainly", "mostly", "largely", "nearly", "almost", "roughly", "around",
    "approximately", "some", "expected", "due", "likely", "currently", "now", "recently", "today",
    "yesterday", "tomorrow", "far", "way", "ways", "part", "whole", "total", "overall", "key",
    "major", "main", "important", "significant", "various", "certain", "particular", "particularly",
    "especially", "further", "additional", "additionally", "thing", "things", "lot", "kind",
    "reportedly", "officially", "formally", "effectively", "essentially", "actually", "really",
    "together", "jointly", "let", "lets", "allow", "allows", "allowed", "allowing", "enable",
    "enables", "country", "countries", "nation", "nations", "both", "two", "one", "first", "money",
))
# "one" and "two" are figures only before a unit: "two years" is a claim, "the two countries" is not.
UNITS = frozenset(("year", "years", "month", "months", "week", "weeks", "day", "days", "decade",
                   "decades", "times", "percent", "thirds", "quarters", "hours", "minutes"))
MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "april": 4, "apr": 4, "may": 5,
    "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9,
    "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
# The direction of a change: "rose" and "fell" are what a figure says as much as the figure itself.
DIRECTIONS = {
    "up": ("rise", "rose", "risen", "rising", "rises", "increase", "increased", "increases",
           "increasing", "grow", "grew", "grown", "growing", "grows", "growth", "climb", "climbed",
           "jump", "jumped", "surge", "surged", "soar", "soared", "higher", "raise", "raised",
           "expand", "expanded", "boost", "boosted", "gain", "gained"),
    "down": ("fall", "fell", "fallen", "falling", "falls", "drop", "dropped", "decline", "declined",
             "decrease", "decreased", "decreasing", "cut", "cuts", "cutting", "reduce", "reduced",
             "reduces", "reducing", "reduction", "lower", "lowered", "lowers", "shrink", "shrank",
             "slump", "slumped", "plunge", "plunged", "lose", "lost", "loss"),
}
NUMBER_WORDS = {
    "zero": 0, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "dozen": 12, "second": 2, "third": 3, "fourth": 4, "fifth": 5,
    "twice": 2, "double": 2, "doubled": 2, "doubling": 2, "triple": 3, "tripled": 3,
    "tripling": 3, "threefold": 3, "quadrupled": 4, "half": 0.5, "halved": 0.5, "quarter": 0.25,
    "decade": 10,
}
SCALES = {
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12, "lakh": 1e5, "crore": 1e7,
}
CURRENCY = frozenset(("$", "€", "£", "₹", "¥", "us$", "usd", "eur", "gbp", "inr", "dollar", "dollars",
                      "euro", "euros", "pound", "pounds", "rupee", "rupees", "yen"))
PERCENT = frozenset(("%", "percent", "pc"))
# Paraphrases newsrooms use all the time; each group backs any of its members.
PARAPHRASES = (
    ("sign", "finalize", "ink", "seal", "conclude", "agree"),
    ("agreement", "deal", "pact", "accord", "framework", "memorandum", "mou", "treaty"),
    ("contribute", "donate", "give", "provide", "donation", "contribution", "grant"),
    ("commit", "pledge", "promise", "commitment"),
    ("lend", "loan", "borrow", "credit"),
    ("fund", "finance", "financing", "funding", "pay"),
    ("annual", "annually", "year", "yearly"),
    ("produce", "production", "yield", "output", "generate", "make"),
    ("reliance", "dependence", "dependency", "rely", "depend"),
    ("aim", "seek", "intend", "plan", "goal", "objective"),
    ("start", "begin", "launch", "commence"),
    ("finish", "end", "complete", "conclude"),
    ("buy", "purchase", "acquire"),
    ("announce", "declare", "unveil"),
    ("talks", "discussions", "negotiations", "negotiate", "discuss"),
    ("capacity", "treat", "handle", "process"),
    ("secure", "safeguard", "protect"),
    ("largest", "biggest"),
    ("legislature", "parliament", "congress", "diet", "senate"),
    ("ratify", "approve"),
    ("permit", "allow", "let"),
    ("help", "assist", "support", "aid"),
    ("minister", "ministry", "secretary"),
)
# Demonyms a suffix rule does not find ("Indian" → India and "Kenyan" → Kenya it does).
DEMONYMS = {
    "norwegian": "norway", "british": "britain", "dutch": "netherlands", "french": "france",
    "filipino": "philippines", "swiss": "switzerland", "greek": "greece", "welsh": "wales",
    "danish": "denmark", "swedish": "sweden", "finnish": "finland", "polish": "poland",
    "turkish": "turkey", "spanish": "spain", "irish": "ireland", "scottish": "scotland",
    "german": "germany", "english": "england", "thai": "thailand", "icelandic": "iceland",
    "saudi": "saudi arabia", "emirati": "emirates", "omani": "oman", "yemeni": "yemen",
    "pakistani": "pakistan", "bangladeshi": "bangladesh", "israeli": "israel", "iraqi": "iraq",
    "kuwaiti": "kuwait", "qatari": "qatar", "nepali": "nepal", "malagasy": "madagascar",
}
SPELLINGS = {
    "defence": "defense", "licence": "license", "offence": "offense", "programme": "program",
    "centre": "center", "metre": "meter", "litre": "liter", "litres": "liters", "tonne": "ton",
    "tonnes": "tons", "colour": "color", "labour": "labor", "favour": "favor", "neighbour": "neighbor",
    "organisation": "organization", "organisations": "organizations", "travelled": "traveled",
}
IRREGULAR = {
    "gave": "give", "given": "give", "took": "take", "taken": "take", "met": "meet", "held": "hold",
    "won": "win", "sold": "sell", "bought": "buy", "built": "build", "began": "begin", "begun": "begin",
    "spent": "spend", "paid": "pay", "led": "lead", "left": "leave", "sent": "send", "kept": "keep",
    "brought": "bring", "told": "tell", "fought": "fight", "struck": "strike", "drew": "draw",
    "drawn": "draw", "wrote": "write", "written": "write", "chose": "choose", "chosen": "choose",
    "broke": "break", "broken": "break", "spoke": "speak", "spoken": "speak", "stood": "stand",
    "sought": "seek", "froze": "freeze", "frozen": "freeze", "shook": "shake", "shaken": "shake",
    "withdrew": "withdraw", "withdrawn": "withdraw", "oversaw": "oversee", "overseen": "oversee",
    "undertook": "undertake", "undertaken": "undertake", "forgave": "forgive", "lent": "lend",
    "flew": "fly", "flown": "fly", "went": "go", "gone": "go", "saw": "see", "seen": "see",
    "knew": "know", "known": "know", "found": "find", "ran": "run", "hit": "hit", "bore": "bear",
    "borne": "bear", "laid": "lay", "dealt": "deal", "meant": "mean", "understood": "understand",
}
BUILT_IN_ALIASES = (
    ("us", "u s", "usa", "u s a", "united states", "united states of america", "america", "american",
     "americans"),
    ("uk", "u k", "united kingdom", "britain", "great britain", "british"),
    ("eu", "european union"),
    ("un", "united nations"),
)
# fmt: on
MAX_ALIAS_WORDS = 6
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


@dataclass(frozen=True)
class Support:
    """What the passages back of a sentence: its class, the backed and unbacked terms, and where."""

    label: str
    coverage: float  # weighted share of the sentence's terms the passages back
    backed: tuple[Phrase, ...] = ()
    unbacked: tuple[Phrase, ...] = ()

    @property
    def unbacked_terms(self) -> list[str]:
        return [p.text for p in self.unbacked]


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

    def fingerprint(self) -> int:
        return hash(frozenset(self.groups.items()))


NO_ALIASES = Aliases.of()


@lru_cache(maxsize=65536)  # called for every word of every passage read; the words repeat
def fold(word: str) -> str:
    folded = "".join(fold_char(c) for c in word).replace("'", "")
    if folded.endswith("s") and word[-2:] in ("'s", "’s"):
        folded = folded[:-1]
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
    keys = [fold(t.text).replace(".", "") for _, t in words]
    out = list(tokens)
    for a in range(len(words)):
        for n in range(min(MAX_ALIAS_WORDS, len(words) - a), 0, -1):
            group = aliases.groups.get(tuple(keys[a : a + n]))
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


@dataclass(frozen=True)
class _Passage:
    """A passage's tokens by key, with their positions, so phrases can be checked for nearness."""

    # Where each key stands, where each stem of at least PREFIX_MIN letters stands ("<stem") and
    # where the stems extending each such prefix stand (">prefix"): a word's matches are a few
    # lookups, not a scan of the passage, and a passage sharing no key with a sentence is passed
    # over with one set operation.
    lookup: dict[str, tuple[int, ...]]
    in_names: frozenset[int]  # words inside a multi-word name ("National Green Hydrogen Mission")

    @classmethod
    @lru_cache(maxsize=8192)
    def of(cls, passage: str, aliases: "Aliases") -> "_Passage":
        lookup: dict[str, list[int]] = {}
        stems = []
        tokens = tokenize(passage, aliases)
        capital = [t.text[:1].isupper() for t in tokens]
        in_names = frozenset(
            i
            for i in range(1, len(tokens))
            if capital[i] and (capital[i - 1] or (i + 1 < len(tokens) and capital[i + 1]))
        )
        for index, token in enumerate(tokens):
            keys = set(token.keys)
            if not token.kind and token.text[0].isalpha():  # a light word still backs itself
                keys.add(f"w:{stem(fold(token.text))}")
            for key in keys:
                lookup.setdefault(key, []).append(index)
                if key.startswith("w:"):
                    stems.append((key[2:], index))
        for stem_, index in stems:
            if len(stem_) < PREFIX_MIN:
                continue
            lookup.setdefault(f"<{stem_}", []).append(index)
            for end in range(PREFIX_MIN, len(stem_) + 1):
                lookup.setdefault(f">{stem_[:end]}", []).append(index)
        return cls({k: tuple(v) for k, v in lookup.items()}, in_names)

    def matches(self, token: Token) -> set[int]:
        """Where in the passage `token` is backed: same key, or (for words) a stem one extends."""
        return {i for probe in _probes(token) for i in self.lookup.get(probe, ())}


AUXILIARIES = frozenset(
    (
        "will",
        "would",
        "has",
        "have",
        "had",
        "can",
        "could",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "did",
        "does",
        "do",
    )
)


def _compounds(text: str, tokens: tuple[Token, ...]) -> dict[int, tuple[int, ...]]:
    """Noun phrases of adjacent lower-case words ("green energy", "next-generation computing"), by member.

    A word after "will", "to" or "has" is a verb and starts no phrase; a phrase does not end in an
    "-ed" word ("the minister signed").
    """
    groups: dict[int, tuple[int, ...]] = {}
    run: list[int] = []

    def close(run):
        while run and tokens[run[-1]].text.endswith("ed"):
            run = run[:-1]
        if len(run) > 1:
            for i in run:
                groups[i] = tuple(run)

    for i, token in enumerate(tokens):
        member = token.kind == WORD and token.text[0].islower()
        verb = i > 0 and tokens[i - 1].text.lower() in AUXILIARIES
        joined = run and text[tokens[run[-1]].end : token.start] in (" ", "-", "‑")
        if member and joined and not verb:
            run.append(i)
        else:
            close(run)
            run = [i] if member and not verb else []
    close(run)
    return groups


@dataclass(frozen=True)
class Sentence:
    """A sentence's tokens, the weight of each as a term (0 for the rest) and its noun phrases."""

    text: str
    tokens: tuple[Token, ...]
    weights: tuple[float, ...]
    groups: dict[int, tuple[int, ...]]

    @property
    def total(self) -> float:
        return sum(self.weights)

    @cached_property
    def probes(self) -> tuple[tuple[int, tuple[str, ...]], ...]:
        """Each term's position and the keys a passage's lookup holds its matches under."""
        return tuple((i, _probes(t)) for i, t in enumerate(self.tokens) if t.salient)

    @cached_property
    def probe_keys(self) -> frozenset[str]:
        return frozenset(probe for _, probes in self.probes for probe in probes)


@lru_cache(maxsize=4096)
def parse(sentence: str, aliases: Aliases = NO_ALIASES) -> Sentence:
    text = MARKER.sub("", sentence)
    tokens = tokenize(text, aliases)
    weights = tuple(WEIGHTS[t.kind] if t.salient else 0.0 for t in tokens)
    return Sentence(text, tokens, weights, _compounds(text, tokens))


def backed_by(sentence: Sentence, passage: str, aliases: Aliases = NO_ALIASES) -> frozenset[int]:
    """The positions of the sentence's terms that `passage` backs.

    A word of a noun phrase is backed next to another word of it. Alone, the phrase's head (its
    last word) is backed; another word only where the passage has none of the phrase's other words
    and does not use it inside a name: "Green Hydrogen Mission" does not back the "green" of "green
    energy", "mining and processing" backs the "processing" of "processing efforts".
    """
    reading_ = _Passage.of(passage, aliases)
    lookup = reading_.lookup
    if lookup.keys().isdisjoint(sentence.probe_keys):
        return frozenset()
    found: dict[int, set[int]] = {}
    for i, probes in sentence.probes:
        where = {j for probe in probes if probe in lookup for j in lookup[probe]}
        if where:
            found[i] = where
    backed = []
    for i, mine in found.items():
        group = sentence.groups.get(i)
        if not group or i == group[-1]:
            backed.append(i)
            continue
        near = {j for other in group if other != i and other in found for j in found[other]}
        if any(abs(p - q) <= NEAR for p in mine for q in near) or (not near and mine - reading_.in_names):
            backed.append(i)
    return frozenset(backed)


def judge(sentence: Sentence, backed: frozenset[int]) -> Support:
    """The class of a sentence whose terms at `backed` are backed (by one passage or several)."""
    if not sentence.total:
        return Support(SUPPORTED, 1.0)
    coverage = round(sum(sentence.weights[i] for i in backed) / sentence.total, 4)
    flags = [w > 0 and i in backed for i, w in enumerate(sentence.weights)]
    missing = [w > 0 and i not in backed for i, w in enumerate(sentence.weights)]
    # A noun phrase mostly unbacked, modifier included, is named whole: "green energy", not "green"
    # (the source may speak of energy, not of green energy). An unbacked head is named alone.
    for group in set(sentence.groups.values()):
        first = next((n for n, j in enumerate(group[:-1]) if missing[j]), None)
        if first is not None and 2 * sum(missing[j] for j in group) >= len(group):
            for j in group[first:]:
                missing[j] = True
    unbacked = _runs(sentence.text, sentence.tokens, missing)
    if coverage < UNSUPPORTED_BELOW:
        label = UNSUPPORTED
    elif unbacked:
        label = PARTIAL
    else:
        label = SUPPORTED
    return Support(label, coverage, tuple(_runs(sentence.text, sentence.tokens, flags)), tuple(unbacked))


def judge_passage(sentence: Sentence, backed: frozenset[int]) -> Support:
    """What one of several cited passages says of a sentence: all of it, part of it (at least a name,
    a figure or two words), or nothing to speak of."""
    support = judge(sentence, backed)
    if support.label == SUPPORTED:
        return support
    weight = sum(sentence.weights[i] for i in backed)
    return Support(
        PARTIAL if weight >= PART else UNSUPPORTED, support.coverage, support.backed, support.unbacked
    )


def assess(sentence: str, passages, aliases: Aliases = NO_ALIASES) -> Support:
    """How far `passages` (the texts a sentence cites) back `sentence`."""
    parsed = parse(sentence, aliases)
    backed = frozenset().union(*(backed_by(parsed, p, aliases) for p in passages))
    return judge(parsed, backed)


def _runs(text: str, tokens: tuple[Token, ...], marked: list[bool]) -> list[Phrase]:
    """Maximal runs of marked terms; unmarked function words between two marked terms join them."""
    runs: list[Phrase] = []
    current: list[Token] = []
    pending: list[Token] = []
    for token, mark in zip(tokens, marked, strict=True):
        if mark:
            current.extend(pending if current else [])
            current.append(token)
            pending = []
        elif (
            not token.salient
            and current
            and token.text[0].isalnum()
            and text[current[-1].end : token.start].strip(" -–") == ""
        ):
            pending.append(token)
        elif current:
            runs.append(Phrase(text[current[0].start : current[-1].end], current[0].start, current[-1].end))
            current, pending = [], []
    if current:
        runs.append(Phrase(text[current[0].start : current[-1].end], current[0].start, current[-1].end))
    return runs


PRONOUN_OPENING = re.compile(r"^\W*(?:it|this|that|they|these|those|he|she|its|their|his|her)\b", re.I)


def reading(source_text: str, start: int, end: int) -> str:
    """The text a passage is read in: with the sentence before it when it opens with a pronoun.

    "It was frozen in 2019" backs "the fund was frozen in 2019" when the sentence before names the fund.
    """
    passage = source_text[start:end]
    if not PRONOUN_OPENING.match(passage):
        return passage
    before = source_text[:start].rstrip()
    cut = max(before.rfind(". ", 0, len(before) - 1), before.rfind("\n", 0, len(before) - 1))
    return source_text[cut + 1 : end].strip() if cut >= 0 else source_text[:end]


def backing_spans(sentence: str, passage: str, aliases: Aliases = NO_ALIASES) -> list[tuple[int, int]]:
    """Where in `passage` the words are that back the sentence's terms (for highlighting)."""
    reading_ = _Passage.of(passage, aliases)
    wanted: set[int] = set()
    for token in tokenize(MARKER.sub("", sentence), aliases):
        if token.salient:
            wanted |= reading_.matches(token)
    spans: list[tuple[int, int]] = []
    for index, token in enumerate(tokenize(passage, aliases)):
        if index not in wanted:
            continue
        if spans and passage[spans[-1][1] : token.start].strip(" ,-–") == "":
            spans[-1] = (spans[-1][0], token.end)
        else:
            spans.append((token.start, token.end))
    return spans


def support_score(support: Support) -> float:
    """One number to rank passages by: coverage, with partial and unsupported below every supported."""
    bonus = {SUPPORTED: 2.0, PARTIAL: 1.0, UNSUPPORTED: 0.0}[support.label]
    return round(bonus + support.coverage, 4)
