"""`manage.py import_seeds`: the seeds become cited records; bad input changes nothing."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from explainers.evidence_search import DatabaseLibrary
from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
from sources.models import Agreement, Organization, Person, PersonAlias, Publisher, Role, Source
from sources.text.terms import parse

pytestmark = pytest.mark.django_db(transaction=False)

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPORT, SUMMARY, EMBASSY = "000_e80ecc7bd58d023e.txt", "001_07b43f1d4d0d7560.txt", "us-embassy-new-delhi"
EXPLAINER_DOC, TALKS = "002_e3ef4ffb2eb5a43a.txt", "003_5133c56ff66985cb.txt"
MODELS = [
    Publisher,
    Source,
    Person,
    PersonAlias,
    Role,
    Organization,
    Agreement,
    Claim,
    Citation,
    Explainer,
    Block,
    BlockClaim,
]


@pytest.fixture
def seeds(tmp_path, settings):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    settings.SEEDS_DIR = folder
    return folder


def run(*args, **options) -> str:
    out = StringIO()
    call_command("import_seeds", *[str(a) for a in args], stdout=out, **options)
    return out.getvalue()


def database_state() -> dict:
    """Every imported row with its version: equal states mean nothing was written."""
    state = {}
    for model in MODELS:
        fields = ["pk", "version"] if hasattr(model, "version") else ["pk"]
        state[model.__name__] = sorted(model.objects.values_list(*fields))
    return state


# --- the seeds ------------------------------------------------------------------------------


def test_seed_import_brings_in_the_whole_story(seeds):
    out = run()
    assert "Imported 4 document(s)" in out
    assert Source.objects.count() == 4
    report = Source.objects.get(origin_file=REPORT)
    assert report.publisher.name == "The Indian Express"
    assert report.title == "Amid China concerns, India and US sign pact to secure supply of critical minerals"
    assert report.byline == "Shubhajit Roy"
    assert report.raw_text == (SEEDS / REPORT).read_text()
    assert "STORIES YOU MAY LIKE" not in report.text and "STORIES YOU MAY LIKE" in report.raw_text
    assert {item["kind"] for item in report.removed} >= {"teaser block"}
    assert report.modified_at.isoformat() == "2026-05-26T23:07:00+00:00"  # 04:37 IST
    assert [(d["label"], d["text"]) for d in report.stated_dates] == [
        ("updated", "May 27, 2026 04:37 AM IST")
    ]
    assert not report.text.startswith(("Written by", "Shubhajit Roy")) and "min read" not in report.text


def test_people_roles_and_aliases_resolve_across_documents(seeds):
    run()
    jaishankar = Person.objects.by_alias("Dr. S. Jaishankar").get()
    assert set(Person.objects.by_alias("S Jaishankar")) == {jaishankar}
    assert set(Person.objects.by_alias("Jaishankar")) == {jaishankar}
    assert "External Affairs Minister" in {r.title for r in jaishankar.roles.all()}
    rubio = Person.objects.by_alias("Marco Rubio").get()
    assert "Secretary of State" in {r.title for r in rubio.roles.all()}
    assert Person.objects.by_alias("Xi Jinping").exists()
    assert Person.objects.by_alias("Shubhajit Roy").exists()
    assert not Person.objects.by_alias("Tavleen Singh").exists()  # only in page furniture


def test_quotations_have_their_speakers_and_verified_citations(seeds):
    run()
    quotes = Claim.objects.filter(kind="quote", citations__source__origin_file=REPORT).distinct()
    by_speaker = {}
    for claim in quotes.select_related("speaker_person", "speaker_organization"):
        speaker = claim.speaker_person.name if claim.speaker_person else claim.speaker_organization.slug
        by_speaker.setdefault(speaker, []).append(claim.text)
    assert any(
        t.startswith("We are today signing a bilateral India-US framework")
        for t in by_speaker["S. Jaishankar"]
    )
    assert any(t.startswith("This particular framework aims to deepen") for t in by_speaker["S. Jaishankar"])
    rubio = by_speaker["Marco Rubio"]
    whole = next(t for t in rubio if t.startswith("I've spoken often"))
    assert (
        "important that is for our national interest" in whole
    )  # the quote split by the teaser block is whole
    assert any(t.startswith("These investments, along with Pax Silica") for t in by_speaker[EMBASSY])
    for citation in Citation.objects.filter(claim__in=quotes):
        assert citation.status == "exact"
        assert citation.source.text[citation.start : citation.end] == citation.quote
    signing = Claim.objects.get(text__startswith="We are today signing")
    assert signing.speaker_role.title == "External Affairs Minister"
    assert signing.occurred_on.isoformat() == "2026-05-26"  # "on Tuesday", resolved against 27 May


def test_agreement_record_comes_from_the_curation_file_with_citations(seeds):
    run()
    agreement = Agreement.objects.get(slug="india-us-critical-minerals-framework")
    assert agreement.signed_on.isoformat() == "2026-05-26"
    assert agreement.signed_place == "Hyderabad House, New Delhi"
    assert {o.slug for o in agreement.parties.all()} == {"india", "united-states"}
    assert {s.person.name for s in agreement.signatories.all()} == {"S. Jaishankar", "Marco Rubio"}
    assert [s.label for s in agreement.scope_items.all()][:4] == [
        "Mining",
        "Processing",
        "Recycling",
        "Related investments",
    ]
    assert {o.short_name for o in agreement.related_initiatives.all()} >= {"FORGE"}
    timeline = list(agreement.claims.timeline())
    assert [c.occurred_on.isoformat() for c in timeline][:2] == ["2026-02-01", "2026-02-04"]
    assert all(c.citations.get().is_found for c in agreement.claims.all())
    assert agreement.claims.filter(topic="signing-place").count() == 3


def test_cited_explainer_keeps_paragraphs_numbers_pull_quote_and_analysis(seeds):
    run()
    explainer = Explainer.objects.get(origin_source__origin_file=EXPLAINER_DOC)
    assert explainer.title == "Why India and the US signed a critical minerals pact"
    kinds = list(explainer.blocks.values_list("kind", flat=True))
    assert kinds == ["paragraph"] * 5 + ["pullquote", "analysis"]
    first = explainer.blocks.get(position=0).items.get(position=0).claim
    assert first.text.startswith("India and the United States signed a critical minerals framework")
    pull = explainer.blocks.get(kind="pullquote").items.get().claim
    assert pull == first  # the pull quote repeats the lede: the same claim
    analysis = explainer.blocks.get(kind="analysis").items.first().claim
    assert analysis.kind == "analysis" and not analysis.citations.exists()
    # Every fact sentence cites what an editor confirmed in the curation file, or is published
    # unverified with the editor's note; the explainer's own document is never its evidence.
    facts = Claim.objects.filter(placements__block__explainer=explainer, kind="fact").distinct()
    for claim in facts:
        citations = list(claim.citations.all())
        assert claim.decision_note or any(c.is_confirmed for c in citations), claim.text
        assert all(c.source.origin_file != EXPLAINER_DOC and c.is_found for c in citations)
        quotes = [(c.source_id, c.quote) for c in citations]
        assert len(quotes) == len(set(quotes)), claim.text  # no passage twice
        assert claim.support in ("supported", "partial", "unsupported")


def test_publish_flag_publishes_an_explainer_that_passes_the_rules(seeds):
    out = run(publish=True)
    explainer = Explainer.objects.get(origin_source__origin_file=EXPLAINER_DOC)
    assert explainer.status == "published" and explainer.published_at
    assert "published" in out


def test_without_publish_explainers_stay_drafts(seeds):
    run()
    assert Explainer.objects.get().status == "draft"


# --- guarantees -----------------------------------------------------------------------------


def test_second_import_changes_nothing(seeds):
    run()
    before = database_state()
    out = run()
    assert database_state() == before
    for line in out.splitlines():
        if line.strip().startswith(("Sources", "Claims", "Citations", "People", "Explainers")):
            created, updated = line.split()[1:3]
            assert (created, updated) == ("0", "0"), line


def test_dry_run_writes_nothing_but_reports(seeds):
    out = run(dry_run=True)
    assert "Dry run: nothing was written" in out
    assert all(not model.objects.exists() for model in [Source, Claim, Explainer, Person])


def test_editor_edits_survive_a_reimport(seeds):
    run()
    claim = Claim.objects.get(text__startswith="We are today signing")
    claim.text = claim.text.replace("We are today", "Today we are")
    claim.save()
    person = Person.objects.by_alias("Marco Rubio").get()
    person.name = "Marco A. Rubio"
    person.save()
    out = run()
    claim.refresh_from_db()
    assert claim.text.startswith("Today we are")
    assert Person.objects.by_alias("Marco Rubio").get().name == "Marco A. Rubio"
    assert "Left alone" in out and "edited in the admin" in out


def test_changed_document_updates_its_source_and_reverifies_citations(seeds):
    run()
    path = seeds / REPORT
    path.write_text(path.read_text().replace("four-day visit", "four-day visit to India"))
    run()
    source = Source.objects.get(origin_file=REPORT)
    assert "four-day visit to India" in source.raw_text
    from reversion.models import Version

    assert Version.objects.get_for_object(source).count() == 2
    for citation in source.citations.all():
        assert citation.text_hash == source.text_hash and citation.is_found


def test_duplicate_content_under_two_names_is_imported_once(seeds):
    shutil.copy(seeds / TALKS, seeds / "copy-of-talks.txt")
    out = run()
    assert Source.objects.count() == 4
    assert "same text as" in out


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\n \t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
        ("nul.txt", b"India and the US\x00 signed.", "binary file"),
        ("latin1.txt", b"caf\xe9 au lait", "not valid UTF-8"),
        ("broken.txt", b"\xc3\x28 broken", "not valid UTF-8"),
        ("utf16.txt", "India".encode("utf-16"), "UTF-16"),
    ],
)
def test_bad_document_fails_the_whole_import_naming_the_file(seeds, name, content, message):
    (seeds / name).write_bytes(content)
    with pytest.raises(CommandError) as error:
        run()
    assert name in str(error.value) and message in str(error.value)
    assert not Source.objects.exists()


def test_file_over_the_size_limit_is_refused(seeds):
    (seeds / "huge.txt").write_bytes(b"word " * (5 * 1024 * 1024 // 5 + 1))
    with pytest.raises(CommandError, match=r"huge\.txt: .* over the 5,242,880-byte limit"):
        run()
    assert not Source.objects.exists()


def test_missing_path_is_refused(seeds):
    with pytest.raises(CommandError, match=r"nothing-here\.txt: no such file"):
        run(seeds / "nothing-here.txt")


@pytest.mark.parametrize("target", ["/etc/hostname", "../../etc/passwd"])
def test_paths_outside_the_seed_folder_are_refused(seeds, target):
    with pytest.raises(CommandError, match="outside"):
        run(seeds / target if target.startswith("..") else target)


def test_symlink_out_of_the_folder_is_refused(seeds, tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("Not a seed.")
    os.symlink(outside, seeds / "link.txt")
    with pytest.raises(CommandError, match=r"link\.txt: resolves to .* outside"):
        run()
    assert not Source.objects.exists()


def test_fifo_is_refused_without_hanging(seeds):
    os.mkfifo(seeds / "pipe.txt")
    with pytest.raises(CommandError, match=r"pipe\.txt: not a regular file"):
        run()


def test_failed_reimport_leaves_the_database_exactly_as_it_was(seeds):
    run()
    before = database_state()
    (seeds / "empty.txt").write_bytes(b"")
    with pytest.raises(CommandError):
        run()
    assert database_state() == before


def test_error_during_writing_rolls_back_everything(seeds, monkeypatch):
    from explainers.importing import write

    def explode(plan, registry, *, library):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(write, "write_explainer", explode)
    with pytest.raises(RuntimeError):
        run()
    assert not Source.objects.exists() and not Claim.objects.exists()


def test_curation_quote_not_in_its_source_stops_the_import_naming_the_entry(seeds):
    curation = seeds / "curation.toml"
    text = curation.read_text()
    curation.write_text(
        text.replace(
            "focused on mining, processing, refining, recycling, and investment", "focused on astrology"
        )
    )
    with pytest.raises(CommandError, match=r"agreement\.scope\[5\] \(Refining\): quote not found in 001"):
        run()
    assert not Source.objects.exists()


def test_curation_with_an_unknown_organisation_is_refused(seeds):
    curation = seeds / "curation.toml"
    curation.write_text(curation.read_text().replace('organization = "forge"', 'organization = "forj"'))
    with pytest.raises(CommandError, match="unknown organisation 'forj'"):
        run()


def test_import_without_a_curation_file_still_works(seeds):
    (seeds / "curation.toml").unlink()
    run()
    assert Source.objects.count() == 4
    assert Explainer.objects.count() == 1
    assert Claim.objects.filter(kind="quote").count() >= 5
    assert not Agreement.objects.exists()


# --- documents in other layouts -------------------------------------------------------------

WIRE = """Australia, Japan agree to pool lithium stockpiles

By Jane Doe

SYDNEY, March 3 (Wire) - Australia and Japan agreed on Monday to pool strategic lithium stockpiles, officials said.

“This is the most important step we have taken on battery minerals in a decade,” said Australian Resources Minister Madeleine King.

Japanese Trade Minister Ken Saito said the stockpile would open next year. “We will share the first tonnes with partners in the region,” Saito said.
"""

RELEASE = """PRESS RELEASE

Ministry of Mines announces critical minerals auction

New Delhi, 12 June 2026

The Ministry of Mines today announced the fifth tranche of critical mineral block auctions. "The auction covers lithium, graphite and rare earth blocks in six states," the ministry said in a statement.

For media queries: press@mines.example, Phone: 011 2338 5173
"""

FIVE = """Lithium prices fell sharply in 2026 as new supply arrived [1]. Australia remains the largest producer of lithium [2].
Japan and Australia agreed to pool their lithium stockpiles [3]. India announced a fifth auction of critical mineral blocks [4].
Analysts expect the auctions to attract private capital [5]. Prices may recover once demand from battery makers returns [1].
The market for battery minerals is in flux, and governments are hedging their bets.
"""


def test_documents_in_other_layouts_import_sensibly(tmp_path, settings):
    folder = tmp_path / "other"
    folder.mkdir()
    (folder / "wire.txt").write_text(WIRE)
    (folder / "release.txt").write_text(RELEASE)
    (folder / "cited.txt").write_text(FIVE)
    settings.SEEDS_DIR = folder
    run()
    assert Source.objects.count() == 3
    wire = Source.objects.get(origin_file="wire.txt")
    assert wire.title == "Australia, Japan agree to pool lithium stockpiles"
    king = Claim.objects.get(text__startswith="This is the most important step")
    assert king.speaker_person.name == "Madeleine King"
    saito = Claim.objects.get(text__startswith="We will share the first tonnes")
    assert saito.speaker_person.name == "Ken Saito"
    ministry = Claim.objects.get(text__startswith="The auction covers lithium")
    assert ministry.speaker_organization is not None
    release = Source.objects.get(origin_file="release.txt")
    assert "press@mines.example" not in release.text or release.kind == "press_release"
    explainer = Explainer.objects.get()
    citations = Citation.objects.filter(claim__placements__block__explainer=explainer)
    # The original's [n] are provenance: kept where the citation is the number's likely source.
    assert {c.origin_ref for c in citations} <= {None, 1, 2, 3, 4, 5}
    assert all(not c.is_confirmed and c.origin == "import" for c in citations)  # suggestions only
    assert explainer.blocks.filter(kind="analysis").exists()
    # Three unrelated documents back little of the explainer: that is said, not hidden.
    facts = Claim.objects.filter(placements__block__explainer=explainer, kind="fact")
    assert facts.filter(support__in=["partial", "unsupported"]).exists()


ANGLICISED = """Ireland and Canada sign offshore wind memorandum

By Jane Doe

DUBLIN, Oct. 5 (Wire) - Ireland and Canada signed an offshore wind memorandum on Monday.

Climate Minister {name} said the ports of Cork and Foynes would be ready by 2028.
"""

CITES_BY_IRISH_NAME = """Ruairí Ó Dálaigh expects the ports to be ready by 2028 [1].

Ireland and Canada signed an offshore wind memorandum on Monday [1].
"""


@pytest.mark.parametrize(
    ("alias", "written"),
    [
        ("Rory Daly", "Rory Daly"),
        ("Rory O'Daly", "Rory O'Daly"),
        ("Rory O'Daly", "Rory O’Daly"),  # the curation file's straight apostrophe, the text's curly one
        ("Rory O’Daly", "Rory O'Daly"),
    ],
)
def test_evidence_knows_the_names_of_people_the_same_run_brings_in(tmp_path, settings, alias, written):
    # Nobody is in the database yet: the evidence search learns that the minister is
    # "Ruairí Ó Dálaigh" from this run's curation file, so the sentence gets its citation.
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "wire.txt").write_text(ANGLICISED.format(name=written))
    (folder / "cited.txt").write_text(CITES_BY_IRISH_NAME)
    (folder / "curation.toml").write_text(
        f'[people.ruairi-o-dalaigh]\nname = "Ruairí Ó Dálaigh"\naliases = ["{alias}"]\n'
    )
    settings.SEEDS_DIR = folder
    run()
    claim = Claim.objects.get(text__startswith="Ruairí Ó Dálaigh expects")
    (citation,) = claim.citations.all()
    assert citation.source.origin_file == "wire.txt"
    assert written in citation.source.text[citation.start : citation.end]
    assert "Ruairí Ó Dálaigh" not in " ".join(claim.unbacked)


def test_claims_per_source_counts_after_import(seeds):
    run()
    counts = dict(Source.objects.annotate(n=Count("citations")).values_list("origin_file", "n"))
    assert counts[REPORT] >= 8


@pytest.mark.parametrize("written", ["O'Daly", "O\u2019Daly", "O'DALY"])
def test_a_later_import_finds_an_earlier_source_by_a_name_with_an_apostrophe(tmp_path, settings, written):
    # The search terms split "O’Daly" as the search index splits the source's text: at the apostrophe.
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "wire.txt").write_text(ANGLICISED.format(name="Rory O'Daly"))
    settings.SEEDS_DIR = folder
    run()
    sentence = parse(f"{written} agreed.")
    assert "wire.txt" in [name for name, _, _ in DatabaseLibrary().named_candidates(sentence, 5)]
