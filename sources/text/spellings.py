"""Which of a person's recorded spellings tell a reader something: not the name again in other case,
accents, punctuation or with a title ("Dr. S. Jaishankar" for S. Jaishankar), nor a part of it
("Rubio" for Marco Rubio), but a fuller or different spelling ("Subrahmanyam Jaishankar")."""

import unicodedata
from collections.abc import Iterable

from sources.text.names import alias_key


def spelling_words(name: str) -> frozenset[str]:
    """The words a spelling is compared by: honorifics dropped, case, accents and punctuation folded."""
    decomposed = unicodedata.normalize("NFKD", alias_key(name))
    return frozenset("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def other_spellings(name: str, aliases: Iterable[str]) -> list[str]:
    """The aliases worth showing beside `name`, in their given order: each says something neither the
    name nor a fuller alias already shown says (a spelling whose words all appear in one of those
    adds nothing); of aliases that differ only in case, accents or punctuation, the first stands."""
    given = [alias for alias in dict.fromkeys(a.strip() for a in aliases) if alias]
    shown: list[frozenset[str]] = [spelling_words(name)]
    kept = set()
    # Fuller spellings first, so a shorter one is judged against them ("Antonio Rubio" after
    # "Marco Antonio Rubio"); ties in the given order.
    for index in sorted(range(len(given)), key=lambda i: -len(spelling_words(given[i]))):
        words = spelling_words(given[index])
        if words and not any(words <= other for other in shown):
            shown.append(words)
            kept.add(index)
    return [alias for index, alias in enumerate(given) if index in kept]
