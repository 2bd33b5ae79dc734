"""Contact and address blocks, and the publisher's branding printed beside them."""

import functools
import re

from rapidfuzz import fuzz, process

from sources.text.clean.lines import BULLET, WORD, content, ends_open, word_count
from sources.text.clean.model import Line
from sources.text.dates import grammar
from sources.text.lexicon import Lexicon

ADDRESS_SIGN = re.compile(r"\d|@|www\.|https?:", re.IGNORECASE)
PHONE_NUMBER = re.compile(r"(?<![\w-])\+?\(?\d{2,5}\)?(?:[ .-]\d{2,5}){1,4}(?![\w-])")
# After the postal code, up to three words of place ("75007 Paris, France"), then the line's end.
PLACE_AFTER = r"(?:[ ,]+[A-Z][\w'’.-]*){0,3}\s*\.?$"
POSTAL_MAX_WORDS = 25  # an address line ending in a postal code is short; a sentence ending in a year is not
BRAND_MAX_WORDS = 8
BRAND_SIMILARITY = 90
CONTACT_REACH = 4  # lines between a contact heading and the numbers it introduces


def _postal(lex: Lexicon) -> re.Pattern:
    return lex.pattern("furniture.postal_codes", flags=0)


@functools.cache
def _postal_line_end(lex: Lexicon) -> re.Pattern:
    """A postal code with its place ending the line: "75007 Paris, France"."""
    return re.compile(f"(?<![/.:-])(?:{_postal(lex).pattern}){PLACE_AFTER}")


def is_address_line(plain: str, lex: Lexicon) -> bool:
    if len(plain) > 300 or not ADDRESS_SIGN.search(plain) or word_count(plain) > 40:
        return False
    if lex.pattern("furniture.phone_labels").search(plain):
        return True
    if lex.pattern("furniture.email_or_url").search(plain) and word_count(plain) <= 12:
        return True
    if any(sum(ch.isdigit() for ch in match.group()) >= 10 for match in PHONE_NUMBER.finditer(plain)):
        return True
    if word_count(plain) > POSTAL_MAX_WORDS:
        return False
    postal = _postal_line_end(lex).search(plain)
    return (
        postal is not None
        and not _in_a_date(plain, postal.start(), lex)
        and (plain.count(",") >= 2 or lex.literal_pattern("furniture.street_words").search(plain) is not None)
    )


def _in_a_date(plain: str, position: int, lex: Lexicon) -> bool:
    """Whether `position` falls inside a date: "…, 11 June 2026." ends in a year, not a postcode."""
    g = grammar(lex)
    return any(
        match.start() <= position < match.end()
        for pattern in (*g.day_patterns, g.month_year)
        for match in pattern.finditer(plain)
    )


def _is_brand_candidate(plain: str) -> bool:
    return (
        0 < word_count(plain) <= BRAND_MAX_WORDS
        and ends_open(plain)
        and not plain.endswith(":")
        and any(ch.isalpha() for ch in plain)
        and not BULLET.match(plain)
    )


def _brand_key(plain: str) -> str:
    return " ".join(WORD.findall(plain.casefold()))


def mark_addresses_and_branding(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    found = content(lines, kinds)
    address = {i for i in found if is_address_line(lines[i].plain, lex)}
    if not address:
        return
    order = {line_index: position for position, line_index in enumerate(found)}
    _fill_address_gaps(lines, found, address, order)
    _mark_contact_blocks(lines, found, address, order, lex)
    for i in address:
        kinds[i] = "address block"
    near_address = _neighbours(found, order, address)
    branded = _repeated_brands(lines, found, near_address)
    org_words = lex.literal_pattern("furniture.org_words")
    for i in near_address - branded - address:
        plain = lines[i].plain
        if _is_brand_candidate(plain) and (org_words.search(plain) or plain.isupper()):
            branded.add(i)
    for i in branded - address:
        kinds[i] = "branding"
    for i in sorted(branded):
        _mark_tagline(lines, kinds, found, order, i)


def _mark_contact_blocks(
    lines: list[Line], found: list[int], address: set[int], order: dict[int, int], lex: Lexicon
) -> None:
    """A heading such as "Media enquiries:" a few lines before a phone or e-mail line opens a contact
    block: the names and titles between them belong to it (an office's name stays branding)."""
    intro = lex.pattern("furniture.contact_intro", whole=True)
    org_words = lex.literal_pattern("furniture.org_words")
    for position, i in enumerate(found):
        plain = lines[i].plain
        if i in address or not intro.match(plain):
            continue
        following = found[position + 1 : position + 1 + CONTACT_REACH]
        reached = [j for j in following if j in address]
        if not reached:
            continue
        for j in following[: following.index(reached[0])]:
            if word_count(lines[j].plain) <= 12 and not org_words.search(lines[j].plain):
                address.add(j)
        address.add(i)


def _fill_address_gaps(lines: list[Line], found: list[int], address: set[int], order: dict[int, int]) -> None:
    """A short line between two address lines (a lone city or PIN) belongs to the address."""
    for i in list(found):
        position = order[i]
        if i in address or position == 0 or position + 1 >= len(found):
            continue
        before, after = found[position - 1], found[position + 1]
        if before in address and after in address and word_count(lines[i].plain) <= 4:
            address.add(i)


def _neighbours(found: list[int], order: dict[int, int], address: set[int]) -> set[int]:
    near: set[int] = set()
    for i in address:
        position = order[i]
        for other in (position - 1, position + 1):
            if 0 <= other < len(found) and found[other] not in address:
                near.add(found[other])
    return near


def _repeated_brands(lines: list[Line], found: list[int], near_address: set[int]) -> set[int]:
    """Short lines repeated in near-identical form, with one copy next to an address: publisher branding."""
    candidates = [i for i in found if _is_brand_candidate(lines[i].plain)]
    keys = [_brand_key(lines[i].plain) for i in candidates]
    branded: set[int] = set()
    for position, key in enumerate(keys):
        if candidates[position] in branded:
            continue
        matches = process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=BRAND_SIMILARITY, limit=None)
        group = {candidates[match[2]] for match in matches}
        if len(group) >= 3 or (len(group) >= 2 and group & near_address):
            branded |= group
    return branded


def _mark_tagline(
    lines: list[Line], kinds: list[str | None], found: list[int], order: dict[int, int], brand: int
) -> None:
    """The slogan printed right under a brand name goes with it."""
    position = order[brand] + 1
    if position >= len(found):
        return
    candidate = found[position]
    line = lines[candidate]
    if kinds[candidate] or word_count(line.plain) > 15 or not ends_open(line.plain.rstrip(".")):
        return
    brand_words = {word for word in WORD.findall(lines[brand].plain.casefold()) if len(word) > 2}
    shared = brand_words & {word for word in WORD.findall(line.plain.casefold())}
    if not line.blank_before or len(shared) >= 2:
        kinds[candidate] = "branding"
