"""The text layer's knowledge of the world, as data: one immutable lexicon per locale.

Word lists, furniture patterns and conventions live in TOML files under `data/<domain>/`:
`default.toml` holds what holds for English-language news anywhere; `<locale>.toml` (en-GB, en-US,
en-IN…) adds a locale's own. A locale inherits from its parent (`data/locales.toml`) and then from
the default. When files merge, tables merge key by key, lists are joined and other values replace.

    lex = lexicon("en-US")
    lex.value("dates.order")                  # "MDY"
    lex.words("names.honorifics")             # frozenset of casefolded words
    lex.pattern("furniture.share_rows")       # the list's regular expressions as one compiled pattern

The code asks for what it needs by path; nothing is read at import time, and each (locale,
additions) lexicon is built once and shared.
"""

import functools
import json
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

DATA = Path(__file__).with_name("data")
DEFAULT = "default"
_MISSING = object()


class UnknownLocale(ValueError):
    """A locale no data file describes."""


def _freeze(value):
    if isinstance(value, Mapping):
        return MappingProxyType({key: _freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(_freeze(item) for item in value)
    return value


def merge(base: Mapping, extra: Mapping) -> dict:
    """`extra` laid over `base`: tables merge, lists join (without repeating an entry), values replace."""
    merged = dict(base)
    for key, value in extra.items():
        old = merged.get(key)
        if isinstance(old, Mapping) and isinstance(value, Mapping):
            merged[key] = merge(old, value)
        elif isinstance(old, list | tuple) and isinstance(value, list | tuple):
            merged[key] = [*old, *(item for item in value if item not in old)]
        else:
            merged[key] = value
    return merged


@functools.cache
def _file(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ValueError(f"{path}: {error}") from None


@functools.cache
def locales() -> MappingProxyType:
    """Every locale the data knows: code → {name, parent, …} from data/locales.toml."""
    return _freeze(_file(DATA / "locales.toml").get("locale", {}))


def chain(locale: str) -> tuple[str, ...]:
    """The files to read for `locale`, most general first: ("default", "en-GB", "en-AU")."""
    if not locale or locale == DEFAULT:
        return (DEFAULT,)
    known = locales()
    if locale not in known:
        raise UnknownLocale(f"unknown locale “{locale}” (known: {', '.join(sorted(known))})")
    names, seen = [], set()
    while locale and locale not in seen:
        seen.add(locale)
        names.append(locale)
        locale = known[locale].get("parent", "")
    return (DEFAULT, *reversed(names))


def _domains() -> list[Path]:
    return sorted(path for path in DATA.iterdir() if path.is_dir())


@dataclass(frozen=True, eq=False)
class Lexicon:
    locale: str
    data: Mapping[str, Any]
    _compiled: dict = field(default_factory=dict, repr=False)

    def value(self, path: str, default: Any = _MISSING) -> Any:
        node: Any = self.data
        for part in path.split("."):
            if not isinstance(node, Mapping) or part not in node:
                if default is _MISSING:
                    raise KeyError(f"lexicon {self.locale or DEFAULT}: no entry “{path}”")
                return default
            node = node[part]
        return node

    def phrases(self, path: str) -> tuple[str, ...]:
        value = self.value(path, ())
        return (value,) if isinstance(value, str) else tuple(value)

    def words(self, path: str) -> frozenset[str]:
        """The list at `path`, casefolded, for membership tests."""
        key = ("words", path)
        if key not in self._compiled:
            self._compiled[key] = frozenset(word.casefold() for word in self.phrases(path))
        return self._compiled[key]

    def pattern(self, path: str, *, flags: int = re.IGNORECASE, whole: bool = False) -> re.Pattern:
        """The list at `path` (regular expressions) as one alternation; `whole` anchors it to the
        whole string (for use with `fullmatch`-like tests via `match`). A list that is empty
        compiles to a pattern that matches nothing."""
        key = ("pattern", path, flags, whole)
        if key not in self._compiled:
            entries = self.phrases(path)
            body = "|".join(f"(?:{entry})" for entry in entries) if entries else r"(?!x)x"
            try:
                self._compiled[key] = re.compile(rf"(?:{body})\Z" if whole else body, flags)
            except re.error as error:
                raise ValueError(f"lexicon {self.locale or DEFAULT}: “{path}”: {error}") from None
        return self._compiled[key]

    def literal_pattern(self, path: str, *, flags: int = re.IGNORECASE) -> re.Pattern:
        """The list at `path` (plain words or phrases, longest first) as one whole-word alternation."""
        key = ("literal", path, flags)
        if key not in self._compiled:
            entries = sorted(self.phrases(path), key=len, reverse=True)
            body = "|".join(re.escape(entry) for entry in entries) if entries else r"(?!x)x"
            self._compiled[key] = re.compile(rf"(?<!\w)(?:{body})(?!\w)" if entries else body, flags)
        return self._compiled[key]

    def extended(self, additions: Mapping[str, Any]) -> "Lexicon":
        """This lexicon with `additions` ({domain: {key: …}}) merged in, e.g. a curation file's rules."""
        if not additions:
            return self
        return _extended(self, _canonical(additions))


def _canonical(additions: Mapping) -> str:
    return json.dumps(additions, sort_keys=True, default=list)


@functools.cache
def _extended(base: Lexicon, additions: str) -> Lexicon:
    return Lexicon(base.locale, _freeze(merge(base.data, json.loads(additions))))


@functools.cache
def lexicon(locale: str = "") -> Lexicon:
    """The lexicon for `locale` ("" or "default": English-language news anywhere)."""
    data: dict = {}
    names = chain(locale)
    for domain in _domains():
        merged: dict = {}
        for name in names:
            path = domain / f"{name}.toml"
            if path.exists():
                merged = merge(merged, _file(path))
        data[domain.name] = merged
    return Lexicon("" if locale == DEFAULT else locale, _freeze(data))
