"""The admin home as editors open it: Explainers first, then claims and citations, then the evidence."""

import re

import pytest

pytestmark = pytest.mark.django_db

# What an editor finds on the admin home, in this order (each a changelist link).
EDITORS_FIRST = [
    "/admin/explainers/explainer/",
    "/admin/explainers/claim/",
    "/admin/explainers/citation/",
    "/admin/sources/source/",
    "/admin/sources/person/",
    "/admin/sources/organization/",
]


def _changelists(html: str) -> list[str]:
    """The changelist links of the home page's app list, in page order (each model once)."""
    main = html[html.index('id="content-main"') :]
    links = re.findall(r'<th scope="row"[^>]*>\s*<a href="(/admin/[a-z_]+/[a-z_]+/)"', main)
    return list(dict.fromkeys(links))


@pytest.mark.parametrize("role", ["editor_client", "publisher_client", "contributor_client"])
def test_the_admin_home_lists_explainers_claims_citations_then_sources_people_organisations(request, role):
    client = request.getfixturevalue(role)
    response = client.get("/admin/")
    assert response.status_code == 200
    links = _changelists(response.content.decode())
    assert links[:3] == EDITORS_FIRST[:3]
    assert [link for link in links if link in EDITORS_FIRST] == EDITORS_FIRST
    # The explainers' other models, then the evidence (its other records after its first three), then tags.
    assert links.index("/admin/explainers/author/") < links.index("/admin/sources/source/")
    assert links.index("/admin/sources/organization/") < links.index("/admin/sources/publisher/")
    assert links.index("/admin/sources/publisher/") < links.index("/admin/taggit/tag/")


def test_the_tags_section_reads_tags_not_taggit(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert "Taggit" not in html and "TAGGIT" not in html
    assert re.search(r'<caption>\s*<a href="/admin/taggit/"[^>]*>Tags</a>', html)
    section = editor_client.get("/admin/taggit/").content.decode()
    assert "Taggit" not in section and "Tags administration" in section


def test_a_superuser_sees_the_editors_sections_before_the_sites_own(superuser, client):
    client.force_login(superuser)
    links = _changelists(client.get("/admin/").content.decode())
    assert [link for link in links if link in EDITORS_FIRST] == EDITORS_FIRST
    assert links[0] == "/admin/explainers/explainer/"
    assert links.index("/admin/taggit/tag/") < links.index("/admin/auth/user/")
    assert links.index("/admin/taggit/tag/") < links.index("/admin/axes/accessattempt/")


def test_the_admin_spells_organisations_as_the_site_does(editor_client):
    html = editor_client.get("/admin/").content.decode()
    assert ">Organisations</a>" in html and "Organizations" not in html
    listing = editor_client.get("/admin/sources/organization/").content.decode()
    assert "Select organisation to change" in listing
    assert "Organizations" not in listing
