"""Which document each number of a cited explainer's reference list names: by the title it quotes
(or, without one, by the entry's words) against the titles of this run's documents and of sources
imported before. It reads and never writes."""

from rapidfuzz import fuzz

from sources.models import Source
from sources.text.normalize import normalize_plain
from sources.text.references import quoted_title

QUOTED_MATCH = 90  # a quoted title against a document's title (0–100)
ENTRY_MATCH = 90  # an entry's words containing a document's title, when the entry quotes none
MIN_TITLE_WORDS = 4


def _norm(text: str) -> str:
    return " ".join(normalize_plain(text).split()).strip(" .,;:\"'")


def reference_hints(references: dict[int, str], titles: dict[str, str]) -> dict[int, str]:
    """{number: document name} for the entries that name one document beyond doubt. `titles` are
    this run's documents' ({name: title}); quoted titles none of them matches are looked up among
    the sources imported before (one query), and the entries left are matched again."""
    quoted = {n: quoted_title(entry) for n, entry in references.items()}
    candidates = {name: _norm(title) for name, title in titles.items() if title}
    hints = _matched(references, quoted, candidates)
    missing = {quoted[n] for n in references if n not in hints and quoted[n]}
    if missing:
        earlier = Source.objects.exclude(origin_file="").filter(title__in=missing)
        for name, title in earlier.values_list("origin_file", "title")[: 4 * len(missing)]:
            candidates.setdefault(name, _norm(title))
        left = {n: entry for n, entry in references.items() if n not in hints}
        hints.update(_matched(left, quoted, candidates))
    return hints


def _matched(
    references: dict[int, str], quoted: dict[int, str], candidates: dict[str, str]
) -> dict[int, str]:
    found = {}
    long = {k: t for k, t in candidates.items() if len(t.split()) >= MIN_TITLE_WORDS}
    for number, entry in references.items():
        if quoted[number]:
            name = _best(_norm(quoted[number]), candidates, fuzz.ratio, QUOTED_MATCH)
        else:
            name = _best(_norm(entry), long, fuzz.partial_ratio, ENTRY_MATCH)
        if name:
            found[number] = name
    return found


def _best(wanted: str, candidates: dict[str, str], scorer, threshold: int) -> str:
    """The one candidate scoring at least `threshold`, best first; none when two tie at the top."""
    scored = sorted(((scorer(wanted, title), name) for name, title in candidates.items()), reverse=True)
    if not scored or scored[0][0] < threshold:
        return ""
    if (
        len(scored) > 1
        and scored[1][0] == scored[0][0]
        and candidates[scored[1][1]] != candidates[scored[0][1]]
    ):
        return ""
    return scored[0][1]
