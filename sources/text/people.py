"""People named in a text: titled names, bylines and later surname mentions, merged into one record each."""

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sources.text.metadata import find_byline
from sources.text.names import alias_key as _alias_key


@dataclass(frozen=True)
class Mention:
    name: str
    title: str
    start: int
    end: int


@dataclass(frozen=True)
class PersonRef:
    name: str
    aliases: tuple[str, ...]
    roles: tuple[tuple[str, str], ...]
    mentions: tuple[Mention, ...]

    @property
    def key(self) -> str:
        return alias_key(self.name)


@lru_cache(maxsize=16384)
def alias_key(name: str) -> str:
    """names.alias_key, memoised: it normalises character by character and runs for every capitalised word."""
    return _alias_key(name)


# --- Lexicon ---------------------------------------------------------------------------------------

COUNTRIES = {
    "United States": ("US", "U.S.", "USA", "U.S.A.", "American", "America", "America's", "United States"),
    "India": ("India", "Indian"),
    "China": ("China", "Chinese"),
    "Japan": ("Japan", "Japanese"),
    "Australia": ("Australia", "Australian"),
    "United Kingdom": ("UK", "U.K.", "British", "Britain", "United Kingdom"),
    "Russia": ("Russia", "Russian"),
    "France": ("France", "French"),
    "Germany": ("Germany", "German"),
    "Pakistan": ("Pakistan", "Pakistani"),
    "Canada": ("Canada", "Canadian"),
    "Israel": ("Israel", "Israeli"),
    "Iran": ("Iran", "Iranian"),
    "Ukraine": ("Ukraine", "Ukrainian"),
    "Saudi Arabia": ("Saudi", "Saudi Arabia", "Saudi Arabian"),
    "South Korea": ("South Korea", "South Korean"),
    "North Korea": ("North Korea", "North Korean"),
    "Brazil": ("Brazil", "Brazilian"),
    "Italy": ("Italy", "Italian"),
    "Spain": ("Spain", "Spanish"),
    "Bangladesh": ("Bangladesh", "Bangladeshi"),
    "Sri Lanka": ("Sri Lanka", "Sri Lankan"),
    "Nepal": ("Nepal", "Nepalese", "Nepali"),
    "Turkey": ("Turkey", "Turkish", "Türkiye"),
    "Egypt": ("Egypt", "Egyptian"),
    "Mexico": ("Mexico", "Mexican"),
    "Indonesia": ("Indonesia", "Indonesian"),
    "Singapore": ("Singapore", "Singaporean"),
    "Vietnam": ("Vietnam", "Vietnamese"),
    "Philippines": ("Philippines", "Philippine", "Filipino"),
    "Taiwan": ("Taiwan", "Taiwanese"),
    "Afghanistan": ("Afghanistan", "Afghan"),
    "United Arab Emirates": ("UAE", "Emirati", "United Arab Emirates"),
    "Qatar": ("Qatar", "Qatari"),
    "Netherlands": ("Netherlands", "Dutch"),
    "South Africa": ("South Africa", "South African"),
    "Nigeria": ("Nigeria", "Nigerian"),
    "Kenya": ("Kenya", "Kenyan"),
    "Chile": ("Chile", "Chilean"),
    "Peru": ("Peru", "Peruvian"),
    "Bolivia": ("Bolivia", "Bolivian"),
    "Colombia": ("Colombia", "Colombian"),
    "Venezuela": ("Venezuela", "Venezuelan"),
    "Greece": ("Greece", "Greek"),
    "Portugal": ("Portugal", "Portuguese"),
    "Belgium": ("Belgium", "Belgian"),
    "Switzerland": ("Switzerland", "Swiss"),
    "Austria": ("Austria", "Austrian"),
    "Denmark": ("Denmark", "Danish"),
    "Finland": ("Finland", "Finnish"),
    "Ireland": ("Ireland", "Irish"),
    "Thailand": ("Thailand", "Thai"),
    "Malaysia": ("Malaysia", "Malaysian"),
    "Myanmar": ("Myanmar",),
    "Mongolia": ("Mongolia", "Mongolian"),
    "Kazakhstan": ("Kazakhstan", "Kazakh"),
    "Iraq": ("Iraq", "Iraqi"),
    "Syria": ("Syria", "Syrian"),
    "Morocco": ("Morocco", "Moroccan"),
    "Ethiopia": ("Ethiopia", "Ethiopian"),
    "Ghana": ("Ghana", "Ghanaian"),
    "Tanzania": ("Tanzania", "Tanzanian"),
    "Zambia": ("Zambia", "Zambian"),
    "Zimbabwe": ("Zimbabwe", "Zimbabwean"),
    "Namibia": ("Namibia", "Namibian"),
    "Mozambique": ("Mozambique", "Mozambican"),
    "Democratic Republic of the Congo": ("DRC", "Congo", "Congolese"),
    "Argentina": ("Argentina", "Argentine", "Argentinian"),
    "Poland": ("Poland", "Polish"),
    "Sweden": ("Sweden", "Swedish"),
    "Norway": ("Norway", "Norwegian"),
    "New Zealand": ("New Zealand",),
    "European Union": ("EU", "E.U.", "European Union", "European"),
    "United Nations": ("UN", "U.N.", "United Nations"),
}
COUNTRY_OF = {form.casefold(): country for country, forms in COUNTRIES.items() for form in forms}
_COUNTRY = "|".join(
    re.escape(form) for form in sorted({f for fs in COUNTRIES.values() for f in fs}, key=len, reverse=True)
)

# fmt: off
ROLE_HEADS = (
    "Minister", "President", "Vice President", "Vice-President", "Secretary-General", "Secretary General",
    "Secretary", "Ambassador-at-Large", "Ambassador", "High Commissioner", "Commissioner", "Chancellor",
    "Governor-General", "Governor", "Senator", "Sen.", "Representative", "Rep.", "Congressman",
    "Congresswoman", "Speaker", "Chairman", "Chairwoman", "Chairperson", "Chair", "CEO", "Chief Executive",
    "Director-General", "Director General", "Director", "Spokesperson", "Spokesman", "Spokeswoman",
    "Adviser", "Advisor", "Chief Justice", "Justice", "Judge", "Mayor", "King", "Queen", "Crown Prince",
    "Prince", "Princess", "Emir", "General", "Gen.", "Lt. Gen.", "Admiral", "Adm.", "Colonel", "Col.",
    "Special Envoy", "Envoy", "Premier", "Leader", "Chief", "Professor", "Prof.", "Founder",
)
LOWER_HEADS = (
    "minister", "president", "secretary", "spokesperson", "spokesman", "spokeswoman", "ambassador", "envoy",
    "adviser", "advisor", "director", "chairman", "chairperson", "analyst", "economist", "professor",
    "chief executive", "founder", "researcher", "fellow",
)
LOWER_MODIFIERS = (
    "external affairs", "foreign affairs", "foreign", "defence", "defense", "finance", "commerce", "trade",
    "home", "prime", "deputy", "vice", "chief", "senior", "former", "ministry", "embassy", "state department",
    "mines", "energy", "junior", "then", "political", "energy policy", "trade policy", "security", "senior",
)
OF_WORDS = (
    "State", "Defense", "Defence", "Commerce and Industry", "Commerce", "Energy", "the Treasury", "Treasury",
    "External Affairs", "Foreign Affairs", "Home Affairs", "Finance", "Trade", "Industry", "Mines", "Health",
    "Education", "Labour", "Labor", "Agriculture", "the Interior", "Interior", "Homeland Security", "Justice",
    "Transportation", "Environment", "Science and Technology", "Information and Broadcasting", "Railways",
    "Power", "Petroleum and Natural Gas", "Coal", "Steel", "Staff", "the Army", "the Navy", "the Air Force",
    "Resources", "Industry, Science and Resources", "Climate Change", "Energy and Climate Change",
    "Economic Affairs", "Trade and Investment", "Foreign Trade", "Housing", "Culture", "Tourism",
    "Communications", "Electronics and Information Technology", "Parliamentary Affairs", "Rural Development",
    "Civil Aviation", "Shipping", "Textiles", "Heavy Industries", "Road Transport and Highways",
    "Consumer Affairs", "Law and Justice", "Foreign Affairs and Trade", "Veterans Affairs", "Immigration",
    "Public Security", "National Defense", "Economy", "Economy and Finance", "Natural Resources",
)
# fmt: on
HONORIFIC = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Shri|Smt|Sir|Dame|Lord|Lady|Sheikh|Hon)\.?"
_UP, _LO = "A-ZÀ-ÖØ-Þ", "a-zß-öø-ÿ"
TOKEN = rf"(?:Mc[{_UP}][{_LO}]+|[{_UP}][{_LO}]+(?:[-'’][{_UP}]?[{_LO}]+)*|[{_UP}]\.|[{_UP}](?=\s))"
PARTICLE = r"(?:de|da|di|van|von|der|den|del|la|le|bin|ibn|al|el|dos|das)"
NAME = rf"(?:{HONORIFIC}\s+)?{TOKEN}(?:[ \t]+(?:{PARTICLE}[ \t]+)?{TOKEN}){{0,3}}"

# fmt: off
STOP_WORDS = {
    "the", "this", "that", "these", "those", "it", "he", "she", "they", "we", "i", "both", "such", "some",
    "many", "at", "in", "on", "after", "before", "and", "but", "however", "meanwhile", "through", "according",
    "today", "yesterday", "tomorrow", "then", "now", "when", "while", "as", "if", "for", "with", "from", "by",
    "to", "of", "an", "a", "his", "her", "their", "our", "its", "also", "earlier", "later", "last", "next",
    "former", "acting", "several", "officials", "sources", "why", "what", "how", "who", "where", "all",
}
CALENDAR_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
    "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
}
NON_NAME = CALENDAR_WORDS | {
    "department", "ministry", "embassy", "house", "academy", "photo", "forum", "partnership", "mission",
    "government", "office", "council", "bank", "group", "university", "institute", "party", "times", "news",
    "post", "express", "agency", "commission", "committee", "court", "parliament", "senate", "congress",
    "bureau", "union", "nations", "alliance", "association", "company", "corporation", "inc", "ltd",
    "state", "states", "delhi", "new", "beijing", "washington", "moscow", "london", "tokyo", "paris",
    "berlin", "canberra", "islamabad", "dhaka", "kathmandu", "colombo", "brussels", "geneva", "dubai",
    "mumbai", "kolkata", "chennai", "bengaluru", "hyderabad", "nagar", "street", "road", "summit",
    "meeting", "statement", "framework", "initiative", "act", "bill", "policy", "programme", "program",
    "strategy", "plan", "report", "index", "fund", "reuters", "ap", "afp", "pti", "ani", "ians", "center",
    "centre", "white", "pacific", "indo-pacific", "ocean", "sea", "river", "valley", "east", "west",
    "north", "south", "asia", "africa", "europe", "america", "middle", "capitol", "hill", "palace", "green",
    "national", "international", "global", "joint", "leaders", "mou", "kremlin", "pentagon", "foundation",
    "trust", "board", "authority", "administration",
}
# fmt: on
NON_NAME |= set(COUNTRY_OF)
# fmt: off
REPORTING_VERBS = (
    "said", "says", "told", "added", "noted", "stated", "recalled", "remarked", "explained", "observed",
    "asserted", "declared", "announced", "argued", "claimed", "insisted", "stressed", "emphasised",
    "emphasized", "underlined", "pointed out", "wrote", "tweeted", "posted", "warned", "maintained",
    "acknowledged", "confirmed", "replied", "responded", "commented", "highlighted", "reiterated", "urged",
    "cautioned", "mentioned", "suggested", "admitted", "conceded", "predicted", "promised", "vowed",
    "alleged", "contended", "concluded", "asked", "recounted", "affirmed", "underscored", "described",
)
# fmt: on
VERBS = "|".join(sorted((re.escape(v) for v in REPORTING_VERBS), key=len, reverse=True))

HEAD_WORDS = (*ROLE_HEADS, *LOWER_HEADS)
_HEAD = "|".join(
    [re.escape(h) for h in sorted(ROLE_HEADS, key=len, reverse=True)]
    + [re.escape(h) for h in sorted(LOWER_HEADS, key=len, reverse=True)]
)
_NOT_MODIFIERS = {w.capitalize() for w in STOP_WORDS} | {w.capitalize() for w in CALENDAR_WORDS}
_STOP_LOOKAHEAD = "(?!(?:" + "|".join(sorted(_NOT_MODIFIERS, key=len, reverse=True)) + r")\b)"
_MODIFIER = rf"(?:{_STOP_LOOKAHEAD}[{_UP}][{_LO}]+|" + "|".join(re.escape(m) for m in LOWER_MODIFIERS) + ")"
_OF = "|".join(re.escape(w) for w in sorted(OF_WORDS, key=len, reverse=True))
TITLE = (
    rf"(?:(?P<country>{_COUNTRY})(?:['’]s)?[ \t]+)?"
    rf"(?P<core>(?:{_MODIFIER}[ \t]+){{0,3}}(?:{_HEAD})(?![\w-])(?:[ \t]+(?:of|for)[ \t]+(?:{_OF}))*)"
    rf"(?:[ \t]+of[ \t]+(?P<of_country>{_COUNTRY})(?![\w]))?"
)
_PREFIX = rf"(?:(?P<country>{_COUNTRY})(?:['’]s)?[ \t]+)?(?P<modifiers>(?:{_MODIFIER}[ \t]+){{0,3}})"
_SUFFIX = (
    rf"(?P<of>(?:[ \t]+(?:of|for)[ \t]+(?:{_OF}))*)(?:[ \t]+of[ \t]+(?P<of_country>{_COUNTRY})(?![\w]))?"
)
TITLE_PREFIX = re.compile(_PREFIX)
TITLE_SUFFIX = re.compile(_SUFFIX)
NAME_AFTER = re.compile(rf"[ \t]+(?P<name>{NAME})")
APPOSITION_BEFORE = re.compile(rf"(?P<name>{NAME}),[ \t]+(?:(?:the|a|an)[ \t]+)?\Z")
APPOSITION_AFTER = re.compile(r"[ \t]*[,.;]|[ \t]+(?:for|at|of|with|in)\b")
NAME_BEFORE_VERB = re.compile(rf"(?P<name>{NAME})(?:['’]s)?[ \t]+\Z")
INSIDE_ORG_NAME = re.compile(r"\b(?:of|the|for|at)[ \t]+\Z")
TITLE_TAIL = re.compile(
    r"[ \t]+(?:of|for)[ \t]+(?:the[ \t]+)?[A-Z][\w'’-]*(?:[ \t]+(?:(?:and|of|&)[ \t]+)?[A-Z][\w'’-]*){0,5}"
)
WORD_START = re.compile(r"(?<![\w'’.-])[A-Za-z]")
# A whole-line title ("Mines Minister of Chile") may end in any place name, not only a listed country.
TITLE_ONLY = re.compile(
    rf"^(?P<title>{TITLE}(?:[ \t]+of[ \t]+(?P<of_place>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){{0,3}}))?)$"
)
PERSONALITY = re.compile(rf"(?m)^[ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*:[ \t]*(?P<name>{NAME})[ \t]*\.?$")
PERSONALITY_FLIPPED = re.compile(
    rf"(?m)^[ \t]*(?P<name>{NAME})[ \t]*[:–—][ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*\.?$"
)
HONORIFIC_AT = re.compile(rf"{HONORIFIC}[ \t]+")
HONORED = re.compile(rf"(?<![\w.])(?P<name>{HONORIFIC}[ \t]+{TOKEN}(?:[ \t]+{TOKEN}){{0,3}})")
CAPITALISED = re.compile(rf"\b[{_UP}][{_LO}]+(?:-[{_UP}]?[{_LO}]+)*\b")
NON_SPACE = re.compile(r"\S+")
INITIAL = re.compile(r"^[A-ZÀ-Þ]\.?$")
PREVIOUS_WORD = re.compile(rf"([{_UP}][{_LO}]+)[ \t]+\Z")
FOLLOWING_WORD = re.compile(rf"[ \t]+([{_UP}][{_LO}]+)")
LEADING_HONORIFIC = re.compile(rf"^{HONORIFIC}[ \t]+")
NOT_A_NAME = STOP_WORDS | NON_NAME


@dataclass
class _Candidate:
    name: str
    title: str
    role: tuple[str, str] | None
    start: int
    end: int
    weak: bool = False  # a lone word next to "said": a person only if it names someone found otherwise


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)
    first: int = 0
    weak: bool = False
    keys: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.keys = {alias_key(name) for name in self.names} - {""}

    def add_name(self, name: str) -> None:
        self.names.append(name)
        if key := alias_key(name):
            self.keys.add(key)

    @property
    def full_keys(self) -> set[str]:
        return {key for key in self.keys if " " in key}


# --- Finding candidates ------------------------------------------------------------------------------


def find_people(text: str, *, byline_authors: tuple[str, ...] = ()) -> list[PersonRef]:
    candidates = _dedupe(
        [
            *_titled(text),
            *_personalities(text),
            *_honoured(text),
            *_reported(text),
        ]
    )
    authors = byline_authors or find_byline(text.split("\n\n")[:8])[2]
    clusters = _clusters_from(candidates)
    clusters.extend(_author_clusters(text, authors, clusters))
    clusters = [c for c in _merge_clusters(clusters) if not c.weak]
    _add_surname_mentions(text, clusters)
    return [_person(cluster) for cluster in sorted(clusters, key=lambda c: c.first)]


def _role(core: str, country: str | None, of_country: str | None) -> tuple[str, str]:
    words = core.split()
    title = " ".join(
        w if w in {"of", "for", "and", "the"} or w[:1].isupper() else w.capitalize() for w in words
    )
    hint = COUNTRY_OF.get((country or of_country or "").replace("’", "'").removesuffix("'s").casefold(), "")
    return title, hint


def name_span(name: str, start: int) -> tuple[str, int, int] | None:
    """Drop stop words at the edges ("Meanwhile John Smith Tuesday"); reject place and organisation words."""
    tokens = list(NON_SPACE.finditer(name))
    while tokens and tokens[0].group().rstrip(".").casefold() in STOP_WORDS:
        tokens.pop(0)
    # Only a trailing day or month is dropped ("Trump Tuesday"); "… Partnership" shows the phrase is no name.
    while tokens and (tokens[-1].group().casefold() in CALENDAR_WORDS or INITIAL.match(tokens[-1].group())):
        tokens.pop()
    if not tokens:
        return None
    words = [token.group() for token in tokens]
    if any(word.casefold() in NON_NAME for word in words) or not any(len(w.rstrip(".")) > 1 for w in words):
        return None
    if alias_key(" ".join(words)) == "":
        return None
    return name[tokens[0].start() : tokens[-1].end()], start + tokens[0].start(), start + tokens[-1].end()


def find_words(text: str, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """Whole-word occurrences of any of `words`, longest first where they overlap (str.find is fast)."""
    hits = []
    for word in words:
        at = text.find(word)
        while at != -1:
            end = at + len(word)
            if (at == 0 or not _wordish(text[at - 1])) and (end == len(text) or not _wordish(text[end])):
                hits.append((at, end))
            at = text.find(word, at + 1)
    hits.sort(key=lambda hit: (hit[0], hit[0] - hit[1]))
    kept: list[tuple[int, int]] = []
    for start, end in hits:
        if not kept or start >= kept[-1][1]:
            kept.append((start, end))
    return kept


def _wordish(char: str) -> bool:
    return char.isalnum() or char in "-_"


@dataclass(frozen=True)
class _Title:
    start: int
    end: int
    text: str
    role: tuple[str, str]


def _title_around(text: str, head_start: int, head_end: int) -> _Title | None:
    """The longest title built on the role word at head_start, e.g. "US Secretary of State".

    The words before the role word must end exactly at it, so "Minister Madeleine King" cannot be read as
    a title whose role word is "King".
    """
    starts = [m.start() for m in WORD_START.finditer(text, max(0, head_start - 60), head_start)]
    prefix = next(
        (m for m in (TITLE_PREFIX.fullmatch(text, start, head_start) for start in starts) if m), None
    )
    suffix = TITLE_SUFFIX.match(text, head_end)
    start = prefix.start() if prefix else head_start
    core_start = prefix.start("modifiers") if prefix else head_start
    core = text[core_start : head_end + len(suffix.group("of"))]
    role = _role(core, prefix.group("country") if prefix else None, suffix.group("of_country"))
    return _Title(start, suffix.end(), text[start : suffix.end()], role)


def _titled(text: str) -> list[_Candidate]:
    """Titled names: "US Secretary of State Marco Rubio", "Marco Rubio, the US Secretary of State,"."""
    found = []
    consumed = 0
    for head_start, head_end in find_words(text, HEAD_WORDS):
        if head_start < consumed:
            continue
        title = _title_around(text, head_start, head_end)
        consumed = title.end
        name = NAME_AFTER.match(text, title.end)
        span = name_span(name.group("name"), name.start("name")) if name else None
        if span is not None:
            found.append(_Candidate(span[0], title.text, title.role, span[1], span[2]))
            consumed = span[2]
        else:
            found.extend(_apposition(text, title))
    return found


def _apposition(text: str, title: _Title) -> list[_Candidate]:
    """In "X Y, the Minister for Lands and Natural Resources," any of/for phrase is safe to take."""
    tail = TITLE_TAIL.match(text, title.end)
    end = tail.end() if tail else title.end
    if not APPOSITION_AFTER.match(text, end):
        return []
    role = title.role
    if tail:
        role = (f"{role[0]}{tail.group()}".replace("\t", " ").strip(), role[1])
    before = APPOSITION_BEFORE.search(text, max(0, title.start - 80), title.start)
    if before is None:
        return []
    span = name_span(before.group("name"), before.start("name"))
    if span is None or len(span[0].split()) < 2:
        return []
    return [_Candidate(span[0], text[title.start : end], role, span[1], span[2])]


def _personalities(text: str) -> list[_Candidate]:
    """List lines such as "US Secretary of State: Marco Rubio" or "Marco Rubio: US Secretary of State"."""
    found = []
    for pattern in (PERSONALITY, PERSONALITY_FLIPPED):
        for match in pattern.finditer(text):
            title = TITLE_ONLY.match(match.group("title").strip())
            cleaned = name_span(match.group("name"), match.start("name"))
            if title is None or cleaned is None or len(cleaned[0].split()) < 2:
                continue
            role = _role(title.group("core"), title.group("country"), title.group("of_country"))
            if not role[1] and title.group("of_place"):
                role = (role[0], title.group("of_place"))
            found.append(_Candidate(cleaned[0], title.group("title"), role, cleaned[1], cleaned[2]))
    return found


def _honoured(text: str) -> list[_Candidate]:
    """An honorific marks a person even without a title: "Dr. Jane Goodall", "Mr. Modi"."""
    found = []
    for match in HONORED.finditer(text):
        body_start = match.start("name") + HONORIFIC_AT.match(match.group("name")).end()
        cleaned = name_span(text[body_start : match.end("name")], body_start)
        if cleaned is not None and cleaned[1] == body_start:
            name = text[match.start("name") : cleaned[2]]
            found.append(_Candidate(name, "", None, match.start("name"), cleaned[2]))
    return found


def _reported(text: str) -> list[_Candidate]:
    """Untitled names next to a reporting verb: "John Smith said", "said Jane Doe", "according to Jane Doe"."""
    found = []
    for verb_start, verb_end in find_words(text, (*REPORTING_VERBS, "according to", "According to")):
        before = NAME_BEFORE_VERB.search(text, max(0, verb_start - 60), verb_start)
        after = NAME_AFTER.match(text, verb_end)
        for match in (before, after):
            if match is None or INSIDE_ORG_NAME.search(
                text, max(0, match.start("name") - 8), match.start("name")
            ):
                continue
            span = name_span(match.group("name"), match.start("name"))
            if span is not None:
                found.append(_Candidate(span[0], "", None, span[1], span[2], weak=" " not in span[0]))
    return found


def _dedupe(candidates: list[_Candidate]) -> list[_Candidate]:
    """One candidate per stretch of text: the one with a role, then the longest."""
    ranked = sorted(candidates, key=lambda c: (c.role is None, -(c.end - c.start), c.start))
    starts: list[int] = []
    kept: list[_Candidate] = []
    for candidate in ranked:
        at = bisect.bisect_left(starts, candidate.start)
        if at < len(kept) and kept[at].start < candidate.end:
            continue
        if at and kept[at - 1].end > candidate.start:
            continue
        starts.insert(at, candidate.start)
        kept.insert(at, candidate)
    return kept


# --- Clustering ------------------------------------------------------------------------------------------


def _clusters_from(candidates: list[_Candidate]) -> list[_Cluster]:
    clusters = []
    for candidate in candidates:
        mention = Mention(candidate.name, candidate.title, candidate.start, candidate.end)
        roles = [candidate.role] if candidate.role else []
        clusters.append(_Cluster([mention], [candidate.name], roles, candidate.start, candidate.weak))
    return clusters


def _author_clusters(text: str, authors: tuple[str, ...], existing: list[_Cluster]) -> list[_Cluster]:
    clusters = []
    for author in authors:
        at = text.find(author)
        mentions = [Mention(author, "", at, at + len(author))] if at != -1 else []
        taken = any(m.start < at + len(author) and at < m.end for c in existing for m in c.mentions)
        clusters.append(
            _Cluster([] if taken else mentions, [author], [("Author", "")], at if at != -1 else len(text))
        )
    return clusters


def same_full_name(a: str, b: str) -> bool:
    """Keys such as "s jaishankar" and "subrahmanyam jaishankar": same surname, compatible first name or initial."""
    ta, tb = a.split(), b.split()
    if len(ta) < 2 or len(tb) < 2 or ta[-1] != tb[-1]:
        return False
    fa, fb = ta[0], tb[0]
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def _merge_clusters(clusters: list[_Cluster]) -> list[_Cluster]:
    merged: list[_Cluster] = []
    by_surname: dict[str, list[_Cluster]] = {}
    singles = []
    for cluster in sorted(clusters, key=lambda c: c.first):
        if not cluster.full_keys:
            singles.append(cluster)
            continue
        nearby = {id(m): m for key in cluster.full_keys for m in by_surname.get(key.rsplit(" ", 1)[-1], [])}
        target = next(
            (
                m
                for m in nearby.values()
                if any(same_full_name(a, b) for a in m.full_keys for b in cluster.full_keys)
            ),
            None,
        )
        if target is None:
            merged.append(cluster)
            target = cluster
        else:
            _absorb(target, cluster)
        for key in target.full_keys:
            by_surname.setdefault(key.rsplit(" ", 1)[-1], []).append(target)
    return merged + _attach_singles(singles, merged)


def _attach_singles(singles: list[_Cluster], merged: list[_Cluster]) -> list[_Cluster]:
    """A surname-only person joins the full name with that surname (or, for "Xi", that first name)."""
    indexes: tuple[dict[str, list[_Cluster]], dict[str, list[_Cluster]]] = ({}, {})
    for cluster in merged:
        for key in cluster.full_keys:
            words = key.split()
            for index, word in zip(indexes, (words[-1], words[0]), strict=True):
                if cluster not in index.setdefault(word, []):
                    index[word].append(cluster)
    leftovers: dict[str, _Cluster] = {}
    for cluster in singles:
        target = _single_target(cluster, indexes) or next(
            (leftovers[key] for key in cluster.keys if key in leftovers), None
        )
        if target is None:
            for key in cluster.keys:
                leftovers.setdefault(key, cluster)
        else:
            _absorb(target, cluster)
    return list({id(c): c for c in leftovers.values()}.values())


def _single_target(
    cluster: _Cluster, indexes: tuple[dict[str, list[_Cluster]], dict[str, list[_Cluster]]]
) -> _Cluster | None:
    for index in indexes:
        matches = [m for key in cluster.keys for m in index.get(key, [])]
        if len(matches) == 1:
            return matches[0]
        if matches:
            before = [c for c in matches if c.first <= cluster.first]
            return max(before, key=lambda c: c.first) if before else matches[0]
    return None


def _absorb(target: _Cluster, other: _Cluster) -> None:
    target.weak = target.weak and other.weak
    target.mentions.extend(other.mentions)
    target.names.extend(other.names)
    target.keys |= other.keys
    target.roles.extend(other.roles)
    target.first = min(target.first, other.first)


def _add_surname_mentions(text: str, clusters: list[_Cluster]) -> None:
    """Later "Jaishankar said" / "said Rubio" mentions: a capitalised word equal to a known surname."""
    by_surname: dict[str, list[_Cluster]] = {}
    for cluster in clusters:
        for key in cluster.keys:
            by_surname.setdefault(key.split()[-1], []).append(cluster)
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    for match in CAPITALISED.finditer(text):
        owners = by_surname.get(alias_key(match.group()))
        if not owners or _overlaps(taken, match.start(), match.end()) or _inside_other_name(text, match):
            continue
        owner = _nearest(owners, match.start())
        owner.mentions.append(Mention(match.group(), "", match.start(), match.end()))
        owner.add_name(match.group())


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping spans."""
    at = bisect.bisect_left(spans, (end,))
    return at > 0 and spans[at - 1][1] > start


def _inside_other_name(text: str, match: re.Match[str]) -> bool:
    """A surname inside another name: "Melania Trump" is not Donald Trump, "Trump Tower" is not a person."""
    previous = PREVIOUS_WORD.search(text, max(0, match.start() - 30), match.start())
    following = FOLLOWING_WORD.match(text, match.end(), match.end() + 30)
    if previous and previous.group(1).casefold() not in NOT_A_NAME:
        return True
    return bool(following and following.group(1).casefold() not in NOT_A_NAME)


def _nearest(owners: list[_Cluster], position: int) -> _Cluster:
    unique = list({id(o): o for o in owners}.values())
    if len(unique) == 1:
        return unique[0]
    before = [(max((m.start for m in o.mentions if m.start <= position), default=-1), o) for o in unique]
    return max(before, key=lambda pair: pair[0])[1]


# --- Building the records ------------------------------------------------------------------------------


def _fullest(names: list[str]) -> str:
    """The fullest spelling, honorifics dropped: "S. Jaishankar" over "S Jaishankar" and "Jaishankar"."""
    plain = [_without_honorific(name) for name in names]
    return max(plain, key=lambda n: (len(alias_key(n).split()), n.count("."), -plain.index(n)))


def _without_honorific(name: str) -> str:
    return LEADING_HONORIFIC.sub("", name).strip()


def _merged_roles(roles: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """One role per title; a country hint from any mention fills a mention that gave none."""
    merged: dict[str, tuple[str, str]] = {}
    for title, hint in roles:
        known = merged.get(title.casefold())
        if known is None or (hint and not known[1]):
            merged[title.casefold()] = (known[0] if known else title, hint)
    return tuple(merged.values())


def _person(cluster: _Cluster) -> PersonRef:
    name = _fullest(cluster.names)
    aliases = tuple(dict.fromkeys([*cluster.names, name]))
    mentions = tuple(
        sorted(
            {(m.start, m.end, m.name, m.title): m for m in cluster.mentions}.values(), key=lambda m: m.start
        )
    )
    return PersonRef(name, aliases, _merged_roles(cluster.roles), mentions)


def merge_people(groups: list[list[PersonRef]]) -> list[PersonRef]:
    """One record per person across documents (mentions keep their own document's offsets)."""
    clusters = [
        _Cluster(list(person.mentions), list(person.aliases), list(person.roles), order)
        for order, person in enumerate(person for group in groups for person in group)
    ]
    return [_person(cluster) for cluster in sorted(_merge_clusters(clusters), key=lambda c: c.first)]


def lookup(people: list[PersonRef]) -> dict[str, PersonRef]:
    """Every alias key, and each surname or first name that points to a single person, to that person."""
    table: dict[str, PersonRef] = {}
    shared: set[str] = set()
    for person in people:
        for alias in person.aliases:
            key = alias_key(alias)
            if key:
                table.setdefault(key, person)
    for position in (-1, 0):
        for person in people:
            for key in {k.split()[position] for k in map(alias_key, person.aliases) if k}:
                if key in table and table[key] is not person:
                    shared.add(key)
                table.setdefault(key, person)
    for key in shared:
        table.pop(key, None)
    return table
