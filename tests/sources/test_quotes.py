"""Quotations and their speakers: named, pronoun-resolved, organisations, and scare quotes left out."""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sources.text.clean import clean_text
from sources.text.people import find_people
from sources.text.quotes import find_quotations

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def seed(prefix: str) -> str:
    return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")


def quotations_in(text: str):
    return find_quotations(text, find_people(text))


def report_quotations():
    return quotations_in(clean_text(seed("000")).text)


def test_report_quotations_and_their_speakers():
    found = [(q.speaker, q.speaker_kind, q.attribution, q.text[:40]) for q in report_quotations()]
    assert found == [
        ("S. Jaishankar", "person", "said", "We are today signing a bilateral India-U"),
        ("S. Jaishankar", "person", "said", "This particular framework aims to deepen"),
        ("Marco Rubio", "person", "said", "I've spoken often during my time here ov"),
        ("US embassy", "organization", "said", "coercive market practices and reduce our"),
        ("US embassy", "organization", "said", "These investments, along with Pax Silica"),
        ("Marco Rubio", "person", "recalled", "It gained momentum later that month when"),
    ]


def test_he_said_resolves_to_the_last_named_speaker():
    second = report_quotations()[1]
    assert second.speaker == "S. Jaishankar"
    assert second.text.endswith(
        "management of critical minerals and rare-earths"
    )  # the trailing comma is dropped


def test_it_said_resolves_to_the_organisation_that_spoke_last():
    embassy = [q for q in report_quotations() if q.speaker_kind == "organization"]
    assert [q.speaker for q in embassy] == ["US embassy", "US embassy"]
    assert embassy[0].text.endswith("vulnerability to single-source monopolies")


def test_quotation_rejoined_by_cleaning_is_one_quotation():
    rubio = report_quotations()[2]
    assert "important that is for our national interest in the United States" in rubio.text
    assert rubio.text.endswith("This is a very important step.")


def test_quote_after_a_reporting_sentence_belongs_to_its_subject():
    last = report_quotations()[-1]
    assert (last.speaker, last.attribution) == ("Marco Rubio", "recalled")
    assert last.text.startswith("It gained momentum later that month when India signed onto Pax Silica.")


def test_scare_quotes_are_not_quotations():
    texts = [q.text for q in report_quotations()]
    assert "milestone" not in texts and "critical minerals framework" not in texts


def test_offsets_slice_to_the_quoted_words_in_the_clean_text():
    text = clean_text(seed("000")).text
    for quotation in quotations_in(text):
        assert text[quotation.start : quotation.end] == quotation.text


def test_pull_quote_and_texts_without_attributions_have_no_quotations():
    for prefix in ("001", "002", "003"):
        assert quotations_in(clean_text(seed(prefix)).text) == []


# --- Invented texts ---------------------------------------------------------------------------------

WIRE = """\
BEIJING, April 4 (Reuters) - China on Friday restricted exports of seven rare earth elements.

“This is a significant escalation,” said Peter Zhang, a trade analyst at Capital Economics. \
“Automakers hold only weeks of inventory, and they have few alternatives.”

Commerce Ministry spokesperson Lin Jian told reporters the curbs were "in line with international \
practice and aimed at safeguarding national security."

The European Chamber of Commerce said it was "deeply concerned by the abrupt introduction of the \
controls", adding that members had not been consulted.

“We are assessing the impact on our supply chain,” a spokesperson for Ford said.

"Absolutely," she said when asked whether talks would continue."""


def test_wire_story_quotations_with_said_after_appositions_and_partial_quotes():
    found = [(q.speaker, q.speaker_kind, q.attribution, q.text[:30]) for q in quotations_in(WIRE)]
    assert found == [
        ("Peter Zhang", "person", "said", "This is a significant escalati"),
        ("Peter Zhang", "person", "said", "Automakers hold only weeks of "),
        ("Lin Jian", "person", "told", "in line with international pra"),
        ("European Chamber of Commerce", "organization", "said", "deeply concerned by the abrupt"),
        ("Ford", "organization", "said", "We are assessing the impact on"),
        # the text never says whether Lin Jian or Peter Zhang is "she": unknown, not the last speaker
        ("", "person", "said", "Absolutely"),
    ]
    assert quotations_in(WIRE)[-1].candidates == ("Lin Jian", "Peter Zhang")


def test_short_quote_counts_only_with_a_reporting_verb_right_beside_it():
    text = (
        'Prime Minister Narendra Modi called the deal "historic" and "a turning point". "Never," Modi said.'
    )
    found = quotations_in(text)
    assert [(q.text, q.speaker) for q in found] == [("Never", "Narendra Modi")]


def test_quote_ending_a_sentence_is_not_attributed_to_the_next_sentence_subject():
    text = (
        'Minister Anna Berg said, "We will publish the contract in full next week." '
        "The opposition said the delay was unacceptable."
    )
    (quotation,) = quotations_in(text)
    assert quotation.speaker == "Anna Berg"


def test_curly_single_quotes_are_quotations_but_apostrophes_are_not():
    text = "Finance Minister Rachel Reeves said: ‘We won’t let supply shocks derail the recovery this year.’"
    (quotation,) = quotations_in(text)
    assert quotation.text == "We won’t let supply shocks derail the recovery this year."
    assert quotation.speaker == "Rachel Reeves"


def test_surname_shared_by_two_people_resolves_to_the_nearest_full_mention():
    text = (
        "Foreign Minister Lena Menon met Trade Minister Ravi Menon in Delhi.\n\n"
        'Later, Trade Minister Ravi Menon spoke. Menon said, "We will sign the framework before the monsoon session."'
    )
    (quotation,) = quotations_in(text)
    assert quotation.speaker == "Ravi Menon"


def test_unnamed_speaker_is_not_guessed():
    text = 'Pia Lund, the trade minister, spoke first. "The markets will adjust quickly," one trader said.'
    (quotation,) = quotations_in(text)
    assert (quotation.speaker, quotation.candidates) == ("", ())  # not Pia Lund, not dropped


WORDS = [
    "the",
    "minister",
    "said",
    "we",
    "will",
    "sign",
    "today",
    "Rubio",
    "It",
    "he",
    '"',
    "“",
    "”",
    ",",
    ".",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60))
def test_quotation_offsets_always_slice_to_the_quotation_text(words):
    text = "Marco Rubio said the talks went well. " + " ".join(words)
    for quotation in quotations_in(text):
        assert text[quotation.start : quotation.end] == quotation.text
        assert quotation.speaker_kind in {"person", "organization"}  # the speaker may be unknown: ""


# --- Grammar, byline authors, unknown speakers, conventions ------------------------------------------


def test_appositive_and_relative_clause_give_roles_as_stated():
    text = (
        "Dana Whitaker, a spokeswoman for Sierra Shield Insurance, said the filing was ready. "
        "Mwanaisha Juma, who heads the Kisite Reef Marine Trust, said catches were falling."
    )
    roles = {person.name: person.roles for person in find_people(text)}
    assert roles["Dana Whitaker"] == (("spokeswoman for Sierra Shield Insurance", ""),)
    assert roles["Mwanaisha Juma"] == (("heads the Kisite Reef Marine Trust", ""),)


def test_byline_author_is_never_the_speaker_of_he_said():
    from types import SimpleNamespace

    text = "By Fiona Carraway\n\n“We will not sign a deal that leaves the bill with taxpayers,” he said."
    metadata = SimpleNamespace(authors=("Fiona Carraway",))
    found = find_quotations(text, find_people(text, metadata), metadata)
    assert all(q.speaker != "Fiona Carraway" for q in found)


def test_he_said_after_two_men_are_named_is_speaker_unknown_with_candidates():
    text = (
        "Gareth Pennock said, “The terminal will open in 2028.” Dean Fairclough, a regional organiser for "
        "the GMB union, and Pennock then toured the plant.\n\n“It is the best news in years for this town,” he said."
    )
    last = find_quotations(text, find_people(text))[-1]
    assert last.speaker == ""
    assert set(last.candidates) == {"Gareth Pennock", "Dean Fairclough"}


def test_quotation_over_two_paragraphs_with_single_inside_double_is_one_quotation():
    text = (
        "Rosalind Achebe, director of the campaign group Seabed Watch, said:\n\n"
        "‘The government keeps calling this a “carbon corridor”, as if it were a road.\n\n"
        "‘We are being asked to trust that the gas will stay down there for ten thousand years.’"
    )
    (quotation,) = find_quotations(text, find_people(text))
    assert quotation.speaker == "Rosalind Achebe"
    assert "carbon corridor" in quotation.text and quotation.text.endswith("ten thousand years.")
    assert text[quotation.start : quotation.end] == quotation.text


def test_transcript_turns_are_their_speakers_quotes_and_questions_are_not():
    text = (
        "Governor Adrian Castellanos held a press conference.\n\n"
        "GOV. CASTELLANOS: Good afternoon, everybody, and thank you for coming today.\n\n"
        "Q: Governor, is the grant money in the budget or is it a proposal?\n\n"
        "GOV. CASTELLANOS: It is in the May Revision, so it is a proposal for now."
    )
    found = find_quotations(text, find_people(text))
    assert [(q.speaker, q.text[:12]) for q in found] == [
        ("Adrian Castellanos", "Good afterno"),
        ("Adrian Castellanos", "It is in the"),
    ]


def test_transcript_heading_labels_are_not_speakers():
    text = (
        "SPEAKERS: The Hon. Mara Quill MP, Minister for Ports; Dev Anand, Mayor of Eastport\n\n"
        "ISSUES: dredging; the new ferry terminal; harbour fees.\n\n"
        "MINISTER QUILL: Thanks for coming out to the harbour this morning, everyone.\n\n"
        "REPORTER: When will the dredging start?\n\n"
        "MINISTER QUILL: In September, once the permits are through."
    )
    people = find_people(text)
    assert "Speakers" not in {p.name for p in people} and "Issues" not in {p.name for p in people}
    found = find_quotations(text, people)
    assert [q.text[:8] for q in found] == ["Thanks f", "In Septe"]


def test_someone_unnamed_calling_out_is_a_quotation_with_speaker_unknown():
    text = 'As Minister Pia Lund spoke, a man at the back called out, "Where was the money last winter?"'
    (quotation,) = quotations_in(text)
    assert quotation.text == "Where was the money last winter?"
    assert (quotation.speaker, quotation.candidates) == ("", ())


def test_a_relative_clause_after_the_appositive_keeps_the_subject():
    text = (
        "Gareth Pell, the chief executive of Tees Harbour Company, which will build the terminal, "
        "said a decision was expected 'before Christmas, once the lenders have signed off'. "
        "Dean Fair, a union organiser, called it 'the first piece of good news in years'."
    )
    first, second = quotations_in(text)
    assert (first.speaker, second.speaker) == ("Gareth Pell", "Dean Fair")


def test_a_surname_that_speaks_is_the_full_name_written_elsewhere():
    text = (
        "The deal was signed by Helen Marsh and the energy minister, Eirik Dahl.\n\n"
        "Marsh, whose job title was created in last year's reshuffle, told reporters: "
        "\u2018Nobody in Redcar wants to hear that the answer is to close the works.\u2019"
    )
    people = find_people(text)
    assert {p.name for p in people} == {"Helen Marsh", "Eirik Dahl"}
    (quotation,) = find_quotations(text, people)
    assert quotation.speaker == "Helen Marsh"


def test_a_quotation_paragraph_after_an_attributed_one_is_the_same_speakers():
    text = (
        "Water Minister Clara Whitby said the deal ended years of stalemate.\n\n"
        '"For too long the river has been a battleground," Minister Whitby said.\n\n'
        '"We heard the message from the towns downstream, and we acted on it."\n\n'
        "At a meeting in Deniliquin last month, the mood was summed up from the floor.\n\n"
        '"We are not the enemy of the river, and we will still be here."'
    )
    found = quotations_in(text)
    assert [q.speaker for q in found] == ["Clara Whitby", "Clara Whitby", ""]


def test_she_said_skips_a_man_the_text_calls_he_named_in_between():
    text = (
        'Water Minister Jane Roe announced the fund. "It will help every town on the river," she said.\n\n'
        "The fund will be run by Kim Tan, a former auditor, who said his team was ready.\n\n"
        '"We will open the first round in July, and every town can apply," she said.'
    )
    found = quotations_in(text)
    assert [q.speaker for q in found] == ["Jane Roe", "Jane Roe"]


def test_he_said_after_someone_else_spoke_who_is_no_known_person_is_speaker_unknown():
    text = (
        '"Every town that runs dry is a town that dies," state Rep. Dolores Vega said.\n\n'
        "Ana Lopes, 58, said the plan came too late.\n\n"
        '"My well went dry in August and nobody called," he said.'
    )
    assert quotations_in(text)[-1].speaker == ""


def test_title_case_labels_that_come_back_are_an_interview_and_contact_lines_are_not():
    text = (
        "Interviewer: Minister, thanks for joining us. Why now?\n\n"
        "Sarah Lind: Because the grid is full and the wind farms are waiting.\n\n"
        "Interviewer: And the cost?\n\n"
        "Sarah Lind: Some of it will land on bills in the short term.\n\n"
        "Phone: 044 4353 9988\n\nPhone: 044 4353 9989"
    )
    people = find_people(text)
    assert [p.name for p in people] == ["Sarah Lind"]
    assert [q.speaker for q in find_quotations(text, people)] == ["Sarah Lind", "Sarah Lind"]


def test_a_pull_quote_after_an_attributed_paragraph_is_not_that_speakers_second_quotation():
    text = (
        '"We will open the first round in July," said Minister Clara Whitby.\n\n'
        '"Every town on the river can apply for the fund."\n\n'
        'The fund is open to councils. "Every town on the river can apply for the fund," Whitby said.'
    )
    found = quotations_in(text)
    assert [q.text[:10] for q in found if q.speaker] == ["We will op", "Every town"]
    assert found[-1].start > text.index("councils")  # the attributed one, not the pull quote


SPEAKERS = [
    pytest.param(
        '"We will publish every filing online from Monday," said Commissioner Ines Duarte.',
        ("Ines Duarte", "person"),
        id="a title word is no organisation: Commissioner, not Commission",
    ),
    pytest.param(
        '"This is a partnership built on trust and on science," EU Trade and Fisheries '
        "Commissioner Ines Duarte said at the signing.",
        ("Ines Duarte", "person"),
        id="title words before the name after a quotation",
    ),
    pytest.param(
        '"This is the biggest investment in water in a generation," said state Sen. Carl Hutch, R-Lubbock.',
        ("Carl Hutch", "person"),
        id="said, then an abbreviated title, then the name",
    ),
    pytest.param(
        "Norway's Minister of Energy, Eirik Dahl, said:\n\n"
        '"Sharing that capability with our closest neighbour is a natural next step."',
        ("Eirik Dahl", "person"),
        id="the name an appositive title closes is the subject",
    ),
    pytest.param(
        "Care worker Priya Nair, 34, from Leicester, said she had no pay rise.\n\n"
        "'I love the job, but I cannot pay my rent with love,' she said.",
        ("Priya Nair", "person"),
        id="a subject with two appositives",
    ),
    pytest.param(
        "Marian Kehoe, chief executive of the Housing Council, welcomed the plan but warned that "
        'councils lacked staff.\n\n"Councils have been asked to do more with fewer people," she said.',
        ("Marian Kehoe", "person"),
        id="a first predicate before the reporting verb",
    ),
    pytest.param(
        "Fr Peter McVey, the housing campaigner, said the plan was overdue.\n\n"
        '"Every month we wait, another hundred families lose their homes," he said.',
        ("Peter McVey", "person"),
        id="an honorific that says he",
    ),
    pytest.param(
        'Marine campaign group Havfrue said the deal would "make it easier to keep polluting plants open".',
        ("Havfrue", "organization"),
        id="an organisation named by its noun",
    ),
    pytest.param(
        "A Department of Health spokesman said: 'We are working closely with councils on this.'",
        ("Department of Health", "organization"),
        id="a spokesperson before the organisation",
    ),
    pytest.param(
        "A spokesperson for the Home Builders Association said the group would study the plan.\n\n"
        '"We need to see the fine print before we can say more," the spokesperson said.',
        ("Home Builders Association", "organization"),
        id="the spokesperson is the one who spoke for an organisation before",
    ),
    pytest.param(
        '"We need to see the fine print before we can say more," the spokesperson said.',
        ("", "organization"),
        id="the spokesperson nobody named before is unknown",
    ),
    pytest.param(
        "The Ministry of Ports today announced the dredging contract. "
        '"The work will start in the spring and finish by the autumn," the ministry said.',
        ("Ministry of Ports", "organization"),
        id="the ministry is the ministry the text named",
    ),
]


@pytest.mark.parametrize(("text", "speaker"), SPEAKERS)
def test_the_speaker_of_a_quotation(text, speaker):
    (quotation,) = quotations_in(text)
    assert (quotation.speaker, quotation.speaker_kind) == speaker
