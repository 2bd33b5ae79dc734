"""What would change for readers, in words: explainers and agreement records."""

from explainers.changes import changes_between


def claim(pk, text, citations=(), status="draft"):
    return {
        "id": pk,
        "text": text,
        "status": status,
        "citations": [{"source": s, "quote": q} for s, q in citations],
    }


def explainer(title="T", blocks=((1,),), claims=(), corrections=()):
    return {
        "explainer": {"title": title, "slug": "t", "dek": "", "notes": "", "tags": [], "authors": []},
        "blocks": [{"kind": "paragraph", "text": "", "items": list(items)} for items in blocks],
        "claims": {str(c["id"]): c for c in claims},
        "corrections": list(corrections),
    }


def kinds(changes):
    return [(c.kind, c.what) for c in changes]


def test_sentence_edits_additions_removals_and_citations_are_named():
    old = explainer(blocks=((1, 2),), claims=[claim(1, "One.", [(1, "q")]), claim(2, "Two.")])
    new = explainer(blocks=((1, 3),), claims=[claim(1, "One, changed.", [(2, "r")]), claim(3, "Three.")])
    found = kinds(changes_between(old, new))
    assert ("changed", "sentence") in found and ("added", "sentence") in found
    assert ("removed", "sentence") in found
    assert ("added", "citation") in found and ("removed", "citation") in found


def test_no_change_is_no_line_and_a_hidden_detail_is_still_said():
    same = explainer(claims=[claim(1, "One.", [(1, "q")])])
    assert changes_between(same, same) == []
    moved = explainer(claims=[claim(1, "One.", [(1, "q")])])
    moved["claims"]["1"]["citations"][0]["start"] = 5
    assert kinds(changes_between(same, moved)) == [("changed", "citation details")]


def test_agreement_records_list_their_fact_box_and_claims():
    def record(place, claims):
        return {
            "agreement": {"title": "Pact", "signed_place": place, "parties": [1, 2], "scope": []},
            "claims": {str(c["id"]): c for c in claims},
            "timeline": [],
        }

    old = record("Delhi", [claim(7, "Signed.")])
    new = record("New Delhi", [claim(7, "Signed.", status="retracted"), claim(8, "Talks began.")])
    found = kinds(changes_between(old, new))
    assert ("changed", "signed place") in found and ("added", "sentence") in found
    assert ("changed", "status") in found
