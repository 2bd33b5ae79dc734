"""Line furniture: whole lines the lexicon's patterns recognise, teaser blocks, repeated promos."""

from collections import Counter

from sources.text.clean.headline import LABEL_LINE
from sources.text.clean.lines import CLOSING, content, ends_open, word_count
from sources.text.clean.model import Line
from sources.text.lexicon import Lexicon

# (removal kind, lexicon list of whole-line patterns, longest line in words the rule may remove)
LINE_RULES = (
    ("share prompt", "furniture.share_rows", 12),
    ("comment count", "furniture.comment_counts", 6),
    ("also read", "furniture.also_read", 30),
    ("promo", "furniture.promo_lines", 30),
    ("page feedback", "furniture.page_feedback", 12),
    ("press label", "furniture.press_labels", 14),
    ("field", "furniture.field_lines", 60),
    ("wire tail", "furniture.wire_tails", 60),
    ("copyright", "furniture.copyright_lines", 25),
    ("image credit", "furniture.image_credits", 15),
    ("page number", "furniture.page_numbers", 6),
    ("page chrome", "furniture.page_chrome", 60),
)
CASE_SENSITIVE_RULES = (
    ("slug", "furniture.slugs", 1),
    ("wire code", "furniture.wire_codes", 8),
    ("image credit", "furniture.image_credits_cased", 10),
)
NAVIGATION_ITEM_WORDS = 7
SENTENCE_WORDS = 4
MASTHEAD_WORDS = 4
MASTHEAD_REACH = 3  # content lines from the top where a masthead in capitals stands
TEASER_MAX_WORDS = 25
TEASER_MAX_ITEMS = 10
PROMO_MAX_WORDS = 40
PROMO_BOX_WORDS = 25
# fmt: off
TRAILING_FUNCTION_WORDS = {
    "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by", "from", "with", "that",
    "which", "who", "is", "are", "was", "were", "be", "how", "as", "than", "into", "its", "their", "our",
}
# fmt: on


def line_kind(plain: str, lex: Lexicon) -> str | None:
    words = word_count(plain)
    for kind, path, max_words in LINE_RULES:
        if words <= max_words and lex.pattern(path, whole=True).match(plain):
            return kind
    for kind, path, max_words in CASE_SENSITIVE_RULES:
        if words <= max_words and lex.pattern(path, flags=0, whole=True).match(plain):
            return kind
    if words <= 30 and _is_ai_image_note(plain, lex):
        return "ai disclaimer"
    if is_navigation(plain, lex):
        return "navigation"
    return None


def is_navigation(plain: str, lex: Lexicon) -> bool:
    """A row of short items between separators ("News | World | Climate", "Home › Notes"), not a sentence."""
    items = [item for item in lex.pattern("furniture.navigation_separators").split(plain) if item.strip()]
    return (
        len(items) >= 2
        and not lex.pattern("furniture.navigation_keeps").search(plain)
        and all(word_count(item) <= NAVIGATION_ITEM_WORDS and not _is_sentence(item) for item in items)
        and not plain.rstrip(CLOSING).endswith((".", "!", "?"))
    )


def _is_sentence(item: str) -> bool:
    """A menu item is never a sentence ("Ferries at the pier on Monday. | Photo: …" is a caption)."""
    return word_count(item) >= SENTENCE_WORDS and item.rstrip(CLOSING + " ").endswith((".", "!", "?"))


def mark_masthead(lines: list[Line], kinds: list[str | None]) -> None:
    """A name in capitals at the top of the page, before the headline ("THE DAILY LEDGER"): branding."""
    found = content(lines, kinds)
    for i in found[:MASTHEAD_REACH]:
        plain = lines[i].plain
        if LABEL_LINE.fullmatch(plain):
            continue
        if (
            plain.isupper()
            and not any(ch.isdigit() for ch in plain)  # "10:42 BST" is a live blog's time
            and word_count(plain) <= MASTHEAD_WORDS
            and ends_open(plain)
            and i != found[-1]
        ):
            kinds[i] = "branding"
            return


def _is_ai_image_note(plain: str, lex: Lexicon) -> bool:
    return all(
        lex.pattern(path).search(plain)
        for path in ("furniture.ai_words", "furniture.ai_disclaimer", "furniture.image_words")
    )


def mark_curation(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """A curation file's publisher rules: whole lines to remove, as regular expressions."""
    if not lex.phrases("furniture.curation"):
        return
    rule = lex.pattern("furniture.curation", whole=True)
    for i in content(lines, kinds):
        if rule.match(lines[i].plain) or rule.match(lines[i].raw.strip()):
            kinds[i] = "curation"


def mark_line_furniture(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    separator = lex.pattern("furniture.separators", whole=True)
    for i, line in enumerate(lines):
        if kinds[i] is None and line.raw.strip() and separator.match(line.raw.strip()):
            kinds[i] = "separator"
    for i in content(lines, kinds):
        kinds[i] = line_kind(lines[i].plain, lex)


def mark_repeated_promos(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    """A line printed more than once on the page that speaks of newsletters, apps or subscriptions."""
    found = content(lines, kinds)
    counts = Counter(lines[i].plain.casefold() for i in found)
    promo = lex.literal_pattern("furniture.promo_words")
    for i in found:
        plain = lines[i].plain
        if counts[plain.casefold()] >= 2 and word_count(plain) <= PROMO_MAX_WORDS and promo.search(plain):
            kinds[i] = "promo"


def _marker_kind(plain: str, lex: Lexicon) -> str | None:
    if lex.pattern("furniture.curated_markers", whole=True).match(plain):
        return "curated block"
    if lex.pattern("furniture.teaser_markers", whole=True).match(plain):
        return "teaser block"
    return None


def _is_teaser_headline(plain: str) -> bool:
    """Teaser headlines are short and unpunctuated; prose resumes with a sentence, a lowercase word, or a line
    that stops mid-phrase ("… how important that is for") or opens a quotation it does not close."""
    first = plain.lstrip("'\"‘“")[:1]
    asks = plain.rstrip(CLOSING).endswith(("?", "!"))
    if word_count(plain) > TEASER_MAX_WORDS or first.islower() or not (ends_open(plain) or asks):
        return False
    last_word = plain.rsplit(None, 1)[-1].casefold()
    return last_word not in TRAILING_FUNCTION_WORDS and not _opens_quotation(plain)


def _opens_quotation(plain: str) -> bool:
    return plain.count('"') % 2 == 1 or plain.count("“") > plain.count("”")


def mark_teaser_blocks(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> None:
    found = content(lines, kinds)
    position = 0
    while position < len(found):
        i = found[position]
        kind = _marker_kind(lines[i].plain, lex)
        position += 1
        if kind is None:
            continue
        kinds[i] = kind
        taken = 0
        while position < len(found) and taken < TEASER_MAX_ITEMS:
            following = found[position]
            plain = lines[following].plain
            if _marker_kind(plain, lex) or not _is_teaser_headline(plain):
                break
            kinds[following] = kind
            position += 1
            taken += 1


def mark_promo_boxes(lines: list[Line], kinds: list[str | None]) -> None:
    """A sign-up box: a block of lines without a blank between them holding two promo lines or more
    ("Sign up to …" / "Free weekly newsletter" / "Enter your email address" / "Sign up"); its
    other short lines (the newsletter's pitch, its privacy notice) go with it."""
    block: list[int] = []
    for i in [*range(len(lines)), None]:
        if i is not None and lines[i].plain:
            block.append(i)
            continue
        if sum(kinds[j] == "promo" for j in block) >= 2:
            for j in block:
                if kinds[j] is None and word_count(lines[j].plain) <= PROMO_BOX_WORDS:
                    kinds[j] = "promo"
        block = []
