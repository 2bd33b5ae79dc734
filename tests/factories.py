"""Factories for the test suite's own records (the tests never rely on the seed import)."""

import datetime as dt
import importlib

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from explainers.actor import Operator
from explainers.models import Author, Block, BlockClaim, Citation, Claim, Explainer, ExplainerAuthor
from sources.models import Agreement, Organization, Person, Publisher, Role, Source

SOURCE_TEXT = (
    "India and the US signed a bilateral critical minerals framework on Tuesday.\n\n"
    "The pact covers mining, processing, recycling and related investments.\n\n"
    "China currently dominates global rare earth refining and processing."
)


def ensure_editorial_groups() -> None:
    """The groups the data migrations create; transactional tests flush them, so make them again."""
    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0)
    groups = importlib.import_module("explainers.migrations.0004_editorial_groups")
    workflow = importlib.import_module("explainers.migrations.0009_workflow_permissions")
    publication = importlib.import_module("explainers.migrations.0011_publication_rules")
    confirmations = importlib.import_module("explainers.migrations.0016_confirmations")
    for name, wanted in groups.codenames().items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    for name, codenames in [
        *workflow.GRANTS.items(),
        *publication.GRANTS.items(),
        *confirmations.GRANTS.items(),
    ]:
        group = Group.objects.get(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="explainers", codename__in=codenames)
        )


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    is_staff = True

    @factory.post_generation
    def password(self, create, extracted, **kwargs):
        self.set_password(extracted or "correct horse battery staple")
        if create:
            self.save(update_fields=["password"])

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        for name in extracted or []:
            if not Group.objects.filter(name=name).exists():
                ensure_editorial_groups()
            self.groups.add(Group.objects.get(name=name))


class PublisherFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publisher

    name = factory.Sequence(lambda n: f"Publisher {n}")
    slug = factory.Sequence(lambda n: f"publisher-{n}")
    kind = Publisher.Kind.NEWSPAPER


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    title = factory.Sequence(lambda n: f"Report {n}")
    slug = factory.Sequence(lambda n: f"report-{n}")
    publisher = factory.SubFactory(PublisherFactory)
    raw_text = factory.Sequence(lambda n: f"{SOURCE_TEXT}\n\nDocument {n}.")
    text = factory.LazyAttribute(lambda o: o.raw_text)
    published_at = factory.LazyFunction(lambda: timezone.make_aware(dt.datetime(2026, 5, 27, 4, 37)))


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    title = "External Affairs Minister"


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement

    title = factory.Sequence(lambda n: f"Framework {n}")
    slug = factory.Sequence(lambda n: f"framework-{n}")
    status = Agreement.Status.SIGNED
    signed_on = dt.date(2026, 5, 26)
    signed_place = "Hyderabad House, New Delhi"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = "India and the US signed a critical minerals framework."
    kind = Claim.Kind.FACT


class QuoteFactory(ClaimFactory):
    kind = Claim.Kind.QUOTE
    speaker_person = factory.SubFactory(PersonFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    source = factory.SubFactory(SourceFactory)
    quote = "signed a bilateral critical minerals framework"
    # A citation an editor adds is their choice: confirmed. Suggestions come from the import and
    # the evidence search (`SuggestedCitationFactory`).
    confirmed_at = factory.LazyFunction(timezone.now)
    confirmed_via = Citation.Via.ADMIN


class SuggestedCitationFactory(CitationFactory):
    origin = Citation.Origin.SEARCH
    confirmed_at = None
    confirmed_via = ""


class ExplainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Explainer

    title = factory.Sequence(lambda n: f"What the pact means {n}")
    slug = factory.Sequence(lambda n: f"what-the-pact-means-{n}")
    dek = "A cited explainer."


TEST_PUBLISHER = Operator("test publisher")


def publish_now(subject, *, at=None):
    """Publish `subject` as it stands (no integrity gate): what a publisher's publish action does."""
    from explainers.services import publishing

    snapshot = publishing.publish(subject, by=TEST_PUBLISHER, at=at)
    if isinstance(subject, Explainer):
        Explainer.objects.filter(pk=subject.pk).update_versioned(
            status=Explainer.Status.PUBLISHED, published_at=snapshot.first_published_at
        )
        subject.refresh_from_db()
    return snapshot


class PublishedExplainerFactory(ExplainerFactory):
    """An explainer published as soon as it is made (add content first with `build_explainer`)."""

    @factory.post_generation
    def publish(self, create, extracted, **kwargs):
        if create:
            publish_now(self, at=extracted)


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    explainer = factory.SubFactory(ExplainerFactory)
    position = factory.Sequence(lambda n: n)
    kind = Block.Kind.PARAGRAPH


class BlockClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BlockClaim

    block = factory.SubFactory(BlockFactory)
    claim = factory.SubFactory(ClaimFactory)
    position = factory.Sequence(lambda n: n)


class AuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Author

    name = factory.Sequence(lambda n: f"Desk Writer {n}")
    slug = factory.Sequence(lambda n: f"desk-writer-{n}")


class ExplainerAuthorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExplainerAuthor

    explainer = factory.SubFactory(ExplainerFactory)
    author = factory.SubFactory(AuthorFactory)


def build_explainer(*, published=True, paragraphs=2, sentences=2, sources=2, **fields):
    """A small explainer: `paragraphs` × `sentences` cited fact claims spread over `sources`."""
    explainer = ExplainerFactory(**fields)
    made_sources = [SourceFactory() for _ in range(sources)]
    for p in range(paragraphs):
        block = BlockFactory(explainer=explainer, position=p)
        for s in range(sentences):
            claim = ClaimFactory(text=f"Sentence {p}.{s} about the framework.")
            CitationFactory(claim=claim, source=made_sources[(p * sentences + s) % sources])
            BlockClaimFactory(block=block, claim=claim, position=s)
    if published:
        publish_now(explainer)
    return explainer
