"""A person's page as a reader meets it: their name once (other spellings only when they add
something), each role with its organisation and dates, and their published quotes as quotations
with the sources they come from."""

import datetime as dt
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from explainers.actor import acting_as
from explainers.models import Claim
from tests.explainers.organisation_corpus import main, story
from tests.factories import (
    TEST_PUBLISHER,
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    PersonFactory,
    QuoteFactory,
    RoleFactory,
    build_explainer,
    publish_now,
)

pytestmark = pytest.mark.django_db


def test_also_written_leaves_out_the_name_itself_a_part_of_it_and_the_same_name_accented(client):
    story("kestrel")
    html = main(client, "/people/asha-kestrel/")
    assert "Also written: Asha Devi Kestrel</p>" in html
    for spelling in ("Ásha Kestrel", "Also written: Asha Kestrel", "Kestrel;"):
        assert spelling not in html


def test_a_person_whose_aliases_add_nothing_has_no_also_written_line(client):
    s = story("osprey")
    with acting_as(TEST_PUBLISHER):
        s.minister.aliases.exclude(name="Osprey").delete()
        s.minister.add_alias("ASHA OSPREY.")  # the name again, in capitals with a stop
    assert "Also written" not in main(client, "/people/asha-osprey/")


def test_roles_read_with_their_organisation_and_dates_at_the_precision_a_reader_needs(client):
    story("kestrel")
    html = main(client, "/people/asha-kestrel/")
    roles = re.findall(r"<li>(.*?)</li>", html.split('class="roles"', 1)[1].split("</ul>", 1)[0])
    text = [re.sub(r"<[^>]+>", "", r) for r in roles]
    assert text == [
        "Trade Minister, Ministry of Trade of Kestrelland, since January 2025",
        "Deputy Trade Minister, Ministry of Trade of Kestrelland, 2019–2024",
        "Member of Parliament",  # nothing known: no date, no "…"
    ]
    assert '<a href="/organisations/kestrel-ministry/">Ministry of Trade of Kestrelland</a>' in roles[0]


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (dt.date(2025, 1, 20), None, "since January 2025"),
        (dt.date(2019, 3, 1), dt.date(2024, 6, 30), "2019–2024"),
        (dt.date(2024, 1, 5), dt.date(2024, 5, 2), "January–May 2024"),
        (dt.date(2024, 5, 1), dt.date(2024, 5, 31), "May 2024"),
        (None, dt.date(2023, 12, 31), "until December 2023"),
    ],
)
def test_a_roles_dates(client, start, end, shown):
    person = PersonFactory(slug="dated")
    RoleFactory(person=person, title="Envoy", started_on=start, ended_on=end)
    quote = QuoteFactory(speaker_person=person, text="A word on the pact.", status=Claim.Status.VERIFIED)
    CitationFactory(claim=quote)
    explainer = build_explainer(slug="dated-explainer", paragraphs=1, sentences=1, published=False)

    BlockClaimFactory(block=BlockFactory(explainer=explainer, position=9), claim=quote)
    publish_now(explainer)
    assert f'Envoy, <span class="role-dates">{shown}</span>' in main(client, "/people/dated/")


def test_quotes_are_quotations_with_their_sources_as_links_not_links_themselves(client):
    s = story("kestrel")
    html = main(client, "/people/asha-kestrel/")
    figures = re.findall(r'<figure class="quotation">(.*?)</figure>', html, re.S)
    assert len(figures) == 2
    for n, figure in enumerate(figures):
        quote = re.search(r"<blockquote><p>(.*?)</p></blockquote>", figure).group(1)
        assert quote == f"We will build the kestrel supply chain together, step {n}."  # no link inside
        caption = figure.split("<figcaption>", 1)[1]
        assert "Said as Trade Minister" in caption and f'datetime="2026-05-0{n + 1}"' in caption
        cite = re.search(
            r'<cite><a href="(/sources/kestrel-report/#passage-\d+)">Kestrel report</a></cite>', caption
        )
        assert cite, caption
        assert client.get(cite.group(1).split("#")[0]).status_code == 200
    assert '<a href="/claims/' not in html.split("<blockquote>", 1)[1].split("</blockquote>", 1)[0]
    # only published quotes: the draft's claim is not shown anywhere
    assert "Nothing to add." not in html and s.quotes


def test_a_retracted_quote_is_struck_through_with_its_note(client):
    s = story("kestrel")
    claim = s.quotes[0]
    Claim.objects.filter(pk=claim.pk).update(status=Claim.Status.RETRACTED, note="Misattributed.")
    publish_now(s.explainer)
    html = main(client, "/people/asha-kestrel/")
    assert f"<del>{claim.text}</del>" in html and "(retracted: Misattributed.)" in html


def test_a_person_page_costs_the_same_queries_whatever_their_roles_and_quotes():
    reader = Client()
    small, large = story("wren", quotes=1), story("heron", quotes=12)
    with acting_as(TEST_PUBLISHER):
        for n in range(6):
            RoleFactory(person=large.minister, title=f"Envoy {n}", organization=large.embassy)
    found = {}
    for s in (small, large):
        url = f"/people/{s.minister.slug}/"
        reader.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(url).status_code == 200
        found[s.name] = len(queries)
    assert found["wren"] == found["heron"], found


def test_quotes_run_in_the_order_they_were_said_with_undated_ones_last(client):
    person = PersonFactory(slug="speaker")
    explainer = build_explainer(slug="said", paragraphs=1, sentences=1, published=False)
    for n, day in enumerate([None, dt.date(2026, 5, 2), None, dt.date(2026, 1, 9)]):
        quote = QuoteFactory(
            speaker_person=person, text=f"Words {n}.", occurred_on=day, status=Claim.Status.VERIFIED
        )
        CitationFactory(claim=quote)
        BlockClaimFactory(block=BlockFactory(explainer=explainer, position=10 + n), claim=quote)
    publish_now(explainer)
    shown = re.findall(r"<blockquote><p>(.*?)</p></blockquote>", main(client, "/people/speaker/"))
    assert shown == ["Words 3.", "Words 1.", "Words 0.", "Words 2."]
