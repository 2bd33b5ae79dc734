"""What readers see of the evidence: calm marks with plain explanations, "sources differ" notes with
the comparison, sentences published unverified, an evidence map in words, claim pages headed by
their sentence, and a JSON that says the same; no scores, ids or internal labels anywhere."""

import re
import shutil
from html import unescape
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from explainers.models import Claim, Explainer
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    ClaimFactory,
    ExplainerFactory,
    SourceFactory,
    SuggestedCitationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
SLUG = "india-us-critical-minerals-pact"
INTERNAL = [
    re.compile(r"claim #\d+"),
    re.compile(r"support \d\.\d"),
    re.compile(r"\bclose \d\.\d"),
    re.compile(r"\((?:signing-place|china-rare-earth-dominance|scope)\)"),
    re.compile(r"Published knowing"),
    re.compile(r"weak support"),
    re.compile(r"Fact · Draft"),
]


@pytest.fixture
def story(tmp_path, settings):
    folder = tmp_path / "seeds"
    shutil.copytree(SEEDS, folder)
    settings.SEEDS_DIR = folder
    call_command("import_seeds", "--publish", stdout=StringIO())
    return Explainer.objects.get(slug=SLUG)


def text_of(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def test_readers_see_plain_words_and_no_internal_labels_on_any_surface(story):
    reader = Client()
    claims = Claim.objects.filter(placements__block__explainer=story).distinct()
    urls = [f"/explainers/{SLUG}/", f"/explainers/{SLUG}/evidence/", "/feed/", "/"]
    urls += [f"/claims/{c.pk}/" for c in claims]
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        for pattern in INTERNAL:
            assert not pattern.search(body), (url, pattern.pattern)
    structured = re.search(
        r'<script type="application/ld\+json">(.*?)</script>',
        reader.get(f"/explainers/{SLUG}/").content.decode(),
        re.S,
    )
    assert structured and "support" not in structured.group(1) and "score" not in structured.group(1)


def test_only_partly_supported_or_unverified_sentences_are_marked_with_an_explanation(story):
    html = Client().get(f"/explainers/{SLUG}/").content.decode()
    page = text_of(html)
    facts = Claim.objects.filter(placements__block__explainer=story, kind="fact").distinct()
    marked = [c for c in facts if c.support in ("partial", "unsupported") or c.decision_note]
    unmarked = [c for c in facts if c not in marked]
    assert html.count('class="support-mark ') == len(marked) and unmarked  # not every sentence
    green = next(c for c in facts if "green energy" in c.text)
    assert green.decision_note and green.decision_note in page
    assert "We publish these sentences without a source we could confirm" in page
    ai = next(c for c in facts if "artificial intelligence" in c.text)
    assert "“artificial intelligence systems”" in page and ai.support in ("partial", "unsupported")


def test_a_sentence_touching_a_disagreement_links_to_the_side_by_side_comparison(story):
    html = Client().get(f"/explainers/{SLUG}/").content.decode()
    assert '<a class="differs-note" href="#differ-signing-place">sources differ</a>' in html
    section = html[html.find('id="differ-signing-place"') :]
    section = text_of(section[: section.find("</section>")])
    assert "On where and when the framework was signed" in section
    assert "Hyderabad House" in section and "Quad foreign ministers" in section
    assert "The Indian Express" in section and "Editors' note:" in section


def test_the_evidence_map_speaks_in_words_with_a_legend_and_confirmed_marks(story):
    html = Client().get(f"/explainers/{SLUG}/evidence/").content.decode()
    page = text_of(html)
    for words in ("says this", "says part of this", "doesn't say this", "says something close (not cited)"):
        assert words in page
    assert "says part of this (not: " in page
    assert html.count("confirmed by an editor") >= 3
    assert not re.search(r"\d\.\d\d", page)  # no scores


def test_claim_pages_are_headed_by_their_sentence_with_the_status_readers_need(story):
    china = Claim.objects.get(placements__block__explainer=story, text__contains="reliance on China")
    html = Client().get(f"/claims/{china.pk}/").content.decode()
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)
    assert "reduce reliance on China" in unescape(heading)
    assert "Statement of fact" in html and "Draft" not in text_of(html)
    assert "Sources differ on what China dominates" in unescape(html)


def test_the_json_says_support_unbacked_and_confirmed(story):
    data = Client().get(f"/api/explainers/{SLUG}/").json()
    sentences = [s for block in data["blocks"] for s in block["sentences"]]
    facts = [s for s in sentences if s["kind"] == "fact"]
    assert {s["support"] for s in facts} <= {"supported", "partial", "unsupported"}
    assert any(s["support"] == "partial" and s["unbacked"] for s in facts)
    assert all(s["support"] is None and s["unbacked"] == [] for s in sentences if s["kind"] == "analysis")
    citations = [c for ref in data["references"] for c in ref["citations"]]
    assert citations and all(c["confirmed"] is True for c in citations)


def test_staff_get_a_draft_from_the_same_url_in_the_same_shape_readers_get_404():
    source = SourceFactory()
    explainer = ExplainerFactory(slug="draft-json")
    claim = ClaimFactory(text="India and the US signed a bilateral critical minerals framework on Tuesday.")
    SuggestedCitationFactory(
        claim=claim, source=source, quote="India and the US signed a bilateral critical minerals framework"
    )
    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=0), claim=claim, position=0)
    assert Client().get("/api/explainers/draft-json/").status_code == 404
    staff = Client()
    staff.force_login(UserFactory(username="viewer", groups=["Contributor"]))
    response = staff.get("/api/explainers/draft-json/")
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    data = response.json()
    assert data["status"] == "draft"
    (sentence,) = data["blocks"][0]["sentences"]
    assert sentence["support"] == "partial" and sentence["unbacked"] == ["Tuesday"]
    assert sentence["refs"] == []  # a suggestion is not a citation
    assert sentence["suggested"][0]["confirmed"] is False
