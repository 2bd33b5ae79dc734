"""People found in a text merged into one record each: full names, surnames and bylines joined."""

import bisect
import re
from dataclasses import dataclass, field

from sources.text.names import LO, UP, alias_key, given_name, surname
from sources.text.roles import Candidate

CAPITALISED = re.compile(rf"\b[{UP}][{LO}]+(?:-[{UP}]?[{LO}]+)*\b")
PREVIOUS_WORD = re.compile(rf"([{UP}][{LO}]+)[ \t]+\Z")
FOLLOWING_WORD = re.compile(rf"[ \t]+([{UP}][{LO}]+)")
PRONOUN_WORD = re.compile(r"\b[A-Za-z]+\b")


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
    gender: str = ""  # "m" or "f" when the text says (honorific, gendered role noun); "" otherwise
    is_author: bool = False  # named only as the byline's author

    @property
    def key(self) -> str:
        return alias_key(self.name)


@dataclass
class Cluster:
    mentions: list[Mention] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    roles: list[tuple[str, str]] = field(default_factory=list)
    first: int = 0
    weak: bool = False
    gender: str = ""
    is_author: bool = False
    keys: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.keys = {alias_key(name) for name in self.names} - {""}

    def add_name(self, name: str) -> None:
        self.names.append(name)
        if key := alias_key(name):
            self.keys.add(key)

    @property
    def full_keys(self) -> set[str]:
        return {key for key in self.keys if given_name(key)}


def clusters_from(candidates: list[Candidate]) -> list[Cluster]:
    clusters = []
    for candidate in candidates:
        mention = Mention(candidate.name, candidate.title, candidate.start, candidate.end)
        roles = [candidate.role] if candidate.role else []
        clusters.append(
            Cluster([mention], [candidate.name], roles, candidate.start, candidate.weak, candidate.gender)
        )
    return clusters


def author_clusters(text: str, authors: tuple[str, ...], existing: list[Cluster]) -> list[Cluster]:
    clusters = []
    for author in authors:
        at = text.find(author)
        mentions = [Mention(author, "", at, at + len(author))] if at != -1 else []
        taken = any(m.start < at + len(author) and at < m.end for c in existing for m in c.mentions)
        cluster = Cluster(
            [] if taken else mentions, [author], [("Author", "")], at if at != -1 else len(text)
        )
        cluster.is_author = True
        clusters.append(cluster)
    return clusters


def same_full_name(a: str, b: str) -> bool:
    """Keys such as "s jaishankar" and "subrahmanyam jaishankar": same surname, compatible first name or initial."""
    fa, fb = given_name(a), given_name(b)
    if not fa or not fb or surname(a) != surname(b):
        return False
    return fa == fb or (len(fa) == 1 and fb.startswith(fa)) or (len(fb) == 1 and fa.startswith(fb))


def merge_clusters(clusters: list[Cluster]) -> list[Cluster]:
    merged: list[Cluster] = []
    by_surname: dict[str, list[Cluster]] = {}
    singles = []
    for cluster in sorted(clusters, key=lambda c: c.first):
        if not cluster.full_keys:
            singles.append(cluster)
            continue
        nearby = {id(m): m for key in cluster.full_keys for m in by_surname.get(surname(key), [])}
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
            by_surname.setdefault(surname(key), []).append(target)
    merged = _join_shortened(merged)
    return merged + _attach_singles(singles, merged)


def _join_shortened(clusters: list[Cluster]) -> list[Cluster]:
    """ "Ms Nur Hidayah" after "Nur Hidayah Osman", "Mr Lim Boon" after "Lim Boon Keat": where a
    name is not given name and surname (a patronymic, a family name first), a later mention keeps
    its first words. A name of two words or more that opens one longer name, and only one, of
    another person found is that person."""
    longer: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for key in cluster.full_keys:
            words = key.split()
            for size in range(2, len(words)):
                longer.setdefault(" ".join(words[:size]), []).append(cluster)
    kept = []
    for cluster in clusters:
        targets = {
            id(target): target
            for key in cluster.full_keys
            for target in longer.get(key, ())
            if target is not cluster
        }
        if len(targets) == 1 and all(key in longer for key in cluster.full_keys):
            _absorb(next(iter(targets.values())), cluster)
        else:
            kept.append(cluster)
    return kept


def _attach_singles(singles: list[Cluster], merged: list[Cluster]) -> list[Cluster]:
    """A surname-only person joins the full name with that surname (or, for "Xi", that first name)."""
    indexes: tuple[dict[str, list[Cluster]], dict[str, list[Cluster]]] = ({}, {})
    for cluster in merged:
        for key in cluster.full_keys:
            for index, word in zip(indexes, (surname(key), given_name(key)), strict=True):
                if cluster not in index.setdefault(word, []):
                    index[word].append(cluster)
    # "Lula" for "Luiz Inácio Lula da Silva": a word inside one full name, and only one.
    inside: dict[str, list[Cluster]] = {}
    for cluster in merged:
        for word in {w for key in cluster.full_keys for w in key.split()[1:-1] if len(w) > 2}:
            inside.setdefault(word, []).append(cluster)
    leftovers: dict[str, Cluster] = {}
    for cluster in singles:
        within = [m for key in cluster.keys for m in inside.get(key, [])]
        target = (
            _single_target(cluster, indexes)
            or (within[0] if len({id(m) for m in within}) == 1 else None)
            or next((leftovers[key] for key in cluster.keys if key in leftovers), None)
        )
        if target is None:
            for key in cluster.keys:
                leftovers.setdefault(key, cluster)
        else:
            _absorb(target, cluster)
    return list({id(c): c for c in leftovers.values()}.values())


def _single_target(
    cluster: Cluster, indexes: tuple[dict[str, list[Cluster]], dict[str, list[Cluster]]]
) -> Cluster | None:
    for index in indexes:
        matches = [m for key in cluster.keys for m in index.get(key, [])]
        if len(matches) == 1:
            return matches[0]
        if matches:
            before = [c for c in matches if c.first <= cluster.first]
            return max(before, key=lambda c: c.first) if before else matches[0]
    return None


def _absorb(target: Cluster, other: Cluster) -> None:
    target.weak = target.weak and other.weak
    target.gender = target.gender or other.gender
    target.is_author = target.is_author and other.is_author
    target.mentions.extend(other.mentions)
    target.names.extend(other.names)
    target.keys |= other.keys
    target.roles.extend(other.roles)
    target.first = min(target.first, other.first)


def add_surname_mentions(text: str, clusters: list[Cluster], not_a_name: frozenset[str]) -> None:
    """Later "Jaishankar said" / "said Rubio" mentions: a capitalised word equal to a known surname."""
    by_surname: dict[str, list[Cluster]] = {}
    for cluster in clusters:
        for key in cluster.keys:
            by_surname.setdefault(surname(key), []).append(cluster)
    taken = sorted((m.start, m.end) for c in clusters for m in c.mentions)
    for match in CAPITALISED.finditer(text):
        owners = by_surname.get(alias_key(match.group()))
        if (
            not owners
            or _overlaps(taken, match.start(), match.end())
            or _inside_other_name(text, match, not_a_name)
        ):
            continue
        owner = _nearest(owners, match.start())
        owner.mentions.append(Mention(match.group(), "", match.start(), match.end()))
        owner.add_name(match.group())


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) overlaps one of the sorted, non-overlapping spans."""
    at = bisect.bisect_left(spans, (end,))
    return at > 0 and spans[at - 1][1] > start


def _inside_other_name(text: str, match: re.Match[str], not_a_name: frozenset[str]) -> bool:
    """A surname inside another name: "Melania Trump" is not Donald Trump, "Trump Tower" is not a person."""
    previous = PREVIOUS_WORD.search(text, max(0, match.start() - 30), match.start())
    following = FOLLOWING_WORD.match(text, match.end(), match.end() + 30)
    if previous and previous.group(1).casefold() not in not_a_name:
        return True
    return bool(following and following.group(1).casefold() not in not_a_name)


def _nearest(owners: list[Cluster], position: int) -> Cluster:
    unique = list({id(o): o for o in owners}.values())
    if len(unique) == 1:
        return unique[0]
    before = [(max((m.start for m in o.mentions if m.start <= position), default=-1), o) for o in unique]
    return max(before, key=lambda pair: pair[0])[1]


# --- Gender the text states ------------------------------------------------------------------------------


def read_genders(
    text: str,
    sentences: list[tuple[int, int]],
    clusters: list[Cluster],
    pronouns: tuple[frozenset[str], frozenset[str]],
    quoted: list[tuple[int, int]],
) -> None:
    """ "Teresa Nakamura said her insurer dropped her": a sentence that names one person and refers
    back with pronouns of one gender only (outside quotation marks) says that person's gender. A
    person the text gives both genders, or whose honorific says otherwise, keeps what they had."""
    owners = sorted((m.start, m.end, id(c)) for c in clusters if not c.is_author for m in c.mentions)
    found: dict[int, set[str]] = {}
    for start, end in sentences:
        # a transcript's "MINISTER WHITFIELD:" label is not the sentence's subject
        named = [(s, e, owner) for s, e, owner in owners if start <= s < end and text[e : e + 1] != ":"]
        if len({owner for *_, owner in named}) != 1:
            continue
        after = named[0][1]
        words = {
            match.group().casefold()
            for match in PRONOUN_WORD.finditer(text, after, end)
            if not any(a <= match.start() < b for a, b in quoted)
        }
        genders = {gender for gender, forms in zip("mf", pronouns, strict=True) if words & forms}
        if len(genders) == 1:
            found.setdefault(named[0][2], set()).update(genders)
    for cluster in clusters:
        said = found.get(id(cluster), set())
        if not cluster.gender and len(said) == 1:
            cluster.gender = next(iter(said))


# --- Building the records ------------------------------------------------------------------------------


def _fullest(names: list[str]) -> str:
    """The fullest spelling, honorifics dropped: "S. Jaishankar" over "S Jaishankar" and "Jaishankar"."""
    plain = [_without_honorific(name) for name in names]
    return max(plain, key=lambda n: (len(alias_key(n).split()), n.count("."), -plain.index(n)))


def _without_honorific(name: str) -> str:
    words = name.split()
    while len(words) > 1 and (not alias_key(words[0]) or words[0].casefold() == "the"):
        words.pop(0)
    # "Senator the Hon Don Farrell": the words its key leaves out before the name
    key = alias_key(" ".join(words)).split()
    while len(words) > len(key) and key and alias_key(words[0]) != key[0]:
        words.pop(0)
    return " ".join(words)


def _merged_roles(roles: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    """One role per title; a country hint from any mention fills a mention that gave none."""
    merged: dict[str, tuple[str, str]] = {}
    for title, hint in roles:
        known = merged.get(title.casefold())
        if known is None or (hint and not known[1]):
            merged[title.casefold()] = (known[0] if known else title, hint)
    return tuple(merged.values())


def person_of(cluster: Cluster) -> PersonRef:
    name = _fullest(cluster.names)
    aliases = tuple(dict.fromkeys([*cluster.names, name]))
    mentions = tuple(
        sorted(
            {(m.start, m.end, m.name, m.title): m for m in cluster.mentions}.values(), key=lambda m: m.start
        )
    )
    return PersonRef(name, aliases, _merged_roles(cluster.roles), mentions, cluster.gender, cluster.is_author)
