"""Page-furniture removal: turn a raw news-like page into clean reading text and record every removal."""

import bisect
import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process


@dataclass(frozen=True)
class Removal:
    kind: str
    text: str
    start: int


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removal, ...]
    headline: str = ""
    # (clean_start, raw_start, length) for every run of clean text copied unchanged from the raw text.
    segments: tuple[tuple[int, int, int], ...] = ()

    def removed_kinds(self) -> set[str]:
        return {removal.kind for removal in self.removed}

    def of_kind(self, kind: str) -> tuple[Removal, ...]:
        return tuple(removal for removal in self.removed if removal.kind == kind)

    def raw_offset(self, offset: int) -> int:
        """The raw offset of clean offset `offset` (a separator maps to the start of what follows it)."""
        if not self.segments:
            return offset
        starts = [segment[0] for segment in self.segments]
        index = max(bisect.bisect_right(starts, offset) - 1, 0)
        clean_start, raw_start, length = self.segments[index]
        if offset < clean_start + length:
            return raw_start + max(offset - clean_start, 0)
        if index + 1 < len(self.segments):
            return self.segments[index + 1][1]
        return raw_start + length

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """The raw span of a clean span, e.g. to store a quotation's position in the original page."""
        if end <= start:
            at = self.raw_offset(start)
            return at, at
        return self.raw_offset(start), self.raw_offset(end - 1) + 1


@dataclass
class _Line:
    start: int
    raw: str
    plain: str
    blank_before: bool


@dataclass
class _Unit:
    pieces: list[tuple[int, int]]
    text: str
    hard_break_before: bool


# --- Furniture patterns, matched against a line with its markdown stripped ------------------------

SHARE_PROMPT = re.compile(
    r"(?:make us (?:a |your )?preferred source(?: on google)?|add .{1,40} as (?:a |your )?preferred source.*"
    r"|(?:share|tweet|email|print|save|bookmark)(?: this)?(?: article| story| post| page)?"
    r"(?: (?:on|via|to) [\w ]{1,30})?|share (?:on|via) .{1,40}|follow us(?: on .{1,60})?"
    r"|click here .{1,80}|tap here .{1,80}|subscribe(?: now)?(?: to| for) .{1,80}|sign up (?:for|to) .{1,80}"
    r"|listen to (?:this )?(?:article|story)(?: \d+ min)?|download (?:the|our) .{1,40} app.*"
    r"|join (?:our|us on) .{1,60}|copy link|read in app|open in app|advertisement|sponsored"
    r"|get (?:the )?latest .{1,60} (?:updates|news).*|(?:facebook|twitter|x|whatsapp|linkedin|telegram|email)"
    r"(?:[ |,/]+(?:facebook|twitter|x|whatsapp|linkedin|telegram|email|print|copy link))*)[.!]?",
    re.IGNORECASE,
)
# Up to three digits alone: a lone four-digit number is more likely a year heading in a timeline.
COMMENT_COUNT = re.compile(
    r"\d{1,3}|\d{1,3}(?:,\d{3})*\s+(?:comments?|replies|responses)|comments?\s*\(?\d{1,6}\)?", re.IGNORECASE
)
ALSO_READ = re.compile(
    r"(?:also read|read also|also see|see also|read more|must read|related|also watch|watch|recommended)"
    r"\s*[|:–—>»-]+\s*\S.*",
    re.IGNORECASE,
)
AI_DISCLAIMER = re.compile(
    r"\b(?:generated|created|made|produced|enhanced|illustrated)\s+(?:\w+\s+){0,2}"
    r"(?:using|with|by|via)\s+(?:an?\s+)?(?:ai|a\.i\.|artificial intelligence|generative ai)\b"
    r"|\bai[- ]generated\s+(?:image|photo|picture|illustration|visual)",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"[-*_=~#•·]{3,}|-?\s*ends\s*-?|\(?ends\)?", re.IGNORECASE)
CONTACT_INTRO = re.compile(
    r"(?:for\s+)?(?:(?:media|press|further|more)\s+)?(?:queries|enquiries|inquiries|contacts?|information)"
    r"(?:\s+(?:please\s+)?contact)?\s*:?",
    re.IGNORECASE,
)
IMAGE_WORD = re.compile(r"image|photo|picture|illustrat|visual|graphic|represent", re.IGNORECASE)
AI_WORD = re.compile(r"\bA\.?I\b|artificial intelligence", re.IGNORECASE)
CURATED_MARKER = re.compile(
    r"(?:curated for you|recommended(?: for you| stories| articles| reads| videos)?|for you|editor'?s picks?"
    r"|from around the web|sponsored (?:stories|content|links)|promoted (?:stories|content))\s*:?",
    re.IGNORECASE,
)
TEASER_MARKER = re.compile(
    r"(?:stories you may like|you may (?:also )?like|you might (?:also )?like|more from [\w .&'-]{1,40}"
    r"|trending(?: now| stories| news)?|related (?:stories|articles|news|posts|coverage|reads)"
    r"|most (?:read|popular|viewed|shared)|top stories|don'?t miss|more stories|latest (?:news|stories)"
    r"|also read|read more|read next|what to read next|more on this(?: story)?|in case you missed it"
    r"|popular (?:stories|now)|more news|also in (?:the )?news)\s*:?",
    re.IGNORECASE,
)
PHONE_LABEL = re.compile(
    r"\b(?:phone|ph|tel|telephone|mobile|mob|whatsapp|fax|call us|helpline|contact no)\b\.?\s*(?:no\.?)?\s*[:\-]",
    re.IGNORECASE,
)
PHONE_NUMBER = re.compile(r"(?<![\w-])\+?\(?\d{2,5}\)?(?:[ .-]\d{2,5}){1,4}(?![\w-])")
EMAIL_OR_URL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+|\bwww\.\S+|\bhttps?://\S+", re.IGNORECASE)
POSTAL_CODE = re.compile(
    r"(?:\b\d{6}|\b\d{3} \d{3}|\b[A-Z]{2} \d{5}(?:-\d{4})?|\b[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})\s*\.?$"
)
STREET_WORD = re.compile(
    r"\b(?:street|st|road|rd|avenue|ave|lane|ln|nagar|colony|block|floor|suite|plot|sector|building|bldg"
    r"|marg|layout|po box|p\.o\.|boulevard|blvd|highway|hwy|drive|dr|square|sq|bhawan|bhavan|complex|tower)\b",
    re.IGNORECASE,
)
ADDRESS_SIGN = re.compile(r"\d|@|www\.|https?:", re.IGNORECASE)
ORG_WORD = re.compile(
    r"\b(?:academy|institute|ias|coaching|classes|ministry|department|press|media|news|office|embassy|bureau"
    r"|centre|center|university|college|school|group|corporation|company|foundation|trust|agency|council"
    r"|association|ltd|limited|inc|llc|pvt|times|post|herald|tribune|journal|daily|express)\b",
    re.IGNORECASE,
)

# --- Inline markdown -----------------------------------------------------------------------------

MARKUP_CHAR = re.compile("[*_\\[\\\\#>!\u200b\u200c\u200d\u2060\ufeff\u00ad]")
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!$|<>~&%\"'])")
IMAGE = re.compile(r"!\[[^\[\]\n]{0,300}\]\([^()\s]{0,500}\)")
LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\(([^()\s]{0,500})\)")
BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
ITALIC = re.compile(r"(?<![\w*\x00])([*_])(?=[^\s*_])([^*_\n]+?)(?<=[^\s*_])\1(?![\w*])")
STRAY_BOLD = re.compile(r"\*\*+|(?<!\w)__+|__+(?!\w)")
HEADING_MARK = re.compile(r"^[ \t]{0,3}(?:#{1,6}[ \t]+|>[ \t]?)")
QUICK_MARKDOWN = re.compile(r"\*\*|__|\\(?=[^\w\s])|^[ \t]{0,3}(?:#{1,6}|>|\*(?=\S))[ \t]*")
QUICK_LINK = re.compile(r"\[([^\[\]\n]{1,300})\]\([^()\s]{0,500}\)")
CITATION_TEXT = re.compile(r"\d{1,3}(?:\s*[-–—,]\s*\d{1,3})*")

WHITESPACE = re.compile(r"\s+")
BLANK_RUN = re.compile(r"\n[ \t\r]*\n(?:[ \t\r]*\n)+")
EDGE_SPACE = re.compile(r"^\s+|\s+$")
WORD = re.compile(r"[\w'’-]+")
BULLET = re.compile(r"^(?:[-•*▪◦‣]|\d{1,2}[.)])\s+")
NOT_HEADLINE = re.compile(
    r"^(?:written |reported |posted |edited )?by\b|\b(?:updated|published|posted)\b|\d{4}$|^\(", re.IGNORECASE
)
MASTHEAD = re.compile(
    r"(?:(?:U\.S\.|US|The)\s+)?(?:Ministry|Department|Government|Office|Embassy|High Commission|Consulate"
    r"|Press Information Bureau|Bureau|Secretariat|Council|Prime Minister'?s Office|White House|Media Centre)"
    r"(?:\s+(?:of|for|to)(?:,?\s+(?:the|and|&|[A-Z][\w'.-]*)){1,6})?"
)
LABEL_LINE = re.compile(
    r"(?:press release|news release|media (?:note|release|advisory)|for immediate release|statement|readout"
    r"|fact sheet|joint statement|analysis|opinion|explained|explainer|breaking(?: news)?|exclusive|live"
    r"|updated|press information bureau)\s*:?",
    re.IGNORECASE,
)
TERMINAL = ".!?…:;"
CLOSING = "\"'”’)]"
TEASER_MAX_WORDS = 25
# fmt: off
TRAILING_FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by", "from", "with", "that",
    "which", "who", "is", "are", "was", "were", "be", "how", "as", "than", "into", "its", "their", "our",
}
# fmt: on
TEASER_MAX_ITEMS = 10
BRAND_MAX_WORDS = 8
BRAND_SIMILARITY = 90
WRAP_LIMIT = 100


def clean_text(raw: str) -> Cleaned:
    lines = _split_lines(raw)
    kinds: list[str | None] = [None] * len(lines)
    _mark_addresses_and_branding(lines, kinds)
    _mark_line_furniture(lines, kinds)
    _mark_teaser_blocks(lines, kinds)
    removals = [
        Removal(kind, lines[i].raw.strip(), _content_start(lines[i])) for i, kind in enumerate(kinds) if kind
    ]
    units = _units(lines, kinds, removals)
    text, segments = _assemble(units, raw, removals, _wrap_width(lines, kinds))
    removals.extend(_blank_runs(raw))
    removals.sort(key=lambda removal: removal.start)
    headline = _headline(text)
    return Cleaned(text, tuple(removals), headline, tuple(segments))


def _split_lines(raw: str) -> list[_Line]:
    lines: list[_Line] = []
    offset, blank = 0, False
    for line in raw.split("\n"):
        plain = _plain(line)
        lines.append(_Line(offset, line, plain, blank))
        blank = not plain
        offset += len(line) + 1
    return lines


def _plain(line: str) -> str:
    """The line without markdown and surrounding space: what the furniture patterns look at."""
    return QUICK_MARKDOWN.sub("", QUICK_LINK.sub(r"\1", INVISIBLE.sub("", line))).strip()


def _content_start(line: _Line) -> int:
    return line.start + len(line.raw) - len(line.raw.lstrip())


def _content(lines: list[_Line], kinds: list[str | None]) -> list[int]:
    return [i for i, line in enumerate(lines) if line.plain and kinds[i] is None]


def _word_count(text: str) -> int:
    return len(text.split())


def _ends_open(text: str) -> bool:
    """True when the text stops mid-sentence (no terminal punctuation, even inside a closing quote)."""
    stripped = text.rstrip(CLOSING)
    return bool(stripped) and stripped[-1] not in TERMINAL


# --- Branding and address blocks ---------------------------------------------------------------


def is_address_line(plain: str) -> bool:
    if len(plain) > 300 or not ADDRESS_SIGN.search(plain) or _word_count(plain) > 40:
        return False
    if PHONE_LABEL.search(plain) or (EMAIL_OR_URL.search(plain) and _word_count(plain) <= 12):
        return True
    if any(sum(ch.isdigit() for ch in match.group()) >= 10 for match in PHONE_NUMBER.finditer(plain)):
        return True
    return bool(POSTAL_CODE.search(plain)) and (
        plain.count(",") >= 2 or STREET_WORD.search(plain) is not None
    )


def _is_brand_candidate(plain: str) -> bool:
    return (
        0 < _word_count(plain) <= BRAND_MAX_WORDS
        and _ends_open(plain)
        and not plain.endswith(":")
        and any(ch.isalpha() for ch in plain)
        and not BULLET.match(plain)
    )


def _brand_key(plain: str) -> str:
    return " ".join(WORD.findall(plain.casefold()))


def _mark_addresses_and_branding(lines: list[_Line], kinds: list[str | None]) -> None:
    content = _content(lines, kinds)
    address = {i for i in content if is_address_line(lines[i].plain)}
    if not address:
        return
    order = {line_index: position for position, line_index in enumerate(content)}
    _fill_address_gaps(lines, content, address, order)
    for i in address:
        kinds[i] = "address block"
    near_address = _neighbours(content, order, address)
    branded = _repeated_brands(lines, content, near_address)
    for i in near_address - branded:
        plain = lines[i].plain
        if _is_brand_candidate(plain) and (ORG_WORD.search(plain) or plain.isupper()):
            branded.add(i)
    for i in branded:
        kinds[i] = "branding"
    _mark_contact_intro(lines, kinds, content, order, address | branded)
    for i in sorted(branded):
        _mark_tagline(lines, kinds, content, order, i)


def _mark_contact_intro(
    lines: list[_Line], kinds: list[str | None], content: list[int], order: dict[int, int], block: set[int]
) -> None:
    """A line such as "For media queries contact:" right before a contact block belongs to it."""
    for i in block:
        position = order[i]
        if position and CONTACT_INTRO.fullmatch(lines[content[position - 1]].plain):
            kinds[content[position - 1]] = "address block"


def _fill_address_gaps(
    lines: list[_Line], content: list[int], address: set[int], order: dict[int, int]
) -> None:
    """A short line between two address lines (a lone city or PIN) belongs to the address."""
    for i in list(content):
        position = order[i]
        if i in address or position == 0 or position + 1 >= len(content):
            continue
        before, after = content[position - 1], content[position + 1]
        if before in address and after in address and _word_count(lines[i].plain) <= 4:
            address.add(i)


def _neighbours(content: list[int], order: dict[int, int], address: set[int]) -> set[int]:
    found: set[int] = set()
    for i in address:
        position = order[i]
        for other in (position - 1, position + 1):
            if 0 <= other < len(content) and content[other] not in address:
                found.add(content[other])
    return found


def _repeated_brands(lines: list[_Line], content: list[int], near_address: set[int]) -> set[int]:
    """Short lines repeated in near-identical form, with one copy next to an address: publisher branding."""
    candidates = [i for i in content if _is_brand_candidate(lines[i].plain)]
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
    lines: list[_Line], kinds: list[str | None], content: list[int], order: dict[int, int], brand: int
) -> None:
    """The slogan printed right under a brand name goes with it."""
    position = order[brand] + 1
    if position >= len(content):
        return
    candidate = content[position]
    line = lines[candidate]
    if kinds[candidate] or _word_count(line.plain) > 15 or not _ends_open(line.plain.rstrip(".")):
        return
    brand_words = {word for word in WORD.findall(lines[brand].plain.casefold()) if len(word) > 2}
    shared = brand_words & {word for word in WORD.findall(line.plain.casefold())}
    if not line.blank_before or len(shared) >= 2:
        kinds[candidate] = "branding"


# --- Single-line furniture and teaser blocks ------------------------------------------------------


def _line_kind(plain: str) -> str | None:
    if _word_count(plain) <= 12 and SHARE_PROMPT.fullmatch(plain):
        return "share prompt"
    if COMMENT_COUNT.fullmatch(plain):
        return "comment count"
    if ALSO_READ.fullmatch(plain) and _word_count(plain) <= 30:
        return "also read"
    if (
        _word_count(plain) <= 30
        and AI_WORD.search(plain)
        and AI_DISCLAIMER.search(plain)
        and _mentions_image(plain)
    ):
        return "ai disclaimer"
    return None


def _mentions_image(plain: str) -> bool:
    return IMAGE_WORD.search(plain) is not None


def _mark_line_furniture(lines: list[_Line], kinds: list[str | None]) -> None:
    for i, line in enumerate(lines):
        if kinds[i] is None and SEPARATOR.fullmatch(line.raw.strip()):
            kinds[i] = "separator"
    for i in _content(lines, kinds):
        kinds[i] = _line_kind(lines[i].plain)


def _marker_kind(plain: str) -> str | None:
    if CURATED_MARKER.fullmatch(plain):
        return "curated block"
    if TEASER_MARKER.fullmatch(plain):
        return "teaser block"
    return None


def _is_teaser_headline(plain: str) -> bool:
    """Teaser headlines are short and unpunctuated; prose resumes with a sentence, a lowercase word, or a line
    that stops mid-phrase ("… how important that is for") or opens a quotation it does not close."""
    first = plain.lstrip("'\"‘“")[:1]
    asks = plain.rstrip(CLOSING).endswith(("?", "!"))
    if _word_count(plain) > TEASER_MAX_WORDS or first.islower() or not (_ends_open(plain) or asks):
        return False
    last_word = plain.rsplit(None, 1)[-1].casefold()
    return last_word not in TRAILING_FUNCTION_WORDS and not _opens_quotation(plain)


def _opens_quotation(plain: str) -> bool:
    return plain.count('"') % 2 == 1 or plain.count("“") > plain.count("”")


def _mark_teaser_blocks(lines: list[_Line], kinds: list[str | None]) -> None:
    content = _content(lines, kinds)
    position = 0
    while position < len(content):
        i = content[position]
        kind = _marker_kind(lines[i].plain)
        position += 1
        if kind is None:
            continue
        kinds[i] = kind
        taken = 0
        while position < len(content) and taken < TEASER_MAX_ITEMS:
            following = content[position]
            if _marker_kind(lines[following].plain) or not _is_teaser_headline(lines[following].plain):
                break
            kinds[following] = kind
            position += 1
            taken += 1


# --- Inline markdown and assembly -----------------------------------------------------------------


def _inline_deletions(line: str) -> list[tuple[int, int, str]]:
    """Spans of markup characters to delete from one line, each with its removal kind."""
    deletions: list[tuple[int, int, str]] = []
    if not MARKUP_CHAR.search(line):
        return deletions
    masked = list(line)

    def delete(start: int, end: int, kind: str) -> None:
        deletions.append((start, end, kind))
        masked[start:end] = "\x00" * (end - start)

    for match in INVISIBLE.finditer(line):
        delete(match.start(), match.end(), "invisible")
    for match in ESCAPE.finditer(line):
        delete(match.start(), match.start() + 1, "escape")
        masked[match.start() + 1] = "\x01"
    current = "".join(masked)
    for match in IMAGE.finditer(current):
        delete(match.start(), match.end(), "markdown")
    current = "".join(masked)
    for match in LINK.finditer(current):
        if CITATION_TEXT.fullmatch(match.group(1).strip()):
            delete(match.end(1) + 1, match.end(), "markdown")
        else:
            delete(match.start(), match.start() + 1, "markdown")
            delete(match.end(1), match.end(), "markdown")
    heading = HEADING_MARK.match("".join(masked))
    if heading:
        delete(heading.start(), heading.end(), "markdown")
    for pattern in (BOLD, ITALIC):
        current = "".join(masked)
        for match in pattern.finditer(current):
            width = len(match.group(1))
            delete(match.start(), match.start() + width, "markdown")
            delete(match.end() - width, match.end(), "markdown")
    for match in STRAY_BOLD.finditer("".join(masked)):
        delete(match.start(), match.end(), "markdown")
    return sorted(deletions)


def _kept_pieces(line: _Line, removals: list[Removal]) -> list[tuple[int, int]]:
    """Raw spans of the line that survive markup removal, trimmed of surrounding whitespace."""
    pieces: list[tuple[int, int]] = []
    cursor = 0
    for start, end, kind in _inline_deletions(line.raw):
        removals.append(Removal(kind, line.raw[start:end], line.start + start))
        if start > cursor:
            pieces.append((cursor, start))
        cursor = max(cursor, end)
    if cursor < len(line.raw):
        pieces.append((cursor, len(line.raw)))
    return _trim([(line.start + s, line.start + e) for s, e in pieces], line.raw, line.start)


def _trim(pieces: list[tuple[int, int]], raw_line: str, offset: int) -> list[tuple[int, int]]:
    def text(piece: tuple[int, int]) -> str:
        return raw_line[piece[0] - offset : piece[1] - offset]

    while pieces and not text(pieces[0]).strip():
        pieces.pop(0)
    while pieces and not text(pieces[-1]).strip():
        pieces.pop()
    if pieces:
        first = text(pieces[0])
        pieces[0] = (pieces[0][0] + len(first) - len(first.lstrip()), pieces[0][1])
        last = text(pieces[-1])
        pieces[-1] = (pieces[-1][0], pieces[-1][1] - len(last) + len(last.rstrip()))
    return pieces


def _units(lines: list[_Line], kinds: list[str | None], removals: list[Removal]) -> list[_Unit]:
    units: list[_Unit] = []
    hard = False
    for i, line in enumerate(lines):
        if kinds[i] or not line.plain:
            hard = True
            continue
        pieces = _kept_pieces(line, removals)
        if not pieces:
            hard = True
            continue
        text = "".join(line.raw[s - line.start : e - line.start] for s, e in pieces)
        units.append(_Unit(pieces, text, hard or not units))
        hard = False
    return units


def _wrap_width(lines: list[_Line], kinds: list[str | None]) -> int:
    """The column a hard-wrapped text breaks at, or 0 when lines are whole paragraphs."""
    kept = [lines[i].plain for i in _content(lines, kinds)]
    if len(kept) < 4 or max(len(line) for line in kept) > WRAP_LIMIT:
        return 0
    width = max(len(line) for line in kept)
    pairs = [
        len(lines[i].plain) >= 0.6 * width
        for i in range(len(lines) - 1)
        if lines[i].plain and lines[i + 1].plain and not kinds[i] and not kinds[i + 1]
    ]
    return width if len(pairs) >= 2 and sum(pairs) >= 0.6 * len(pairs) else 0


def _joins(previous: _Unit, paragraph: str, unit: _Unit, wrap_width: int) -> bool:
    """Rejoin a sentence that a line break, a blank line or removed furniture split in two.

    `paragraph` is everything already joined into the current paragraph, so a second pass over the clean text
    makes the same decision.
    """
    wrapped = wrap_width and not unit.hard_break_before and not BULLET.match(unit.text)
    if wrapped and len(previous.text) >= 0.6 * wrap_width:
        return True
    return _ends_open(paragraph) and unit.text[0].islower() and _word_count(paragraph) >= 6


def _assemble(
    units: list[_Unit], raw: str, removals: list[Removal], wrap_width: int
) -> tuple[str, list[tuple[int, int, int]]]:
    paragraphs: list[str] = []
    segments: list[tuple[int, int, int]] = []
    length = 0
    for index, unit in enumerate(units):
        if index and _joins(units[index - 1], paragraphs[-1], unit, wrap_width):
            removals.append(_line_break(raw, units[index - 1].pieces[-1][1], unit.pieces[0][0]))
            paragraphs[-1] += " "
            length += 1
        else:
            length += 2 if index else 0
            paragraphs.append("")
        for start, end in unit.pieces:
            segments.append((length, start, end - start))
            paragraphs[-1] += raw[start:end]
            length += end - start
    return "\n\n".join(paragraphs), segments


def _line_break(raw: str, start: int, end: int) -> Removal:
    """The break replaced by a space when a split sentence is rejoined (its first run of whitespace)."""
    space = WHITESPACE.search(raw, start, end)
    if space is None:
        return Removal("line break", "", start)
    return Removal("line break", space.group(), space.start())


def _blank_runs(raw: str) -> list[Removal]:
    runs = [Removal("blank lines", match.group(), match.start()) for match in BLANK_RUN.finditer(raw)]
    covered = {removal.start for removal in runs}
    for match in EDGE_SPACE.finditer(raw):
        if match.group().count("\n") and match.start() not in covered:
            runs.append(Removal("blank lines", match.group(), match.start()))
    return runs


def _headline(text: str) -> str:
    return headline_of([p for p in text.split("\n\n") if p.strip()])


def headline_of(paragraphs: list[str]) -> str:
    """The first paragraph that reads like a headline, past labels ("PRESS RELEASE") and masthead lines.

    Stops at the first prose paragraph: a text that opens with prose has no headline.
    """
    for paragraph in paragraphs[:6]:
        line = paragraph.strip()
        if LABEL_LINE.fullmatch(line) or _is_masthead(line) or NOT_HEADLINE.search(line):
            continue
        if BULLET.match(line) or _word_count(line) > 25 or not (_ends_open(line) or line.endswith("?")):
            return ""
        return line
    return ""


def _is_masthead(line: str) -> bool:
    """An issuing body's name on its own line, e.g. "Ministry of Mines" or "Government of India"."""
    return _word_count(line) <= 8 and MASTHEAD.fullmatch(line) is not None
