"""The import plan is pure: parsed documents, the curation file and a snapshot of the database in, frozen records out."""

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from explainers.importing.curation import Curation, load_curation
from explainers.importing.evidence import DocumentEvidence
from explainers.importing.existing import Existing, ExistingSource
from explainers.importing.files import Document, read_document
from explainers.importing.parse import parse_document
from explainers.importing.plan import plan_import, plan_sources
from explainers.importing.plan.explainers import plan_explainer
from explainers.importing.plan.items import NEW, SAME, TWIN, ImportPlan
from explainers.importing.records import CREATED
from sources.models.sources import sha256

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
REPORT, EXPLAINER_DOC = "000_e80ecc7bd58d023e.txt", "002_e3ef4ffb2eb5a43a.txt"


@pytest.fixture(scope="module")
def seeds():
    documents = [parse_document(read_document(p, max_bytes=10**7)) for p in sorted(SEEDS.glob("*.txt"))]
    return documents, load_curation(SEEDS / "curation.toml")


def plan(seeds, existing=None, evidence=None) -> ImportPlan:
    documents, curation = seeds
    existing = existing or Existing()
    sources, notes = plan_sources(documents, curation, existing)
    return plan_import(documents, curation, existing, sources, evidence or {}, notes)


def test_planning_touches_no_database_and_gives_frozen_records(seeds):
    # No `db` fixture: any query would fail the test.
    made = plan(seeds)
    assert len(made.sources) == 4 and all(s.action == NEW for s in made.sources)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.sources[0].title = "changed"
    assert made.agreement is not None and made.agreement.row.lookup == {
        "slug": "india-us-critical-minerals-framework"
    }


def test_one_person_per_person_across_documents_with_their_roles(seeds):
    made = plan(seeds)
    jaishankar = [p for p in made.people if p.name == "S. Jaishankar"]
    assert len(jaishankar) == 1 and jaishankar[0].outcome == CREATED
    assert "External Affairs Minister" in {r.title for r in jaishankar[0].roles}
    keys = [key for p in made.people for key, _ in p.aliases]
    assert len(keys) == len(set(keys))  # an alias is planned once


def test_quotations_name_their_speaker_and_the_role_they_spoke_in(seeds):
    made = plan(seeds)
    quotes = next(q for q in made.quotations if q.document == REPORT)
    signing = next(r for r in quotes.claims if r.values["text"].startswith("We are today signing"))
    assert "|External Affairs Minister|" in signing.values["speaker_role_id"].key
    assert len(quotes.citations) == len(quotes.claims)
    assert all(c.confirm == "verbatim" for c in quotes.citations)
    assert any(q.startswith("S. Jaishankar: “We are today") for q in made.found[REPORT]["quotes"])


def test_an_editors_clean_text_is_what_the_evidence_search_reads(seeds):
    documents, _ = seeds
    report = next(d for d in documents if d.name == REPORT)
    edited = ExistingSource(
        7, REPORT, "Edited title", "An editor's text.", sha256(report.document.raw_text), True
    )
    made = plan(seeds, Existing(sources={REPORT: edited}))
    source = next(s for s in made.sources if s.name == REPORT)
    assert (source.action, source.ref.pk, source.text, source.title) == (
        SAME,
        7,
        "An editor's text.",
        "Edited title",
    )


def test_a_copy_of_a_source_imported_under_another_name_is_imported_once(seeds):
    documents, _ = seeds
    report = next(d for d in documents if d.name == REPORT)
    twin = ExistingSource(9, "old-name.txt", "Old", "Old text.", sha256(report.document.raw_text), False)
    made = plan(seeds, Existing(twins={twin.content_hash: twin}))
    source = next(s for s in made.sources if s.name == REPORT)
    assert source.action == TWIN and source.ref.pk == 9
    assert any("same text as old-name.txt" in note for note in made.notes)


def test_an_explainer_plan_places_the_pull_quote_on_its_sentence_and_leaves_analysis_uncited(seeds):
    documents, curation = seeds
    document = next(d for d in documents if d.name == EXPLAINER_DOC)
    explainer, _ = plan_explainer(document, curation.explainers.get(EXPLAINER_DOC), DocumentEvidence())
    kinds = [b.kind for b in explainer.blocks]
    assert kinds == ["paragraph"] * 5 + ["pullquote", "analysis"]
    assert explainer.blocks[5].claims[0] == explainer.blocks[0].claims[0]
    assert not explainer.suggestions  # no evidence given: nothing suggested
    assert explainer.curated and all(c.confirm == "curation" for c in explainer.curated)
    assert explainer.fields["origin_source_id"].key == EXPLAINER_DOC


US_BRIEFING = """Senator presses for a vote on the water bill

By Jane Doe

At a briefing on 05/06/2026, Senator Carla Mendez told reporters: "We will bring this bill to a vote before the summer recess, whatever the leadership says."
"""


@pytest.mark.parametrize(
    ("locale", "day"),
    [("en-US", dt.date(2026, 5, 6)), ("en-GB", dt.date(2026, 6, 5))],
)
def test_a_quotations_date_is_read_in_its_documents_locale(locale, day):
    document = Document(path=Path("briefing.txt"), name="briefing.txt", raw_text=US_BRIEFING)
    parsed = [parse_document(document, locale=locale)]
    sources, notes = plan_sources(parsed, Curation(), Existing())
    made = plan_import(parsed, Curation(), Existing(), sources, {}, notes)
    (quote,) = made.quotations[0].claims
    assert quote.values["occurred_on"] == day


@pytest.mark.parametrize(
    ("paragraph", "day"),
    [
        # The date the speaker tells of is what the words are about, not when they were said.
        (
            "Senator Carla Mendez recalled that the groundwork was laid on 4 February 2026 when the "
            "forum met in Washington.",
            None,
        ),
        ("Senator Carla Mendez noted that talks began on 4 February 2026 in Washington.", None),
        # A date before the reporting verb, or in a sentence of its own, is when they were said.
        (
            "At a briefing on 26 May 2026, Senator Carla Mendez said that the bill was ready.",
            dt.date(2026, 5, 26),
        ),
        ("Senator Carla Mendez said on 26 May 2026 that the bill was ready.", dt.date(2026, 5, 26)),
        (
            "Senator Carla Mendez recalled that talks began on 4 February 2026. On 26 May 2026 she told "
            "reporters:",
            dt.date(2026, 5, 26),
        ),
    ],
)
def test_a_quotations_date_is_when_it_was_said_not_a_date_it_tells_of(paragraph, day):
    raw = f'Senator presses for a vote\n\nBy Jane Doe\n\n{paragraph} "We will bring this bill to a vote before the summer recess," she said.\n'
    document = Document(path=Path("briefing.txt"), name="briefing.txt", raw_text=raw)
    parsed = [parse_document(document, locale="en-GB")]
    sources, notes = plan_sources(parsed, Curation(), Existing())
    made = plan_import(parsed, Curation(), Existing(), sources, {}, notes)
    (quote,) = made.quotations[0].claims
    assert quote.values["occurred_on"] == day
