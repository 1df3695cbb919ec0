"""Login limits: failed attempts only, per account and per address, every login path."""

from django.urls import reverse

from accounts.models import Role
from tests.factories import DEFAULT_PASSWORD, make_user

LOGIN = "accounts:login"


def _post(client, email, password, address="10.1.2.3"):
    return client.post(
        reverse(LOGIN), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_twenty_five_colleagues_log_in_from_one_office_address(client, db):
    colleagues = [make_user(Role.MODERATOR) for _ in range(25)]
    for colleague in colleagues:
        response = _post(client, colleague.email, DEFAULT_PASSWORD)
        assert response.status_code == 302, colleague.email
        client.post(reverse("accounts:logout"))


def test_ten_wrong_passwords_lock_the_account_and_say_how_long_to_wait(client, db):
    user = make_user(Role.MODERATOR)
    for _ in range(9):
        response = _post(client, user.email, "mauvais mot de passe")
        assert response.status_code == 200
        assert "Adresse e-mail ou mot de passe incorrect" in response.content.decode()
    response = _post(client, user.email, "mauvais mot de passe")
    assert response.status_code == 429
    # Even the right password is refused now, from another address too, with the wait.
    response = _post(client, user.email.upper(), DEFAULT_PASSWORD, address="10.9.9.9")
    content = response.content.decode()
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in content
    assert "réessayez dans 15&nbsp;minutes" in content


def test_a_locked_colleague_does_not_lock_the_office(client, db):
    victim, colleague = make_user(Role.MODERATOR), make_user(Role.MODERATOR)
    for _ in range(10):
        _post(client, victim.email, "mauvais mot de passe")
    assert _post(client, colleague.email, DEFAULT_PASSWORD).status_code == 302


def test_many_failures_from_one_address_lock_the_address(client, db, settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 20
    users = [make_user(Role.MODERATOR) for _ in range(10)]
    for user in users:
        for _ in range(2):
            _post(client, user.email, "mauvais mot de passe")
    other = make_user(Role.MODERATOR)
    assert _post(client, other.email, DEFAULT_PASSWORD).status_code == 429
    assert _post(client, other.email, DEFAULT_PASSWORD, address="10.7.7.7").status_code == 302


def test_the_lock_lifts_after_the_delay(client, db):
    from datetime import timedelta

    from axes.models import AccessAttempt

    user = make_user(Role.MODERATOR)
    for _ in range(10):
        _post(client, user.email, "mauvais mot de passe")
    last = AccessAttempt.objects.get().attempt_time
    AccessAttempt.objects.update(attempt_time=last - timedelta(minutes=16))
    assert _post(client, user.email, DEFAULT_PASSWORD).status_code == 302


def test_a_successful_login_clears_the_account_failures(client, db):
    user = make_user(Role.MODERATOR)
    for _ in range(9):
        _post(client, user.email, "mauvais mot de passe")
    assert _post(client, user.email, DEFAULT_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(9):
        assert _post(client, user.email, "mauvais mot de passe").status_code == 200


def test_the_admin_login_is_throttled_too(client, administrator):
    for _ in range(10):
        client.post(
            reverse("admin:login"),
            {"username": administrator.email, "password": "mauvais mot de passe"},
            REMOTE_ADDR="10.1.2.3",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": administrator.email, "password": DEFAULT_PASSWORD},
        REMOTE_ADDR="10.1.2.3",
    )
    assert response.status_code == 429
    assert "Connexion temporairement bloquée" in response.content.decode()
    # Nor does our own login page let the account in.
    assert _post(client, administrator.email, DEFAULT_PASSWORD).status_code == 429


def test_resetting_the_password_by_email_link_unlocks_the_account(client, db, run_worker):
    import re

    from django.core import mail

    user = make_user(Role.MODERATOR)
    for _ in range(10):
        _post(client, user.email, "mauvais mot de passe")
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    run_worker()
    link = re.search(r"http\S+/compte/reinitialisation/\S+", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000")[-1] if "127.0.0.1:8000" in link else link
    response = client.get(path, follow=True)
    new = "une toute nouvelle phrase de passe"
    response = client.post(
        response.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert response.status_code == 302
    assert _post(client, user.email, new).status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_a_colleagues_failures(client, db):
    attacker, victim = make_user(Role.MODERATOR), make_user(Role.MODERATOR)
    for _ in range(9):
        _post(client, victim.email, "essai")
    assert _post(client, attacker.email, DEFAULT_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    assert _post(client, victim.email, "essai").status_code == 429
