"""Titles before a name: "US Secretary of State Marco Rubio", "Norway's energy minister, Eirik Haugland,",
"the Cabinet Secretary for Mining, Blue Economy and Maritime Affairs of the Republic of Kenya, Hassan Abdi Farah".

A title is a head noun (the lexicon's role heads), the capitalised words and modifiers before it and
its "of/for" phrase; a country before it or closing its phrase becomes the role's country hint.
Where capitalised words run on from the phrase into a name with no comma, the split is a guess.
"""

import re

from sources.text.names import LO, UP
from sources.text.roles import CAPITALISED, SPACE, TAIL_WORD, WORD, Candidate, RoleGrammar, leading_country

FUNCTION_WORDS = frozenset({"and", "or", "of", "for", "the", "on", "to", "in", "at", "a", "an", "with", "by"})
COMPLEMENT_START = re.compile(r"[ \t]+(?:of|for|on|to)(?=[ \t])")
# A comma inside the phrase only between the capitalised items of a list closed by "and".
COMPLEMENT_WORD = re.compile(
    rf"(?:[ \t]+|,[ \t]+(?=(?:and[ \t]+)?[{UP}])(?=[^.;:\n]{{0,60}}\band\b))({WORD})"
)
MAX_COMPLEMENT_WORDS = 14
AUXILIARIES = frozenset(
    {
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "will",
        "would",
        "can",
        "could",
        "may",
        "did",
    }
)
ARTICLE_BEFORE = re.compile(r"(?<![\w])(?:[Tt]he|[Aa]n?)[ \t]+\Z")
# A lower-case agent noun before a capitalised word, or one opening a sentence ("Rancher Bill Tatum").
AGENT_BEFORE_CAPITAL = re.compile(
    r"(?:(?<![\w'’-])[a-z][a-z-]{3,}|(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))[A-Z][a-z-]{3,})"
    rf"(?=[ \t]+[{UP}][{LO}])",
    re.MULTILINE,
)
# Lower-case words that end like agent nouns but are verbs or adverbs before a name.
NOT_NOUNS = frozenset({"whereas", "therefore", "consider", "remember", "deliver", "register", "offer"})
PERSON_ENDINGS = ("er", "or", "ist", "ian", "man", "woman")
WORD_START = re.compile(r"(?<![\w'’])[A-Za-z]+")
# Words ending like nouns in "-ing" ("housing spokeswoman", "mining analyst") that are prepositions.
NOT_MODIFIERS = frozenset(
    {"including", "according", "following", "regarding", "concerning", "during", "being", "having"}
)
# The same before a full name set off by commas, after a determiner: "the harbour master, Luca Ferri,".
AGENT_BEFORE_SET_OFF_NAME = re.compile(rf"[a-z][a-z-]{{3,}},[ \t]+[{UP}][{LO}]+[ \t]+[{UP}]")
DETERMINED = re.compile(
    r"(?<![\w'’])(?:[Tt]he|[Ii]ts|[Tt]heir|[Hh]is|[Hh]er|[Oo]ur)(?:[ \t]+[a-z][\w-]*){0,2}[ \t]+\Z"
)
LIST_GOES_ON = re.compile(rf"[ \t]+and[ \t]+[{UP}]")
# "… of the Republic of Kenya" closing a title names the role's country.
COUNTRY_TAIL = re.compile(
    r"[ \t]+of[ \t]+(?:the[ \t]+)?(?:(?:Republic|Kingdom|State|Commonwealth|Federation)[ \t]+of[ \t]+(?:the[ \t]+)?)?"
    r"(?P<place>[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,3})$"
)


def titled(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """ "US Secretary of State Marco Rubio", "Norway's energy minister, Eirik Haugland,"."""
    found = []
    consumed = 0
    for head_start, head_end, listed in _heads(text, grammar):
        if head_start < consumed:
            continue
        set_off = not listed and _determined_before(text, head_start)
        named = _name_after_head(text, head_end, grammar, listed, set_off)
        if named is None:
            continue
        span, name_start, run_on = named
        between = text[head_end:name_start]
        if text[head_start].islower() and between.strip() and "," not in between:
            continue  # "managing director of Evergreen Provisions": a common noun's phrase names no person
        start, country, title_start = _title_start(text, head_start, grammar, consumed)
        # "a spokeswoman for Sierra Shield Insurance": after an article, a title needs a comma before
        # a name; capitalised words running on from its "of/for" phrase are the phrase's.
        weak = run_on and ARTICLE_BEFORE.search(text, max(0, title_start - 6), title_start) is not None
        role_text = SPACE.sub(" ", text[start:name_start]).strip(" ,\t")
        title = SPACE.sub(" ", text[title_start:name_start]).strip(" ,\t")
        if not country:
            role_text, country = _country_tail(role_text, grammar)
        gender = grammar.gender(role_text)
        found.append(
            Candidate(span[0], title, (role_text, country), span[1], span[2], weak=weak, gender=gender)
        )
        consumed = span[2]
    return found


def _heads(text: str, grammar: RoleGrammar) -> list[tuple[int, int, bool]]:
    """The lexicon's role heads, and any lower-case agent noun right before a capitalised word
    ("Loxton citrus grower Dianne Kerr", "conservationist Jane Doe"), first first."""
    heads = []
    end = 0
    # One pass over the words: the head alternation is tried only where a head's first word stands.
    for word in WORD_START.finditer(text):
        if word.start() < end:
            continue
        key = word.group().casefold()
        if key in grammar.head_starts and (head := grammar.head.match(text, word.start())):
            heads.append((head.start(), head.end(), True))
            end = head.end()
        elif (
            key.endswith(PERSON_ENDINGS)  # not "independent", "recent": adjectives
            and key not in NOT_NOUNS
            and (
                AGENT_BEFORE_CAPITAL.match(text, word.start())
                or (
                    AGENT_BEFORE_SET_OFF_NAME.match(text, word.start())
                    and _determined_before(text, word.start())
                )
            )
            and grammar.is_role_noun(key)
        ):
            heads.append((word.start(), word.end(), False))
    return heads


def _complement_ends(text: str, at: int, grammar: RoleGrammar) -> list[tuple[int, str]]:
    """Where a head's "of/for" phrase could end, shortest first, with its last word: "Secretary | of
    State | for Energy Security and Net Zero"; commas only inside a list closed by "and"."""
    ends = [(at, "")]
    opening = COMPLEMENT_START.match(text, at)
    if opening is None:
        return ends
    position = opening.end()
    for _ in range(MAX_COMPLEMENT_WORDS):
        word = COMPLEMENT_WORD.match(text, position)
        if word is None:
            break
        position = word.end()
        ends.append((position, word.group(1)))
    return ends


def _name_after_head(
    text: str, at: int, grammar: RoleGrammar, listed: bool = True, set_off: bool = False
) -> tuple[tuple[str, int, int], int, bool] | None:
    """The name a title introduces, where the title ends, and whether the split between the title's
    "of/for" phrase and the name is only a guess (capitalised words run on into the name, no comma).
    After an agent noun the lexicon does not list, only a full name right after it counts."""
    ends = _complement_ends(text, at, grammar) if listed else [(at, "")]
    for end, last in ends:
        if last.casefold() in FUNCTION_WORDS:
            continue  # "Commissioner for Oceans and | Fisheries": a phrase never ends on "and"
        after = grammar.name_after.match(text, end)
        if after is None:
            continue
        name, name_start = after.group("name"), after.start("name")
        tokens = name.split()
        # Capitalised words of the "of/for" phrase that ran into the name ("… Maritime Affairs Hassan").
        while len(tokens) > 2 and _not_a_name_start(tokens[0], grammar):
            last = tokens.pop(0)
        if last and len(tokens) > 3:
            last, tokens = tokens[-4], tokens[-3:]
        skip = name.index(tokens[0])
        span = grammar.names.span(" ".join(tokens), name_start + skip)
        if span is None or text[span[1] : span[2]] != span[0]:
            continue
        if any(word.casefold() in grammar.portfolio for word in span[0].split()):
            continue  # "Mining, Blue Economy and …": still the title's list
        if grammar.head.fullmatch(span[0].split()[0]):
            continue  # "…, and Norway's Minister of Energy": another title, not a name
        if (
            not listed
            and (
                " " not in span[0]
                # "the harbour master, Luca Ferri, said": an agent noun the lexicon does not list, after a
                # determiner, may title a full name set off by commas
                or ("," in after.group("sep") and not (set_off and text[span[2] : span[2] + 1] == ","))
            )
        ):
            return None
        comma = "," in after.group("sep")
        if (comma or (last and " " not in span[0])) and LIST_GOES_ON.match(text, span[2]):
            continue  # "Minister for Roads, Rail Freight and Ports …": an item of the title's list
        if (
            last
            and len(span[0].split()) == 1
            and (comma or text[span[2] : span[2] + 1] == "\n" or _not_a_name_start(span[0], grammar))
        ):
            continue  # "Cabinet Secretary for Mining, Blue": a lone word after a long title
        run_on = bool(last) and not comma and (skip > 0 or CAPITALISED.match(last) is not None)
        ends_title = _not_a_name_start(last, grammar) or last.isupper()
        return span, name_start + skip, run_on and not ends_title
    return None


def _determined_before(text: str, at: int) -> bool:
    return DETERMINED.search(text, max(0, at - 60), at) is not None


def _not_a_name_start(word: str, grammar: RoleGrammar) -> bool:
    key = word.casefold()
    return key in grammar.portfolio or key in grammar.names.not_a_name


def _country_tail(role: str, grammar: RoleGrammar) -> tuple[str, str]:
    """ "Cabinet Secretary for Mining of the Republic of Kenya" → the role and "Kenya"."""
    tail = COUNTRY_TAIL.search(role)
    if tail is None:
        return role, ""
    country = grammar.country_of.get(tail.group("place").casefold())
    return (role[: tail.start()], country) if country else (role, "")


def _title_start(text: str, head_start: int, grammar: RoleGrammar, floor: int = 0) -> tuple[int, str, int]:
    """Where the role before a head starts, the country the title names ("Chinese", "Norway's") and
    where the title with its country starts."""
    # never back into the name of the title before ("Prime Minister Aiko Mori and Trade Secretary …")
    words = [
        (m.start(), m.group()) for m in TAIL_WORD.finditer(text, max(0, floor, head_start - 90), head_start)
    ]
    # only words joined to the head by spaces belong to the title
    chain: list[tuple[int, str]] = []
    end = head_start
    for start, word in reversed(words):
        if text[start + len(word) : end].strip(" \t") or "\n" in text[start + len(word) : end]:
            break
        chain.insert(0, (start, word))
        end = start
    start = head_start
    floor = _named_modifiers(chain, grammar)
    lowercase_ok = _determined(chain, grammar) or floor is not None
    for index in range(len(chain) - 1, -1, -1):
        at, word = chain[index]
        if floor is not None and index < floor and not _determined(chain, grammar):
            break
        key = word.rstrip(".").casefold()
        plain = key.removesuffix("'s").removesuffix("’s")
        previous = chain[index - 1][1] if index else ""
        # "South Australian Premier", "New South Wales Minister": a longer place, part of the title.
        in_place = (
            bool(previous) and CAPITALISED.match(previous) is not None and not _title_word(previous, grammar)
        )
        # "New Zealand's Minister of Agriculture": a country of several words, the longest first.
        for size in (3, 2):
            if index + 1 >= size:
                words_of = [w for _, w in chain[index + 1 - size : index + 1]]
                size_found, country = leading_country(words_of, grammar)
                if size_found == size:
                    return start, country, chain[index + 1 - size][0]
        for form in (plain, word.casefold()):
            if form in grammar.country_of and not in_place:
                return start, grammar.country_of[form], at
        if key == "and" and start < head_start and previous and CAPITALISED.match(previous):
            continue  # "Environment and Water Minister": capitalised words joined by "and"
        if (
            key in grammar.names.stop_words
            or key in grammar.determiners
            or key in grammar.names.calendar_words
        ):
            break
        if CAPITALISED.match(word) or key in grammar.modifiers or (lowercase_ok and word.isalpha()):
            start = at
            if word.endswith(("'s", "’s")):
                break
            continue
        break
    return start, "", start


def _title_word(word: str, grammar: RoleGrammar) -> bool:
    key = word.rstrip(".").casefold()
    return key in grammar.modifiers or key in grammar.names.stop_words or key in grammar.determiners


def _named_modifiers(chain: list[tuple[int, str]], grammar: RoleGrammar) -> int | None:
    """ "Loxton citrus grower", "by Sinn Féin housing spokeswoman": a proper noun (one to three
    capitalised words, after a clause boundary or a lower-case word) and at most two plain lower-case
    words before the head are all the title's. Where that proper noun starts in the chain, or None."""
    end = len(chain)
    while end and _plain_lowercase(chain[end - 1][1], grammar):
        end -= 1
    start = end
    while start and CAPITALISED.match(chain[start - 1][1]) and not _title_word(chain[start - 1][1], grammar):
        start -= 1
    if not 1 <= len(chain) - end <= 2 or not 1 <= end - start <= 3:
        return None
    if start and CAPITALISED.match(chain[start - 1][1]):
        return None
    return start


def _plain_lowercase(word: str, grammar: RoleGrammar) -> bool:
    return (
        word.isalpha()
        and word.islower()
        and word not in grammar.verbs
        and word not in AUXILIARIES
        and word not in grammar.names.stop_words
        and word not in NOT_MODIFIERS
        and not word.endswith("ed")  # "backed farmer Jane Doe": a verb
    )


def _determined(chain: list[tuple[int, str]], grammar: RoleGrammar) -> bool:
    """Lower-case words before a head are the title's ("the shadow energy security secretary") only
    after a determiner or a possessive."""
    for _, word in reversed(chain):
        key = word.casefold()
        if key in grammar.determiners or key.endswith(("'s", "’s")):
            return True
        if not word.isalpha() or not word.islower() or key in grammar.names.stop_words:
            return False
    return False
