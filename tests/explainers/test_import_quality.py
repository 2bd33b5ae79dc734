"""The import reads stories it was never tuned on as an editor would: the corpus in tests/data/stories.

Each story has at least four layouts and the corpus at least four countries' conventions; the
figures are the ones `bench/import_quality.py` prints.
"""

import pytest

from bench.import_quality import STORIES, expected_files, report, score_import, score_parse, story_folders

FOLDERS = story_folders([])


@pytest.fixture(scope="module")
def scores():
    return score_parse(FOLDERS)


def test_the_corpus_is_varied_enough_to_mean_something():
    assert len(FOLDERS) >= 4
    locales = set()
    for folder in FOLDERS:
        files = expected_files([folder])
        assert len({expected["layout"] for _doc, _path, expected in files}) >= 4, folder.name
        locales |= {expected["locale"] for _doc, _path, expected in files}
    assert len({code.split("-")[1] for code in locales}) >= 4, locales
    assert not any("critical mineral" in p.read_text().casefold() for p in STORIES.glob("*/*.txt"))


@pytest.mark.parametrize("field", ["headline", "dates", "publisher"])
def test_metadata_is_read_right(scores, field):
    assert scores[field].recall >= 0.95, report(scores, verbose=True)


def test_quotes_are_found_with_their_speakers(scores):
    assert scores["quotes found"].recall >= 0.95, report(scores, verbose=True)
    assert scores["right speaker"].recall >= 0.95, report(scores, verbose=True)


def test_no_quote_is_given_to_someone_who_did_not_say_it(scores):
    # a speaker the text does not make certain is left unknown for an editor, never guessed
    assert scores["wrong speaker"].found == 0, report(scores, verbose=True)


def test_no_quote_is_given_to_a_byline_author(scores):
    assert scores["quotes to a byline"].found == 0, report(scores, verbose=True)


def test_people_found_are_people_of_the_story(scores):
    assert scores["people"].precision >= 0.95, report(scores, verbose=True)


def test_furniture_goes_and_the_body_stays(scores):
    furniture = scores["furniture surviving"]
    assert furniture.found <= 0.02 * furniture.expected, report(scores, verbose=True)
    assert scores["body kept"].recall == 1.0, report(scores, verbose=True)


@pytest.mark.django_db(transaction=True)
def test_imported_stories_cite_the_right_documents_and_store_no_quote_under_a_byline():
    scores = score_import(FOLDERS, score_parse([]))
    mapping = scores["[n] → document"]
    assert mapping.expected >= 4 * len(FOLDERS)
    assert mapping.precision >= 0.95 and mapping.recall >= 0.95, report(scores, verbose=True)
    assert scores["stored quotes to a byline"].found == 0, report(scores, verbose=True)
    assert scores["pull quote once"].recall == 1.0, report(scores, verbose=True)
