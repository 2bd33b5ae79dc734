"""Transcripts: whoever asks is never quoted, under any label form; a recorded clip is its speaker's."""

import pytest

from sources.text.clean import Cleaned
from sources.text.document import TextDocument
from sources.text.lexicon import lexicon
from sources.text.people import find_people
from sources.text.quotes import find_quotations


def read(text: str, raw: str | None = None) -> TextDocument:
    """A document whose page before cleaning was `raw` (a header the cleaning took out)."""
    return TextDocument.read(raw or text, Cleaned(text, ()), lexicon(""))


def spoken(text: str, raw: str | None = None) -> list[tuple[str, str]]:
    document = read(text, raw)
    return [(q.speaker, q.text[:14]) for q in find_quotations(document, find_people(document))]


INTERVIEW = (
    "HOST: Ports are busier than ever this winter. With me is the harbourmaster, Pieter Claes.\n\n"
    "PIETER CLAES: Good evening, Marta, and thanks for having me.\n\n"
    "HOST: How long does a ship wait to berth now?\n\n"
    "PIETER CLAES: About two days at the worst of it, down from five last year.\n\n"
    "MARTA OYELARAN: And the new crane, will it arrive on time?\n\n"
    "PIETER CLAES: It lands in March, and we will have it working by April.\n\n"
    "MARTA OYELARAN: What would you say to the truck drivers waiting outside?\n\n"
    "PIETER CLAES: That we hear them, and that the night shift starts next week.\n\n"
    "MARTA OYELARAN: Pieter Claes, thank you."
)


def test_a_host_whose_labels_switch_to_her_name_is_never_quoted():
    assert [speaker for speaker, _ in spoken(INTERVIEW)] == ["Pieter Claes"] * 4


def test_the_host_named_by_a_switched_label_is_a_person_with_the_hosts_role():
    people = {p.name: p for p in find_people(read(INTERVIEW))}
    assert people["Marta Oyelaran"].roles == (("Host", ""),)


def test_labels_that_switch_to_a_name_are_the_questioners_without_a_greeting_by_name():
    text = INTERVIEW.replace("Good evening, Marta, and thanks", "Good evening, and thanks")
    assert {speaker for speaker, _ in spoken(text)} == {"Pieter Claes"}


def test_a_first_name_the_guest_greets_in_reply_to_the_host_is_the_host():
    text = (
        "INTERVIEWER: Welcome to the programme.\n\n"
        "LENA FISCHER: Thanks, Jonas. It is good to be here.\n\n"
        "JONAS WEBER: Is the dam safe?\n\n"
        "LENA FISCHER: It is, and the inspectors said so in May."
    )
    assert spoken(text) == [("Lena Fischer", "Thanks, Jonas."), ("Lena Fischer", "It is, and the")]


def test_the_page_header_can_say_who_presents():
    text = (
        "ROSA LIND: Today, rivers.\n\n"
        "OMAR HADDAD: The river is lower than I have ever seen it.\n\n"
        "ROSA LIND: Is that the drought?\n\n"
        "OMAR HADDAD: Partly, and partly the dams upstream."
    )
    raw = "Evening Report\nModerator: Rosa Lind\n\n" + text
    assert {speaker for speaker, _ in spoken(text, raw)} == {"Omar Haddad"}
    assert {speaker for speaker, _ in spoken(text)} == {"Rosa Lind", "Omar Haddad"}  # nobody said who asks


def test_a_presenter_who_introduces_herself_is_the_questioner():
    text = (
        "PRESENTER: Good morning, I'm Hana Sato and this is Farm Hour.\n\n"
        "KENJI MORI: Morning. The rice harvest is a week late this year.\n\n"
        "HANA SATO: Why is that?\n\n"
        "KENJI MORI: The rain came late, and the paddies stayed wet."
    )
    assert {speaker for speaker, _ in spoken(text)} == {"Kenji Mori"}


@pytest.mark.parametrize(
    "label",
    ["HOST – DANA REYES", "PRESENTER (Dana Reyes)", "MODERATOR DANA REYES"],
)
def test_a_questioners_word_joined_to_a_name_is_never_quoted(label):
    text = (
        f"{label}: Tell us about the new ferry.\n\n"
        "IAN MOSS: It carries four hundred people and runs on batteries.\n\n"
        f"{label}: When does it sail?\n\n"
        "IAN MOSS: The first crossing is on Monday."
    )
    assert {speaker for speaker, _ in spoken(text)} == {"Ian Moss"}
    assert "Dana Reyes" in {p.name for p in find_people(read(text))}


def test_a_guest_greeting_another_guest_who_answered_the_host_stays_quoted():
    text = (
        "HOST: Two growers join us.\n\n"
        "AMY CHO: Happy to be here.\n\n"
        "HOST: Is the season good?\n\n"
        "BEN OKAFOR: Well, Amy, I would say it is the best in years.\n\n"
        "AMY CHO: I agree with Ben on that."
    )
    assert [speaker for speaker, _ in spoken(text)] == ["Amy Cho", "Ben Okafor", "Amy Cho"]


def test_a_reporters_outlet_in_brackets_is_not_a_person():
    text = (
        "MAYOR ELLA TORRES: We open the bridge on Friday.\n\n"
        "REPORTER (Harbour City Gazette): Will it be tolled?\n\n"
        "MAYOR ELLA TORRES: No, never."
    )
    assert {p.name for p in find_people(read(text))} == {"Ella Torres"}


def test_a_clip_labelled_with_a_name_is_that_persons_words():
    text = (
        "PRESENTER: The health minister spoke to parliament on Tuesday.\n\n"
        "CLIP – GRACE ADEYEMI: Every clinic will have a nurse on duty by the end of the year.\n\n"
        "PRESENTER: Joining me now is Dr Tunde Bello.\n\n"
        "TUNDE BELLO: It is a good promise, if it is funded."
    )
    assert spoken(text) == [("Grace Adeyemi", "Every clinic w"), ("Tunde Bello", "It is a good p")]


def test_a_clip_the_turn_before_introduces_is_that_persons_words_and_unsure_when_two_are_named():
    one = (
        "ANCHOR: Earlier, the Mayor of Eastvale, Ruth Okoro, said this about the budget.\n\n"
        "AUDIO: We will not cut a single library, whatever the council decides.\n\n"
        "ANCHOR: Paul Brandt is on the line.\n\n"
        "PAUL BRANDT: The libraries are safe, for now."
    )
    document = read(one)
    clip = find_quotations(document, find_people(document))[0]
    assert (clip.speaker, clip.text[:8]) == ("Ruth Okoro", "We will ")
    two = one.replace("Ruth Okoro, said", "Ruth Okoro, and her deputy, Sam Ito, said")
    document = read(two)
    clip = find_quotations(document, find_people(document))[0]
    assert clip.speaker == "" and set(clip.candidates) == {"Ruth Okoro", "Sam Ito"}


def test_a_title_label_naming_nobody_is_the_one_person_with_that_title_introduced_before_it():
    text = (
        "PRESENTER: Joining me is the Minister for Fisheries, Losa Tuilagi. Good morning, Minister.\n\n"
        "MINISTER: Good morning. The boats are back at sea this week.\n\n"
        "PRESENTER: The Mayor of Apia, Iosefa Leota, says the wharf is too small. Is he right?\n\n"
        "MINISTER: He is, and we will extend it next year."
    )
    assert [q.speaker for q in find_quotations(read(text), find_people(read(text)))] == ["Losa Tuilagi"] * 2


def test_a_guest_label_is_the_guest_the_host_introduced_and_unknown_when_two_were():
    text = (
        "HOST: With me now is Carla Mendes of the River Trust.\n\n"
        "GUEST: Thanks for having me. The river is lower than last year.\n\n"
        "HOST: Why is that?\n\n"
        "GUEST: The rain came late, and the dams held most of it."
    )
    assert {speaker for speaker, _ in spoken(text)} == {"Carla Mendes"}
    two = text.replace("of the River Trust.", "and Dr Joel Ward is on the line.")
    document = read(two)
    first = find_quotations(document, find_people(document))[0]
    assert first.speaker == "" and set(first.candidates) == {"Carla Mendes", "Joel Ward"}


INTERVIEW_BY_NAME = (
    "CLARE DUNN: Ministers say the rail deal is worth billions. The Transport Secretary, Owen Price, "
    "is with us. Good morning.\n\n"
    "OWEN PRICE: Good morning, Clare.\n\n"
    "CLARE DUNN: How many trains will it buy?\n\n"
    "OWEN PRICE: Forty, and the first arrive next spring."
)


def test_where_every_label_is_a_name_the_one_who_introduces_and_is_greeted_by_first_name_asks():
    assert {speaker for speaker, _ in spoken(INTERVIEW_BY_NAME)} == {"Owen Price"}


def test_where_every_label_is_a_name_the_one_who_thanks_the_guest_by_name_at_the_close_asks():
    text = (
        INTERVIEW_BY_NAME.replace("Good morning, Clare.", "Good morning.")
        + "\n\nCLARE DUNN: Owen Price, thank you."
    )
    assert {speaker for speaker, _ in spoken(text)} == {"Owen Price"}


def test_a_minister_introducing_a_colleague_at_a_press_conference_is_still_quoted():
    text = (
        "PREMIER ANNA VOSS: I'm here with the Minister for Roads, Tom Hale, to open the bypass.\n\n"
        "TOM HALE: Thanks, Premier. It cuts twenty minutes off the trip.\n\n"
        "REPORTER: When will it be tolled?\n\n"
        "PREMIER ANNA VOSS: Never, while I am Premier."
    )
    assert {speaker for speaker, _ in spoken(text)} == {"Anna Voss", "Tom Hale"}


@pytest.mark.parametrize(
    "label",
    ["CLIP – ARI NOVAK", "AUDIO CLIP (ARI NOVAK)", "ARI NOVAK (CLIP)", "CLIP: ARI NOVAK", "[CLIP] ARI NOVAK"],
)
def test_a_clip_is_the_words_of_the_person_its_label_names_in_every_form(label):
    text = (
        "PRESENTER: The trade minister spoke after the signing.\n\n"
        f"{label}: Trust is a strategic asset for a small country.\n\n"
        "PRESENTER: Back to the studio, where Tom Lee joins me.\n\n"
        "TOM LEE: Thanks. The market is open."
    )
    assert spoken(text) == [("Ari Novak", "Trust is a str"), ("Tom Lee", "Thanks. The ma")]
