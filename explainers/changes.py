"""What would change for readers: the differences between two contents of an explainer, in words.

Publishers read this before they publish pending changes; history reads it to say what a version
changed. Pure: content in, lines out.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    kind: str  # added, removed, changed
    what: str
    detail: str = ""


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _sentences(content: dict) -> dict[int, dict]:
    """The claims a content shows: an explainer's in reading order, a record's all of them."""
    claims = content.get("claims", {})
    if "blocks" not in content:
        return {int(pk): claim for pk, claim in claims.items()}
    order = [pk for block in content["blocks"] for pk in block["items"]]
    return {pk: claims[str(pk)] for pk in dict.fromkeys(order) if str(pk) in claims}


RECORD_FIELDS = ("title", "short_title", "kind", "status", "summary", "signed_on", "signed_place")
RECORD_LISTS = ("parties", "signatories", "scope", "initiatives", "tags")


def _citations(claim: dict) -> dict[tuple, dict]:
    return {(c["source"], c["quote"]): c for c in claim["citations"]}


def changes_between(old: dict, new: dict) -> list[Change]:
    found = _record_changes(old.get("agreement"), new.get("agreement"))
    before, after = old.get("explainer", {}), new.get("explainer", {})
    for name in ("title", "slug", "dek", "notes"):
        if before.get(name, "") != after.get(name, ""):
            found.append(Change("changed", name, _short(after.get(name, ""))))
    if [t["name"] for t in before.get("tags", [])] != [t["name"] for t in after.get("tags", [])]:
        found.append(Change("changed", "tags", ", ".join(t["name"] for t in after.get("tags", []))))
    if before.get("authors", []) != after.get("authors", []):
        found.append(Change("changed", "authors"))
    layout = [(b["kind"], b["text"]) for b in old.get("blocks", [])]
    if layout != [(b["kind"], b["text"]) for b in new.get("blocks", [])]:
        found.append(Change("changed", "blocks", "headings, paragraphs or their order"))
    was, now = _sentences(old), _sentences(new)
    for pk, claim in now.items():
        earlier = was.get(pk)
        if earlier is None:
            found.append(Change("added", "sentence", _short(claim["text"])))
            continue
        if earlier["text"] != claim["text"]:
            found.append(
                Change("changed", "sentence", f"“{_short(earlier['text'])}” → “{_short(claim['text'])}”")
            )
        if earlier["status"] != claim["status"]:
            found.append(
                Change(
                    "changed",
                    "status",
                    f"{_short(claim['text'], 60)}: {earlier['status']} → {claim['status']}",
                )
            )
        cited_before, cited_now = _citations(earlier), _citations(claim)
        for key in cited_now.keys() - cited_before.keys():
            found.append(Change("added", "citation", f"{_short(claim['text'], 60)}: “{_short(key[1], 60)}”"))
        for key in cited_before.keys() - cited_now.keys():
            found.append(
                Change("removed", "citation", f"{_short(claim['text'], 60)}: “{_short(key[1], 60)}”")
            )
    for pk, claim in was.items():
        if pk not in now:
            found.append(Change("removed", "sentence", _short(claim["text"])))
    old_corrections = {(c["kind"], c["text"]) for c in old.get("corrections", [])}
    for correction in new.get("corrections", []):
        if (correction["kind"], correction["text"]) not in old_corrections:
            found.append(Change("added", correction["kind"], _short(correction["text"])))
    if not found and old != new:
        found.append(
            Change(
                "changed", "citation details", "where quotes sit in their sources, or how they are counted"
            )
        )
    return found


def _record_changes(before: dict | None, after: dict | None) -> list[Change]:
    if not before or not after:
        return []
    found = [
        Change("changed", name.replace("_", " "), _short(str(after.get(name) or "")))
        for name in RECORD_FIELDS
        if before.get(name) != after.get(name)
    ]
    found += [Change("changed", name) for name in RECORD_LISTS if before.get(name) != after.get(name)]
    return found
