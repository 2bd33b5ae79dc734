"""How well the import reads stories it was never tuned on: precision and recall per field.

Reads every story under tests/data/stories/ (or the folders given), compares what the import
extracts from each document with its `NAME.expected.toml`, and prints one line per field and the
overall figures. With `--import`, it also imports each story into a fresh SQLite database, as a new
user would (`import_seeds DIR --root DIR`, no curation file), and scores what readers would get:
the `[n]` of each cited explainer resolved to the right document, unsupported sentences found,
quotes stored against a byline author. "wrong speaker" counts quotations given to someone who did
not say them; a speaker left unknown is not among them (it is a doubt listed for editors).

Usage: .venv/bin/python bench/import_quality.py [--import] [--verbose] [STORY_DIR ...]
"""

import argparse
import datetime as dt
import os
import re
import sys
import tempfile
import tomllib
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STORIES = ROOT / "tests" / "data" / "stories"
QUOTE_FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "–": "-", "—": "-", "\u00a0": " "})
SPACES = re.compile(r"\s+")
UNKNOWN = "?"


def norm(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").translate(QUOTE_FOLD)
    return SPACES.sub(" ", text).strip().casefold()


def name_key(name: str) -> str:
    return re.sub(r"[^\w ]", "", norm(name)).strip()


@dataclass
class Tally:
    """Right and wrong answers of one field; `found` and `expected` give precision and recall."""

    right: int = 0
    found: int = 0
    expected: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.right / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


@dataclass
class Scores:
    fields: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    documents: int = 0
    stories: int = 0

    def __getitem__(self, name: str) -> Tally:
        return self.fields[name]

    def check(self, name: str, ok: bool, where: str, got="", wanted="") -> None:
        """One yes-or-no answer: counts as found, expected and (if `ok`) right."""
        tally = self.fields[name]
        tally.found += 1
        tally.expected += 1
        tally.right += bool(ok)
        if not ok:
            tally.misses.append(f"{where}: got {got!r}, wanted {wanted!r}")


def expected_files(folders: list[Path]) -> list[tuple[Path, Path, dict]]:
    found = []
    for folder in folders:
        for expected in sorted(folder.glob("*.expected.toml")):
            document = expected.with_name(expected.name.removesuffix(".expected.toml") + ".txt")
            with expected.open("rb") as handle:
                found.append((document, expected, tomllib.load(handle)))
    return found


def story_folders(arguments: list[str]) -> list[Path]:
    if arguments:
        return [Path(a).resolve() for a in arguments]
    return sorted(p for p in STORIES.iterdir() if p.is_dir() and any(p.glob("*.expected.toml")))


# --- What the parse gives, document by document --------------------------------------------------


def _same_moment(found, wanted: str) -> bool:
    if not wanted:
        return found is None
    if found is None:
        return False
    value = dt.datetime.fromisoformat(wanted) if "T" in wanted else dt.date.fromisoformat(wanted)
    if isinstance(value, dt.datetime):
        return isinstance(found, dt.datetime) and found.tzinfo is not None and found == value
    return (found.date() if isinstance(found, dt.datetime) else found) == value


def _person_keys(person: dict) -> set[str]:
    return {name_key(n) for n in (person["name"], *person.get("also", ()))}


def _found_keys(ref) -> set[str]:
    return {name_key(ref.name), *(name_key(a) for a in ref.aliases)}


ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "sec": "secretary",
    "pres": "president",
    "atty": "attorney",
    "gen": "general",
    "lt": "lieutenant",
    "dept": "department",
    "supt": "superintendent",
    "cmdr": "commander",
}


def role_key(title: str) -> str:
    """A role as stated, compared without its article, case or abbreviations ("Gov." = "governor")."""
    words = re.sub(r"^(?:the|a|an) ", "", norm(title)).replace(".", " ").split()
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def _role_matches(found_roles, wanted: str) -> bool:
    return any(role_key(title) == role_key(wanted) for title, *_ in found_roles)


def _speaker_right(quote, wanted: str, people: list[dict]) -> bool:
    if wanted == UNKNOWN:
        return not quote.speaker
    if not quote.speaker:
        return False
    keys = next(
        (_person_keys(p) for p in people if name_key(p["name"]) == name_key(wanted)), {name_key(wanted)}
    )
    got = name_key(quote.speaker)
    return got in keys or (
        quote.speaker_kind != "person" and (got in name_key(wanted) or name_key(wanted) in got)
    )


def score_document(scores: Scores, parsed, expected: dict, where: str) -> None:
    meta, text = parsed.metadata, norm(parsed.text)
    scores.check(
        "headline",
        norm(meta.headline) == norm(expected["headline"]),
        where,
        meta.headline,
        expected["headline"],
    )
    scores.check(
        "dek", norm(meta.dek) == norm(expected.get("dek", "")), where, meta.dek, expected.get("dek", "")
    )
    authors = {name_key(a) for a in meta.authors}
    wanted_authors = {name_key(a) for a in expected.get("byline", [])}
    scores.check("byline", authors == wanted_authors, where, sorted(authors), sorted(wanted_authors))
    place = norm(expected.get("dateline", ""))
    scores.check(
        "dateline",
        norm(meta.dateline) == place or (place and norm(meta.dateline).startswith(place)),
        where,
        meta.dateline,
        expected.get("dateline", ""),
    )
    scores.check(
        "dates",
        _same_moment(meta.published_at, expected.get("published", "")),
        f"{where} published",
        meta.published_at,
        expected.get("published", ""),
    )
    if expected.get("updated"):
        scores.check(
            "dates",
            _same_moment(meta.modified_at, expected["updated"]),
            f"{where} updated",
            meta.modified_at,
            expected["updated"],
        )
    publishers = {norm(p) for p in (expected.get("publisher", ""), *expected.get("publisher_also", ())) if p}
    scores.check(
        "publisher",
        norm(meta.publisher) in publishers if publishers else not meta.publisher,
        where,
        meta.publisher,
        expected.get("publisher", ""),
    )
    if "locale" in expected:
        scores.check("locale", parsed.locale == expected["locale"], where, parsed.locale, expected["locale"])

    for string in expected.get("furniture", ()):
        tally = scores["furniture surviving"]
        tally.expected += 1
        if norm(string) in text:
            tally.found += 1
            tally.misses.append(f"{where}: kept {string!r}")
    for string in expected.get("keep", ()):
        scores.check("body kept", norm(string) in text, where, "(removed)", string)
    notes = [norm(n) for n in getattr(meta, "notes", ())]
    for note in expected.get("notes", ()):
        scores.check(
            "editor's notes",
            any(norm(note) in n or n in norm(note) for n in notes) and norm(note) not in text,
            where,
            notes,
            note,
        )

    _score_people(scores, parsed, expected, where, wanted_authors)
    if parsed.blocks is None:
        _score_quotes(scores, parsed, expected, where, wanted_authors | authors)


def _score_people(scores: Scores, parsed, expected: dict, where: str, authors: set[str]) -> None:
    people = expected.get("people", [])
    wanted = [_person_keys(p) for p in people]
    tally = scores["people"]
    tally.expected += len(people)
    matched: set[int] = set()
    for ref in parsed.people:
        keys = _found_keys(ref)
        hit = next((i for i, w in enumerate(wanted) if keys & w), None)
        if hit is None and keys & authors:
            continue  # the byline's author, named in the byline: neither right nor wrong here
        tally.found += 1
        if hit is None:
            tally.misses.append(f"{where}: found {ref.name!r}, not a person of the story")
        elif hit not in matched:
            matched.add(hit)
            tally.right += 1
    for i, person in enumerate(people):
        if i not in matched:
            tally.misses.append(f"{where}: missed {person['name']!r}")
        if person.get("role"):
            ref = next((r for r in parsed.people if _found_keys(r) & wanted[i]), None)
            roles = ref.roles if ref else ()
            scores.check(
                "roles",
                bool(ref) and _role_matches(roles, person["role"]),
                f"{where} {person['name']}",
                [r[0] for r in roles],
                person["role"],
            )


def _score_quotes(scores: Scores, parsed, expected: dict, where: str, authors: set[str]) -> None:
    quotes = expected.get("quotes", [])
    found = list(parsed.quotations)
    # Recall: each expected entry lies inside a quotation found (two entries may be two runs of one
    # quotation). Precision: a quotation found holds an expected entry; extras count against it.
    tally = scores["quotes found"]
    tally.expected += len(quotes)
    used: set[int] = set()
    for quote in quotes:
        text = norm(quote["text"])
        hit = next((i for i, q in enumerate(found) if text in norm(q.text)), None)
        if hit is None:
            tally.misses.append(f"{where}: missed “{quote['text'][:60]}”")
            continue
        tally.right += 1
        tally.found += 1
        used.add(hit)
        q = found[hit]
        right = _speaker_right(q, quote["speaker"], expected.get("people", []))
        scores.check(
            "right speaker", right, f"{where} “{quote['text'][:40]}”", q.speaker or UNKNOWN, quote["speaker"]
        )
        # A speaker left unknown is a doubt an editor settles; a quote given to someone else is wrong.
        wrong = scores["wrong speaker"]
        wrong.expected += 1
        if not right and q.speaker:
            wrong.found += 1
            wrong.misses.append(
                f"{where}: “{quote['text'][:40]}” given to {q.speaker}, said by {quote['speaker']}"
            )
    for i, q in enumerate(found):
        if i not in used:
            tally.found += 1
            tally.misses.append(f"{where}: extra “{q.text[:60]}” ({q.speaker or UNKNOWN})")
        if q.speaker and name_key(q.speaker) in authors:
            scores["quotes to a byline"].found += 1
            scores["quotes to a byline"].misses.append(f"{where}: “{q.text[:50]}” given to {q.speaker}")


def score_parse(folders: list[Path]) -> Scores:
    from explainers.importing.curation import Curation, load_curation
    from explainers.importing.files import Document
    from explainers.importing.parse import parse_document

    scores = Scores(stories=len(folders))
    scores["quotes to a byline"]  # printed even when none
    scores["wrong speaker"]
    for folder in folders:
        curation_file = folder / "curation.toml"
        curation = load_curation(curation_file) if curation_file.exists() else Curation()
        for path, _expected_path, expected in expected_files([folder]):
            raw = path.read_text(encoding="utf-8")
            locale, additions = curation.reading(path.name, raw)
            parsed = parse_document(Document(path, path.name, raw), locale=locale, additions=additions)
            score_document(scores, parsed, expected, f"{folder.name}/{path.name}")
            scores.documents += 1
    return scores


# --- What readers get: each story imported as a new user would ----------------------------------


def score_import(folders: list[Path], scores: Scores) -> Scores:
    """Import each story (no curation file is needed) and score the cited explainers and the quotes stored."""
    from explainers.importing import import_documents
    from explainers.models import Claim
    from sources.models import Source

    scores["stored quotes to a byline"]  # printed even when none
    for folder in folders:
        import_documents([folder], root=folder, max_bytes=5 * 1024 * 1024)
        for path, _expected_path, expected in expected_files([folder]):
            where = f"{folder.name}/{path.name}"
            cited = expected.get("cited")
            if cited:
                _score_cited(scores, path.name, cited, where)
            source = Source.objects.filter(origin_file=path.name).first()
            if source is None:
                continue
            authors = {name_key(a) for a in expected.get("byline", [])}
            stored = Claim.objects.filter(kind="quote", citations__source=source).select_related(
                "speaker_person"
            )
            for claim in stored.distinct():
                person = claim.speaker_person
                if (
                    person
                    and ({name_key(person.name)} | {name_key(a.name) for a in person.aliases.all()}) & authors
                ):
                    scores["stored quotes to a byline"].found += 1
                    scores["stored quotes to a byline"].misses.append(
                        f"{where}: “{claim.text[:50]}” stored as {person.name}'s"
                    )
    return scores


def _score_cited(scores: Scores, name: str, cited: dict, where: str) -> None:
    """Each number of the original's reference list: the import's citations that keep it as their
    provenance point into the document it names, and only there."""
    from explainers.models import BlockClaim, Citation, Claim

    references = {int(n): file for n, file in cited.get("references", {}).items()}
    explainer = Claim.objects.filter(placements__block__explainer__origin_source__origin_file=name)
    rows = set(
        Citation.objects.filter(claim__in=explainer, origin_ref__isnull=False).values_list(
            "origin_ref", "source__origin_file"
        )
    )
    tally = scores["[n] → document"]
    for number, wanted in references.items():
        got = {file for ref, file in rows if ref == number}
        tally.expected += 1
        tally.found += bool(got)
        if got == {wanted}:
            tally.right += 1
        else:
            tally.misses.append(f"{where}: [{number}] went to {sorted(got) or 'no document'}, not {wanted}")
    explainer_claims = list(explainer.distinct())
    for phrase in cited.get("unsupported", ()):
        claims = [c for c in explainer_claims if norm(phrase) in norm(c.text)]
        ok = bool(claims) and all(c.support == Claim.Support.UNSUPPORTED for c in claims)
        scores.check(
            "unsupported found", ok, f"{where} “{phrase[:40]}”", [c.support for c in claims], "unsupported"
        )
    placements = list(
        BlockClaim.objects.filter(block__explainer__origin_source__origin_file=name)
        .exclude(block__kind="pullquote")
        .values_list("claim__text", flat=True)
    )
    for phrase in cited.get("pull_quotes", ()):
        count = sum(norm(phrase) in norm(text) for text in placements)
        scores.check(
            "pull quote once", count <= 1, f"{where} “{phrase[:40]}”", f"{count} paragraphs", "at most 1"
        )


# --- Report ----------------------------------------------------------------------------------------


def report(scores: Scores, *, verbose: bool) -> str:
    lines = [
        f"{scores.stories} stories, {scores.documents} documents",
        f"{'field':26} {'precision':>9} {'recall':>7}  counts",
    ]
    for name in sorted(scores.fields):
        t = scores.fields[name]
        if name in {
            "furniture surviving",
            "quotes to a byline",
            "stored quotes to a byline",
            "wrong speaker",
        }:
            share = f"{t.found / t.expected:.3f}" if t.expected else f"{t.found}"
            lines.append(f"{name:26} {share:>17}  {t.found} of {t.expected or '-'}")
        else:
            lines.append(
                f"{name:26} {t.precision:9.3f} {t.recall:7.3f}  {t.right} right, {t.found} found, {t.expected} expected"
            )
        if verbose:
            lines.extend(f"    {miss}" for miss in t.misses)
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "stories", nargs="*", help="story folders (default: every folder of tests/data/stories)"
    )
    parser.add_argument(
        "--import",
        dest="do_import",
        action="store_true",
        help="also import each story and score the stored records",
    )
    parser.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="import-quality-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{work / 'quality.sqlite3'}")
    os.environ.setdefault("VAR_DIR", str(work))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    folders = story_folders(args.stories)
    scores = score_parse(folders)
    if args.do_import:
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        score_import(folders, scores)
    print(report(scores, verbose=args.verbose))


if __name__ == "__main__":
    main()
