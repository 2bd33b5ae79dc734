"""Story records: database rules refuse bad claims, citations and explainers."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from explainers.models import Block, BlockClaim, Citation, Claim, Explainer
from tests.factories import (
    BlockClaimFactory,
    BlockFactory,
    CitationFactory,
    ClaimFactory,
    ExplainerFactory,
    OrganizationFactory,
    PersonFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def refused(make):
    with pytest.raises(IntegrityError), transaction.atomic():
        make()


def test_quote_without_speaker_is_refused():
    refused(lambda: Claim.objects.create(text="We are signing.", kind="quote"))


def test_quote_with_two_speakers_is_refused():
    refused(
        lambda: Claim.objects.create(
            text="We are signing.",
            kind="quote",
            speaker_person=PersonFactory(),
            speaker_organization=OrganizationFactory(),
        )
    )


def test_fact_with_a_speaker_is_refused():
    refused(lambda: Claim.objects.create(text="A fact.", kind="fact", speaker_person=PersonFactory()))


def test_quote_by_an_organisation_is_accepted():
    claim = Claim.objects.create(
        text="A milestone.", kind="quote", speaker_organization=OrganizationFactory()
    )
    assert claim.speaker == claim.speaker_organization


def test_model_validation_explains_the_speaker_rule():
    claim = Claim(text="We are signing.", kind="quote")
    with pytest.raises(ValidationError, match="exactly one speaker"):
        claim.full_clean()


def test_citation_is_verified_on_save():
    citation = CitationFactory(quote="covers mining, processing")
    assert citation.status == Citation.Status.EXACT
    assert citation.passage == "covers mining, processing"
    assert citation.verified_at is not None
    assert citation.text_hash == citation.source.text_hash


def test_citation_not_in_source_is_an_orphan():
    citation = CitationFactory(quote="Australia will build a refinery")
    assert citation.status == Citation.Status.NOT_FOUND
    assert (citation.start, citation.end) == (None, None)


def test_citation_offsets_must_be_ordered():
    citation = CitationFactory()
    refused(lambda: Citation.objects.filter(pk=citation.pk).update(start=10, end=5, status="normalized"))


def test_exact_citation_must_span_its_quote():
    citation = CitationFactory()
    refused(lambda: Citation.objects.filter(pk=citation.pk).update(end=citation.end + 3))


def test_citation_offsets_must_fall_inside_the_source_text():
    citation = CitationFactory()
    length = len(citation.source.text)
    refused(
        lambda: Citation.objects.filter(pk=citation.pk).update(
            status="fuzzy", start=length - 2, end=length + 40
        )
    )


def test_citation_offsets_are_checked_against_the_new_source_when_moved():
    citation = CitationFactory()
    short = SourceFactory(raw_text="Short.", text="Short.")
    refused(lambda: Citation.objects.filter(pk=citation.pk).update(source=short))


def test_published_explainer_needs_published_at():
    refused(lambda: ExplainerFactory(status="published", published_at=None))
    assert ExplainerFactory(status="published", published_at=timezone.now()).pk


def test_explainer_slug_is_unique():
    ExplainerFactory(slug="pact")
    refused(lambda: ExplainerFactory(slug="pact"))


def test_block_positions_are_unique_within_an_explainer():
    block = BlockFactory(position=3)
    refused(lambda: Block.objects.create(explainer=block.explainer, position=3))
    assert Block.objects.create(explainer=ExplainerFactory(), position=3).pk


def test_sentence_positions_are_unique_within_a_block():
    item = BlockClaimFactory(position=1)
    refused(lambda: BlockClaim.objects.create(block=item.block, claim=ClaimFactory(), position=1))


def test_heading_block_needs_text():
    refused(lambda: Block.objects.create(explainer=ExplainerFactory(), position=0, kind="heading", text=""))


def test_claim_used_in_an_explainer_cannot_be_deleted():
    item = BlockClaimFactory()
    with pytest.raises(ProtectedError, match=r"BlockClaim\.claim"):
        item.claim.delete()


def test_source_text_change_reanchors_its_citations():
    citation = CitationFactory(quote="covers mining, processing")
    source = citation.source
    source.text = "Editor's note: cleaned.\n\n" + source.text
    source.save()
    citation.refresh_from_db()
    assert citation.status == Citation.Status.EXACT
    assert source.text[citation.start : citation.end] == "covers mining, processing"


def test_published_queryset_holds_only_explainers_with_a_public_version():
    from tests.factories import publish_now

    now = timezone.now()
    live = ExplainerFactory()
    publish_now(live)
    publish_now(ExplainerFactory(), at=now + timezone.timedelta(hours=1))
    # A status alone (here set behind the workflow's back) publishes nothing.
    ExplainerFactory(status="published", published_at=now - timezone.timedelta(minutes=1))
    ExplainerFactory(status="draft")
    ExplainerFactory(status="review")
    assert list(Explainer.objects.published()) == [live]
