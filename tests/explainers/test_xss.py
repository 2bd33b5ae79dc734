"""The XSS battery: every payload, through the admin and through the importer, into every text field
that reaches a page. Each must be stored exactly and rendered inert on every public page."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from explainers.models import Claim, Correction, Explainer
from sources.models import Agreement, Organization, Person, Publisher, Source
from tests.admin_forms import change_form_data
from tests.factories import publish_now
from tests.payloads import URL_PAYLOADS, XSS, inert

pytestmark = pytest.mark.django_db


def admin_add(client, model, fields: dict) -> None:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    data = change_form_data(client.get(url)) | fields
    response = client.post(url, data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


def admin_change(client, obj, fields: dict) -> None:
    url = reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    response = client.post(url, change_form_data(client.get(url)) | fields)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors if response.context else response
    )


def public_urls(explainer, source, person, agreement, claim):
    return [
        "/",
        explainer.get_absolute_url(),
        explainer.get_absolute_url() + "evidence/",
        source.get_absolute_url(),
        person.get_absolute_url(),
        agreement.get_absolute_url(),
        claim.get_absolute_url(),
        "/corrections/",
        "/search/?q=payload",
        "/feed/",
        "/api/explainers/",
        f"/api/explainers/{explainer.slug}/",
        "/sitemap.xml",
    ]


def assert_inert_everywhere(urls, payload):
    reader = Client()
    for url in urls:
        response = reader.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        if response["Content-Type"].startswith("text/html"):
            assert inert(html) == [], (url, payload, inert(html))
            assert "<h1>49</h1>" not in html


@pytest.mark.parametrize("payload", XSS, ids=range(len(XSS)))
def test_payload_entered_through_the_admin_is_stored_exactly_and_rendered_inert(publisher_client, payload):
    client = publisher_client
    admin_add(
        client,
        Publisher,
        {"name": f"Publisher payload {payload}", "slug": "publisher-x", "kind": "newspaper"},
    )
    publisher = Publisher.objects.get(slug="publisher-x")
    body = f"The body quotes payload {payload} here."
    admin_add(
        client,
        Source,
        {
            "title": f"Source payload {payload}",
            "slug": "source-x",
            "publisher": publisher.pk,
            "kind": "report",
            "byline": f"By payload {payload}",
            "dek": f"Dek payload {payload}",
            "raw_text": body,
            "text": body,
        },
    )
    source = Source.objects.get(slug="source-x")
    admin_add(client, Organization, {"name": f"Org payload {payload}", "slug": "org-x", "kind": "embassy"})
    admin_add(
        client,
        Person,
        {
            "name": f"Person payload {payload}",
            "slug": "person-x",
            "roles-TOTAL_FORMS": "1",
            "roles-0-title": f"Role payload {payload}",
        },
    )
    person = Person.objects.get(slug="person-x")
    admin_add(
        client,
        Agreement,
        {
            "title": f"Agreement payload {payload}",
            "slug": "agreement-x",
            "kind": "framework",
            "status": "proposed",
            "summary": f"Summary payload {payload}",
            "signed_place": f"Place payload {payload}",
        },
    )
    agreement = Agreement.objects.get(slug="agreement-x")
    admin_add(
        client,
        Claim,
        {
            "text": f"Quote payload {payload}",
            "kind": "quote",
            "status": "verified",
            "speaker_person": person.pk,
            "agreement": agreement.pk,
            "occurred_on": "2026-05-26",
            "note": f"Note payload {payload}",
            "citations-TOTAL_FORMS": "1",
            "citations-0-source": source.pk,
            "citations-0-quote": f"payload {payload}",
        },
    )
    claim = Claim.objects.get(kind="quote")
    assert claim.citations.get().status == "exact"
    admin_add(
        client,
        Explainer,
        {
            "title": f"Explainer payload {payload}",
            "slug": "explainer-x",
            "dek": f"Dek payload {payload}",
            "notes": f"Notes payload {payload}",
            "agreement": agreement.pk,
            "tags": "payload",
            "published_at_0": "2026-05-27",
            "published_at_1": "10:00:00",
            "blocks-TOTAL_FORMS": "2",
            "blocks-0-kind": "paragraph",
            "blocks-0-position": "0",
            "blocks-1-kind": "heading",
            "blocks-1-text": f"Heading {payload}"[:300],
            "corrections-TOTAL_FORMS": "1",
            "corrections-0-kind": "correction",
            "corrections-0-text": f"Correction payload {payload}",
            "corrections-0-published_at_0": "2026-05-28",
            "corrections-0-published_at_1": "09:00:00",
        },
    )
    explainer = Explainer.objects.get(slug="explainer-x")
    block = explainer.blocks.get(kind="paragraph")
    admin_change(client, block, {"items-TOTAL_FORMS": "1", "items-0-claim": claim.pk})
    publish_now(explainer)
    publish_now(agreement)
    # Nothing was lost or rewritten on the way in.
    assert Publisher.objects.get().name == f"Publisher payload {payload}"
    assert Source.objects.get().title == f"Source payload {payload}" and Source.objects.get().raw_text == body
    assert Person.objects.get().name == f"Person payload {payload}"
    assert Claim.objects.get(kind="quote").text == f"Quote payload {payload}"
    assert Explainer.objects.get().dek == f"Dek payload {payload}"
    assert Correction.objects.get().text == f"Correction payload {payload}"
    assert_inert_everywhere(public_urls(explainer, source, person, agreement, claim), payload)
    # The admin shows them inert too: changelists, change forms, history.
    for url in [
        "/admin/explainers/claim/",
        f"/admin/explainers/claim/{claim.pk}/change/",
        f"/admin/explainers/claim/{claim.pk}/history/",
        "/admin/sources/source/",
        f"/admin/explainers/explainer/{explainer.pk}/change/",
        "/admin/integrity/",
        "/admin/autocomplete/?app_label=explainers&model_name=blockclaim&field_name=claim&term=payload",
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        if response["Content-Type"].startswith("application/json"):
            continue  # data, not markup: the autocomplete widget inserts it as text (and nosniff is set)
        if set(payload) & set("<>\"'&"):
            # The admin has markup of its own (icons, filters), so look for the payload itself: escaped, it is gone.
            assert payload not in response.content.decode(), url


@pytest.mark.parametrize("url", URL_PAYLOADS)
def test_url_fields_refuse_dangerous_schemes(url):
    source = Source(title="x", slug="x", publisher=Publisher(name="p", slug="p"), raw_text="x", url=url)
    with pytest.raises(ValidationError) as error:
        source.full_clean(exclude=["publisher"])
    assert "url" in error.value.message_dict


def test_a_javascript_url_inserted_behind_the_forms_back_is_never_a_link():
    from tests.factories import BlockClaimFactory, BlockFactory, CitationFactory, ExplainerFactory

    citation = CitationFactory()
    Source.objects.filter(pk=citation.source_id).update(url="javascript:alert(1)")
    explainer = ExplainerFactory()
    BlockClaimFactory(block=BlockFactory(explainer=explainer), claim=citation.claim)
    publish_now(explainer)
    for url in [explainer.get_absolute_url(), Source.objects.get().get_absolute_url()]:
        html = Client().get(url).content.decode()
        assert 'href="javascript:' not in html and inert(html) == []


DOCUMENT = """Payload headline {p}

Dek with {p} inside.

Minister Asha Menon said, "We will stand by the pact {p} and everything in it." She said the date was fixed.
"""
CITED = "The pact was signed with {p} in the text [1]. Nobody disputes the framework [1].\n"


@pytest.mark.parametrize("payload", XSS, ids=range(len(XSS)))
def test_payload_in_an_imported_document_is_kept_in_the_raw_text_and_rendered_inert(
    tmp_path, settings, payload
):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "report.txt").write_text(DOCUMENT.format(p=payload), encoding="utf-8")
    (folder / "cited.txt").write_text(CITED.format(p=payload), encoding="utf-8")
    settings.SEEDS_DIR = folder
    call_command("import_seeds", "--publish", stdout=StringIO())
    report = Source.objects.get(origin_file="report.txt")
    assert report.raw_text == DOCUMENT.format(p=payload)
    explainer = Explainer.objects.get()
    if not explainer.is_public:
        publish_now(explainer)
    claim = Claim.objects.filter(kind="quote").first() or Claim.objects.first()
    person = Person.objects.first()
    urls = [
        "/",
        explainer.get_absolute_url(),
        explainer.get_absolute_url() + "evidence/",
        report.get_absolute_url(),
        claim.get_absolute_url(),
        "/search/?q=pact",
        "/feed/",
    ]
    if person:
        urls.append(person.get_absolute_url())
    staff = Client()
    from tests.factories import UserFactory

    staff.force_login(UserFactory(username="viewer", groups=["Editor"]))
    for url in urls:
        response = staff.get(url)
        assert response.status_code == 200, url
        assert inert(response.content.decode()) == [], (url, payload)
    admin_page = staff.get(f"/admin/sources/source/{report.pk}/change/").content.decode()
    if set(payload) & set("<>\"'&"):
        assert payload not in admin_page  # the raw text is shown, escaped
