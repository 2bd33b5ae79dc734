"""Every public page runs the same number of queries whatever the size of what it shows.

Two corpora are built one after the other: a small one, then a large one (more explainers, longer
ones, more sources, quotes, corrections and milestones). Each page is requested once to warm the
caches (support scores, stored renderings), then counted; the large corpus's pages must cost what
the small one's did.
"""

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from explainers.models import Claim, Correction
from tests.factories import (
    AgreementFactory,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
    SourceFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db


def corpus(size: int, name: str) -> dict[str, str]:
    """`size` explainers of `size` paragraphs each about one agreement, one person quoted `size`
    times, one tag, `size` corrections; returns the URL of each kind of page for this corpus."""
    agreement = AgreementFactory(slug=f"{name}-pact")
    person = PersonFactory(slug=f"{name}-person")
    RoleFactory(person=person)
    sources = [SourceFactory(slug=f"{name}-source-{n}") for n in range(size)]
    explainers, claims = [], []
    for e in range(size):
        explainer = ExplainerFactory(slug=f"{name}-{e}", agreement=agreement)
        explainer.tags.add(f"{name}-tag")
        for p in range(size):
            block = BlockFactory(explainer=explainer, position=p)
            for s in range(2):
                claim = ClaimFactory(text=f"Sentence {e}.{p}.{s} about the framework.")
                for source in sources[: 1 + (p + s) % size]:
                    CitationFactory(claim=claim, source=source)
                BlockClaimFactory(block=block, claim=claim, position=s)
                claims.append(claim)
        quote = QuoteFactory(
            text=f"Quote {e} on the framework.",
            speaker_person=person,
            agreement=agreement,
            occurred_on=dt.date(2026, 5, 1 + e),
            status=Claim.Status.VERIFIED,
        )
        CitationFactory(claim=quote, source=sources[0])
        BlockClaimFactory(block=BlockFactory(explainer=explainer, position=size), claim=quote)
        Correction.objects.create(explainer=explainer, text=f"Correction {e}.", published_at=timezone.now())
        publish_now(explainer)
        explainers.append(explainer)
    publish_now(agreement)
    explainer = explainers[-1]
    return {
        "home": "/",
        "explainer": f"/explainers/{explainer.slug}/",
        "evidence": f"/explainers/{explainer.slug}/evidence/",
        "claim": f"/claims/{claims[-1].pk}/",
        "source": f"/sources/{sources[0].slug}/",
        "person": f"/people/{person.slug}/",
        "agreement": f"/agreements/{agreement.slug}/",
        "tag": f"/tags/{name}-tag/",
        "corrections": "/corrections/",
        "search": "/search/?q=framework",
        "feed": "/feed/",
        "sitemap": "/sitemap.xml",
        "api list": "/api/explainers/",
        "api detail": f"/api/explainers/{explainer.slug}/",
    }


def counts(client, urls: dict[str, str]) -> dict[str, int]:
    found = {}
    for page, url in urls.items():
        assert client.get(url).status_code == 200, url  # warms the caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        found[page] = len(captured)
    return found


def test_every_public_page_costs_the_same_queries_for_a_small_and_a_large_corpus():
    reader = Client()
    small = counts(reader, corpus(2, "small"))
    large = counts(reader, corpus(5, "large"))
    differing = {page: (small[page], large[page]) for page in small if small[page] != large[page]}
    assert not differing, f"queries (small corpus, large corpus) differ: {differing}"


def test_a_readers_explainer_pages_cost_one_query():
    reader = Client()
    urls = corpus(3, "story")
    found = counts(reader, {page: urls[page] for page in ("explainer", "evidence", "api detail")})
    assert found == {"explainer": 1, "evidence": 1, "api detail": 1}
