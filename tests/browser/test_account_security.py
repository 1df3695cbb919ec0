"""Second factor, lockout and grant approval pages in a real browser, axe-clean."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import Membership, Role
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import DEFAULT_PASSWORD, centre, make_user, organisation

pytestmark = pytest.mark.browser


def _type_password(page, user, password=DEFAULT_PASSWORD):
    page.goto("/compte/connexion/")
    page.get_by_label("Adresse e-mail").fill(user.email)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()


def test_a_coordinator_pairs_an_app_and_keeps_recovery_codes(browser_page):
    user = make_user(Role.COORDINATOR, "grand-air")
    _type_password(browser_page, user)
    assert browser_page.get_by_role(
        "heading", level=1, name="Activer la vérification en deux étapes"
    ).is_visible()
    assert browser_page.locator(".qr-code svg").is_visible()
    assert_accessible(browser_page)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    browser_page.get_by_label("Code de vérification").fill(f"{code:06d}")
    browser_page.get_by_role("button", name="Activer").click()
    assert browser_page.get_by_role("heading", level=1, name="Vos codes de secours").is_visible()
    assert browser_page.locator(".recovery-codes li").count() == 10
    assert_accessible(browser_page)
    browser_page.get_by_role("link", name="J’ai noté mes codes, continuer").click()
    browser_page.goto("/compte/securite/")
    assert "Il vous reste 10 codes de secours" in browser_page.content()
    assert_accessible(browser_page)


def test_the_code_page_and_its_error_are_accessible(browser_page):
    user = make_user(Role.RECEPTION, "grand-air")
    TOTPDevice.objects.create(user=user, name="app")
    _type_password(browser_page, user)
    assert browser_page.get_by_role("heading", level=1).inner_text() == (
        "Vérification en deux étapes"
    )
    assert_accessible(browser_page)
    browser_page.get_by_label("Code de vérification").fill("000000")
    browser_page.get_by_role("button", name="Vérifier").click()
    assert "Ce code n’est pas valable" in browser_page.content()
    assert browser_page.title().startswith("Erreur : ")
    assert_accessible(browser_page)


def test_setup_page_fits_a_320_pixel_screen(narrow_page):
    user = make_user(Role.COUNSELLOR, "grand-air", organisation_slug="epicerie-solidaire-aurore")
    _type_password(narrow_page, user)
    assert narrow_page.locator(".qr-code svg").is_visible()
    assert_no_horizontal_scroll(narrow_page)


def test_the_lockout_page_says_how_long_to_wait(browser_page):
    user = make_user(Role.MODERATOR)
    for _ in range(10):
        _type_password(browser_page, user, "mauvais mot de passe")
    assert browser_page.get_by_role(
        "heading", level=1, name="Connexion temporairement bloquée"
    ).is_visible()
    assert "réessayez dans 15" in browser_page.inner_text("main")
    assert_accessible(browser_page)


def test_a_second_administrator_approves_a_grant(browser_page):
    from accounts.approvals import hold_for_approval

    asker, reviewer = make_user(Role.ADMINISTRATOR), make_user(Role.ADMINISTRATOR)
    member = make_user(Role.MODERATOR)
    membership = Membership.objects.create(
        user=member,
        organisation=organisation("ville-de-montreuil"),
        centre=centre("grand-air"),
        role=Role.RECEPTION,
    )
    hold_for_approval(membership, by=asker)
    login(browser_page, reviewer)
    browser_page.get_by_role("link", name="Rattachements").click()
    assert_accessible(browser_page)
    browser_page.get_by_role("button", name=f"Approuver le rattachement de {member}").click()
    assert "approuvé" in browser_page.inner_text("main")
    assert_accessible(browser_page)
    membership.refresh_from_db()
    assert membership.is_active


def test_changing_the_email_asks_for_the_password_first(browser_page):
    import time

    from accounts import sessions
    from accounts.models import LoginSession

    user = make_user(Role.STEERING)
    login(browser_page, user)
    # The login was more than ten minutes ago.
    from django.contrib.sessions.backends.db import SessionStore

    key = LoginSession.objects.get(user=user).session_key
    store = SessionStore(session_key=key)
    store[sessions.REAUTH_AT] = int(time.time()) - 3600
    store.save()
    browser_page.goto("/compte/securite/")
    browser_page.get_by_role("link", name="Changer mon adresse e-mail de connexion").click()
    assert browser_page.get_by_role(
        "heading", level=1, name="Confirmer votre mot de passe"
    ).is_visible()
    assert_accessible(browser_page)
    browser_page.get_by_label("Mot de passe actuel").fill(DEFAULT_PASSWORD)
    browser_page.get_by_role("button", name="Confirmer").click()
    browser_page.get_by_label("Nouvelle adresse e-mail").fill(user.email)
    browser_page.get_by_role("button", name="Enregistrer la nouvelle adresse").click()
    assert "C’est déjà votre adresse de connexion." in browser_page.inner_text("main")
    assert browser_page.title().startswith("Erreur : ")
    assert_accessible(browser_page)
