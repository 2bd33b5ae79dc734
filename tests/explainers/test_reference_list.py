"""The reference list quotes each passage once, however many sentences cite it (the JSON keeps every
citation, with the claim it backs)."""

import json
import re

import pytest

from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    SourceFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db

TEXT = (
    "The ministers signed the framework at Hyderabad House on Tuesday.\n\n"
    "It covers mining, processing and recycling of critical minerals.\n\n"
    "Officials said talks on refining would follow later in the year."
)


def story(name: str, sentences: list[tuple[str, str]]):
    """An explainer whose sentences each cite the given passage of one source."""
    source = SourceFactory(slug=f"{name}-source", raw_text=TEXT)
    explainer = ExplainerFactory(slug=name)
    block = BlockFactory(explainer=explainer, position=0)
    for position, (sentence, passage) in enumerate(sentences):
        claim = ClaimFactory(text=sentence)
        CitationFactory(claim=claim, source=source, quote=passage)
        BlockClaimFactory(block=block, claim=claim, position=position)
    publish_now(explainer)
    return explainer


@pytest.mark.parametrize("repeats", [2, 3, 5])
def test_a_passage_several_sentences_cite_is_quoted_once_with_a_back_link_to_each(client, repeats):
    signed = "signed the framework at Hyderabad House"
    sentences = [(f"Sentence {n} says where it was signed.", signed) for n in range(repeats)]
    sentences.append(("The pact covers mining and recycling.", "mining, processing and recycling"))
    explainer = story(f"repeated-{repeats}", sentences)
    html = client.get(explainer.get_absolute_url()).content.decode()
    references = html[html.index('id="references-heading"') :]
    quotes = re.findall(r"<q>(.*?)</q>", references)
    assert quotes.count(signed) == 1 and len(quotes) == 2
    backlinks = re.findall(r'aria-label="Back to citation 1[a-z]"', references)
    assert len(backlinks) == repeats + 1

    detail = json.loads(client.get(f"/api/explainers/{explainer.slug}/").content)
    cited = [c["quote"] for ref in detail["references"] for c in ref["citations"]]
    assert cited.count(signed) == repeats
