"""Optional ProConnect login (OpenID Connect): existing active accounts only, then 2FA.

ProConnect itself is out of reach in tests: its two HTTP answers (token, user info) are
played back; everything on our side (state, nonce, signature check, account matching,
login, second factor) runs for real.
"""

from urllib.parse import parse_qs, urlparse

import jwt
import pytest
from django.urls import reverse

from accounts.models import Role, User
from tests.factories import make_user

SECRET = "secret-partage-de-test-assez-long-pour-hs256"


@pytest.fixture
def proconnect(settings, monkeypatch):
    settings.OIDC_ENABLED = True
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "accounts.oidc.ProConnectBackend",
    ]
    settings.OIDC_RP_CLIENT_ID = "parcours"
    settings.OIDC_RP_CLIENT_SECRET = SECRET
    settings.OIDC_RP_SIGN_ALGO = "HS256"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = "https://proconnect.test/api/v2/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = "https://proconnect.test/api/v2/token"
    settings.OIDC_OP_USER_ENDPOINT = "https://proconnect.test/api/v2/userinfo"
    settings.OIDC_OP_JWKS_ENDPOINT = None
    answers = {}

    class Answer:
        def __init__(self, payload):
            self.status_code, self.headers, self._payload = 200, {}, payload

        def json(self):
            return self._payload

        def raise_for_status(self):
            pass

    def post(url, data=None, **kwargs):
        assert url == settings.OIDC_OP_TOKEN_ENDPOINT
        token = jwt.encode({"nonce": answers["nonce"], "sub": "1"}, SECRET, algorithm="HS256")
        return Answer({"id_token": token, "access_token": "jeton"})

    def get(url, headers=None, **kwargs):
        assert url == settings.OIDC_OP_USER_ENDPOINT
        return Answer({"email": answers["email"], "given_name": "Agent"})

    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", get)
    return answers


def _round_trip(client, answers, email):
    start = client.get(reverse("oidc_authentication_init") + "?next=/espace/")
    assert start.status_code == 302
    query = parse_qs(urlparse(start["Location"]).query)
    assert start["Location"].startswith("https://proconnect.test/api/v2/authorize")
    answers.update(nonce=query["nonce"][0], email=email)
    return client.get(
        reverse("oidc_authentication_callback"), {"code": "abc", "state": query["state"][0]}
    )


def test_login_page_offers_proconnect_only_when_enabled(client, db, settings):
    assert "ProConnect" not in client.get(reverse("accounts:login")).content.decode()
    settings.OIDC_ENABLED = True
    assert "Se connecter avec ProConnect" in client.get(reverse("accounts:login")).content.decode()


def test_disabled_proconnect_answers_404(client, db):
    assert client.get(reverse("oidc_authentication_init")).status_code == 404


def test_an_existing_account_logs_in_then_passes_the_second_factor(client, proconnect, db):
    user = make_user(Role.COORDINATOR, "grand-air")
    response = _round_trip(client, proconnect, user.email.upper())
    assert response.status_code == 302
    assert response["Location"] == "/espace/"
    follow = client.get("/espace/")
    assert follow["Location"].startswith(reverse("accounts:second_factor_setup"))


def test_an_unknown_or_inactive_address_creates_nothing(client, proconnect, db):
    inactive = make_user(Role.MODERATOR, is_active=False)
    for email in ("inconnue@exemple.fr", inactive.email):
        response = _round_trip(client, proconnect, email)
        assert response["Location"] == "/compte/connexion/?proconnect=refuse"
    assert not User.objects.filter(email="inconnue@exemple.fr").exists()
    page = client.get(response["Location"]).content.decode()
    assert "aucun compte actif de Parcours ne correspond" in page
