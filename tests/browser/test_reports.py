"""Bilans in a real browser: figures, a bilan written then made final, the public figures;
axe-clean, without horizontal scrolling at 320 px."""

import pytest

from accounts.models import Role
from reports.models import Bilan
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user
from tests.reports.dataset import known_year
from tests.reports.factories import published_bilan

pytestmark = pytest.mark.browser


def test_a_bilan_from_the_figures_to_its_final_version(browser_page):
    page = browser_page
    known_year()
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    director = make_user(Role.DIRECTOR, "grand-air")

    login(page, coordinator)
    page.goto("/bilans/?start=2025-01-01&end=2025-12-31&ages=0-25%2C+26-59%2C+60%2B")
    assert page.get_by_role("heading", name="Indicateurs du service d’insertion").is_visible()
    assert_accessible(page)
    page.goto("/bilans/documents/")
    assert_accessible(page)
    page.get_by_role("link", name="Nouveau bilan").click()
    assert_accessible(page)
    page.get_by_label("Titre").fill("Bilan 2025 de Grand Air")
    page.get_by_label("Bilan de").select_option(label="Grand Air")
    page.get_by_label("Début de la période").fill("2025-01-01")
    page.get_by_label("Fin de la période (incluse)").fill("2025-12-31")
    page.get_by_role("button", name="Créer le bilan").click()
    assert page.get_by_role("heading", name="Bilan 2025 de Grand Air").is_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Rédiger les textes").click()
    assert_accessible(page)
    page.get_by_label("Ce qui a fonctionné").fill("Les ateliers collectifs du mardi.")
    page.get_by_role("button", name="Enregistrer une nouvelle version").click()
    assert "Version 1 enregistrée." in page.content()

    page.context.clear_cookies()
    login(page, director)
    page.goto(f"/bilans/documents/{Bilan.objects.get().pk}/")
    page.get_by_role("button", name="Valider la version finale").click()
    assert "les chiffres sont figés" in page.content()
    assert_accessible(page)


def test_public_figures_and_figures_at_320_px(narrow_page):
    page = narrow_page
    published_bilan(2025)
    page.goto("/centres-sociaux/chiffres/")
    assert page.get_by_role(
        "heading", name="Les chiffres du service d’insertion en 2025"
    ).is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.goto("/open-data/")
    page.get_by_role("link", name="la page des chiffres 2025").click()
    assert_accessible(page)
    login(page, make_user(Role.STEERING))
    for url in ("/espace/", "/bilans/", "/bilans/documents/"):
        page.goto(url)
        assert_accessible(page)
        assert_no_horizontal_scroll(page)
