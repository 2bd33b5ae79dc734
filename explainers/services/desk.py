"""The editing desk's writes: blocks and sentences of an explainer, their citations, pasted sources.

Every write checks the workflow's edit rule (`workflow.can_edit`, `can_edit_claim`) and refuses a
stale version naming who changed what; none of them changes what readers see (they change the
working version, which readers see only once a publisher publishes it).
"""

from contextlib import contextmanager
from dataclasses import dataclass

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone
from django.utils.text import slugify

from explainers import editlog
from explainers.actor import as_user
from explainers.history import add_whole_explainer
from explainers.models import Block, BlockClaim, Citation, Claim, Edit, Explainer
from explainers.services.workflow import can_edit, can_edit_claim
from sources.models import Publisher, Source
from sources.models.sources import sha256
from sources.text.anchor import NOT_FOUND
from sources.text.cited import split_sentences

SHIFT = 1_000_000
MAX_SENTENCE = 2000
MAX_PARAGRAPH = 20_000
MAX_NOTE = 1000


class DeskRefused(Exception):
    """An edit the desk cannot make, in words for the editor."""


@dataclass(frozen=True)
class Placed:
    block: Block
    items: list[BlockClaim]


@contextmanager
def saved(explainer: Explainer, by, comment: str):
    """One desk action: one transaction and one history revision of the whole explainer."""
    with transaction.atomic(), reversion.create_revision():
        yield
        if as_user(by) is not None:
            reversion.set_user(by)
        reversion.set_comment(comment)
        add_whole_explainer(explainer)


def _require(explainer: Explainer, by) -> None:
    if not can_edit(explainer, by):
        raise PermissionDenied(
            f"You may not edit “{explainer}” while it is {explainer.get_status_display().lower()}."
        )


def sentences_of(text: str) -> list[str]:
    """A typed or pasted paragraph, cut into sentences."""
    text = " ".join(text.split())[:MAX_PARAGRAPH]
    return [text[start:end] for start, end in split_sentences(text)]


def _next_position(queryset) -> int:
    top = queryset.aggregate(top=Max("position"))["top"]
    return 0 if top is None else top + 1


def add_block(explainer: Explainer, *, by, kind: str, text: str = "") -> Placed:
    """A heading with its words, or a paragraph (pull quote, analysis) of the sentences in `text`."""
    _require(explainer, by)
    if kind not in Block.Kind.values:
        raise DeskRefused(f"“{kind}” is not a kind of block.")
    text = text.strip()
    if not text:
        raise DeskRefused("Type the heading or the paragraph first.")
    with saved(explainer, by, f"Desk: added a {Block.Kind(kind).label.lower()}"):
        Explainer.objects.select_for_update().filter(pk=explainer.pk).first()
        position = _next_position(Block.objects.filter(explainer=explainer))
        if kind == Block.Kind.HEADING:
            block = Block.objects.create(
                explainer=explainer, position=position, kind=kind, text=text[:300], updated_by=as_user(by)
            )
            return Placed(block, [])
        block = Block.objects.create(
            explainer=explainer, position=position, kind=kind, updated_by=as_user(by)
        )
        return Placed(block, _add_sentences(block, text, by=by))


def add_sentences(block: Block, *, by, text: str) -> list[BlockClaim]:
    _require(block.explainer, by)
    if block.kind == Block.Kind.HEADING:
        raise DeskRefused("A heading has no sentences; add a paragraph after it.")
    if not text.strip():
        raise DeskRefused("Type the sentence first.")
    with saved(block.explainer, by, "Desk: added sentences"):
        Block.objects.select_for_update().filter(pk=block.pk).first()
        return _add_sentences(block, text, by=by)


def _add_sentences(block: Block, text: str, *, by) -> list[BlockClaim]:
    kind = Claim.Kind.ANALYSIS if block.kind == Block.Kind.ANALYSIS else Claim.Kind.FACT
    position = _next_position(block.items.all())
    placed = []
    for n, sentence in enumerate(sentences_of(text)):
        claim = Claim.objects.create(text=sentence[:MAX_SENTENCE], kind=kind, updated_by=as_user(by))
        placed.append(BlockClaim.objects.create(block=block, claim=claim, position=position + n))
    if not placed:
        raise DeskRefused("Type the sentence first.")
    return placed


def update_block(block: Block, *, by, kind: str, text: str, seen_version: int) -> Block:
    _require(block.explainer, by)
    if kind not in Block.Kind.values:
        raise DeskRefused(f"“{kind}” is not a kind of block.")
    if kind == Block.Kind.HEADING and block.items.exists():
        raise DeskRefused("A block with sentences cannot become a heading; add a heading before it.")
    if kind == Block.Kind.HEADING and not text.strip():
        raise DeskRefused("A heading needs its words.")
    block.version = seen_version
    block.kind, block.text, block.updated_by = (
        kind,
        text.strip()[:300] if kind == Block.Kind.HEADING else "",
        as_user(by),
    )
    with saved(block.explainer, by, "Desk: changed a block"):
        block.save()
        # Sentences follow their block: analysis is labelled analysis, and a paragraph states facts.
        wanted, other = (
            (Claim.Kind.ANALYSIS, Claim.Kind.FACT)
            if kind == Block.Kind.ANALYSIS
            else (Claim.Kind.FACT, Claim.Kind.ANALYSIS)
        )
        for item in block.items.select_related("claim").filter(claim__kind=other):
            if can_edit_claim(item.claim, by):
                item.claim.kind, item.claim.updated_by = wanted, as_user(by)
                item.claim.save()
    return block


def _swap(model, first, second) -> None:
    """Swap the positions of two rows under a unique (parent, position) rule."""
    a, b = first.position, second.position
    model.objects.filter(pk=first.pk).update(position=F("position") + SHIFT)
    model.objects.filter(pk=second.pk).update(position=a)
    model.objects.filter(pk=first.pk).update(position=b)


def _neighbour(siblings, row, up: bool):
    if up:
        return siblings.filter(position__lt=row.position).order_by("-position").first()
    return siblings.filter(position__gt=row.position).order_by("position").first()


def move_block(block: Block, *, by, up: bool) -> bool:
    """Swap the block with the one before (or after) it; False when it is already first (or last)."""
    _require(block.explainer, by)
    siblings = Block.objects.filter(explainer_id=block.explainer_id)
    if _neighbour(siblings, block, up) is None:
        return False
    with saved(block.explainer, by, "Desk: moved a block"):
        block = siblings.select_for_update().get(pk=block.pk)
        neighbour = _neighbour(siblings, block, up)
        if neighbour is None:
            return False
        _swap(Block, block, neighbour)
        label = block.text or block.get_kind_display()
        editlog.record(
            [block.explainer_id], Edit.Kind.BLOCK_CHANGED, f"Moved {'up' if up else 'down'}: {label[:80]}"
        )
    return True


def delete_block(block: Block, *, by, seen_version: int | None = None) -> None:
    """The block and its sentence slots go; the claims stay in the library."""
    _require(block.explainer, by)
    if seen_version is not None and block.version != seen_version:
        raise block.stale_error()
    with saved(block.explainer, by, "Desk: removed a block"):
        block.delete()


def _editable_item(item: BlockClaim, by) -> None:
    _require(item.block.explainer, by)


def edit_sentence(item: BlockClaim, *, by, text: str, kind: str, seen_version: int) -> Claim:
    _editable_item(item, by)
    claim = item.claim
    if not can_edit_claim(claim, by):
        raise DeskRefused("This sentence is also in an explainer you may not edit now; it was not changed.")
    text = " ".join(text.split())
    if not text:
        raise DeskRefused("A sentence needs its words; delete it instead.")
    if len(text) > MAX_SENTENCE:
        raise DeskRefused(f"A sentence can have at most {MAX_SENTENCE} characters.")
    if kind not in Claim.Kind.values:
        raise DeskRefused(f"“{kind}” is not a kind of sentence.")
    if kind == Claim.Kind.QUOTE and not claim.speaker:
        raise DeskRefused("A quote needs its speaker: set it on the claim's page, then mark it a quote.")
    claim.version = seen_version
    claim.text, claim.updated_by = text, as_user(by)
    if kind != Claim.Kind.QUOTE or claim.kind == Claim.Kind.QUOTE:
        claim.kind = kind
    try:
        claim.full_clean(
            exclude=["speaker_person", "speaker_organization", "speaker_role", "agreement", "about_person"]
        )
    except ValidationError as error:
        raise DeskRefused(" ".join(error.messages)) from None
    with saved(item.block.explainer, by, "Desk: edited a sentence"):
        claim.save()
    return claim


def move_sentence(item: BlockClaim, *, by, up: bool) -> bool:
    """Swap the sentence with its neighbour in the block; False when there is none that way."""
    _editable_item(item, by)
    siblings = BlockClaim.objects.filter(block_id=item.block_id)
    if _neighbour(siblings, item, up) is None:
        return False
    with saved(item.block.explainer, by, "Desk: moved a sentence"):
        item = siblings.select_for_update().select_related("claim").get(pk=item.pk)
        neighbour = _neighbour(siblings, item, up)
        if neighbour is None:
            return False
        _swap(BlockClaim, item, neighbour)
        editlog.record(
            [item.block.explainer_id],
            Edit.Kind.SENTENCE_MOVED,
            f"Moved {'up' if up else 'down'}: {item.claim.text[:80]}",
            claim_id=item.claim_id,
        )
    return True


def remove_sentence(item: BlockClaim, *, by, seen_version: int | None = None) -> None:
    """The sentence leaves the explainer; the claim stays in the library (it may be cited elsewhere)."""
    _editable_item(item, by)
    if seen_version is not None and item.claim.version != seen_version:
        raise item.claim.stale_error()
    with saved(item.block.explainer, by, "Desk: removed a sentence"):
        item.delete()


CONFIRM_PERMISSION = "explainers.confirm_citation"


def may_confirm(user) -> bool:
    """Editors and publishers confirm evidence; a contributor's citations stay suggestions."""
    return user.has_perm(CONFIRM_PERMISSION)


def _confirm_fields(citation: Citation, by, via: str = Citation.Via.DESK) -> None:
    citation.confirmed_at = timezone.now()
    citation.confirmed_by = as_user(by)
    citation.confirmed_via = via


def _writable_citation(citation: Citation, item: BlockClaim, by) -> None:
    _editable_item(item, by)
    if citation.claim_id != item.claim_id:
        raise DeskRefused("That citation belongs to another sentence.")
    if not can_edit_claim(item.claim, by):
        raise DeskRefused("This sentence is also in an explainer you may not edit now; it was not changed.")


def cite(item: BlockClaim, *, by, source: Source, quote: str, replaces: Citation | None = None) -> Citation:
    """Cite a passage of `source` for the sentence; the quote is found in the source on the spot.

    An editor's own choice is confirmed at once (a contributor's waits for an editor); with
    `replaces`, the passage takes the place of that citation, in one step.
    """
    _editable_item(item, by)
    claim = item.claim
    if not can_edit_claim(claim, by):
        raise DeskRefused("This sentence is also in an explainer you may not edit now; it was not changed.")
    if replaces is not None and replaces.claim_id != claim.pk:
        raise DeskRefused("That citation belongs to another sentence.")
    quote = " ".join(quote.split())
    if not quote:
        raise DeskRefused("Choose the passage to cite.")
    comment = "Desk: replaced a citation" if replaces is not None else "Desk: cited a passage"
    with saved(item.block.explainer, by, comment):
        existing = (
            claim.citations.filter(source=source, quote=quote)
            .exclude(pk=getattr(replaces, "pk", None))
            .first()
        )
        if existing is not None:
            if may_confirm(by) and not existing.is_confirmed:
                record_confirmation(existing, by)
            citation = existing
        else:
            citation = Citation(claim=claim, source=source, quote=quote[:5000], updated_by=as_user(by))
            if may_confirm(by):
                _confirm_fields(citation, by)
            citation.save()
            if citation.status == NOT_FOUND:  # raising here rolls the citation back
                raise DeskRefused(f"That passage is not in “{source}” any more; search again.")
        if replaces is not None:
            replaces.delete()
    return citation


def record_confirmation(citation: Citation, by, *, via: str = Citation.Via.DESK) -> None:
    """Mark the citation confirmed by `by` (the caller checked the right to), in the edit log."""
    _confirm_fields(citation, by, via)
    citation.updated_by = as_user(by)
    citation.save(update_fields=["confirmed_at", "confirmed_by", "confirmed_via"])
    editlog.record(
        editlog.holders(citation.claim_id),
        Edit.Kind.CITATION_CONFIRMED,
        editlog.citation_line(citation),
        claim_id=citation.claim_id,
    )


def confirm(citation: Citation, item: BlockClaim, *, by, seen_version: int | None = None) -> Citation:
    """An editor confirms a suggested citation: the passage says what the sentence says."""
    _writable_citation(citation, item, by)
    if not may_confirm(by):
        raise PermissionDenied("Only editors and publishers confirm citations.")
    if seen_version is not None and citation.version != seen_version:
        raise citation.stale_error()
    if citation.is_confirmed:
        return citation
    if not citation.is_found:
        raise DeskRefused("That passage is no longer in its source: replace it instead.")
    with saved(item.block.explainer, by, "Desk: confirmed a citation"):
        record_confirmation(citation, by)
    return citation


def uncite(citation: Citation, item: BlockClaim, *, by) -> None:
    """Remove a citation (a rejected suggestion, or one the sentence no longer needs)."""
    _writable_citation(citation, item, by)
    comment = (
        "Desk: rejected a suggested citation" if not citation.is_confirmed else "Desk: removed a citation"
    )
    with saved(item.block.explainer, by, comment):
        citation.delete()


def decide(item: BlockClaim, *, by, note: str) -> Claim:
    """An editor's decision to publish the sentence without a confirmed citation; readers see the note."""
    _editable_item(item, by)
    claim = item.claim
    if not may_confirm(by):
        raise PermissionDenied("Only editors and publishers decide to publish a sentence unverified.")
    if not can_edit_claim(claim, by):
        raise DeskRefused("This sentence is also in an explainer you may not edit now; it was not changed.")
    note = " ".join(note.split())
    if not note:
        raise DeskRefused(
            "Write the note readers will see, e.g. “Published as the original article's claim, unverified.”"
        )
    if len(note) > MAX_NOTE:
        raise DeskRefused(f"A note can have at most {MAX_NOTE} characters.")
    with saved(item.block.explainer, by, "Desk: decided to publish a sentence unverified"):
        claim.decision_note, claim.decided_by, claim.decided_at = note, as_user(by), timezone.now()
        claim.updated_by = as_user(by)
        claim.save(update_fields=["decision_note", "decided_by", "decided_at"])
        editlog.record(
            editlog.holders(claim.pk),
            Edit.Kind.DECISION,
            f"Published unverified: “{note[:90]}”",
            claim_id=claim.pk,
        )
    return claim


def undecide(item: BlockClaim, *, by) -> Claim:
    _editable_item(item, by)
    claim = item.claim
    if not may_confirm(by):
        raise PermissionDenied("Only editors and publishers decide to publish a sentence unverified.")
    if not can_edit_claim(claim, by):
        raise DeskRefused("This sentence is also in an explainer you may not edit now; it was not changed.")
    with saved(item.block.explainer, by, "Desk: withdrew a decision to publish a sentence unverified"):
        claim.decision_note, claim.decided_by, claim.decided_at = "", None, None
        claim.updated_by = as_user(by)
        claim.save(update_fields=["decision_note", "decided_by", "decided_at"])
        editlog.record(editlog.holders(claim.pk), Edit.Kind.DECISION, "Decision withdrawn", claim_id=claim.pk)
    return claim


def paste_source(*, by, title: str, publisher: str, text: str, url: str = "") -> tuple[Source, bool]:
    """A source typed or pasted on the desk: kept as received, citable at once."""
    if not by.has_perm("sources.add_source"):
        raise PermissionDenied("You may not add sources.")
    title, publisher, text = title.strip()[:500], publisher.strip()[:200], text.strip()
    if not title or not text:
        raise DeskRefused("A source needs a title and its text.")
    if "\x00" in text:
        raise DeskRefused("The text has a NUL character: paste plain text.")
    same = Source.objects.filter(content_hash=sha256(text)).first()
    if same is not None:
        return same, False
    with transaction.atomic():
        owner = None
        if publisher:
            owner = Publisher.objects.filter(name__iexact=publisher).first()
        if owner is None:
            name = publisher or "Publisher not stated"
            owner, _ = Publisher.objects.get_or_create(
                slug=slugify(name)[:200] or "publisher-not-stated", defaults={"name": name}
            )
        slug = base = slugify(title)[:180] or "source"
        n = 1
        while Source.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        source = Source(
            title=title,
            slug=slug,
            publisher=owner,
            raw_text=text,
            text=text,
            url=url[:1000],
            updated_by=as_user(by),
        )
        try:
            source.full_clean()
        except ValidationError as error:
            raise DeskRefused(" ".join(error.messages)) from None
        source.save()
    return source, True
