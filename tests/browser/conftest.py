"""Real-browser fixtures: Debian's Chromium driven by Playwright against the live test server.

The tests are skipped, with the reason in the summary, when no Chromium or no Playwright is present.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SCREENSHOTS = ROOT / "docs" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PASSWORD = "browser test password 42"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 375, "height": 812}
# Records what the page itself reports: CSP violations and dialogs opened by injected script.
WATCH = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


def browser_missing() -> str:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is not installed (run `make setup`)"
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        return f"no Chromium at {CHROMIUM} (apt-get install chromium chromium-driver, or set CHROMIUM=)"
    return ""


def pytest_collection_modifyitems(config, items):
    reason = browser_missing()
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)
            if reason:
                item.add_marker(pytest.mark.skip(reason=f"browser tests skipped: {reason}"))


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop; Django's ORM in the same test thread is still safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
    yield browser
    browser.close()
    manager.stop()


class Session:
    """One browser context (its own cookies): a reader, or an editor logged in through the form."""

    def __init__(
        self, browser, base_url: str, *, viewport=DESKTOP, javascript=True, bypass_csp=False, touch=False
    ):
        self.base_url = base_url
        self.context = browser.new_context(
            viewport=viewport,
            java_script_enabled=javascript,
            bypass_csp=bypass_csp,
            base_url=base_url,
            has_touch=touch,
        )
        self.context.add_init_script(WATCH)
        self.page = self.context.new_page()
        self.dialogs: list[str] = []
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def go(self, path: str):
        response = self.page.goto(path)
        self.page.wait_for_load_state("load")
        return response

    def login(self, username: str, password: str = PASSWORD):
        self.go("/admin/login/")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", password)
        self.page.click("input[type=submit]")
        self.page.wait_for_url("**/admin/**")

    def csp_violations(self) -> list[str]:
        return self.page.evaluate("window.__cspViolations || []")

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        width = self.page.viewport_size["width"]
        path = SCREENSHOTS / f"{name}-{width}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path

    def close(self):
        self.context.close()


@pytest.fixture
def sessions(chromium, live_server):
    opened: list[Session] = []

    def open_session(**options) -> Session:
        session = Session(chromium, live_server.url, **options)
        opened.append(session)
        return session

    yield open_session
    for session in opened:
        session.close()


@pytest.fixture
def seeded(transactional_db, settings):
    """The critical-minerals story from seeds/, imported as a reader would find it."""
    call_command("import_seeds", "--publish", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def seeded_draft(transactional_db, settings):
    """The story imported without publishing: the explainer is a draft for editors to work on."""
    call_command("import_seeds", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115


@pytest.fixture
def desk(transactional_db):
    """One login per editorial group, with a known password."""
    return {
        role: UserFactory(username=role, password=PASSWORD, groups=[group])
        for role, group in [
            ("contributor", "Contributor"),
            ("editor", "Editor"),
            ("editor2", "Editor"),
            ("publisher", "Publisher"),
        ]
    }
