"""Accessibility: axe-core (from node_modules, never a CDN) on every public page type and the admin."""

import json

import pytest

from explainers.models import Claim, Explainer
from sources.models import Agreement, Person, Source
from tests.browser.conftest import AXE, DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
BLOCKING = {"serious", "critical"}


def axe_violations(session) -> list[dict]:
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (run `npm ci`)")
    session.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = session.page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )
    return [v for v in result if v["impact"] in BLOCKING]


def pages() -> dict[str, str]:
    explainer = Explainer.objects.get()
    claim = Claim.objects.filter(kind="quote").first()
    return {
        "home": "/",
        "explainer": explainer.get_absolute_url(),
        "evidence map": explainer.get_absolute_url() + "evidence/",
        "source": Source.objects.get(origin_file="000_e80ecc7bd58d023e.txt").get_absolute_url(),
        "person": Person.objects.by_alias("Marco Rubio").get().get_absolute_url(),
        "agreement": Agreement.objects.get().get_absolute_url(),
        "claim": claim.get_absolute_url(),
        "tag": "/tags/critical-minerals/",
        "search": "/search/?q=rare+earths",
        "corrections": "/corrections/",
        "not found": "/explainers/no-such-explainer/",
    }


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_public_pages_have_no_serious_accessibility_violations(seeded, sessions, viewport):
    # axe is injected as a script, so this context lets it past the site's CSP; other tests keep CSP on.
    reader = sessions(viewport=viewport, bypass_csp=True)
    found = {}
    for name, path in pages().items():
        reader.go(path)
        violations = axe_violations(reader)
        if violations:
            found[name] = violations
    assert not found, json.dumps(found, indent=1)


def test_explainer_admin_page_has_no_serious_accessibility_violations(seeded, desk, sessions):
    editor = sessions(bypass_csp=True)
    editor.login("editor")
    editor.go(f"/admin/explainers/explainer/{Explainer.objects.get().pk}/change/")
    violations = axe_violations(editor)
    assert not violations, json.dumps(violations, indent=1)


@pytest.mark.parametrize("page", ["desk", "compare", "timeline", "import"])
def test_the_desk_and_its_pages_have_no_serious_accessibility_violations(seeded, desk, sessions, page):
    editor = sessions(bypass_csp=True)
    editor.login("editor")
    pk = Explainer.objects.get().pk
    paths = {
        "desk": f"/admin/explainers/explainer/{pk}/desk/",
        "compare": f"/admin/explainers/explainer/{pk}/compare/",
        "timeline": f"/admin/explainers/explainer/{pk}/timeline/",
        "import": "/admin/sources/source/import/",
    }
    editor.go(paths[page])
    violations = axe_violations(editor)
    assert not violations, json.dumps(violations, indent=1)
