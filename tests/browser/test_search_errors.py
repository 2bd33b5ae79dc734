"""The search page's form errors, as a browser and axe-core see them: one alert around a plain list."""

import json

import pytest

from tests.browser.conftest import AXE, DESKTOP, PHONE

pytestmark = pytest.mark.django_db(transaction=True)
ERRORS = "/search/?q=Rubio&since=2026-13-45&until=x"
BOTH = "/search/?q=Rubio&when=week&since=2026-05-01"


def violations(session) -> list[dict]:
    """Every axe-core violation, whatever its impact (a minor role misuse included)."""
    if not AXE.exists():
        pytest.skip(f"axe-core is not installed at {AXE} (run `npm ci`)")
    session.page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    return session.page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}))"
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_form_errors_have_no_accessibility_violations(seeded, sessions, viewport):
    reader = sessions(viewport=viewport, bypass_csp=True)
    for path in (ERRORS, BOTH):
        assert reader.go(path).status == 200
        alert = reader.page.locator("[role=alert]")
        assert alert.count() == 1
        assert alert.evaluate("node => node.tagName") == "DIV"
        assert alert.locator("li").count() >= 1
        found = violations(reader)
        assert not found, json.dumps({path: found}, indent=1)


def test_a_period_and_dates_together_are_reported_and_the_period_shown_as_not_chosen(seeded, sessions):
    reader = sessions()
    reader.go(BOTH)
    assert "the dates apply" in reader.page.locator("[role=alert]").inner_text()
    assert reader.page.locator("#when").input_value() == ""
    assert reader.page.locator("#since").input_value() == "2026-05-01"
    assert reader.page.locator("#when").get_attribute("aria-describedby") == "when-error"
