"""A cited explainer's reference list: where it starts, and what each number names.

The list is not part of the explainer's body (its entries are no claims); each entry tells which
document the original's `[n]` points to, by the title and publisher it gives.
"""

import re

from sources.text.lexicon import Lexicon

ENTRY = re.compile(r"^[ \t]*(?:\[(\d{1,3})\]|(\d{1,3})[.)])[ \t]+(\S[^\n]*)$", re.MULTILINE)
QUOTED = re.compile(r"[“\"‘']([^“”\"\n]{8,300}?)[,.]?[”\"’'](?=[\s,.;:]|$)")
CITES_ITSELF = re.compile(r"\[\d{1,3}\][.!?…\"”’)]*\s*$")
MIN_ENTRIES = 2


def reference_list(text: str, lexicon: Lexicon) -> tuple[int, dict[int, str]]:
    """(where the list starts in `text`, {number: entry}); (len(text), {}) when there is none.

    A list is a heading from the lexicon (`cited.reference_headings`) followed by numbered entries,
    or, without a heading, a run of at least two numbered entries that ends the text's last
    entries (a body sentence carries its markers at its end, an entry at its start)."""
    entries = [m for m in ENTRY.finditer(text) if _is_entry(m)]
    if not entries:
        return len(text), {}
    run = _last_run(text, entries)
    heading = lexicon.pattern("cited.reference_headings", whole=True)
    before = text[: run[0].start()].rstrip()
    line_start = before.rfind("\n") + 1
    last_line = before[line_start:].strip().rstrip(":").strip()
    if last_line and heading.match(last_line):
        start = line_start
    elif len(run) >= MIN_ENTRIES:
        start = run[0].start()
    else:
        return len(text), {}
    found = {}
    for match in run:
        number = int(match.group(1) or match.group(2))
        found.setdefault(number, match.group(3).strip())
    return start, found


def _is_entry(match: re.Match[str]) -> bool:
    """An entry names a document: it does not end on a citation marker of its own."""
    return not CITES_ITSELF.search(match.group(3))


def _last_run(text: str, entries: list[re.Match[str]]) -> list[re.Match[str]]:
    """The last entries that follow each other with only blank lines (or wrapped lines) between."""
    run = [entries[-1]]
    for match in reversed(entries[:-1]):
        between = text[match.end() : run[0].start()]
        if between.count("\n\n") > 1 or len(between) > 400:
            break
        run.insert(0, match)
    return run


def quoted_title(entry: str) -> str:
    """The title an entry gives in quotation marks, if any."""
    match = QUOTED.search(entry)
    return match.group(1).strip() if match else ""
