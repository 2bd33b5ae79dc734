"""The evidence model: what cited passages back of each sentence, suggested versus confirmed
citations, the publish gate, and the evidence search across the whole library."""

import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from explainers import evidence_search
from explainers.models import Citation, Claim, Explainer, Transition
from explainers.services import support
from explainers.services.integrity import explainer_report
from sources.models import Source
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    PublisherFactory,
    SourceFactory,
    SuggestedCitationFactory,
)

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
EXPLAINER_DOC = "002_e3ef4ffb2eb5a43a.txt"
UNSUPPORTED_IN_002 = {
    "artificial intelligence systems": "By coordinating mining and processing efforts",
    "green energy": "This cooperation is intended to stabilize",
    "free and open Indo-Pacific": "The move aligns with broader efforts",
}

# A small library of stories on other topics: each sentence below is backed by exactly one source.
LIBRARY = {
    "Ports": "Rotterdam and Antwerp agreed on Friday to run one customs window for container traffic. "
    "The window opens in March 2027 and covers 14 million containers a year.",
    "Rail": "Kenya Railways will electrify the line from Mombasa to Nairobi by 2030. The African "
    "Development Bank lends $1.2 billion for the work.",
    "Grain": "Egypt bought 240,000 tonnes of wheat from Romania in a tender on Tuesday. Prices rose 3 "
    "percent after the purchase.",
    "Water": "Halton Falls council voted 9–4 to borrow $310 million for a new water treatment plant.",
}


def source(title: str, text: str) -> Source:
    return SourceFactory(title=title, raw_text=text, text=text, publisher=PublisherFactory())


def explainer_with(claim: Claim) -> Explainer:
    explainer = ExplainerFactory(status="review")
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=0), claim=claim, position=0)
    return explainer


# --- support is stored and kept current ------------------------------------------------------


def test_support_is_stored_and_recomputed_when_the_sentence_citation_or_source_changes():
    ports = source("Ports", LIBRARY["Ports"])
    claim = ClaimFactory(text="Rotterdam and Antwerp agreed to run one customs window.")
    citation = CitationFactory(claim=claim, source=ports, quote="Rotterdam and Antwerp agreed on Friday")
    claim.refresh_from_db()
    assert claim.support == "partial" and claim.unbacked == ["run one customs window"]
    citation.quote = "Rotterdam and Antwerp agreed on Friday to run one customs window for container traffic."
    citation.save()
    claim.refresh_from_db()
    assert claim.support == "supported" and claim.unbacked == []
    claim.text = "Rotterdam and Hamburg agreed to run one customs window."
    claim.save()
    claim.refresh_from_db()
    assert claim.support == "partial" and claim.unbacked == ["Hamburg"]
    ports.text = ports.text.replace("Antwerp", "Hamburg")
    ports.save()
    claim.refresh_from_db()
    assert claim.support == "supported"  # the source now says Hamburg
    citation.delete()
    claim.refresh_from_db()
    assert claim.support == "unsupported"


def test_analysis_has_no_support_class_and_an_uncited_fact_lists_what_no_source_says():
    source("Rail", LIBRARY["Rail"])
    analysis = ClaimFactory(text="This is a bold bet on rail.", kind="analysis")
    assert Claim.objects.get(pk=analysis.pk).support == ""
    fact = ClaimFactory(text="Kenya Railways will electrify the line to Kampala by 2030.")
    fact.refresh_from_db()
    assert fact.support == "unsupported" and fact.unbacked == ["Kampala"]


# --- the evidence search ---------------------------------------------------------------------


@pytest.fixture
def library():
    made = {title: source(title, text) for title, text in LIBRARY.items()}
    # Noise: many sources that share common words but back none of the sentences.
    for n in range(40):
        source(f"Noise {n}", f"Officials met on Tuesday to discuss the plan for the year {2000 + n}.")
    return made


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        ("Egypt bought 240,000 tonnes of wheat from Romania.", "Grain"),
        ("The African Development Bank lends $1.2 billion to electrify the Mombasa line.", "Rail"),
        ("The customs window covers 14 million containers a year.", "Ports"),
        ("Halton Falls will borrow $310 million for a water treatment plant.", "Water"),
    ],
)
def test_evidence_search_finds_the_source_that_says_it_in_the_whole_library(library, sentence, title):
    found = evidence_search.search(
        sentence, evidence_search.DatabaseLibrary(), aliases=support.known_aliases()
    )
    assert found.suggests
    assert found.ranked[0].source == library[title].pk
    assert [f.source for f in found.chosen] == [library[title].pk]
    assert found.support.label == "supported"


def test_evidence_search_names_a_changed_figure_and_invents_no_citation(library):
    lib = evidence_search.DatabaseLibrary()
    wrong = evidence_search.search(
        "Egypt bought 400,000 tonnes of wheat from Romania.", lib, aliases=support.known_aliases()
    )
    assert wrong.support.label == "partial" and wrong.support.unbacked_terms == ["400,000"]
    nothing = evidence_search.search(
        "Brazil launched a lunar probe in June.", lib, aliases=support.known_aliases()
    )
    assert not nothing.suggests


def test_a_sentence_may_cite_several_sources_when_each_backs_part_of_it(library):
    found = evidence_search.search(
        "Egypt bought 240,000 tonnes of wheat and Kenya Railways will electrify the line to Nairobi.",
        evidence_search.DatabaseLibrary(),
        aliases=support.known_aliases(),
    )
    assert {f.source for f in found.chosen} == {library["Grain"].pk, library["Rail"].pk}
    assert found.support.label == "supported"


def test_a_hint_breaks_a_tie_but_never_wins_against_better_evidence(library):
    lib = evidence_search.DatabaseLibrary()
    aliases = support.known_aliases()
    sentence = "Egypt bought 240,000 tonnes of wheat from Romania."
    hinted = evidence_search.search(sentence, lib, aliases=aliases, hints={library["Rail"].pk})
    assert hinted.chosen[0].source == library["Grain"].pk


# --- suggested versus confirmed, and the publish gate ----------------------------------------


def test_a_sentence_citing_only_suggestions_cannot_be_published_until_an_editor_confirms_or_decides():
    ports = source("Ports", LIBRARY["Ports"])
    claim = ClaimFactory(text="Rotterdam and Antwerp agreed to run one customs window.")
    suggestion = SuggestedCitationFactory(
        claim=claim, source=ports, quote="agreed on Friday to run one customs window"
    )
    explainer = explainer_with(claim)
    report = explainer_report(explainer)
    assert [i.code for i in report.problems] == ["unconfirmed"]
    Citation.objects.filter(pk=suggestion.pk).update(confirmed_at=suggestion.created_at)
    assert explainer_report(explainer).can_publish
    Citation.objects.filter(pk=suggestion.pk).update(confirmed_at=None)
    Claim.objects.filter(pk=claim.pk).update(decision_note="Published as the original's claim, unverified.")
    report = explainer_report(explainer)
    assert report.can_publish
    assert any(i.code == "decided" for i in report.notices)


def test_an_uncited_sentence_needs_an_editors_decision():
    claim = ClaimFactory(text="Nobody has said this anywhere.")
    explainer = explainer_with(claim)
    assert [i.code for i in explainer_report(explainer).problems] == ["uncited"]
    Claim.objects.filter(pk=claim.pk).update(decision_note="Published as the original's claim, unverified.")
    assert explainer_report(explainer).can_publish


# --- the seeds, without and with the curation file -------------------------------------------


@pytest.fixture
def seeds_without_curation(tmp_path, settings):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in SEEDS.glob("0*.txt"):
        shutil.copy(path, folder / path.name)
    settings.SEEDS_DIR = folder
    return folder


@pytest.fixture
def seeds(tmp_path, settings):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    settings.SEEDS_DIR = folder
    return folder


def explainer_facts() -> list[Claim]:
    explainer = Explainer.objects.get(origin_source__origin_file=EXPLAINER_DOC)
    claims = Claim.objects.filter(placements__block__explainer=explainer, kind="fact").distinct()
    return list(claims.order_by("pk"))


def test_seed_explainer_without_curation_flags_exactly_its_unsupported_sentences(seeds_without_curation):
    call_command("import_seeds", stdout=StringIO())
    facts = explainer_facts()
    flagged = {}
    for term, opening in UNSUPPORTED_IN_002.items():
        claim = next(c for c in facts if c.text.startswith(opening))
        assert claim.support in ("partial", "unsupported")
        assert any(term in phrase for phrase in claim.unbacked), (term, claim.unbacked)
        flagged[claim.pk] = claim
    others = [c for c in facts if c.pk not in flagged]
    assert others and all(c.support != "unsupported" for c in others), [(c.text, c.support) for c in others]
    china = next(c for c in facts if "reliance on China" in c.text)
    cited = [c.source for c in china.citations.all()]
    assert cited and any("China" in s.text for s in cited)
    # Every citation is the import's suggestion, and a passage is never cited twice for a sentence.
    for claim in facts:
        pairs = [(c.source_id, c.quote) for c in claim.citations.all()]
        assert len(pairs) == len(set(pairs))
        assert all(not c.is_confirmed for c in claim.citations.all())


def test_import_publish_without_an_editors_confirmations_publishes_no_explainer(seeds_without_curation):
    out = StringIO()
    call_command("import_seeds", "--publish", stdout=out)
    explainer = Explainer.objects.get(origin_source__origin_file=EXPLAINER_DOC)
    assert not explainer.is_public
    assert "no editor has confirmed a citation" in out.getvalue()


def test_the_curation_files_confirmations_publish_the_seed_explainer(seeds):
    out = StringIO()
    call_command("import_seeds", "--publish", stdout=out)
    explainer = Explainer.objects.get(origin_source__origin_file=EXPLAINER_DOC)
    assert explainer.is_public
    facts = explainer_facts()
    for claim in facts:
        confirmed = [c for c in claim.citations.all() if c.is_confirmed]
        assert confirmed or claim.decision_note
        assert all(c.confirmed_via == "curation" for c in confirmed)
    decided = [c for c in facts if c.decision_note]
    assert {c.text.split()[1] for c in decided} == {"cooperation", "move"}
    transition = Transition.objects.filter(explainer=explainer, to_status="published").get()
    assert "accepted in the curation file: single publisher" in transition.comment


def test_a_curation_entry_naming_no_sentence_stops_the_import_and_says_where(seeds):
    curation = seeds / "curation.toml"
    curation.write_text(
        curation.read_text().replace(
            'sentence = "The move aligns with broader efforts by the Quad nations"',
            'sentence = "The move aligns with nothing at all"',
        )
    )
    with pytest.raises(CommandError) as error:
        call_command("import_seeds", stdout=StringIO())
    assert "unverified[2]" in str(
        error.value
    ) and "“The move aligns with nothing at all” is in no sentence" in str(error.value)
    assert not Source.objects.exists()


def test_the_in_process_index_follows_added_edited_and_deleted_sources():
    index = evidence_search.DatabaseLibrary._index
    ports = source("Ports", LIBRARY["Ports"])
    assert index().candidates(["Rotterdam"], 5) == [ports.pk]
    grain = source("Grain", LIBRARY["Grain"])
    assert index().candidates(["Romania"], 5) == [grain.pk]
    grain.text = grain.text.replace("Romania", "Bulgaria")
    grain.save()
    assert index().candidates(["Romania"], 5) == [] and index().candidates(["Bulgaria"], 5) == [grain.pk]
    Source.objects.filter(pk=ports.pk).delete()
    assert index().candidates(["Rotterdam"], 5) == []
