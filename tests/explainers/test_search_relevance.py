"""Search relevance on a corpus of many stories through the real import: for every query of
`bench/search_relevance.py` (people, places, topics, phrases), the explainer or claim a reader is
after is among the first three results, on SQLite and on PostgreSQL."""

import pytest

from bench.search_relevance import QUERIES, TOP, build_corpus, evaluate, report


def test_the_queries_cover_people_places_topics_and_phrases():
    assert len(QUERIES) >= 20
    kinds = {query.kind for query in QUERIES}
    assert kinds == {"person", "place", "topic", "phrase"}
    assert all(sum(q.kind == kind for q in QUERIES) >= 4 for kind in kinds)
    assert any(q.claim for q in QUERIES) and any(q.explainer for q in QUERIES)


@pytest.mark.django_db
def test_every_query_has_what_the_reader_wants_in_the_top_3():
    size = build_corpus()
    assert size["explainers"] >= 10 and size["claims"] >= 300 and size["sources"] >= 50
    assert size["people"] >= 50
    outcomes = evaluate()
    for outcome in outcomes:
        assert len(outcome.top) <= TOP
    assert all(outcome.found for outcome in outcomes), report(outcomes)
    # A query naming a person of a story lists that story's explainer first.
    people = [outcome for outcome in outcomes if outcome.query.kind == "person"]
    assert all(outcome.position == 1 for outcome in people), report(people)
