"""Kept lines that look like furniture but that no rule removed: said to the editor as doubts."""

import re
from collections import Counter

from sources.text.clean.lines import content, ends_open, word_count
from sources.text.clean.markdown import LINK
from sources.text.clean.model import Line
from sources.text.doubts import FURNITURE_KEPT, Doubt
from sources.text.lexicon import Lexicon

NAVIGATION = re.compile(r"\s(?:\||›|»|>|•|·)\s")
MAX_DOUBTS = 10
SHORT = 6


def furniture_doubts(lines: list[Line], kinds: list[str | None], lex: Lexicon) -> tuple[Doubt, ...]:
    found = content(lines, kinds)
    counts = Counter(lines[i].plain.casefold() for i in found)
    links = lex.pattern("furniture.email_or_url")
    doubts: list[Doubt] = []
    for i in found:
        plain = lines[i].plain
        words = word_count(plain)
        repeated = counts[plain.casefold()] >= 2 and 2 <= words <= 15 and ends_open(plain)
        link_like = words <= 8 and (links.search(plain) is not None or LINK.fullmatch(lines[i].raw.strip()))
        label_like = words <= SHORT and (
            NAVIGATION.search(plain) is not None or plain.endswith((":", "»", "›"))
        )
        if (repeated or link_like or label_like) and Doubt(FURNITURE_KEPT, plain) not in doubts:
            doubts.append(Doubt(FURNITURE_KEPT, plain))
    return tuple(doubts[:MAX_DOUBTS])
