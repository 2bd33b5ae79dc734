"""Writing parsed documents and the curation file as records; every write goes through `upsert`."""

import datetime as dt
import hashlib
from contextlib import contextmanager
from dataclasses import dataclass, field

import reversion
from django.utils import timezone
from django.utils.text import slugify

from explainers import editlog, evidence_search
from explainers.actor import current_actor
from explainers.evidence_search import ImportLibrary
from explainers.history import add_whole_explainer
from explainers.importing.curation import Curation, Evidence, Fact, sentence_matches
from explainers.importing.parse import ParsedDocument
from explainers.importing.records import (
    CREATED,
    KEPT,
    UNCHANGED,
    UPDATED,
    Summary,
    current_values,
    fingerprint,
    upsert,
)
from explainers.models import Block, BlockClaim, Citation, Claim, DisagreementReview, Edit, Explainer
from explainers.services import support, workflow
from explainers.services.integrity import explainer_report, record_report
from sources.models import (
    Agreement,
    AgreementParty,
    Organization,
    Person,
    PersonAlias,
    Publisher,
    Role,
    ScopeItem,
    Signatory,
    Source,
)
from sources.models.sources import sha256
from sources.text.metadata import find_dates
from sources.text.names import alias_key
from sources.text.normalize import normalize_plain
from sources.text.people import PersonRef, merge_people

UNKNOWN_PUBLISHER = ("publisher-not-stated", "Publisher not stated")
IMPORT_PUBLISH_COMMENT = (
    "Published by import_seeds --publish: every fact and quote cited, found and confirmed by an editor "
    "or the curation file."
)
TITLE_LIMIT = 120
NOT_CITED_BLOCKS = (Block.Kind.ANALYSIS,)


@contextmanager
def revision(comment: str):
    with reversion.create_revision():
        reversion.set_comment(comment)
        yield


def digest(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def unique_slug(model, text: str, *, fallback: str, limit: int = 80) -> str:
    base = (slugify(text)[:limit].strip("-") or slugify(fallback)[:limit] or "item").strip("-")
    slug, n = base, 2
    while model._default_manager.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _date_of(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _aware(value) -> dt.datetime | None:
    if isinstance(value, dt.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value, dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    return None


@dataclass
class ExplainerOutcome:
    slug: str
    title: str
    published: bool = False
    problems: list[str] = field(default_factory=list)
    unaccepted: list[str] = field(default_factory=list)  # warnings no editor (nor the curation file) accepted


class Writer:
    """Writes one import run. Create one per run; call `run()` inside a transaction."""

    def __init__(
        self, summary: Summary, documents: list[ParsedDocument], curation: Curation, *, publish: bool
    ):
        self.summary = summary
        self.documents = documents
        self.curation = curation
        self.publish = publish
        self.sources: dict[str, Source] = {}  # document name → source
        self.organizations: dict[str, Organization] = {}  # curation key → organisation
        self.org_names: dict[str, Organization] = {}  # casefolded name or alias → organisation
        self.people: dict[str, Person] = {}  # alias key → person
        self.roles: dict[int, list[Role]] = {}
        self.explainers: list[ExplainerOutcome] = []
        self.records: list = []  # the agreement and the quotations, published on their own with --publish
        self.now = timezone.now()

    def run(self) -> None:
        # One history revision per unit of work: a single revision for a whole large import would
        # grow (and be copied) with every row, which makes big imports quadratic.
        with revision("Imported the curation file's organisations and publishers"):
            self.write_organizations()
            publishers = self.write_publishers()
        for parsed in self.documents:
            with revision(f"Imported {parsed.name}"):
                self.write_source(parsed, publishers)
        with revision("Imported the people named in the documents"):
            self.write_people()
        support.names_changed()
        for parsed in self.documents:
            if parsed.name in self.sources and parsed.quotations:
                with revision(f"Imported the quotations of {parsed.name}"):
                    self.write_quotations(parsed)
        if self.curation.agreement:
            with revision("Imported the agreement's record from the curation file"):
                self.write_agreement()
        if self.publish:
            self.publish_records()
        if self.curation.disagreements:
            self.write_disagreements()
        library = None
        for parsed in self.documents:
            if parsed.blocks and parsed.name in self.sources:
                library = library or self.library()
                with revision(f"Imported the explainer in {parsed.name}"):
                    self.write_explainer(parsed, library)

    def publish_records(self) -> None:
        """The agreement's record and the quotations, each on its own page, when they pass the gate."""
        accepted = set(self.curation.accept)
        for subject in self.records:
            unaccepted = [i.message for i in record_report(subject).warnings if i.code not in accepted]
            if unaccepted:
                self.summary.notes.append(
                    f"not published: {subject}: {len(unaccepted)} warning(s) no editor accepted: {'; '.join(unaccepted)}"
                )
                continue
            try:
                published = workflow.publish_record(
                    subject, by=current_actor(), comment=IMPORT_PUBLISH_COMMENT, accept_warnings=True
                )
            except workflow.TransitionRefused as refusal:
                problems = "; ".join(issue.message for issue in refusal.problems)
                self.summary.notes.append(f"not published: {subject}: {problems or refusal}")
                continue
            if published is not None:
                title = published.title if len(published.title) <= 70 else published.title[:69] + "…"
                self.summary.notes.append(f"published {published.get_kind_display().lower()}: “{title}”")

    # --- publishers and organisations -----------------------------------------------------

    def write_publishers(self) -> dict[str, Publisher]:
        found = {}
        for key, entry in self.curation.publishers.items():
            found[key], _ = upsert(
                self.summary,
                Publisher,
                lookup={"slug": key},
                values={"name": entry.name, "kind": entry.kind, "url": entry.url, "description": entry.basis},
                origin_key=f"publisher:{key}",
            )
        return found

    def publisher_for(self, parsed: ParsedDocument, publishers: dict[str, Publisher]) -> Publisher:
        entry = self.curation.documents.get(parsed.name)
        if entry and entry.publisher:
            return publishers[entry.publisher]
        slug, name = UNKNOWN_PUBLISHER
        if parsed.metadata.publisher:
            name = parsed.metadata.publisher
            slug = slugify(name)[:200] or slug
        if slug not in publishers:
            publishers[slug], _ = upsert(
                self.summary,
                Publisher,
                lookup={"slug": slug},
                values={"name": name},
                origin_key=f"publisher:{slug}",
            )
        return publishers[slug]

    def write_organizations(self) -> None:
        entries = self.curation.organizations
        for key, entry in sorted(entries.items(), key=lambda item: bool(item[1].country)):
            country = self.organizations.get(entry.country)
            org, _ = upsert(
                self.summary,
                Organization,
                lookup={"slug": key},
                values={
                    "name": entry.name,
                    "kind": entry.kind,
                    "short_name": entry.short_name,
                    "aliases": list(entry.aliases),
                    "description": entry.description,
                    "founded_on": entry.founded_on,
                    "country_id": country.pk if country else None,
                },
                origin_key=f"organization:{key}",
            )
            self.organizations[key] = org
        for org in Organization.objects.all():
            for name in [org.name, org.short_name, *org.aliases]:
                if name:
                    self.org_names.setdefault(name.casefold().removeprefix("the "), org)

    def organization_named(self, phrase: str) -> Organization:
        key = phrase.casefold().strip().removeprefix("the ")
        if key in self.org_names:
            return self.org_names[key]
        kind = Organization.Kind.OTHER
        for word, guess in [
            ("embassy", "embassy"),
            ("ministry", "ministry"),
            ("department", "ministry"),
            ("government", "government"),
        ]:
            if word in key:
                kind = guess
        name = phrase.strip().removeprefix("the ").removeprefix("The ")
        name = name[0].upper() + name[1:]
        org, _ = upsert(
            self.summary,
            Organization,
            lookup={"slug": slugify(name)[:200]},
            values={"name": name, "kind": kind},
            origin_key=f"organization:{slugify(name)}",
        )
        self.org_names[key] = org
        return org

    # --- sources --------------------------------------------------------------------------

    def write_source(self, parsed: ParsedDocument, publishers: dict[str, Publisher]) -> None:
        meta = parsed.metadata
        entry = self.curation.documents.get(parsed.name)
        title = (entry.title if entry else "") or meta.headline or _first_sentence(parsed.text) or parsed.name
        values = {
            "title": title[:500],
            "publisher_id": self.publisher_for(parsed, publishers).pk,
            "kind": (entry.kind if entry and entry.kind else meta.kind) or Source.Kind.OTHER,
            "dek": meta.dek,
            "byline": meta.byline[:300],
            "dateline": meta.dateline[:200],
            "url": entry.url if entry else "",
            "archive_url": entry.archive_url if entry else "",
            "published_at": _aware(meta.published_at),
            "modified_at": _aware(meta.modified_at),
            "stated_dates": [
                {"label": d.label, "text": d.text, "value": _plain_date(d.value), "timezone": d.timezone}
                for d in meta.stated_dates
            ],
            "text": parsed.text,
            "removed": [{"kind": r.kind, "text": r.text, "start": r.start} for r in parsed.cleaned.removed],
        }
        self.summary.found[parsed.name] = {
            "title": values["title"],
            "dates": [f"{d.label}: {d.text}" for d in meta.stated_dates],
            "removed": len(values["removed"]),
            "quotes": [],
        }
        raw = parsed.document.raw_text
        existing = Source.objects.filter(origin_file=parsed.name).first()
        if existing is None:
            twin = Source.objects.filter(content_hash=sha256(raw)).first()
            if twin is not None:
                self.summary.notes.append(
                    f"{parsed.name}: same text as {twin.origin_file or twin.title!r}; imported once, as “{twin.title}”"
                )
                self.sources[parsed.name] = twin
                return
            source = Source(
                **values,
                raw_text=raw,
                origin_file=parsed.name,
                retrieved_at=self.now,
                slug=unique_slug(Source, title, fallback=parsed.name),
                origin_key=f"source:{parsed.name}",
                import_fingerprint=fingerprint(values),
            )
            source.save()
            self.summary.record(Source, CREATED)
        elif existing.raw_text != raw:
            source = self._replace_document(existing, raw, values)
        else:
            source, _ = upsert(
                self.summary, Source, lookup={"pk": existing.pk}, values=values, label=existing.title
            )
        self.sources[parsed.name] = source

    def _replace_document(self, source: Source, raw: str, values: dict) -> Source:
        edited = source.import_fingerprint != fingerprint(current_values(source, values))
        if edited:
            source.replace_raw_text(raw, source.text)
            self.summary.kept.append(
                f"source “{source.title}”: the document changed and its received text was updated; "
                "its clean text and details were edited in the admin and were kept — review them"
            )
        else:
            source.replace_raw_text(raw, values["text"])
            for key, value in values.items():
                setattr(source, key, value)
            source.import_fingerprint = fingerprint(values)
        source.save()
        self.summary.record(Source, UPDATED)
        return source

    # --- people ---------------------------------------------------------------------------

    def write_people(self) -> None:
        refs = merge_people([parsed.people for parsed in self.documents if parsed.name in self.sources])
        curated = {alias_key(p.name): p for p in self.curation.people.values()}
        for ref in refs:
            keys = {alias_key(a) for a in (ref.name, *ref.aliases)} - {""}
            entry = next((curated.pop(k) for k in list(keys) if k in curated), None)
            self._write_person(ref, entry, keys)
        for entry in curated.values():
            self._write_person(None, entry, {alias_key(entry.name)})
        for role in Role.objects.filter(person__in={p.pk for p in self.people.values()}).select_related(
            "organization"
        ):
            self.roles.setdefault(role.person_id, []).append(role)

    def _write_person(self, ref: PersonRef | None, entry, keys: set[str]) -> None:
        name = entry.name if entry else ref.name
        aliases = {*(ref.aliases if ref else ()), *(entry.aliases if entry else ()), name}
        keys |= {alias_key(a) for a in aliases} - {""}
        person = next((self.people[k] for k in keys if k in self.people), None)
        if person is None:
            alias = PersonAlias.objects.filter(key__in=keys).select_related("person").first()
            person = alias.person if alias else None
        if person is None:
            country = self.organizations.get(entry.country) if entry and entry.country else None
            person = Person(
                name=name,
                slug=unique_slug(Person, entry.key if entry else name, fallback=name),
                country=country,
                origin_key=f"person:{alias_key(name)}",
            )
            person.import_fingerprint = fingerprint({"name": name})
            person.save()
            self.summary.record(Person, CREATED)
        else:
            self.summary.record(
                Person, UNCHANGED if person.name == name or person.import_fingerprint == "" else KEPT
            )
        for alias in sorted(aliases):
            key = alias_key(alias)
            if key and key not in self.people:
                _, made = PersonAlias.objects.get_or_create(
                    key=key, defaults={"person": person, "name": alias}
                )
                self.summary.record(PersonAlias, CREATED if made else UNCHANGED)
            self.people.setdefault(key, person)
        curated_titles = {r.title.casefold() for r in entry.roles} if entry else set()
        for role in entry.roles if entry else ():
            org = self.organizations.get(role.organization)
            self._role(person, role.title, org, role.started_on, role.ended_on)
        for title, hint in ref.roles if ref else ():
            if title and not any(
                title.casefold().endswith(t) or t.endswith(title.casefold()) for t in curated_titles
            ):
                org = self.org_names.get(hint.casefold().removeprefix("the ")) if hint else None
                self._role(person, title, org, None, None)

    def _role(self, person, title, org, started_on, ended_on) -> None:
        _, made = Role.objects.get_or_create(
            person=person,
            title=title[:300],
            organization=org,
            defaults={"started_on": started_on, "ended_on": ended_on},
        )
        self.summary.record(Role, CREATED if made else UNCHANGED)

    def person_named(self, name: str) -> Person | None:
        return self.people.get(alias_key(name))

    def role_for(self, person: Person, titles: list[str]) -> Role | None:
        roles = self.roles.get(person.pk, [])
        for title in titles:
            for role in roles:
                if role.title.casefold() in title.casefold():
                    return role
        return roles[0] if roles else None

    # --- quotations -----------------------------------------------------------------------

    def write_quotations(self, parsed: ParsedDocument) -> None:
        source = self.sources[parsed.name]
        reference = _date_of(parsed.metadata.published_at) or _date_of(parsed.metadata.modified_at)
        for quotation in parsed.quotations:
            person = org = role = None
            if quotation.speaker_kind == "person":
                person = self.person_named(quotation.speaker)
                if person is None:
                    continue
                titles = [
                    m.title
                    for p in parsed.people
                    if alias_key(p.name) in self.people and self.people[alias_key(p.name)] == person
                    for m in p.mentions
                    if m.title
                ]
                role = self.role_for(person, titles)
            else:
                org = self.organization_named(quotation.speaker)
            key = f"quote:{parsed.name}:{digest(quotation.text)}"
            claim = self.upsert_claim(
                key,
                text=quotation.text,
                kind=Claim.Kind.QUOTE,
                status=Claim.Status.VERIFIED,
                speaker_person_id=person.pk if person else None,
                speaker_organization_id=org.pk if org else None,
                speaker_role_id=role.pk if role else None,
                occurred_on=_date_before(parsed.text, quotation.start, reference),
            )
            # The record is the source's own words at their place in it: nothing for an editor to judge.
            self.cite(claim, key, source, quotation.text, confirm=Citation.Via.VERBATIM)
            self.records.append(claim)
            speaker = person.name if person else (org.name if org else "speaker unknown")
            self.summary.found.setdefault(parsed.name, {}).setdefault("quotes", []).append(
                f"{speaker}: “{quotation.text[:120]}”"
            )

    def upsert_claim(self, key: str, **values) -> Claim:
        claim, _ = upsert(self.summary, Claim, lookup={"origin_key": key}, origin_key=key, values=values)
        return claim

    def cite(
        self,
        claim: Claim,
        claim_key: str,
        source: Source,
        quote: str,
        *,
        suffix: str = "source",
        origin: str = Citation.Origin.IMPORT,
        origin_ref: int | None = None,
        confirm: str = "",
    ) -> Citation:
        """Write a citation; `confirm` (a Citation.Via) when what states it counts as an editor's word."""
        key = f"{claim_key}:{suffix}"
        citation, _ = upsert(
            self.summary,
            Citation,
            lookup={"origin_key": key},
            origin_key=key,
            values={
                "claim_id": claim.pk,
                "source_id": source.pk,
                "quote": quote,
                "origin": origin,
                "origin_ref": origin_ref,
            },
        )
        if confirm and citation.confirmed_at is None:
            user = current_actor()
            citation.confirmed_at = self.now
            citation.confirmed_via = confirm
            Citation.objects.filter(pk=citation.pk).update(
                confirmed_at=self.now,
                confirmed_via=confirm,
                confirmed_by=user if getattr(user, "pk", None) and hasattr(user, "username") else None,
            )
        return citation

    # --- the agreement --------------------------------------------------------------------

    def write_agreement(self) -> None:
        entry = self.curation.agreement
        agreement, _ = upsert(
            self.summary,
            Agreement,
            lookup={"slug": entry.slug},
            origin_key=f"agreement:{entry.slug}",
            values={
                "title": entry.title,
                "short_title": entry.short_title,
                "kind": entry.kind,
                "status": entry.status,
                "summary": entry.summary,
                "signed_on": entry.signed_on.date if entry.signed_on else None,
                "signed_place": entry.signed_place.text if entry.signed_place else "",
            },
        )
        if entry.tags:
            agreement.tags.add(*entry.tags)
        self.records.append(agreement)
        short = entry.short_title or entry.title
        if entry.signed_on:
            self.fact(
                agreement,
                entry.signed_on,
                f"The {short} was signed on {entry.signed_on.date:%-d %B %Y}.",
                "record-signed-on",
            )
        if entry.signed_place:
            self.fact(
                agreement,
                entry.signed_place,
                f"The {short} was signed at {entry.signed_place.text}.",
                "record-signed-place",
            )
        if entry.status_basis:
            self.fact(
                agreement,
                Fact(evidence=entry.status_basis),
                f"The {short} is {agreement.get_status_display().lower()}.",
                "record-status",
            )
        for position, fact in enumerate(entry.parties):
            org = self.organizations[fact.ref]
            self.child(AgreementParty, {"agreement": agreement, "organization": org}, position)
            self.fact(agreement, fact, f"{org.name} is a party to the {short}.", "record-party")
        for position, fact in enumerate(entry.signatories):
            person = self.people[alias_key(self.curation.people[fact.ref].name)]
            role = self.role_for(person, [fact.role]) if fact.role else None
            behalf = self.organizations.get(fact.on_behalf_of)
            self.child(
                Signatory,
                {"agreement": agreement, "person": person},
                position,
                {"role": role, "on_behalf_of": behalf},
            )
            self.fact(
                agreement,
                fact,
                f"{person.name} signed the {short}" + (f" as {fact.role}" if fact.role else "") + ".",
                "record-signatory",
            )
        for position, fact in enumerate(entry.scope):
            self.child(
                ScopeItem,
                {"agreement": agreement, "label": fact.label},
                position,
                {"description": fact.description},
            )
            self.fact(agreement, fact, f"The {short} covers {fact.label.lower()}.", "record-scope")
        for fact in entry.initiatives:
            org = self.organizations[fact.ref]
            agreement.related_initiatives.add(org)
            self.fact(agreement, fact, f"The {short} builds on {org.name}.", "record-initiative")
        for fact in entry.milestones:
            self.fact(agreement, fact, fact.text, fact.topic or "milestone", occurred_on=fact.date)
        for fact in entry.claims:
            self.fact(agreement, fact, fact.text, fact.topic)

    def child(self, model, lookup: dict, position: int, extra: dict | None = None) -> None:
        if model.objects.filter(**lookup).exists():
            self.summary.record(model, UNCHANGED)
            return
        taken = set(model.objects.filter(agreement=lookup["agreement"]).values_list("position", flat=True))
        while position in taken:
            position += 1
        model.objects.create(**lookup, position=position, **(extra or {}))
        self.summary.record(model, CREATED)

    def fact(self, agreement, fact: Fact, text: str, topic: str, *, occurred_on=None) -> Claim:
        evidence: Evidence = fact.evidence
        key = f"agreement:{agreement.slug}:{topic}:{digest(text, evidence.source, evidence.quote)}"
        claim = self.upsert_claim(
            key,
            text=text,
            kind=Claim.Kind.FACT,
            status=Claim.Status.VERIFIED,
            agreement_id=agreement.pk,
            topic=topic[:100],
            occurred_on=occurred_on,
            occurred_precision=fact.precision,
        )
        self.cite(
            claim,
            key,
            self.evidence_source(evidence),
            evidence.quote,
            origin=Citation.Origin.CURATION,
            confirm=Citation.Via.CURATION,
        )
        return claim

    def evidence_source(self, evidence: Evidence) -> Source:
        return self.sources.get(evidence.source) or Source.objects.get(origin_file=evidence.source)

    # --- cited explainers -----------------------------------------------------------------

    def write_disagreements(self) -> None:
        """The curation file's reviews of where sources differ: the label readers see, the editors' note."""
        for entry in self.curation.disagreements.values():
            upsert(
                self.summary,
                DisagreementReview,
                lookup={"topic": entry.topic},
                values={"label": entry.label, "note": entry.note},
            )

    def library(self) -> ImportLibrary:
        """This run's sources, and those imported before (found per sentence through the index)."""
        texts = {name: source.text for name, source in self.sources.items()}
        titles = {name: source.title for name, source in self.sources.items()}
        return ImportLibrary(texts, titles)

    def write_explainer(self, parsed: ParsedDocument, library: ImportLibrary) -> None:
        entry = self.curation.explainers.get(parsed.name)
        evidence, hints = self.find_evidence(parsed, library, entry)
        claims = self.explainer_claims(parsed, evidence, hints)
        structure = [(kind, text, [key for key, _ in items]) for kind, text, items in claims]
        title = (entry.title if entry else "") or parsed.metadata.headline or _first_sentence(parsed.text)
        agreement = (
            Agreement.objects.filter(slug=entry.agreement).first() if entry and entry.agreement else None
        )
        fields = {
            "title": title[:300],
            "dek": (entry.dek if entry else "") or parsed.metadata.dek,
            "agreement_id": agreement.pk if agreement else None,
            "origin_source_id": self.sources[parsed.name].pk,
        }
        wanted = fingerprint({**fields, "structure": structure})
        key = f"explainer:{parsed.name}"
        explainer = Explainer.objects.filter(origin_key=key).first()
        if explainer is None:
            slug = (entry.slug if entry and entry.slug else "") or title
            explainer = Explainer(
                **fields,
                slug=unique_slug(Explainer, slug, fallback=parsed.name),
                origin_key=key,
                import_fingerprint=wanted,
            )
            explainer.save()
            self.build_blocks(explainer, claims)
            outcome = CREATED
        else:
            now = fingerprint({**current_values(explainer, fields), "structure": _structure_of(explainer)})
            if now == wanted:
                outcome = UNCHANGED
            elif explainer.import_fingerprint != now:
                outcome = KEPT
                self.summary.kept.append(
                    f"explainer “{explainer.title}”: edited in the admin since the last import"
                )
            else:
                for name, value in fields.items():
                    setattr(explainer, name, value)
                explainer.import_fingerprint = wanted
                explainer.save()
                self.build_blocks(explainer, claims)
                outcome = UPDATED
        self.summary.record(Explainer, outcome)
        if outcome in (CREATED, UPDATED):
            verb = "Imported" if outcome == CREATED else "Updated"
            editlog.record([explainer.pk], Edit.Kind.IMPORTED, f"{verb} from {parsed.name}", force=True)
        if entry and entry.tags and outcome != KEPT:
            explainer.tags.add(*entry.tags)
        if entry:
            self.apply_editors_word(parsed, entry, claims)
        support.assess((claim.pk for _, _, items in claims for _, claim in items), library=library)
        result = ExplainerOutcome(explainer.slug, explainer.title)
        report = explainer_report(explainer)
        result.problems = [issue.message for issue in report.problems]
        accepted = set(entry.accept) if entry else set()
        result.unaccepted = [issue.message for issue in report.warnings if issue.code not in accepted]
        if self.publish and report.can_publish and not result.unaccepted:
            kinds = sorted({issue.code.replace("_", " ") for issue in report.warnings})
            comment = IMPORT_PUBLISH_COMMENT + (
                f" Warnings accepted in the curation file: {', '.join(kinds)}." if kinds else ""
            )
            workflow.publish_imported(explainer, by=current_actor(), comment=comment)
        result.published = explainer.is_public
        self.explainers.append(result)

    def find_evidence(self, parsed: ParsedDocument, library: ImportLibrary, entry):
        """Each fact sentence's evidence, and each [n]'s most likely source (a hint, and provenance).

        The curation file's `references` name a number's source outright; otherwise it is the
        source that backs most of the sentences carrying the number. Hints only break ties.
        """
        aliases = support.known_aliases()
        sentences = [
            s for block in parsed.blocks if block.kind not in NOT_CITED_BLOCKS for s in block.sentences
        ]

        first = {
            s.text: evidence_search.search(s.text, library, aliases=aliases, exclude={parsed.name})
            for s in sentences
        }
        weights: dict[int, dict[str, float]] = {}
        for sentence in sentences:
            for number in sentence.refs:
                row = weights.setdefault(number, {})
                for found in first[sentence.text].ranked:
                    row[found.source] = row.get(found.source, 0.0) + found.weight
        hints = {
            n: max(row.items(), key=lambda item: (item[1], item[0]))[0] for n, row in weights.items() if row
        }
        if entry:
            hints.update(entry.references)
        for number, name in sorted(hints.items()):
            how = "the curation file says" if entry and number in entry.references else "most likely"
            self.summary.notes.append(f"{parsed.name}: the original's reference [{number}] is {how} {name}")
        evidence = {}
        for sentence in sentences:
            hinted = {hints[n] for n in sentence.refs if n in hints}
            found = first[sentence.text]
            evidence[sentence.text] = evidence_search.with_hints(found, hinted) if hinted else found
        return evidence, hints

    def explainer_claims(self, parsed, evidence, hints) -> list[tuple[str, str, list[tuple[str, Claim]]]]:
        entry = self.curation.explainers.get(parsed.name)
        # Sentences whose citations an editor gave in the curation file get no suggestions.
        curated = {
            text
            for text in evidence
            if entry and any(sentence_matches(c.sentence, text) for c in entry.citations)
        }
        blocks = []
        seen: list[
            tuple[str, str, Claim]
        ] = []  # normalised text, key, claim: a pull quote reuses its sentence
        for block in parsed.blocks:
            items = []
            for sentence in block.sentences:
                normalized = normalize_plain(sentence.text).strip(" \"'.")
                if block.kind == Block.Kind.PULLQUOTE:
                    match = next((s for s in seen if s[0] == normalized), None)
                    if match:
                        items.append((match[1], match[2]))
                        continue
                kind = Claim.Kind.ANALYSIS if block.kind == Block.Kind.ANALYSIS else Claim.Kind.FACT
                key = f"explainer:{parsed.name}:{digest(normalized)}"
                claim = self.upsert_claim(key, text=sentence.text, kind=kind)
                found = evidence.get(sentence.text)
                if kind == Claim.Kind.FACT and found is not None and sentence.text not in curated:
                    self.suggest(parsed, claim, key, sentence, found, hints)
                seen.append((normalized, key, claim))
                items.append((key, claim))
            blocks.append((block.kind, block.text, items))
        return blocks

    def suggest(self, parsed, claim: Claim, key: str, sentence, found, hints) -> None:
        """The evidence search's passages as suggested citations; a sentence no source backs gets none.

        Suggestions no longer found are dropped; citations an editor confirmed are never touched.
        """
        short = sentence.text if len(sentence.text) <= 70 else sentence.text[:69] + "…"
        keep = set()
        if found.suggests:
            for passage in found.chosen:
                source = self.sources.get(passage.source) or Source.objects.get(origin_file=passage.source)
                ref = next((n for n in sentence.refs if hints.get(n) == passage.source), None)
                suffix = f"ev:{digest(passage.source, passage.text)}"
                keep.add(f"{key}:{suffix}")
                self.cite(claim, key, source, passage.text, suffix=suffix, origin_ref=ref)
            if found.support.label == "partial":
                missing = ", ".join(found.support.unbacked_terms)
                self.summary.notes.append(
                    f"{parsed.name}: “{short}”: partly supported (not backed: {missing})"
                )
        else:
            self.summary.notes.append(
                f"{parsed.name}: “{short}”: no source backs it; left without a citation"
            )
        stale = Citation.objects.filter(
            claim=claim,
            origin=Citation.Origin.IMPORT,
            confirmed_at__isnull=True,
            origin_key__startswith=f"{key}:",
        ).exclude(origin_key__in=keep)
        removed = 0
        for citation in stale:
            citation.delete()
            removed += 1
        if removed:
            self.summary.notes.append(
                f"{parsed.name}: “{short}”: {removed} earlier suggestion(s) no longer found, removed"
            )

    def apply_editors_word(self, parsed: ParsedDocument, entry, claims) -> None:
        """The curation file's confirmed citations and per-sentence decisions: an editor's word."""
        by_text = {claim.text: (key, claim) for _, _, items in claims for key, claim in items}
        confirmed: set[int] = set()
        for item in entry.citations:
            key, claim = next((v for text, v in by_text.items() if sentence_matches(item.sentence, text)))
            source = self.evidence_source(item.evidence)
            self.cite(
                claim,
                key,
                source,
                item.evidence.quote,
                suffix=f"curated:{digest(item.evidence.source, item.evidence.quote)}",
                origin=Citation.Origin.CURATION,
                confirm=Citation.Via.CURATION,
            )
            confirmed.add(claim.pk)
        # What the editor confirmed for a sentence replaces the import's own suggestions for it.
        Citation.objects.filter(
            claim_id__in=confirmed, origin=Citation.Origin.IMPORT, confirmed_at__isnull=True
        ).delete()
        for decision in entry.unverified:
            _, claim = next((v for text, v in by_text.items() if sentence_matches(decision.sentence, text)))
            if claim.decision_note != decision.note:
                Claim.objects.filter(pk=claim.pk).update(
                    decision_note=decision.note, decided_at=self.now, decided_by=None
                )
                claim.decision_note = decision.note

    def build_blocks(self, explainer: Explainer, claims) -> None:
        explainer.blocks.all().delete()
        for position, (kind, text, items) in enumerate(claims):
            block = Block.objects.create(explainer=explainer, position=position, kind=kind, text=text[:300])
            BlockClaim.objects.bulk_create(
                BlockClaim(block=block, claim=claim, position=n) for n, (_, claim) in enumerate(items)
            )
        add_whole_explainer(explainer)  # the revision keeps the sentences, not only empty blocks


def _structure_of(explainer: Explainer) -> list:
    blocks = explainer.blocks.prefetch_related("items__claim")
    return [(b.kind, b.text, [item.claim.origin_key for item in b.items.all()]) for b in blocks]


def _first_sentence(text: str) -> str:
    first = text.strip().split("\n", 1)[0]
    for end in (". ", "? ", "! "):
        if end in first:
            first = first.split(end, 1)[0] + end.strip()
            break
    return first if len(first) <= TITLE_LIMIT else first[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] + "…"


def _date_before(text: str, position: int, reference: dt.date | None) -> dt.date | None:
    """The last date stated in the paragraph before a quote: when the words were said."""
    paragraph_start = text.rfind("\n\n", 0, position) + 1
    found = find_dates(text[paragraph_start:position], reference)
    days = [date for *_, date, precision in found if precision == "day"]
    return days[-1] if days else None


def _plain_date(value) -> str | None:
    return value.isoformat() if value else None
