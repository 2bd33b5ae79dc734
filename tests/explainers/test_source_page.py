"""A source's page shows the evidence: only what published explainers cite is highlighted, each
highlight links back to the sentences citing it, every cited passage is one anchor, and the page's
metadata is said once. Built on a corpus of several explainers and sources, published and not."""

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from explainers.models import Claim
from explainers.source_page import Passage, nested_paragraphs
from explainers.templatetags.quoting import unquoted
from sources.text.clean import clean_text
from sources.text.metadata import extract_metadata
from tests.factories import (
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    QuoteFactory,
    SourceFactory,
    SuggestedCitationFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db

# Each source's text: seven sentences in three paragraphs, so passages can sit anywhere.
SENTENCES = [
    "Ministers of {place} signed the water accord on Monday.",
    "The accord sets how much water each side may draw in a dry year.",
    "A joint commission will meet every quarter to check the flows.",
    "Farmers downstream said they had waited a decade for the deal.",
    "The treaty will be reviewed in five years.",
    "Officials said the first payments would reach villages in March.",
    "Critics said the accord leaves groundwater out.",
]


def source_text(place: str) -> str:
    s = [t.format(place=place) for t in SENTENCES]
    return f"{s[0]} {s[1]}\n\n{s[2]} {s[3]} {s[4]}\n\n{s[5]} {s[6]}"


@dataclass
class Corpus:
    sources: list = field(default_factory=list)
    # (source index, quote) of what must be highlighted, and of what must not
    highlighted: set = field(default_factory=set)
    quiet: set = field(default_factory=set)  # anchored (a record's page links to it) but not highlighted
    hidden: set = field(default_factory=set)  # neither highlighted nor anchored
    sentences: dict = field(default_factory=dict)  # claim text → quotes (source 0) it cites
    explainers: list = field(default_factory=list)


def explainer_citing(title: str, cites: list[tuple[str, object, str]], *, publish=True, suggested=()):
    """An explainer of one paragraph: for each (sentence, source, quote) a sentence citing it."""
    explainer = ExplainerFactory(title=title)
    block = BlockFactory(explainer=explainer, position=0)
    claims = {}
    for position, (text, source, quote) in enumerate(cites):
        claim = claims.get(text)
        if claim is None:
            claim = claims[text] = ClaimFactory(text=text)
            BlockClaimFactory(block=block, claim=claim, position=position)
        CitationFactory(claim=claim, source=source, quote=quote)
    for text, source, quote in suggested:
        SuggestedCitationFactory(claim=claims[text], source=source, quote=quote)
    if publish:
        publish_now(explainer)
    return explainer, claims


def corpus() -> Corpus:
    found = Corpus()
    places = ["Astoria", "Bellmont", "Corvale"]
    found.sources = [SourceFactory(text=source_text(p), raw_text=source_text(p)) for p in places]
    a, b, c = found.sources
    q = [t.format(place="Astoria") for t in SENTENCES]
    # Two published explainers cite source a (one passage twice, by two sentences), and b and c.
    e1, _ = explainer_citing(
        "How the water accord works",
        [
            ("The accord caps what each side draws in drought.", a, "how much water each side may draw"),
            ("The accord caps what each side draws in drought.", b, "signed the water accord"),
            ("A commission checks the flows.", a, q[2]),
            ("Villages get paid from March.", c, "first payments would reach villages"),
        ],
        suggested=[("A commission checks the flows.", a, q[4])],  # suggested only: not highlighted
    )
    e2, _ = explainer_citing(
        "Who wins from the water accord",
        [
            ("Farmers waited ten years.", a, "waited a decade for the deal"),
            ("Each side's share is fixed for dry years.", a, "how much water each side may draw"),
        ],
    )
    found.explainers = [e1, e2]
    found.highlighted = {
        "how much water each side may draw",
        q[2],
        "waited a decade for the deal",
    }
    found.sentences = {
        "The accord caps what each side draws in drought.": {"how much water each side may draw"},
        "A commission checks the flows.": {q[2]},
        "Farmers waited ten years.": {"waited a decade for the deal"},
        "Each side's share is fixed for dry years.": {"how much water each side may draw"},
    }
    # A draft explainer, and a published one's later working rows: readers see neither.
    explainer_citing(
        "A draft on groundwater", [("Groundwater is left out.", a, "leaves groundwater out")], publish=False
    )
    later = ClaimFactory(text="Payments start in March.")
    BlockClaimFactory(block=e2.blocks.get(), claim=later, position=9)
    CitationFactory(claim=later, source=a, quote="first payments would reach villages")
    found.hidden = {"leaves groundwater out", "first payments would reach villages", q[4]}
    # A published claim's own page and an agreement record cite a: anchored, not highlighted.
    quote = QuoteFactory(text="The treaty will be reviewed.", status=Claim.Status.VERIFIED)
    CitationFactory(claim=quote, source=a, quote="reviewed in five years")
    publish_now(quote)
    agreement = AgreementFactory()
    milestone = ClaimFactory(text="The accord was signed.", agreement=agreement, status=Claim.Status.VERIFIED)
    CitationFactory(claim=milestone, source=a, quote="Ministers of Astoria signed")
    publish_now(agreement)
    found.quiet = {"reviewed in five years", "Ministers of Astoria signed"}
    return found


class SourceText(HTMLParser):
    """The source-text section of a page: highlighted text, every passage's pieces, back-links."""

    def __init__(self):
        super().__init__()
        self.stack: list[tuple[str, dict]] = []
        self.inside = False
        self.highlighted: list[str] = []  # the text of each outermost highlight
        self.pieces: dict[str, list[str]] = {}  # data-passage → text of each of its pieces
        self.ids: list[str] = []
        self.tags: dict[str, str] = {}  # data-passage → tag
        self.backlinks: list[tuple[list[str], str]] = []  # (passages ending just before, href)
        self._open_pieces: list[tuple[str, int]] = []
        self._ended: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "section" and "source-text" in (attrs.get("class") or ""):
            self.inside = True
        if not self.inside:
            return
        self.stack.append((tag, attrs))
        if attrs.get("id"):
            self.ids.append(attrs["id"])
        passage = attrs.get("data-passage")
        if passage:
            self.tags[passage] = tag
            self.pieces.setdefault(passage, []).append("")
            if tag == "mark" and not any(t == "mark" and a.get("data-passage") for t, a in self.stack[:-1]):
                self.highlighted.append("")
        if tag == "a" and any("passage-cited" in (a.get("class") or "") for _, a in self.stack):
            self.backlinks.append((list(self._ended), attrs["href"]))

    def handle_endtag(self, tag):
        if not self.inside:
            return
        if tag == "section" and not self.stack:
            self.inside = False
            return
        if self.stack:
            _, attrs = self.stack.pop()
            if attrs.get("data-passage"):
                self._ended.append(attrs["data-passage"])
            elif "passage-cited" not in (attrs.get("class") or "") and tag != "a":
                self._ended = []
        if not self.stack:
            self.inside = tag != "section"

    def handle_data(self, data):
        if not self.inside or not self.stack:
            return
        if data.strip():
            self._ended = (
                []
                if not any("passage-cited" in (a.get("class") or "") for _, a in self.stack)
                else self._ended
            )
        open_passages = [a["data-passage"] for _, a in self.stack if a.get("data-passage")]
        for passage in set(open_passages):
            self.pieces[passage][-1] += data
        if any(t == "mark" for t, a in self.stack if a.get("data-passage")):
            self.highlighted[-1] += data


def read_source(html: str) -> SourceText:
    parser = SourceText()
    parser.feed(html)
    return parser


def test_only_passages_cited_by_published_explainers_are_highlighted():
    found = corpus()
    html = Client().get(found.sources[0].get_absolute_url()).content.decode()
    page = read_source(html)
    shown = {" ".join(text.split()) for text in page.highlighted}
    for quote in found.highlighted:
        assert any(quote in text for text in shown), quote
    for quote in found.quiet | found.hidden:
        assert not any(quote in text for text in shown), quote
    # Quiet passages keep an anchor for the record pages that link to them; hidden ones have none.
    whole = {passage: " ".join("".join(texts).split()) for passage, texts in page.pieces.items()}
    for quote in found.quiet:
        (passage,) = [p for p, text in whole.items() if text == quote]
        assert page.tags[passage] == "span" and passage in page.ids
    for quote in found.hidden:
        assert not any(quote == text for text in whole.values()), quote


def test_every_highlight_links_back_to_each_sentence_citing_it():
    found = corpus()
    reader = Client()
    page = read_source(reader.get(found.sources[0].get_absolute_url()).content.decode())
    pages = {}
    cited_by: dict[str, set[str]] = {}
    for ended, href in page.backlinks:
        path, anchor = href.split("#")
        html = pages.setdefault(path, reader.get(path).content.decode())
        sentence = re.search(
            rf'<span class="sentence[^"]*">([^<]*)(?:(?!</span>).)*?<sup class="cite" id="{anchor}"',
            html,
            re.S,
        )
        assert sentence, href
        for passage in ended:
            text = " ".join("".join(page.pieces[passage]).split())
            cited_by.setdefault(text, set()).add(unescape(sentence.group(1)))
    expected: dict[str, set[str]] = {}
    for sentence, quotes in found.sentences.items():
        for quote in quotes:
            expected.setdefault(quote, set()).add(sentence)
    assert cited_by == expected


def test_the_cited_in_list_names_each_explainer_and_its_sentences():
    found = corpus()
    html = Client().get(found.sources[0].get_absolute_url()).content.decode()
    section = html[html.index('id="cited-in-heading"') :]
    for explainer in found.explainers:
        assert f'href="{explainer.get_absolute_url()}">{explainer.title}</a>' in section
    for sentence in found.sentences:
        assert unescape(sentence) in unescape(section)
    assert "A draft on groundwater" not in html and "Groundwater is left out." not in html
    assert "Payments start in March." not in html


def test_each_passage_is_one_anchor_and_ids_are_unique():
    found = corpus()
    page = read_source(Client().get(found.sources[0].get_absolute_url()).content.decode())
    anchors = [i for i in page.ids if i.startswith("passage-")]
    assert len(anchors) == len(set(anchors))
    assert set(anchors) == set(page.pieces)  # every piece names a passage that has its anchor


@dataclass
class Cite:
    pk: int
    start: int
    end: int
    is_found: bool = True

    @property
    def anchor(self):
        return f"passage-{self.pk}"


def passage(pk: int, start: int, end: int, highlighted=True) -> Passage:
    return Passage(Cite(pk, start, end), None, highlighted)


def flatten(paragraphs) -> list[str]:
    out = []
    for paragraph in paragraphs:
        html = ""
        for token in paragraph:
            if token.open:
                html += f"<{token.open.anchor}{'#' if token.anchor else ''}>"
            elif token.close:
                html += f"</{token.close.anchor}>"
            else:
                html += token.text
        out.append(html)
    return out


@pytest.mark.parametrize(
    ("spans", "expected"),
    [
        ([(1, 0, 5)], ["<passage-1#>abcde</passage-1>fghij", "klmno"]),
        (  # nested
            [(1, 0, 10), (2, 2, 4)],
            ["<passage-1#>ab<passage-2#>cd</passage-2>efghij</passage-1>", "klmno"],
        ),
        (  # crossing: the second is cut at the first's end, its anchor on its first piece
            [(1, 0, 4), (2, 2, 7)],
            ["<passage-1#>ab<passage-2#>cd</passage-2></passage-1><passage-2>efg</passage-2>hij", "klmno"],
        ),
        (  # across a paragraph break
            [(1, 8, 14)],
            ["abcdefgh<passage-1#>ij</passage-1>", "<passage-1>kl</passage-1>mno"],
        ),
        (  # the same span twice
            [(1, 0, 3), (2, 0, 3)],
            ["<passage-1#><passage-2#>abc</passage-2></passage-1>defghij", "klmno"],
        ),
    ],
)
def test_passages_nest_and_split_into_pieces(spans, expected):
    text = "abcdefghij\n\nklmno"
    assert flatten(nested_paragraphs(text, [passage(*s) for s in spans])) == expected


def test_a_stated_date_is_shown_once_with_its_label():
    raw = (
        "Ministers sign a water accord\n\nWritten by: Jane Doe 4 min read Updated: May 27, 2026 04:37 AM IST\n\n"
        + source_text("Astoria")
    )
    meta = extract_metadata(raw, clean_text(raw))
    stated = [
        {"label": d.label, "text": d.text, "value": d.value.isoformat(), "timezone": d.timezone}
        for d in meta.stated_dates
    ]
    source = SourceFactory(text=clean_text(raw).text, raw_text=raw, stated_dates=stated, byline=meta.byline)
    explainer_citing("On the accord", [("The accord was signed.", source, "signed the water accord")])
    html = Client().get(source.get_absolute_url()).content.decode()
    facts = html[html.index('<dl class="facts">') : html.index("</dl>")]
    assert "<dt>Updated</dt>" in facts and "May 27, 2026 04:37 AM IST" in facts
    assert "Updated:" not in facts and facts.count("Updated") == 1
    assert facts.count("Jane Doe") == 1 and "min read" not in html


def test_a_reference_quote_never_opens_with_two_quotation_marks():
    source = SourceFactory(
        text='At the ceremony he said, "We are signing the pact today," and left.',
        raw_text='At the ceremony he said, "We are signing the pact today," and left.',
    )
    explainer, _ = explainer_citing(
        "On the signing",
        [
            ("He said they were signing.", source, '"We are signing the pact today,"'),
            ("He left.", source, '"We are signing the pact today," and left'),
        ],
    )
    html = Client().get(explainer.get_absolute_url()).content.decode()
    quotes = [unescape(q) for q in re.findall(r"<q>(.*?)</q>", html)]
    assert "We are signing the pact today," in quotes  # the <q> draws the marks
    assert "‘We are signing the pact today,’ and left" in quotes  # a quote within a quote
    assert not any(q.startswith(('"', "“")) for q in quotes)


@pytest.mark.parametrize(
    ("quote", "shown"),
    [
        ("“We are signing.”", "We are signing."),
        ('"We are signing,"', "We are signing,"),
        ("“We are signing a deal", "We are signing a deal"),
        ("signing a deal.”", "signing a deal."),
        ("India's pact", "India's pact"),
        ("It said “milestone” today", "It said ‘milestone’ today"),
        ('"We are signing," he said', "‘We are signing,’ he said"),
        ("plain words", "plain words"),
    ],
)
def test_unquoted_leaves_the_marks_to_the_q_element(quote, shown):
    assert unquoted(quote) == shown


def test_a_source_page_costs_the_same_queries_for_one_explainer_and_for_many():
    def cost(explainers: int) -> int:
        place = f"Dunmore {explainers}"
        source = SourceFactory(text=source_text(place), raw_text=source_text(place))
        for n in range(explainers):
            explainer_citing(
                f"Explainer {n}",
                [(f"Sentence {n}.{k}.", source, SENTENCES[k].format(place=place)[:30]) for k in range(3)],
            )
        reader = Client()
        url = source.get_absolute_url()
        assert reader.get(url).status_code == 200
        with CaptureQueriesContext(connection) as captured:
            assert reader.get(url).status_code == 200
        return len(captured)

    assert cost(1) == cost(6)
