"""The search page as a reader uses it: explainers first, whole-word snippets with the words marked,
no reference markers, one search box, filters by kind and date, a bounded number of queries."""

import datetime as dt
import html as htmllib
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from explainers import search
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    PersonFactory,
    QuoteFactory,
    SourceFactory,
    publish_now,
)

pytestmark = pytest.mark.django_db
HIT = re.compile(
    r'<li class="search-hit search-hit--(\w+)">.*?<a href="([^"]+)">(.*?)</a></h2>(.*?)</li>', re.S
)


@pytest.fixture
def reader():
    cache.clear()
    return Client()


def page(client, **params) -> str:
    response = client.get("/search/", params)
    assert response.status_code == 200, params
    return response.content.decode()


def hits(html: str) -> list[tuple[str, str, str, str]]:
    """(kind, url, title, snippet html) of each result, in order."""
    return [(kind, url, htmllib.unescape(title), snippet) for kind, url, title, snippet in HIT.findall(html)]


def text_of(fragment: str) -> str:
    return htmllib.unescape(re.sub(r"<[^>]+>", "", fragment)).strip()


def story(title, *, dek="A cited explainer.", sentences=(), sources=None, speaker=None, at=None):
    """A published explainer: one claim per sentence (quotes by `speaker`), each citing a source."""
    explainer = ExplainerFactory(title=title, dek=dek)
    block = BlockFactory(explainer=explainer, position=0)
    sources = sources or [SourceFactory()]
    for n, sentence in enumerate(sentences):
        if speaker is not None:
            claim = QuoteFactory(text=sentence, speaker_person=speaker)
        else:
            claim = ClaimFactory(text=sentence)
        CitationFactory(claim=claim, source=sources[n % len(sources)])
        BlockClaimFactory(block=block, claim=claim, position=n)
    publish_now(explainer, at=at)
    return explainer


# --- order ------------------------------------------------------------------------------------


def test_an_explainer_naming_a_person_comes_first_then_the_person_claims_and_sources(reader):
    rubio = PersonFactory(name="Marco Rubio")
    source = SourceFactory(
        title="Rubio visits Delhi", text="Secretary of State Marco Rubio arrived in New Delhi on Monday."
    )
    story(
        "Why the minerals pact matters",
        sentences=["The pact was signed at Hyderabad House.", "Marco Rubio called it a tangible result."],
        sources=[source],
    )
    story("What Rubio said", sentences=["We are strategic allies."], sources=[source], speaker=rubio)
    found = hits(page(reader, q="Rubio"))
    kinds = [kind for kind, *_ in found]
    assert kinds[0] == "explainer" and {"explainer", "claim", "source"} <= set(kinds)
    assert kinds == sorted(kinds, key=search.KIND_ORDER.index), kinds
    # The explainer about him (its title names him) before the one that names him in a sentence.
    assert [title for kind, _, title, _ in found if kind == "explainer"] == [
        "What Rubio said",
        "Why the minerals pact matters",
    ]


def test_within_a_kind_a_title_match_comes_before_a_dek_match_before_a_body_match(reader):
    story("Wetland reports", dek="Nothing more.", sentences=["The Okavango delta floods each winter."])
    story("Okavango, explained", dek="A delta in Botswana.", sentences=["It floods each winter."])
    story("Delta questions", dek="Why the Okavango floods.", sentences=["Water arrives in winter."])
    titles = [title for kind, _, title, _ in hits(page(reader, q="okavango")) if kind == "explainer"]
    assert titles == ["Okavango, explained", "Delta questions", "Wetland reports"]


def test_a_search_by_an_inflected_word_finds_and_marks_the_other_forms(reader):
    story("Signing day", sentences=["The ministers signed the accord in Nairobi."])
    html = page(reader, q="signing")
    claim = next(snippet for kind, _, title, snippet in hits(html) if kind == "explainer")
    assert "<mark>signed</mark>" in claim


# --- snippets ---------------------------------------------------------------------------------


LONG = (
    "The committee met on Tuesday to review the annual fisheries report and the budget. "
    "Members heard evidence from coastal communities about declining catches over a decade. "
    "Several witnesses described how the Shimoni reef fishermen adapted their nets and their seasons. "
    "The chair closed the session by promising a written response within three months of the hearing."
)


def test_snippets_are_whole_words_around_the_match_with_the_match_marked(reader):
    source = SourceFactory(title="Committee hearing", text=LONG)
    story("Reef nets", sentences=["Fishers changed their nets."], sources=[source])
    snippet = next(s for kind, _, _, s in hits(page(reader, q="Shimoni")) if kind == "source")
    assert "<mark>Shimoni</mark>" in snippet
    shown = text_of(snippet)
    assert shown.startswith("…") or LONG.startswith(shown)
    inner = shown.strip("…")
    at = LONG.index(inner)
    assert at == 0 or LONG[at - 1] == " ", shown  # starts at a word
    end = at + len(inner)
    assert end == len(LONG) or not LONG[end].isalnum(), shown  # ends at a word
    assert len(inner) < len(LONG)


def test_no_result_shows_reference_markers(reader):
    syndicated = SourceFactory(
        title="The framework, explained [1]",
        text="India and the US signed a tantalum framework [1]. It covers mining [2, 3]. Later [12] more.",
    )
    story("Tantalum pact", sentences=["The tantalum framework covers mining [2]."], sources=[syndicated])
    html = page(reader, q="tantalum")
    found = hits(html)
    assert {"explainer", "claim", "source"} <= {kind for kind, *_ in found}
    for _, _, title, snippet in found:
        assert not re.search(r"\[\d", title + text_of(snippet)), (title, snippet)


def test_a_person_is_shown_by_name_and_roles_without_repeating_the_name(reader):
    from sources.models import PersonAlias, Role

    rubio = PersonFactory(name="Marco Rubio", slug="marco-rubio")
    PersonAlias.objects.get_or_create(person=rubio, name="Rubio")
    Role.objects.create(person=rubio, title="Secretary of State")
    story("Quotes of the week", sentences=["This is a tangible result."], speaker=rubio)
    person = next(hit for hit in hits(page(reader, q="Rubio")) if hit[0] == "person")
    assert person[2] == "Marco Rubio"
    assert text_of(person[3]) == "Secretary of State"
    assert "Rubio Rubio" not in text_of(page(reader, q="Rubio"))


def test_snippets_escape_what_documents_wrote_around_the_marked_word(reader):
    source = SourceFactory(title="Payload", text='Before <img src=x onerror=alert(1)> Zanzibar "<b>" after.')
    story("Islands", sentences=["Zanzibar exports cloves."], sources=[source])
    html = page(reader, q="zanzibar")
    assert "<img src=x" not in html and "&lt;img src=x onerror=alert(1)&gt; <mark>Zanzibar</mark>" in html


# --- one search box ---------------------------------------------------------------------------


def test_the_results_page_has_one_search_box_filled_with_the_query(reader):
    story("Water rights", sentences=["Irrigators share the river."])
    html = page(reader, q="irrigators")
    assert html.count('role="search"') == 1 and html.count('type="search"') == 1
    assert re.search(r'<input id="q" type="search" name="q" value="irrigators"', html)
    home = reader.get("/").content.decode()
    assert home.count('role="search"') == 1 and 'id="site-search"' in home


# --- filters ----------------------------------------------------------------------------------


def test_the_kind_filter_shows_only_that_kind_and_its_tab_is_current(reader):
    source = SourceFactory(title="Basalt quarry report", text="The basalt quarry doubled output.")
    story("Basalt, explained", sentences=["Basalt output doubled."], sources=[source])
    for kind, wanted in [("explainers", "explainer"), ("claims", "claim"), ("sources", "source")]:
        html = page(reader, q="basalt", kind=kind)
        assert {k for k, *_ in hits(html)} == {wanted}, kind
        assert re.search(rf'<a href="\?q=basalt&amp;kind={kind}" aria-current="page">', html)


def test_the_date_filters_keep_records_published_in_the_span(reader):
    now = timezone.now()
    old = SourceFactory(
        title="Old gypsum survey", text="Gypsum output.", published_at=now - dt.timedelta(days=900)
    )
    recent = SourceFactory(
        title="New gypsum survey", text="Gypsum output.", published_at=now - dt.timedelta(days=10)
    )
    story("Gypsum", sentences=["Gypsum output rose.", "Gypsum prices fell."], sources=[old, recent])

    def sources(**params):
        return {title for kind, _, title, _ in hits(page(reader, q="gypsum", **params)) if kind == "source"}

    assert sources() == {"Old gypsum survey", "New gypsum survey"}
    assert sources(when="month") == {"New gypsum survey"}
    assert sources(when="year") == {"New gypsum survey"}
    day = (now - dt.timedelta(days=900)).date()
    assert sources(since=day.isoformat(), until=day.isoformat()) == {"Old gypsum survey"}
    assert sources(until=(now - dt.timedelta(days=30)).date().isoformat()) == {"Old gypsum survey"}
    assert sources(since=(now - dt.timedelta(days=30)).date().isoformat()) == {"New gypsum survey"}


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "everything'--"}, "Select a valid choice"),
        ({"when": "decade"}, "Select a valid choice"),
        ({"since": "2026-13-45"}, "Enter a valid date"),
        ({"until": "yesterday"}, "Enter a valid date"),
        ({"since": "9999-12-31"}, "Enter a date between"),
        ({"until": "0001-01-01"}, "Enter a date between"),
        ({"since": "2026-06-01", "until": "2026-05-01"}, "The end date comes before the start date"),
    ],
)
def test_an_invalid_filter_is_reported_and_left_out(reader, params, message):
    story("Feldspar", sentences=["Feldspar output rose."])
    html = page(reader, q="feldspar", **params)
    assert message in htmllib.unescape(html) and "This filter was left out" in html
    assert {kind for kind, *_ in hits(html)} >= {"explainer", "claim"}  # searched without it


def test_odd_parameters_never_break_the_page(reader):
    story("Mica", sentences=["Mica output rose."])
    for query in [
        "q=mica&kind=claims&kind=sources",
        "q=mica&page=-3",
        "q=mica&since=%00",
        "q=" + "m" * 5000,
        "q=mica&when=year&since=2026-01-01&page=99999999999",
        "kind=claims",
        "q=%E2%80%AE",
    ]:
        assert reader.get("/search/?" + query).status_code == 200, query


def test_pagination_links_keep_the_valid_filters_and_drop_invalid_ones(reader):
    story("Lignite", sentences=[f"Lignite fact number {n}." for n in range(25)])
    html = page(reader, q="lignite", kind="claims", when="year", since="bogus")
    assert "Page 1 of 2" in html
    link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1)
    assert htmllib.unescape(link) == "?q=lignite&kind=claims&when=year&page=2"
    second = page(reader, q="lignite", kind="claims", when="year", page="2")
    assert "Page 2 of 2" in second and {k for k, *_ in hits(second)} == {"claim"}


# --- bounded work -----------------------------------------------------------------------------


def test_the_page_runs_the_same_queries_for_few_and_many_results_with_filters(reader):
    def queries(count: int, word: str) -> int:
        sources = [SourceFactory(title=f"{word} {n}", text=f"The {word} report {n}.") for n in range(count)]
        story(
            f"{word} story",
            sentences=[f"The {word} output, part {n}." for n in range(count)],
            sources=sources,
        )
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            page(reader, q=word, kind="sources", when="year")
        with CaptureQueriesContext(connection) as everything:
            page(reader, q=word)
        return len(captured), len(everything)

    few, many = queries(3, "rhodium"), queries(40, "iridium")
    assert few == many and max(many) <= 8


# --- the plans with filters (PostgreSQL) ------------------------------------------------------

POSTGRES = pytest.mark.skipif("connection.vendor != 'postgresql'", reason="PostgreSQL query plans")


@pytest.fixture
def dated_archive(db):
    """4,000 documents of every kind over six years, a tenth of them public."""
    import random

    from explainers.models import SearchDocument

    rng = random.Random(3)
    now = timezone.now()
    words = [f"word{n}" for n in range(400)]
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                kind=search.KIND_ORDER[n % 5],
                object_id=n,
                title=f"Document {n}",
                dek=" ".join(rng.choice(words) for _ in range(8)),
                body=" ".join(rng.choice(words) for _ in range(60)) + (" rareword" if n % 500 == 7 else ""),
                url=f"/sources/doc-{n}/",
                visible_from=now - dt.timedelta(hours=1) if n % 10 == 0 else None,
                published_at=now - dt.timedelta(days=rng.randint(0, 2200)),
            )
            for n in range(4000)
        ],
        batch_size=1000,
    )
    SearchDocument.objects.update(vector=search._vector())
    with connection.cursor() as cursor:
        cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")


INDEXES = {
    "search_document_visible_gin",
    "search_document_vector_gin",
    "search_document_leading_gin",
    "search_document_record",
    "search_document_published",
}


@POSTGRES
@pytest.mark.parametrize("query", ["word3", "word3 word4", "rareword"])
@pytest.mark.parametrize(
    "chosen",
    [
        search.Filters(kinds=("claim",)),
        search.Filters(kinds=("explainer",)),
        search.Filters(since=timezone.now() - dt.timedelta(days=31)),
        search.Filters(
            kinds=("source",), since=timezone.now() - dt.timedelta(days=366), until=timezone.now()
        ),
    ],
    ids=["claims", "explainers", "past-month", "sources-past-year"],
)
def test_filtered_searches_still_read_through_the_vector_index(dated_archive, query, chosen):
    import json

    from django.db.models import F

    from explainers.models import SearchDocument

    matches = search.narrowed(search.search(query), chosen)
    ranked = (
        matches.annotate(group=search.kind_group(), rank=search.SearchRank(F("vector"), search._query(query)))
        .order_by("group", "-rank", "title", "pk")
        .values_list("pk", "rank")[:20]
    )
    for queryset in (matches.values("pk")[: search.COUNT_CAP + 1], ranked):
        sql, params = queryset.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"EXPLAIN (FORMAT JSON, ANALYZE) {sql}", params)
            (value,) = cursor.fetchone()
        explained = (json.loads(value) if isinstance(value, str) else value)[0]
        every, stack = [], [explained["Plan"]]
        while stack:
            node = stack.pop()
            every.append(node)
            stack.extend(node.get("Plans", []))
        # Through an index: the vector's GIN, or the filter's own (kind, published date) when the
        # planner finds that narrower; never a scan of the whole table, never a join.
        assert not any(n["Node Type"] == "Seq Scan" for n in every), [n["Node Type"] for n in every]
        assert any(n.get("Index Name") in INDEXES for n in every), [n.get("Index Name") for n in every]
        assert {n.get("Relation Name") for n in every} - {None} == {SearchDocument._meta.db_table}
        assert "JIT" not in explained


# --- the stored documents ---------------------------------------------------------------------


def test_documents_keep_title_dek_and_body_apart_and_the_published_date():
    from explainers.models import SearchDocument

    rubio = PersonFactory(name="Marco Rubio")
    from sources.models import PersonAlias

    PersonAlias.objects.get_or_create(person=rubio, name="Rubio")
    PersonAlias.objects.get_or_create(person=rubio, name="Marco Antonio Rubio")
    source = SourceFactory(title="Report [2]", text="It was signed [1].", dek="The standfirst.")
    explainer = story(
        "The pact", dek="Why it matters.", sentences=["Signed today [3]."], sources=[source], speaker=rubio
    )
    explainer.refresh_from_db()
    document = SearchDocument.objects.get(kind="explainer")
    assert (document.title, document.dek.split("\n")[0]) == ("The pact", "Why it matters.")
    assert "Signed today." in document.body and "[3]" not in document.body
    assert document.published_at == explainer.published_at
    source_document = SearchDocument.objects.get(kind="source")
    assert (source_document.title, source_document.body) == ("Report", "It was signed.")
    printed_day = timezone.make_aware(dt.datetime.combine(source.published_at.date(), dt.time.min))
    assert source_document.published_at == printed_day
    person = SearchDocument.objects.get(kind="person")
    assert person.body == "Also known as Marco Antonio Rubio." and person.published_at is None
    claim = SearchDocument.objects.filter(kind="claim").first()
    assert claim.dek == "Marco Rubio"


# --- documents stored by an older version of the code ---------------------------------------------


def _outdate(documents):
    """Rows as an older version of the code stored them: no dek, no date, raw markers, format 0."""
    from explainers.models import SearchDocument

    SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).update(
        format=0, title="Stale words", dek="", published_at=None, body="Stale words [1]"
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk__in=[d.pk for d in documents]).update(vector=search._vector())


def test_migrate_rebuilds_the_documents_stored_in_an_older_format(reader):
    import io

    from django.core.management import call_command

    from explainers.models import SearchDocument

    story("Older pact", dek="Stored before the dek existed.", sentences=["Vermiculite output rose."])
    _outdate(SearchDocument.objects.all())
    assert not hits(page(reader, q="vermiculite"))  # the stale rows hold other words
    out = io.StringIO()
    call_command("migrate", verbosity=1, stdout=out, interactive=False)
    count = SearchDocument.objects.count()
    assert f"Rebuilt {count} search document(s) stored in an older format." in out.getvalue()
    assert not SearchDocument.objects.filter(format__lt=search.SEARCH_FORMAT).exists()
    document = SearchDocument.objects.get(kind="explainer")
    assert document.dek.startswith("Stored before the dek existed.") and document.published_at is not None
    assert "[1]" not in document.body
    cache.clear()
    assert {kind for kind, *_ in hits(page(reader, q="vermiculite"))} >= {"explainer", "claim"}
    out = io.StringIO()
    call_command("migrate", verbosity=1, stdout=out, interactive=False)
    assert "Rebuilt" not in out.getvalue()  # nothing left to rebuild


def test_the_command_rebuilds_only_outdated_documents_in_bulk(reader):
    from django.core.management import call_command

    from explainers.models import SearchDocument

    def outdated_sources(n, word):
        made = [
            SourceFactory(title=f"{word} survey {i}", text=f"{word.title()} output {i}.") for i in range(n)
        ]
        story(f"{word.title()} story", sentences=[f"Fact {i}." for i in range(n)], sources=made)
        _outdate(SearchDocument.objects.filter(kind="source", object_id__in=[s.pk for s in made]))
        return made

    def queries_to_rebuild(n, word):
        outdated_sources(n, word)
        with CaptureQueriesContext(connection) as queries:
            call_command("rebuild_search_index", "--outdated", verbosity=0)
        assert not SearchDocument.objects.filter(format__lt=search.SEARCH_FORMAT).exists()
        return len(queries)

    current = SearchDocument.objects.filter(format=search.SEARCH_FORMAT)
    few, many = queries_to_rebuild(3, "perlite"), queries_to_rebuild(30, "zeolite")
    assert many == few, (few, many)  # bulk: the same queries for 3 sources or 30
    # Rows already in the current format are left as they are.
    kept = current.filter(kind="explainer").first()
    SearchDocument.objects.filter(pk=kept.pk).update(dek="Kept as stored.")
    call_command("rebuild_search_index", "--outdated", verbosity=0)
    assert SearchDocument.objects.get(pk=kept.pk).dek == "Kept as stored."
    titles = {title for kind, _, title, _ in hits(page(reader, q="zeolite", kind="sources"))}
    assert len(titles) == 20 and all(title.startswith("zeolite survey") for title in titles)


def test_the_weights_migration_is_schema_only_and_imports_no_application_code():
    import ast
    import importlib
    import inspect

    from django.db import migrations

    module = importlib.import_module("explainers.migrations.0023_search_document_weights")
    tree = ast.parse(inspect.getsource(module))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert imported and all(name == "django" or name.startswith("django.") for name in imported), imported
    operations = module.Migration.operations
    assert not [op for op in operations if isinstance(op, migrations.RunPython | migrations.RunSQL)]
    assert ("explainers", "0022_claim_occurred_placement") in module.Migration.dependencies


# --- what a reader sees ----------------------------------------------------------------------------


def test_a_source_is_dated_and_filtered_by_the_day_it_printed(reader):
    # "Updated: May 27, 2026 04:37 AM IST" is 26 May 23:07 in UTC: the reader is shown the 27th.
    source = SourceFactory(
        title="Kaolin deal report",
        text="Kaolin exports grew.",
        published_at=None,
        modified_at=dt.datetime(2026, 5, 26, 23, 7, tzinfo=dt.UTC),
        stated_dates=[{"label": "Updated", "value": "2026-05-27T04:37:00+05:30"}],
    )
    story("Kaolin", sentences=["Kaolin exports grew."], sources=[source])

    def found(**params):
        html = page(reader, q="kaolin", kind="sources", **params)
        return [(title, html) for kind, _, title, _ in hits(html)]

    [(title, html)] = found()
    assert title == "Kaolin deal report"
    assert '<time datetime="2026-05-27">27 May 2026</time>' in html
    assert [t for t, _ in found(since="2026-05-27")] == ["Kaolin deal report"]
    assert [t for t, _ in found(until="2026-05-27", since="2026-05-27")] == ["Kaolin deal report"]
    assert found(until="2026-05-26") == []


@pytest.mark.parametrize(
    ("dotted", "plain"),
    [("U.S.-India", "US-India"), ("U.K.", "UK"), ("E.U.", "EU")],
)
def test_dotted_abbreviations_and_their_undotted_forms_find_each_other(reader, dotted, plain):
    story(f"{dotted} talks on tantalum", sentences=[f"The {dotted} tantalum talks resumed."])
    story(f"{plain} talks on tungsten", sentences=[f"The {plain} tungsten talks resumed."])
    for query in (dotted, plain, dotted.lower(), f"{dotted} talks", f"{plain} talks"):
        titles = {title for kind, _, title, _ in hits(page(reader, q=query, kind="explainers"))}
        assert titles == {f"{dotted} talks on tantalum", f"{plain} talks on tungsten"}, query
    html = page(reader, q=plain, kind="claims")
    assert f"<mark>{dotted.split('-')[0]}</mark>" in html and f"<mark>{plain.split('-')[0]}</mark>" in html


def test_a_claim_result_marks_the_matched_words_in_its_text_escaped_first(reader):
    rubio = PersonFactory(name="Marco Rubio")
    story("Chromite", sentences=["Chromite <b>supplies</b> & prices are secure."], speaker=rubio)
    html = page(reader, q="supply", kind="claims")
    assert len(hits(html)) == 1
    title = re.search(r'<h2><a href="[^"]+">(.*?)</a></h2>', html).group(1)
    assert title == "Chromite &lt;b&gt;<mark>supplies</mark>&lt;/b&gt; &amp; prices are secure."
    assert "<b>" not in html.split("<ol", 1)[1]


def test_a_period_and_dates_together_say_which_applies(reader):
    now = timezone.now()
    old = SourceFactory(
        title="Old basalt survey", text="Basalt output.", published_at=now - dt.timedelta(days=90)
    )
    new = SourceFactory(
        title="New basalt survey", text="Basalt output.", published_at=now - dt.timedelta(days=2)
    )
    story("Basalt", sentences=["Basalt output rose.", "Basalt prices fell."], sources=[old, new])
    since = (now - dt.timedelta(days=120)).date().isoformat()
    html = page(reader, q="basalt", kind="sources", when="week", since=since)
    assert "Published: Choose a period or dates, not both: the dates apply." in htmllib.unescape(html)
    assert '<option value="week" selected>' not in html and '<option value="" selected>' in html
    assert {title for _, _, title, _ in hits(html)} == {"Old basalt survey", "New basalt survey"}
    assert f'value="{since}"' in html


@pytest.mark.parametrize("where", [0, 7, 20, 39])
def test_a_long_documents_snippet_is_whole_words_around_its_match_wherever_it_is(reader, where):
    sentences = [
        f"Sentence {n} of the long hearing record says nothing of note about catches." for n in range(40)
    ]
    sentences[where] = "Witnesses described how the Shimoni reef fishermen adapted their nets."
    text = " ".join(sentences)
    source = SourceFactory(title="A long hearing record", text=text)
    story("Reef nets", sentences=["Fishers changed their nets."], sources=[source])
    snippet = next(s for kind, _, _, s in hits(page(reader, q="Shimoni")) if kind == "source")
    assert snippet.count("<mark>") == 1 and "<mark>Shimoni</mark>" in snippet
    shown = text_of(snippet)
    inner = shown.strip("…")
    at = text.index(inner)
    assert shown.startswith("…") == (at > 0) and shown.endswith("…") == (at + len(inner) < len(text))
    assert at == 0 or text[at - 1] == " ", shown  # starts at a word
    assert at + len(inner) == len(text) or not text[at + len(inner)].isalnum(), shown  # ends at a word
    assert len(inner) <= 2 * 90
