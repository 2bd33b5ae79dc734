"""The curation file says how to read documents: their locale and a publisher's own furniture."""

import pytest

from explainers.importing.curation import CurationError, load_curation

FILE = """
locale = "en-GB"

[publishers.acme]
name = "Acme Daily"

[documents."us.txt"]
publisher = "acme"
locale = "en-US"

[[furniture]]
publisher = "acme"
lines = ["Brought to you by .+", "Acme Daily: all the news"]

[[furniture]]
lines = ["Scan the QR code.*"]
"""


def load(tmp_path, text):
    path = tmp_path / "curation.toml"
    path.write_text(text, encoding="utf-8")
    return load_curation(path)


def test_document_locale_overrides_the_file_default(tmp_path):
    curation = load(tmp_path, FILE)
    assert curation.reading("us.txt", "text")[0] == "en-US"
    assert curation.reading("other.txt", "text")[0] == "en-GB"


def test_publisher_rules_apply_to_its_documents_and_to_documents_naming_it(tmp_path):
    curation = load(tmp_path, FILE)
    acme = ["Brought to you by .+", "Acme Daily: all the news", "Scan the QR code.*"]
    assert curation.reading("us.txt", "anything")[1] == {"furniture": {"curation": acme}}
    assert curation.reading("x.txt", "… ACME DAILY …")[1] == {"furniture": {"curation": acme}}
    assert curation.reading("x.txt", "unrelated")[1] == {"furniture": {"curation": ["Scan the QR code.*"]}}


def test_without_a_curation_file_nothing_is_added(tmp_path):
    from explainers.importing.curation import Curation

    assert Curation().reading("x.txt", "text") == ("", {})


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('locale = "xx-YY"', "curation.toml.locale: unknown locale “xx-YY”"),
        ('[documents."a.txt"]\nlocale = "en-XX"', "curation.toml.documents.a.txt.locale: unknown locale"),
        (
            '[[furniture]]\nlines = ["(open"]',
            "curation.toml.furniture[1].lines: “(open” is not a valid regular",
        ),
        ("[[furniture]]\nlines = []", "curation.toml.furniture[1].lines: list the lines to remove"),
        ('[[furniture]]\npublisher = "nobody"\nlines = ["x"]', "furniture[1].publisher: unknown publisher"),
    ],
)
def test_bad_reading_rules_are_refused_naming_where(tmp_path, text, message):
    with pytest.raises(CurationError) as error:
        load(tmp_path, text)
    assert any(message in problem for problem in error.value.problems), error.value.problems
