"""The service's yearly figures on the public site: published ones only, never small counts."""

import pytest
from django.urls import reverse

from reports.models import Bilan
from tests.reports.dataset import known_year
from tests.reports.factories import draft_bilan, published_bilan
from tests.reports.helpers import csv_rows, figure_row

pytestmark = pytest.mark.django_db
PAGE = reverse("public_figures")


def test_nothing_is_linked_nor_shown_before_a_bilan_is_published(client):
    draft_bilan(None)
    assert "chiffres" not in client.get(reverse("open_data:index")).content.decode()
    page = client.get(PAGE).content.decode()
    assert "Aucun bilan annuel du service n’a encore été publié." in page
    assert client.get(reverse("public_figures_csv", kwargs={"year": 2025})).status_code == 404


def test_published_figures_on_the_page_and_as_open_data(client):
    published_bilan(2025)
    index = client.get(reverse("open_data:index")).content.decode()
    assert reverse("public_figures_csv", kwargs={"year": 2025}) in index
    page = client.get(PAGE).content.decode()
    assert "<h1>Les chiffres du service d’insertion en 2025</h1>" in page
    assert figure_row("Passages à l’accueil", "120", "< 5", "secret") in page
    assert "Charge de travail" not in page  # not a public indicator
    rows = csv_rows(client.get(reverse("public_figures_csv", kwargs={"year": 2025})).content)
    assert rows[1][4:7] == ["Passages à l’accueil", "Grand Air", "120"]
    assert rows[2][4:7] == ["Passages à l’accueil", "Espéranto", "< 5"]
    assert not any("Charge de travail" in row[3] for row in rows)


def test_steering_publishes_the_service_bilan_from_the_application(client, steering):
    known_year()
    bilan = draft_bilan(None, title="Bilan du service 2025")
    client.force_login(steering)
    url = reverse("reports:bilan_finalise", kwargs={"pk": bilan.pk})
    client.post(url, {"expected_status": "draft", "publish": "on"})
    assert Bilan.objects.get(pk=bilan.pk).is_public
    client.logout()
    page = client.get(PAGE).content.decode()
    # Grand Air 10, Espéranto 4, Lounès Matoub 0, all 14: the 4 is "< 5", and the 10 is
    # hidden too, or 14 − 10 − 0 would give it back.
    assert figure_row("Passages à l’accueil", "secret", "< 5", "0", "14") in page
    assert "Charge de travail" not in page


def test_an_older_year_can_be_chosen(client):
    published_bilan(2024)
    published_bilan(2025)
    page = client.get(PAGE + "?annee=2024").content.decode()
    assert "<h1>Les chiffres du service d’insertion en 2024</h1>" in page
    assert '<a href="?annee=2025">2025</a>' in page
    assert "en 2025</h1>" in client.get(PAGE + "?annee=abc").content.decode()


def test_the_public_page_costs_few_queries(client, django_assert_max_num_queries):
    for year in range(2015, 2026):
        published_bilan(year)
    with django_assert_max_num_queries(4):
        client.get(PAGE)
