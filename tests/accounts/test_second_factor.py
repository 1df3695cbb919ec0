"""The second factor: mandatory for administrators and the roles that see people."""

import time

import pytest
from django.core.checks import run_checks
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import sessions
from accounts.models import DemoDevice, Role
from tests.factories import DEFAULT_PASSWORD, make_user


def _code(device) -> str:
    value = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{value:06d}"


def _forget_failed_codes(user):
    """django-otp makes one wait a second after a wrong code, two after two…: skip the wait."""
    from django_otp import devices_for_user

    for device in devices_for_user(user, confirmed=None):
        if hasattr(device, "throttle_reset"):
            device.throttle_reset()


def _login(client, user):
    return client.post(
        reverse("accounts:login"), {"username": user.email, "password": DEFAULT_PASSWORD}
    )


def test_first_login_of_a_coordinator_sets_up_an_app_then_shows_recovery_codes(
    client, coordinator_grand_air
):
    _login(client, coordinator_grand_air)
    response = client.get(reverse("dashboard:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_setup"))
    page = client.get(response["Location"])
    content = page.content.decode()
    assert "Activer la vérification en deux étapes" in content
    assert "<svg" in content  # the QR code, inline
    device = TOTPDevice.objects.get(user=coordinator_grand_air, confirmed=False)
    wrong = client.post(page.request["PATH_INFO"], {"code": "000000"})
    assert "Ce code ne correspond pas" in wrong.content.decode()
    _forget_failed_codes(coordinator_grand_air)
    done = client.post(page.request["PATH_INFO"], {"code": _code(device), "next": "/espace/"})
    assert "Vos codes de secours" in done.content.decode()
    assert done.content.decode().count("<li><code>") == 10
    assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.parametrize("role", [Role.RECEPTION, Role.COUNSELLOR, Role.DIRECTOR])
def test_every_role_that_sees_people_needs_the_second_factor(client, db, role):
    user = make_user(role, "grand-air")
    _login(client, user)
    assert client.get(reverse("dashboard:home")).status_code == 302


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.PARTNER, Role.STEERING])
def test_roles_that_see_no_person_log_in_with_the_password_alone(client, db, role):
    user = make_user(role)
    _login(client, user)
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_the_admin_asks_for_the_second_factor(client, administrator):
    TOTPDevice.objects.create(user=administrator, name="app")
    client.force_login(administrator, verified=False)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor_verify"))


def test_verify_with_the_app_or_a_recovery_code_once(client, coordinator_grand_air):
    from accounts.second_factor import new_recovery_codes

    device = TOTPDevice.objects.create(user=coordinator_grand_air, name="app")
    codes = new_recovery_codes(coordinator_grand_air)
    _login(client, coordinator_grand_air)
    verify = reverse("accounts:second_factor_verify")
    response = client.post(verify, {"code": "999999"})
    assert "Ce code n’est pas valable" in response.content.decode()
    _forget_failed_codes(coordinator_grand_air)
    response = client.post(verify, {"code": codes[0], "next": "/personnes/"})
    assert response["Location"] == "/personnes/"
    assert client.get(reverse("dashboard:home")).status_code == 200
    client.post(reverse("accounts:logout"))
    _login(client, coordinator_grand_air)
    assert "Ce code n’est pas valable" in client.post(verify, {"code": codes[0]}).content.decode()
    _forget_failed_codes(coordinator_grand_air)
    response = client.post(verify, {"code": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 200


def test_demo_code_works_only_when_the_demo_setting_is_on(client, settings, db):
    user = make_user(Role.COORDINATOR, "grand-air")
    DemoDevice.objects.create(user=user, name="démo")
    _login(client, user)
    verify = reverse("accounts:second_factor_verify")
    settings.DEMO_SECOND_FACTOR = False
    assert client.post(verify, {"code": "123456"}).status_code == 200
    _forget_failed_codes(user)
    settings.DEMO_SECOND_FACTOR = True
    assert client.post(verify, {"code": "123456"}).status_code == 302


def test_production_refuses_the_demo_second_factor(settings):
    settings.PRODUCTION = True
    settings.DEMO_SECOND_FACTOR = True
    assert "accounts.E001" in [message.id for message in run_checks()]


def test_session_ends_after_thirty_idle_minutes(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    session = client.session
    session[sessions.SEEN_AT] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(reverse("dashboard:home"), follow=True)
    assert response.request["PATH_INFO"] == reverse("accounts:login")
    assert "30 minutes d’inactivité" in response.content.decode()


def test_session_ends_twelve_hours_after_login(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    session = client.session
    session[sessions.AUTH_AT] = int(time.time()) - 12 * 3600 - 60
    session.save()
    response = client.get(reverse("dashboard:home"))
    assert response["Location"].startswith(reverse("accounts:login"))


def test_deactivating_an_account_ends_its_sessions(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    assert client.get(reverse("dashboard:home")).status_code == 200
    coordinator_grand_air.is_active = False
    coordinator_grand_air.save()
    response = client.get(reverse("dashboard:home"))
    assert response["Location"].startswith(reverse("accounts:login"))
    from accounts.models import LoginSession

    assert not LoginSession.objects.filter(user=coordinator_grand_air).exists()


def test_changing_the_email_asks_for_the_password_again(client, moderator, run_worker):
    from django.core import mail

    client.force_login(moderator)
    session = client.session
    session[sessions.REAUTH_AT] = int(time.time()) - 3600
    session.save()
    url = reverse("accounts:email_change")
    response = client.get(url)
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    wrong = client.post(reverse("accounts:reauthenticate"), {"password": "faux", "next": url})
    assert "Mot de passe incorrect" in wrong.content.decode()
    confirmed = client.post(
        reverse("accounts:reauthenticate"), {"password": DEFAULT_PASSWORD, "next": url}
    )
    assert confirmed["Location"] == url
    previous = moderator.email
    response = client.post(url, {"email": "nouvelle.adresse@exemple.fr"})
    assert response.status_code == 302
    moderator.refresh_from_db()
    assert moderator.email == "nouvelle.adresse@exemple.fr"
    run_worker()
    assert mail.outbox[0].to == [previous]


def test_replacing_the_app_asks_for_the_password_again(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    session = client.session
    session[sessions.REAUTH_AT] = int(time.time()) - 3600
    session.save()
    response = client.get(reverse("accounts:second_factor_setup"))
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))
    response = client.post(reverse("accounts:recovery_codes"))
    assert response["Location"].startswith(reverse("accounts:reauthenticate"))


def test_security_page_lists_the_recovery_codes_left(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    response = client.post(reverse("accounts:recovery_codes"))
    assert response.content.decode().count("<li><code>") == 10
    page = client.get(reverse("accounts:security")).content.decode()
    assert "Il vous reste 10 codes de secours" in page


def test_an_expired_session_still_opens_the_public_site(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    session = client.session
    session[sessions.SEEN_AT] = int(time.time()) - 31 * 60
    session.save()
    assert client.get(reverse("directory:centre_list")).status_code == 200
    assert client.get(reverse("dashboard:home")).status_code == 302
