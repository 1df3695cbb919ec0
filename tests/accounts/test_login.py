import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import Role
from tests.factories import DEFAULT_PASSWORD, make_user


def test_staff_logs_in_with_email_and_lands_on_their_home(client, coordinator_grand_air):
    response = client.post(
        reverse("accounts:login"),
        {"username": coordinator_grand_air.email.upper(), "password": DEFAULT_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_wrong_password_keeps_the_email_and_explains_in_french(client, coordinator_grand_air):
    response = client.post(
        reverse("accounts:login"),
        {"username": coordinator_grand_air.email, "password": "mauvais mot de passe"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Adresse e-mail ou mot de passe incorrect" in content
    assert f'value="{coordinator_grand_air.email}"' in content


@pytest.mark.parametrize("password", ["court", "motdepasse123", "azertyuiop12"])
def test_short_or_common_passwords_are_refused(db, password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_passphrase_is_accepted(db):
    validate_password("quatre mots sans rapport")


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from parcours.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_mail_goes_through_the_task_queue(client, coordinator_grand_air, run_worker):
    response = client.post(
        reverse("accounts:password_reset"), {"email": coordinator_grand_air.email}
    )
    assert response.status_code == 302
    assert mail.outbox == []  # not sent during the request
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [coordinator_grand_air.email]
    assert "nouveau mot de passe" in message.subject
    assert "/compte/reinitialisation/" in message.body


def test_password_reset_for_an_unknown_address_says_the_same_and_sends_nothing(
    client, db, run_worker
):
    response = client.post(reverse("accounts:password_reset"), {"email": "inconnu@exemple.fr"})
    assert response.status_code == 302
    run_worker()
    assert mail.outbox == []


def test_logout_needs_a_post(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    assert client.get(reverse("accounts:logout")).status_code == 405
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 302  # back to login


def test_inactive_membership_gives_no_access(client, db):
    user = make_user(Role.COORDINATOR, "grand-air")
    user.memberships.update(is_active=False)
    client.force_login(user)
    assert client.get(reverse("dashboard:home")).status_code == 403
