import pytest
from django.test import Client
from django.urls import include, path


def broken(request):
    raise RuntimeError("boom")


urlpatterns = []
handler500 = "parcours.views.error_500"


@pytest.fixture
def broken_urls(settings):
    from django.contrib.auth.decorators import login_not_required

    globals()["urlpatterns"] = [
        path("erreur/", login_not_required(broken)),
        path("", include("parcours.urls")),
    ]
    settings.ROOT_URLCONF = __name__


def test_an_unexpected_error_shows_a_french_page_without_a_trace(db, broken_urls):
    client = Client(raise_request_exception=False)
    response = client.get("/erreur/")
    content = response.content.decode()
    assert response.status_code == 500
    assert "Le service a rencontré une erreur" in content
    assert "Traceback" not in content and "boom" not in content


def test_unknown_page_gets_a_french_404_even_without_login(client, db):
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()


def test_unknown_page_for_a_logged_in_user_is_a_french_404(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    response = client.get("/cette-page-n-existe-pas/")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
