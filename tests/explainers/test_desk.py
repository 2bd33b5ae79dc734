"""The editing desk: write, cite and revise an explainer on one screen (plain forms and htmx alike)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from explainers.models import Author, Block, BlockClaim, Citation, Claim, Explainer
from sources.models import Source
from tests.factories import ExplainerFactory, SourceFactory, UserFactory, publish_now

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
ARTICLE = (
    "Chile and Germany agreed on Monday to build a hydrogen export corridor from Antofagasta. "
    "The first shipments of green ammonia are due in 2028, the energy ministry said."
)


def desk_url(explainer, name="", *args):
    route = "admin:explainers_explainer_desk" + (f"_{name}" if name else "")
    return reverse(route, args=[explainer.pk, *args])


def new_explainer(client, title="Hydrogen corridor") -> Explainer:
    response = client.post(
        reverse("admin:explainers_explainer_desk_new"), {"title": title, "dek": "What was agreed."}
    )
    assert response.status_code == 302
    return Explainer.objects.get(title=title)


def test_a_new_explainer_opens_in_the_desk_with_the_writers_byline(editor, editor_client):
    Author.objects.create(name="Asha Rao", slug="asha-rao", user=editor)
    response = editor_client.post(
        reverse("admin:explainers_explainer_desk_new"), {"title": "Hydrogen corridor"}
    )
    explainer = Explainer.objects.get(title="Hydrogen corridor")
    assert response["Location"] == desk_url(explainer)
    assert explainer.slug == "hydrogen-corridor" and explainer.status == "draft"
    assert [link.author.name for link in explainer.author_links.all()] == ["Asha Rao"]
    page = editor_client.get(desk_url(explainer))
    assert page.status_code == 200 and "frame-src 'self'" in page["Content-Security-Policy"]


def test_a_pasted_paragraph_becomes_one_sentence_each(editor_client):
    explainer = new_explainer(editor_client)
    response = editor_client.post(
        desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE}, **HTMX
    )
    assert response.status_code == 200 and response["HX-Trigger"] == "desk-changed"
    assert 'id="desk-body"' not in response.content.decode()  # a part of the page, not the page
    texts = list(
        BlockClaim.objects.filter(block__explainer=explainer)
        .order_by("position")
        .values_list("claim__text", flat=True)
    )
    assert texts == [
        "Chile and Germany agreed on Monday to build a hydrogen export corridor from Antofagasta.",
        "The first shipments of green ammonia are due in 2028, the energy ministry said.",
    ]
    assert "Added 2 sentences." in response.content.decode()


def test_without_javascript_every_form_posts_and_comes_back_to_the_desk(editor_client):
    explainer = new_explainer(editor_client)
    response = editor_client.post(
        desk_url(explainer, "add_block"), {"kind": "heading", "text": "What was agreed"}
    )
    assert response.status_code == 302 and response["Location"].startswith(desk_url(explainer))
    page = editor_client.get(desk_url(explainer)).content.decode()
    assert 'value="What was agreed"' in page and "Heading added." in page


def test_find_a_passage_with_marked_words_and_cite_it_in_one_click(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    response = editor_client.post(
        desk_url(explainer, "source"),
        {"title": "Chile and Germany plan a hydrogen corridor", "publisher": "Andes Wire", "text": ARTICLE},
    )
    assert response.status_code == 302
    source = Source.objects.get(title="Chile and Germany plan a hydrogen corridor")
    assert source.publisher.name == "Andes Wire"
    item = BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first()
    found = editor_client.get(
        desk_url(explainer, "passages"), {"item": item.pk, "q": "hydrogen corridor Antofagasta"}
    )
    html = found.content.decode()
    marked = re.findall(r'<mark class="backing">([^<]+)</mark>', html)
    assert any("hydrogen" in m for m in marked) and any("Antofagasta" in m for m in marked)
    assert source.title in html
    quote = re.search(r'name="quote" value="([^"]+)"', html).group(1)
    cited = editor_client.post(
        desk_url(explainer, "cite", item.pk), {"source": source.pk, "quote": quote}, **HTMX
    )
    assert cited.status_code == 200 and "(exact match, confirmed)" in cited.content.decode()
    citation = Citation.objects.get(claim=item.claim)
    assert citation.status == "exact" and citation.source == source
    assert citation.is_confirmed and citation.confirmed_via == "desk"  # an editor's choice is confirmed
    removed = editor_client.post(desk_url(explainer, "uncite", citation.pk), {"item": item.pk}, **HTMX)
    assert removed.status_code == 200 and not Citation.objects.filter(pk=citation.pk).exists()


def test_a_quote_not_in_the_source_is_refused(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    item = BlockClaim.objects.filter(block__explainer=explainer).first()
    source = SourceFactory()
    response = editor_client.post(
        desk_url(explainer, "cite", item.pk),
        {"source": source.pk, "quote": "words that are nowhere at all"},
        **HTMX,
    )
    assert "is not in" in response.content.decode()
    assert not Citation.objects.filter(claim=item.claim).exists()


def test_sentences_are_edited_moved_and_removed_and_a_stale_save_names_who(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    first, second = BlockClaim.objects.filter(block__explainer=explainer).order_by("position")
    seen = first.claim.version
    editor_client.post(
        desk_url(explainer, "sentence", first.pk),
        {"text": "Chile and Germany agreed on a corridor.", "kind": "fact", "seen_version": seen},
    )
    assert Claim.objects.get(pk=first.claim_id).text == "Chile and Germany agreed on a corridor."
    stale = editor_client.post(
        desk_url(explainer, "sentence", first.pk),
        {"text": "Overwritten.", "kind": "fact", "seen_version": seen},
        **HTMX,
    )
    assert "was changed by editor" in stale.content.decode()
    assert Claim.objects.get(pk=first.claim_id).text == "Chile and Germany agreed on a corridor."
    editor_client.post(desk_url(explainer, "sentence", second.pk), {"action": "up"})
    order = list(
        BlockClaim.objects.filter(block__explainer=explainer)
        .order_by("position")
        .values_list("pk", flat=True)
    )
    assert order == [second.pk, first.pk]
    editor_client.post(desk_url(explainer, "sentence", first.pk), {"action": "delete"})
    assert (
        not BlockClaim.objects.filter(pk=first.pk).exists()
        and Claim.objects.filter(pk=first.claim_id).exists()
    )


def test_blocks_are_moved_and_removed(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "heading", "text": "Why it matters"})
    paragraph, heading = Block.objects.filter(explainer=explainer).order_by("position")
    editor_client.post(desk_url(explainer, "block", heading.pk), {"action": "up"})
    assert list(Block.objects.filter(explainer=explainer).order_by("position")) == [heading, paragraph]
    editor_client.post(desk_url(explainer, "block", heading.pk), {"action": "delete"})
    assert list(Block.objects.filter(explainer=explainer)) == [paragraph]


def test_the_preview_is_the_readers_page_of_the_working_version(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    preview = editor_client.get(desk_url(explainer, "preview"))
    assert preview.status_code == 200 and "hydrogen export corridor" in preview.content.decode()
    assert (
        preview["X-Frame-Options"] == "SAMEORIGIN"
        and "frame-ancestors 'self'" in preview["Content-Security-Policy"]
    )
    assert "no-store" in preview["Cache-Control"]
    assert Client().get(f"/explainers/{explainer.slug}/").status_code == 404


def test_desk_edits_of_a_live_explainer_wait_for_a_publisher(editor_client, publisher_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    publish_now(explainer)
    item = BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first()
    editor_client.post(
        desk_url(explainer, "sentence", item.pk),
        {"text": "A rewritten first sentence.", "kind": "fact", "seen_version": item.claim.version},
    )
    assert (
        "A rewritten first sentence." not in Client().get(f"/explainers/{explainer.slug}/").content.decode()
    )
    panel = editor_client.get(desk_url(explainer, "panel")).content.decode()
    assert "Unpublished changes" in panel and "A rewritten first sentence." in panel


def test_the_desk_keeps_the_workflow_rule(contributor_client, editor_client):
    explainer = ExplainerFactory(status="review")
    assert contributor_client.get(desk_url(explainer)).status_code == 200  # may read it
    response = contributor_client.post(
        desk_url(explainer, "add_block"), {"kind": "heading", "text": "Sneaked in"}, follow=True
    )
    assert "You may not edit" in response.content.decode()
    assert not Block.objects.filter(explainer=explainer).exists()
    htmx = contributor_client.post(
        desk_url(explainer, "add_block"), {"kind": "heading", "text": "Again"}, **HTMX
    )
    assert htmx.status_code == 200 and "You may not edit" in htmx.content.decode()
    assert not Block.objects.filter(explainer=explainer).exists()
    page = contributor_client.get(desk_url(explainer)).content.decode()
    assert 'id="new-block-text"' not in page and "Add to the library" not in page
    staff0 = Client()
    staff0.force_login(UserFactory(username="staff0"))
    assert staff0.get(desk_url(explainer)).status_code == 403
    assert (
        editor_client.post(desk_url(explainer, "add_block"), {"kind": "heading", "text": "Fine"}).status_code
        == 302
    )


def test_details_are_saved_with_the_byline_and_sharing_fields(editor_client):
    explainer = new_explainer(editor_client)
    author = Author.objects.create(name="Mei Lin", slug="mei-lin")
    data = {
        "title": "Hydrogen corridor, explained",
        "slug": explainer.slug,
        "dek": "A new dek.",
        "tags": "hydrogen, Chile",
        "notes": "",
        "social_title": "Why Chile and Germany want a hydrogen corridor",
        "social_description": "",
        "authors": [author.pk],
        "seen_version": explainer.version,
    }
    response = editor_client.post(desk_url(explainer, "details"), data, **HTMX)
    assert response.status_code == 200 and "Details saved." in response.content.decode()
    explainer.refresh_from_db()
    assert explainer.title == "Hydrogen corridor, explained" and explainer.social_title.startswith(
        "Why Chile"
    )
    assert sorted(t.name for t in explainer.tags.all()) == ["Chile", "hydrogen"]
    assert [link.author.name for link in explainer.author_links.all()] == ["Mei Lin"]
    stale = editor_client.post(desk_url(explainer, "details"), data | {"title": "Late"}, **HTMX)
    assert "after you opened it" in stale.content.decode()


def test_the_byline_chooser_offers_the_newsroom_not_the_people_in_the_story(editor_client):
    from tests.factories import PersonFactory

    PersonFactory(name="Xi Jinping")
    Author.objects.create(name="Mei Lin", slug="mei-lin")
    Author.objects.create(name="Gone Writer", slug="gone", is_active=False)
    explainer = new_explainer(editor_client)
    page = editor_client.get(desk_url(explainer)).content.decode()
    assert "Mei Lin" in page and "Xi Jinping" not in page and "Gone Writer" not in page
    found = editor_client.get(
        "/admin/autocomplete/",
        {"app_label": "explainers", "model_name": "explainerauthor", "field_name": "author", "term": ""},
    ).json()
    assert [r["text"] for r in found["results"]] == ["Mei Lin"]


def test_a_stale_sentence_save_keeps_the_editors_words_and_shows_theirs(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    item = BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first()
    seen = item.claim.version
    Claim.objects.filter(pk=item.claim_id).update_versioned(text="Their newer wording.")
    response = editor_client.post(
        desk_url(explainer, "sentence", item.pk),
        {"text": "My wording.", "kind": "fact", "seen_version": seen},
        **HTMX,
    )
    html = response.content.decode()
    assert "Their version: “Their newer wording.”" in html and ">My wording.</textarea>" in html
    assert Claim.objects.get(pk=item.claim_id).text == "Their newer wording."


def test_a_sentence_used_twice_says_so_and_an_analysis_block_makes_analysis(editor_client):
    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    item = BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first()
    quote_block = Block.objects.create(explainer=explainer, position=5, kind="pullquote")
    BlockClaim.objects.create(block=quote_block, claim=item.claim, position=0)
    assert "Also used 1 more time" in editor_client.get(desk_url(explainer)).content.decode()
    block = item.block
    editor_client.post(
        desk_url(explainer, "block", block.pk),
        {"kind": "analysis", "text": "", "seen_version": block.version},
    )
    kinds = set(BlockClaim.objects.filter(block=block).values_list("claim__kind", flat=True))
    assert kinds == {"analysis"}


def test_a_move_that_moves_nothing_says_so_and_saves_no_revision(editor_client):
    from reversion.models import Version

    explainer = new_explainer(editor_client)
    editor_client.post(desk_url(explainer, "add_block"), {"kind": "paragraph", "text": ARTICLE})
    first = BlockClaim.objects.filter(block__explainer=explainer).order_by("position").first()
    before = Version.objects.get_for_object(explainer).count()
    response = editor_client.post(desk_url(explainer, "sentence", first.pk), {"action": "up"}, **HTMX)
    assert "already the first" in response.content.decode()
    assert Version.objects.get_for_object(explainer).count() == before
    editor_client.post(desk_url(explainer, "sentence", first.pk), {"action": "down"})
    timeline = editor_client.get(
        reverse("admin:explainers_explainer_timeline", args=[explainer.pk])
    ).content.decode()
    assert "Sentence moved" in timeline


def test_bylines_saved_together_are_one_line_of_history(editor_client):
    from explainers.models import Edit

    explainer = new_explainer(editor_client)
    authors = [
        Author.objects.create(name=n, slug=n.lower().replace(" ", "-")) for n in ("Mei Lin", "Tom Okafor")
    ]
    data = {
        "title": explainer.title,
        "slug": explainer.slug,
        "dek": explainer.dek,
        "tags": "",
        "authors": [a.pk for a in authors],
        "seen_version": Explainer.objects.get(pk=explainer.pk).version,
    }
    editor_client.post(desk_url(explainer, "details"), data)
    bylines = Edit.objects.filter(explainer=explainer, kind="byline")
    assert [e.summary for e in bylines] == ["Byline: Mei Lin, Tom Okafor"]


def test_only_those_who_may_edit_or_review_make_preview_links(contributor_client):
    explainer = ExplainerFactory(status="review")
    url = reverse("admin:explainers_explainer_preview_link", args=[explainer.pk])
    assert contributor_client.post(url).status_code == 403
    assert not explainer.snapshots.exists()


def test_compare_says_when_a_version_is_not_this_explainers(editor_client):
    explainer = new_explainer(editor_client)
    response = editor_client.get(
        reverse("admin:explainers_explainer_compare", args=[explainer.pk]), {"a": "r999999", "b": "zz"}
    )
    assert "That is not a version of this explainer" in response.content.decode()


def test_a_block_added_in_the_classic_form_is_kept_even_when_left_as_it_came(editor_client):
    from tests.admin_forms import change_form_data

    explainer = ExplainerFactory(status="draft")
    url = reverse("admin:explainers_explainer_change", args=[explainer.pk])
    data = change_form_data(editor_client.get(url)) | {
        "blocks-TOTAL_FORMS": "1",
        "blocks-0-kind": "paragraph",
    }
    assert editor_client.post(url, data).status_code == 302
    assert Block.objects.filter(explainer=explainer).count() == 1
