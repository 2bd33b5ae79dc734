"""What readers may see: published explainers and the evidence they stand on; staff see everything."""

from django.db.models import Exists, OuterRef, Q

from explainers.models import BlockClaim, Citation, Claim, Explainer
from sources.models import Agreement, Person, Source

REVIEWED = [Claim.Status.VERIFIED, Claim.Status.DISPUTED, Claim.Status.RETRACTED]


def can_preview(user) -> bool:
    return bool(user and user.is_active and user.is_staff and user.has_perm("explainers.view_explainer"))


def explainers_for(user):
    return Explainer.objects.all() if can_preview(user) else Explainer.objects.published()


def claims_for(user):
    if can_preview(user):
        return Claim.objects.all()
    placed = BlockClaim.objects.filter(
        claim=OuterRef("pk"), block__explainer__in=Explainer.objects.published()
    )
    return Claim.objects.filter(Q(Exists(placed)) | Q(status__in=REVIEWED))


def citations_for(user):
    return (
        Citation.objects.all() if can_preview(user) else Citation.objects.filter(claim__in=claims_for(user))
    )


def sources_for(user):
    if can_preview(user):
        return Source.objects.all()
    cited = Citation.objects.filter(source=OuterRef("pk"), claim__in=claims_for(user))
    origin = Explainer.objects.published().filter(origin_source=OuterRef("pk"))
    return Source.objects.filter(Q(Exists(cited)) | Q(Exists(origin)))


def people_for(user):
    if can_preview(user):
        return Person.objects.all()
    claims = claims_for(user)
    return Person.objects.filter(
        Q(Exists(claims.filter(speaker_person=OuterRef("pk"))))
        | Q(Exists(claims.filter(about_person=OuterRef("pk"))))
        | Q(Exists(Explainer.objects.published().filter(author_links__person=OuterRef("pk"))))
        | Q(Exists(Agreement.objects.filter(signatories__person=OuterRef("pk"))))
    )


def agreements_for(user):
    # Agreements are public records of the story: their page shows only public claims.
    return Agreement.objects.all()
