"""Roles from lists: a line of personalities ("US Secretary of State: Marco Rubio") and a signature
block (a line that is only a name over a line that opens on a title).

    Hassan Abdi Farah                       the name, an honorific ("Senator the Hon") and letters
    Cabinet Secretary for Mining, Blue      ("MP") set aside; the title, run on over the next line
    Economy and Maritime Affairs            when it is cut ("Blue" / "Economy"); the country the
    Republic of Kenya                       line under it names
"""

import functools
import re

from sources.text.roles import LINE, NOT_APPOSITIVE, STATE_OF, Candidate, RoleGrammar, leading_country


def personalities(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """List lines "US Secretary of State: Marco Rubio" or "Marco Rubio: US Secretary of State"."""
    found = []
    for pattern in _list_lines(grammar):
        for match in pattern.finditer(text):
            title = match.group("title").strip()
            if not grammar.head.search(title) or len(title.split()) > 10:
                continue
            span = grammar.names.span(match.group("name"), match.start("name"))
            if span is None or len(span[0].split()) < 2:
                continue
            role, hint = _list_role(title, grammar)
            found.append(Candidate(span[0], title, (role, hint), span[1], span[2]))
    return found


def signatures(text: str, grammar: RoleGrammar) -> list[Candidate]:
    """A signature block: a line that is only a name, then a line that opens on a title ("Hassan Abdi
    Farah" / "Cabinet Secretary for Mining, Blue" / "Economy and Maritime Affairs" / "Republic of Kenya")."""
    lines = [(m.start(), m.group().strip()) for m in LINE.finditer(text) if m.group().strip()]
    found = []
    for index, (at, line) in enumerate(lines[:-1]):
        # "The Hon Julie Collins MP": the letters after the name are not part of it
        line = line[: post.start()] if (post := _post_nominal_end(grammar).search(line)) else line
        if grammar.names.name_pattern.fullmatch(line) is None:
            continue
        honorific = _honorific_before(grammar).match(line)  # "Senator the Hon"
        skip = honorific.end() if honorific and " " in honorific.group().strip() else 0
        span = grammar.names.span(line[skip:], at + text[at:].index(line) + skip)
        title = lines[index + 1][1]
        head = grammar.head.search(title)
        if span is None or " " not in span[0] or head is None or head.start() > 40 or not _title_line(title):
            continue
        following = [line for _, line in lines[index + 2 : index + 4]]
        if following and _title_line(following[0]) and _open_title(title):
            title = f"{title} {following.pop(0)}"
        role, hint = _list_role(title, grammar)
        place = following[0] if following else ""
        hint = hint or grammar.country_of.get(STATE_OF.sub("", place).casefold(), "")
        found.append(Candidate(span[0], title, (role, hint), span[1], span[2]))
    return found


@functools.cache
def _list_lines(grammar: RoleGrammar) -> tuple[re.Pattern, re.Pattern]:
    """ "Title: Name" and "Name: Title" (or "Name – Title") as a whole line."""
    name = grammar.names.name
    return (
        re.compile(rf"(?m)^[ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*:[ \t]*(?P<name>{name})[ \t]*\.?$"),
        re.compile(rf"(?m)^[ \t]*(?P<name>{name})[ \t]*[:–—][ \t]*(?P<title>[^:\n]{{3,90}}?)[ \t]*\.?$"),
    )


@functools.cache
def _honorific_before(grammar: RoleGrammar) -> re.Pattern:
    return re.compile(rf"(?:{grammar.names.honorific})[ \t]+")


@functools.cache
def _post_nominal_end(grammar: RoleGrammar) -> re.Pattern:
    return re.compile(
        rf"(?:{grammar.post_nominal.pattern})(?:[ \t]*,?[ \t]*(?:{grammar.post_nominal.pattern}))*[ \t]*\Z"
    )


def _title_line(line: str) -> bool:
    return len(line.split()) <= 12 and line[-1:] not in ".!?:" and line[:1].isalpha()


def _open_title(title: str) -> bool:
    """A title cut by the line's end: on a comma or a function word, or inside a list not yet closed."""
    last = title.split()[-1].casefold()
    return (
        title.endswith(",")
        or last in NOT_APPOSITIVE
        or last == "the"
        or ("," in title and " and " not in title)
    )


def _list_role(title: str, grammar: RoleGrammar) -> tuple[str, str]:
    """ "US Secretary of State" → ("Secretary of State", "United States"); "Mines Minister of Chile"
    → ("Mines Minister", "Chile")."""
    words = title.split()
    size, country = leading_country(words, grammar)
    if country and len(words) > size:
        return " ".join(words[size:]), country
    place = re.search(r"[ \t]+of[ \t]+(?P<place>[A-Z][\w'’-]*(?:[ \t]+[A-Z][\w'’-]*){0,3})$", title)
    if (
        place
        and not grammar.head.search(place.group("place"))
        and place.group("place").casefold() not in grammar.portfolio
    ):
        country = grammar.country_of.get(place.group("place").casefold(), place.group("place"))
        return title[: place.start()].strip(), country
    return title, ""
