"""Reading and checking a curation file: every problem named with where it is, one line each."""

import datetime as dt
import re
import tomllib
from pathlib import Path
from typing import Any

from explainers.importing.curation.entries import (
    AgreementEntry,
    Curation,
    CurationError,
    DisagreementEntry,
    DocumentEntry,
    Evidence,
    ExplainerEntry,
    Fact,
    FurnitureRule,
    OrganizationEntry,
    PersonEntry,
    PublisherEntry,
    RoleEntry,
    SentenceCitation,
    SentenceDecision,
)
from sources.models import Agreement, Organization, Publisher, Source
from sources.text.lexicon import UnknownLocale, chain
from sources.text.normalize import normalize_plain


class _Reader:
    """Reads one table of the file, remembering where it is for error messages."""

    def __init__(self, table: Any, where: str, problems: list[str]):
        self.table = table if isinstance(table, dict) else {}
        self.where = where
        self.problems = problems
        if not isinstance(table, dict):
            problems.append(f"{where}: expected a table")

    def text(self, key: str, *, required: bool = False, choices=None) -> str:
        value = self.table.get(key, "")
        if not isinstance(value, str):
            self.problems.append(f"{self.where}.{key}: expected text")
            return ""
        value = value.strip()
        if required and not value:
            self.problems.append(f"{self.where}.{key}: missing")
        if value and choices is not None and value not in choices:
            self.problems.append(f"{self.where}.{key}: {value!r} is not one of {', '.join(sorted(choices))}")
        return value

    def texts(self, key: str) -> tuple[str, ...]:
        value = self.table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problems.append(f"{self.where}.{key}: expected a list of text")
            return ()
        return tuple(v.strip() for v in value if v.strip())

    def date(self, key: str) -> dt.date | None:
        value = self.table.get(key)
        if value is None:
            return None
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        self.problems.append(f"{self.where}.{key}: expected a date like 2026-05-26")
        return None

    def evidence(self, label: str = "", *, required: bool = True) -> Evidence | None:
        source, quote = self.table.get("source"), self.table.get("quote")
        where = f"{self.where} ({label})" if label else self.where
        if not source and not quote and not required:
            return None
        if not isinstance(source, str) or not source.strip():
            self.problems.append(f"{where}: every fact needs `source`, the document it comes from")
            return None
        if not isinstance(quote, str) or not quote.strip():
            self.problems.append(f"{where}: every fact needs `quote`, its words in the source")
            return None
        return Evidence(where, source.strip(), quote.strip())

    def tables(self, key: str) -> list["_Reader"]:
        value = self.table.get(key, [])
        if not isinstance(value, list):
            self.problems.append(f"{self.where}.{key}: expected a list of tables")
            return []
        return [_Reader(item, f"{self.where}.{key}[{i + 1}]", self.problems) for i, item in enumerate(value)]

    def child(self, key: str) -> "_Reader | None":
        value = self.table.get(key)
        return None if value is None else _Reader(value, f"{self.where}.{key}", self.problems)

    def items(self):
        for key, value in self.table.items():
            yield key, _Reader(value, f"{self.where}.{key}", self.problems)


def load_curation(path: Path) -> Curation:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise CurationError([f"{path}: cannot be read ({error})"]) from None
    except tomllib.TOMLDecodeError as error:
        raise CurationError([f"{path}: not valid TOML ({error})"]) from None
    problems: list[str] = []
    root = _Reader(data, path.name, problems)
    curation = Curation(
        path=path,
        publishers=_publishers(root.child("publishers")),
        documents=_documents(root.child("documents")),
        organizations=_organizations(root.child("organizations")),
        people=_people(root.child("people")),
        agreement=_agreement(root.child("agreement")),
        explainers=_explainers(root.child("explainers")),
        disagreements=_disagreements(root.child("disagreements")),
        accept=root.texts("accept_warnings"),
        locale=_locale(root, "locale"),
        furniture=_furniture(root),
    )
    _check_references(curation, path.name, problems)
    if problems:
        raise CurationError(problems)
    return curation


def _publishers(reader) -> dict[str, PublisherEntry]:
    if reader is None:
        return {}
    return {
        key: PublisherEntry(
            key,
            r.text("name", required=True),
            r.text("kind", choices=Publisher.Kind.values) or "other",
            r.text("url"),
            r.text("basis"),
        )
        for key, r in reader.items()
    }


def _documents(reader) -> dict[str, DocumentEntry]:
    if reader is None:
        return {}
    return {
        name: DocumentEntry(
            name,
            r.text("publisher"),
            r.text("kind", choices=Source.Kind.values),
            r.text("url"),
            r.text("archive_url"),
            r.text("title"),
            r.text("derived_from"),
            _locale(r, "locale"),
        )
        for name, r in reader.items()
    }


def _locale(reader, key: str) -> str:
    code = reader.text(key)
    if code:
        try:
            chain(code)
        except UnknownLocale as error:
            reader.problems.append(f"{reader.where}.{key}: {error}")
            return ""
    return code


def _furniture(root) -> tuple[FurnitureRule, ...]:
    rules = []
    for r in root.tables("furniture"):
        lines = r.texts("lines")
        if not lines:
            r.problems.append(f"{r.where}.lines: list the lines to remove, as regular expressions")
        for line in lines:
            try:
                re.compile(line)
            except re.error as error:
                r.problems.append(f"{r.where}.lines: “{line}” is not a valid regular expression ({error})")
        rules.append(FurnitureRule(r.where, lines, r.text("publisher")))
    return tuple(rules)


def _organizations(reader) -> dict[str, OrganizationEntry]:
    if reader is None:
        return {}
    found = {}
    for key, r in reader.items():
        name = r.text("name", required=True)
        found[key] = OrganizationEntry(
            key,
            name,
            r.text("kind", choices=Organization.Kind.values) or Organization.Kind.OTHER,
            r.text("short_name"),
            r.texts("aliases"),
            r.text("country"),
            r.text("description"),
            r.date("founded_on"),
            r.evidence(name),
        )
    return found


def _people(reader) -> dict[str, PersonEntry]:
    if reader is None:
        return {}
    found = {}
    for key, r in reader.items():
        name = r.text("name", required=True)
        roles = tuple(
            RoleEntry(
                role.text("title", required=True),
                role.text("organization"),
                role.date("started_on"),
                role.date("ended_on"),
                role.evidence(f"{name}, role"),
            )
            for role in r.tables("roles")
        )
        found[key] = PersonEntry(
            key, name, r.text("country"), r.texts("aliases"), r.text("description"), roles
        )
    return found


def _fact(r: _Reader, label_key: str = "") -> Fact | None:
    label = r.text("label") or (r.text(label_key) if label_key else "") or r.text("text")[:40]
    evidence = r.evidence(label)
    if evidence is None:
        return None
    precision = r.text("precision", choices={"day", "month", "year"}) or "day"
    return Fact(
        evidence=evidence,
        text=r.text("text"),
        label=r.text("label"),
        ref=r.text(label_key) if label_key else "",
        role=r.text("role"),
        on_behalf_of=r.text("on_behalf_of"),
        description=r.text("description"),
        topic=r.text("topic"),
        date=r.date("date"),
        precision=precision,
    )


def _facts(reader: _Reader, key: str, label_key: str = "", *, needs=()) -> tuple[Fact, ...]:
    facts = []
    for r in reader.tables(key):
        for required in needs:
            r.text(required, required=True)
        if key == "milestones" and r.date("date") is None:
            r.problems.append(f"{r.where}.date: missing")
        fact = _fact(r, label_key)
        if fact:
            facts.append(fact)
    return tuple(facts)


def _agreement(reader) -> AgreementEntry | None:
    if reader is None:
        return None
    signed_on = reader.child("signed_on")
    signed_place = reader.child("signed_place")
    basis = reader.child("status_basis")
    return AgreementEntry(
        slug=reader.text("slug", required=True),
        title=reader.text("title", required=True),
        short_title=reader.text("short_title"),
        kind=reader.text("kind", choices=Agreement.Kind.values) or Agreement.Kind.FRAMEWORK,
        status=reader.text("status", choices=Agreement.Status.values) or Agreement.Status.PROPOSED,
        summary=reader.text("summary"),
        tags=reader.texts("tags"),
        signed_on=_dated(signed_on) if signed_on else None,
        signed_place=_valued(signed_place) if signed_place else None,
        status_basis=basis.evidence("status") if basis else None,
        parties=_facts(reader, "parties", "organization", needs=["organization"]),
        signatories=_facts(reader, "signatories", "person", needs=["person"]),
        scope=_facts(reader, "scope", needs=["label"]),
        initiatives=_facts(reader, "initiatives", "organization", needs=["organization"]),
        milestones=_facts(reader, "milestones", needs=["text"]),
        claims=_facts(reader, "claims", needs=["text", "topic"]),
    )


def _dated(r: _Reader) -> Fact | None:
    value = r.table.get("value")
    evidence = r.evidence("signed on")
    if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
        r.problems.append(f"{r.where}.value: expected a date like 2026-05-26")
        return None
    return Fact(evidence=evidence, date=value) if evidence else None


def _valued(r: _Reader) -> Fact | None:
    value = r.text("value", required=True)
    evidence = r.evidence("signed place")
    return Fact(evidence=evidence, text=value) if evidence else None


def _explainers(reader) -> dict[str, ExplainerEntry]:
    if reader is None:
        return {}
    found = {}
    for document, r in reader.items():
        references = {}
        raw = r.table.get("references", {})
        if not isinstance(raw, dict):
            r.problems.append(f'{r.where}.references: expected a table like {{ 1 = "file.txt" }}')
            raw = {}
        for number, name in raw.items():
            if not str(number).isdigit() or not isinstance(name, str):
                r.problems.append(f'{r.where}.references: {number!r} = {name!r} is not `n = "file name"`')
                continue
            references[int(number)] = name
        found[document] = ExplainerEntry(
            document,
            r.text("title"),
            r.text("slug"),
            r.text("dek"),
            r.text("agreement"),
            r.texts("tags"),
            references,
            tuple(
                SentenceCitation(c.text("sentence", required=True), evidence)
                for c in r.tables("citations")
                if (evidence := c.evidence("citation"))
            ),
            tuple(
                SentenceDecision(d.where, d.text("sentence", required=True), d.text("note", required=True))
                for d in r.tables("unverified")
            ),
            r.texts("accept"),
        )
    return found


def _disagreements(reader) -> dict[str, DisagreementEntry]:
    if reader is None:
        return {}
    return {
        topic: DisagreementEntry(topic, r.text("label"), r.text("note", required=True))
        for topic, r in reader.items()
    }


def _check_references(curation: Curation, name: str, problems: list[str]) -> None:
    organizations, people = curation.organizations, curation.people
    for document in curation.documents.values():
        if document.publisher and document.publisher not in curation.publishers:
            problems.append(
                f"{name}: documents.{document.name}.publisher: unknown publisher {document.publisher!r}"
            )
    for rule in curation.furniture:
        if rule.publisher and rule.publisher not in curation.publishers:
            problems.append(f"{name}: {rule.where}.publisher: unknown publisher {rule.publisher!r}")
    for org in organizations.values():
        if org.country and org.country not in organizations:
            problems.append(f"{name}: organizations.{org.key}.country: unknown organisation {org.country!r}")
    for person in people.values():
        if person.country and person.country not in organizations:
            problems.append(f"{name}: people.{person.key}.country: unknown organisation {person.country!r}")
        for role in person.roles:
            if role.organization and role.organization not in organizations:
                problems.append(
                    f"{name}: people.{person.key}.roles: unknown organisation {role.organization!r}"
                )
    if curation.agreement:
        agreement = curation.agreement
        for fact in (*agreement.parties, *agreement.initiatives):
            if fact.ref not in organizations:
                problems.append(f"{fact.evidence.where}: unknown organisation {fact.ref!r}")
        for fact in agreement.signatories:
            if fact.ref not in people:
                problems.append(f"{fact.evidence.where}: unknown person {fact.ref!r}")
            if fact.on_behalf_of and fact.on_behalf_of not in organizations:
                problems.append(f"{fact.evidence.where}: unknown organisation {fact.on_behalf_of!r}")
    for entry in curation.explainers.values():
        if entry.agreement and (not curation.agreement or entry.agreement != curation.agreement.slug):
            problems.append(
                f"{name}: explainers.{entry.document}.agreement: unknown agreement {entry.agreement!r}"
            )


def sentence_matches(words: str, sentence: str) -> bool:
    """Whether an entry's `sentence` (some of its words) names this sentence."""
    return bool(words.strip()) and normalize_plain(words).strip(" .") in normalize_plain(sentence)
