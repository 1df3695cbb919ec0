"""Browser tests: Playwright driving Debian's Chromium against pytest-django's live server.

Never `playwright install`: the browser is /usr/bin/chromium (CHROMIUM_PATH overrides).
"""

import os

import pytest
from axe_playwright_python.sync_playwright import Axe

from organisations.reference import load_reference_data
from tests.factories import DEFAULT_PASSWORD

# Playwright's sync API runs an event loop in this thread; the test code around it
# still talks to the database synchronously, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def _browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(_browser, live_server, transactional_db):
    """A fresh page (own cookies) on the live server; reference data loaded."""
    load_reference_data()
    context = _browser.new_context(base_url=live_server.url, locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def narrow_page(_browser, live_server, transactional_db):
    """A 320 px wide page, as on a small phone."""
    load_reference_data()
    context = _browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 320, "height": 640}
    )
    page = context.new_page()
    yield page
    context.close()


def login(page, user, password: str = DEFAULT_PASSWORD) -> None:
    """Log in as a person would; users who need a second factor type a recovery code."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.second_factor import new_recovery_codes
    from parcours.permissions import needs_second_factor

    code = None
    if needs_second_factor(user):
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Téléphone de test")
        code = new_recovery_codes(user)[0]
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    if code is not None:
        page.get_by_label("Code de vérification").fill(code)
        page.get_by_role("button", name="Vérifier").click()
        page.wait_for_load_state()


_axe = Axe()


def assert_accessible(page) -> None:
    """axe-core on the current page: zero violations (WCAG 2.1 A and AA rules)."""
    results = _axe.run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    assert results.violations_count == 0, (
        f"{page.url}\n{results.generate_snapshot()}\n"
        + "\n".join(
            f"{v['id']}: {node['target']} {node.get('failureSummary', '')}"
            for v in results.response["violations"]
            for node in v["nodes"][:3]
        )
    )


def assert_no_horizontal_scroll(page) -> None:
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls horizontally by {overflow}px"
