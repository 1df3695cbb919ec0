"""The layout, the login and the role homes in a real browser, axe-clean."""

import pytest

from accounts.models import Role
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_centre_list_is_accessible_and_lists_the_four_centres(browser_page):
    browser_page.goto("/centres-sociaux/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == "Les centres sociaux"
    for name in ["Grand Air", "Espéranto", "Lounès Matoub", "SFM Montreuil"]:
        assert browser_page.get_by_role("heading", name=f"Centre social {name}").is_visible()
    assert_accessible(browser_page)


def test_centre_list_fits_a_320_pixel_screen(narrow_page):
    narrow_page.goto("/centres-sociaux/")
    assert_no_horizontal_scroll(narrow_page)


def test_skip_link_takes_keyboard_users_to_the_content(browser_page):
    browser_page.goto("/centres-sociaux/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent")
    assert focused.strip() == "Aller au contenu"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "contenu"


def test_login_errors_are_announced_next_to_the_form(browser_page):
    browser_page.goto("/compte/connexion/")
    assert_accessible(browser_page)
    browser_page.get_by_label("Adresse e-mail").fill("personne@exemple.fr")
    browser_page.get_by_label("Mot de passe").fill("pas le bon mot de passe")
    browser_page.get_by_role("button", name="Se connecter").click()
    assert (
        "Adresse e-mail ou mot de passe incorrect" in browser_page.get_by_role("alert").inner_text()
    )
    # What was typed is kept (except the password).
    assert browser_page.get_by_label("Adresse e-mail").input_value() == "personne@exemple.fr"
    assert_accessible(browser_page)


@pytest.mark.parametrize(
    ("role", "centre", "panel"),
    [
        (Role.RECEPTION, "grand-air", "Accueil"),
        (Role.COORDINATOR, "grand-air", "Coordination du secteur insertion"),
        (Role.COUNSELLOR, "esperanto", "Accompagnement socioprofessionnel"),
        (Role.DIRECTOR, "grand-air", "Direction du centre"),
        (Role.STEERING, None, "Pilotage"),
        (Role.PARTNER, None, "Partenaire"),
        (Role.ADMINISTRATOR, None, "Administration"),
        (Role.MODERATOR, None, "Modération du site public"),
    ],
)
def test_each_role_lands_on_its_own_home(browser_page, role, centre, panel):
    user = make_user(role, centre)
    login(browser_page, user)
    assert browser_page.url.endswith("/espace/")
    assert browser_page.get_by_role("heading", name=panel, exact=True).is_visible()
    assert_accessible(browser_page)


@pytest.mark.parametrize(("role", "centre"), [(Role.STEERING, None), (Role.DIRECTOR, "grand-air")])
def test_statistics_homes_fit_a_small_phone(narrow_page, role, centre):
    login(narrow_page, make_user(role, centre))
    assert_accessible(narrow_page)
    assert_no_horizontal_scroll(narrow_page)
