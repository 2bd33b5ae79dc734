"""Two versions of an explainer side by side, as readers would read them: sentence by sentence, with
changed words marked and citations added or removed listed. Pure: contents in, rows out."""

import difflib
import re
from dataclasses import dataclass, field

TOKEN = re.compile(r"\w+|[^\w\s]|\s+")
FIELDS = (
    ("title", "Title"),
    ("dek", "Dek"),
    ("notes", "Notes"),
    ("social_title", "Sharing title"),
    ("social_description", "Sharing description"),
)


@dataclass(frozen=True)
class Segment:
    op: str  # equal, delete (old side only), insert (new side only)
    text: str


@dataclass
class Row:
    label: str
    state: str  # same, changed, added, removed
    old: list[Segment] = field(default_factory=list)
    new: list[Segment] = field(default_factory=list)
    citations_added: list[str] = field(default_factory=list)
    citations_removed: list[str] = field(default_factory=list)

    @property
    def changed_words(self) -> int:
        return sum(1 for s in self.old + self.new if s.op != "equal" and s.text.strip())


def word_diff(old: str, new: str) -> tuple[list[Segment], list[Segment]]:
    """Each side as segments; words only one side has are `delete` (old) or `insert` (new)."""
    a, b = TOKEN.findall(old), TOKEN.findall(new)
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            left.append(Segment("equal", "".join(a[i1:i2])))
            right.append(Segment("equal", "".join(b[j1:j2])))
            continue
        if i2 > i1:
            left.append(Segment("delete", "".join(a[i1:i2])))
        if j2 > j1:
            right.append(Segment("insert", "".join(b[j1:j2])))
    return left, right


def _text_row(label: str, old: str, new: str) -> Row:
    if old == new:
        return Row(label, "same", [Segment("equal", old)], [Segment("equal", new)])
    left, right = word_diff(old, new)
    return Row(label, "added" if not old else "removed" if not new else "changed", left, right)


def _reading_order(content: dict) -> list[tuple[str, object]]:
    """(block label, claim id or heading text) in reading order."""
    order = []
    for block in content.get("blocks", []):
        if block["kind"] == "heading":
            order.append(("heading", block["text"]))
        for pk in block["items"]:
            order.append((block["kind"], pk))
    return order


def _citations(claim: dict, titles: dict) -> set[str]:
    return {f"{titles.get(c['source'], 'a source')}: “{c['quote']}”" for c in claim.get("citations", [])}


def compare(old: dict, new: dict, *, source_titles: dict[int, str]) -> list[Row]:
    rows = []
    before, after = old.get("explainer", {}), new.get("explainer", {})
    for name, label in FIELDS:
        row = _text_row(label, before.get(name, "") or "", after.get(name, "") or "")
        if row.state != "same" or name in ("title", "dek"):
            rows.append(row)
    old_order, new_order = _reading_order(old), _reading_order(new)
    old_claims, new_claims = old.get("claims", {}), new.get("claims", {})
    keys_a = [f"{kind}:{ref}" for kind, ref in old_order]
    keys_b = [f"{kind}:{ref}" for kind, ref in new_order]
    matcher = difflib.SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            for (kind, ref), (_, ref_b) in zip(old_order[i1:i2], new_order[j1:j2], strict=True):
                rows.append(_item_row(kind, ref, old_claims, ref_b, new_claims, source_titles))
            continue
        for kind, ref in old_order[i1:i2]:
            rows.append(_item_row(kind, ref, old_claims, None, new_claims, source_titles))
        for kind, ref in new_order[j1:j2]:
            rows.append(_item_row(kind, None, old_claims, ref, new_claims, source_titles))
    return rows


def _item_row(kind, old_ref, old_claims, new_ref, new_claims, titles) -> Row:
    label = (
        "Heading"
        if kind == "heading"
        else {"pullquote": "Pull quote", "analysis": "Analysis"}.get(kind, "Sentence")
    )
    if kind == "heading":
        return _text_row(label, old_ref or "", new_ref or "")
    old_claim = old_claims.get(str(old_ref)) if old_ref is not None else None
    new_claim = new_claims.get(str(new_ref)) if new_ref is not None else None
    row = _text_row(label, old_claim["text"] if old_claim else "", new_claim["text"] if new_claim else "")
    cited_before = _citations(old_claim, titles) if old_claim else set()
    cited_now = _citations(new_claim, titles) if new_claim else set()
    if old_claim and new_claim:
        row.citations_added = sorted(cited_now - cited_before)
        row.citations_removed = sorted(cited_before - cited_now)
        if row.state == "same" and (row.citations_added or row.citations_removed):
            row.state = "changed"
    return row


def source_ids(*contents: dict) -> set[int]:
    return {
        c["source"]
        for content in contents
        for claim in content.get("claims", {}).values()
        for c in claim.get("citations", [])
    }
