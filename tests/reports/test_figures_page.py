"""The figures page: who sees which centres, the period form, query cost."""

import pytest
from django.urls import reverse

from accounts.models import Role
from organisations.models import Centre
from tests.factories import centre, make_user
from tests.reports.dataset import known_year

pytestmark = pytest.mark.django_db
URL = reverse("reports:figures")
YEAR = "?start=2025-01-01&end=2025-12-31&ages=0-10%2C+11-25%2C+26-59%2C+60%2B"


def _year_query(*slugs):
    ids = "".join(f"&centres={centre(slug).pk}" for slug in slugs)
    return f"{URL}{YEAR}{ids}"


def test_director_reads_their_centre_figures_with_definitions(client, director_grand_air):
    known_year()
    client.force_login(director_grand_air)
    page = client.get(_year_query("grand-air")).content.decode()
    assert "<h1>Indicateurs du service d’insertion</h1>" in page
    assert '<th scope="col">Grand Air</th>' in page
    assert '<th scope="col">Espéranto</th>' not in page
    assert "<strong>Définition :</strong> Passages enregistrés à l’accueil" in page
    assert (
        '<th scope="row">Passages à l’accueil</th>\n            <td class="number">10</td>' in page
    )
    assert "data:image/svg+xml;base64," in page  # a chart, drawn on the server


def test_director_cannot_ask_for_another_centre(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.get(_year_query("esperanto"))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in page
    assert '<th scope="col">Espéranto</th>' not in page


def test_steering_reads_every_municipal_centre_side_by_side(client, steering):
    client.force_login(steering)
    page = client.get(URL).content.decode()
    for municipal in Centre.objects.filter(kind="municipal"):
        assert f'<th scope="col">{municipal.name}</th>' in page
    assert '<th scope="col">Ensemble</th>' in page
    assert "SFM" not in page


def test_coordinator_of_another_centre_sees_only_theirs(client, coordinator_esperanto):
    client.force_login(coordinator_esperanto)
    page = client.get(_year_query("grand-air")).content.decode()
    assert '<th scope="col">Grand Air</th>' not in page
    assert '<th scope="col">Espéranto</th>' in page


def test_a_period_ending_before_it_starts_is_refused_next_to_the_field(client, steering):
    client.force_login(steering)
    response = client.get(f"{URL}?start=2025-12-31&end=2025-01-01&ages=0-25%2C+26%2B")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_end_error">La fin de la période doit être après son début.' in page
    assert 'value="2025-12-31"' in page  # what was typed stays


def test_age_bands_with_a_gap_are_refused(client, steering):
    client.force_login(steering)
    page = client.get(f"{URL}?start=2025-01-01&end=2025-12-31&ages=0-20%2C+25%2B").content
    assert "Les tranches se suivent sans trou ni chevauchement" in page.decode()


@pytest.mark.parametrize("fixture", ["director_grand_air", "steering"])
def test_the_page_costs_the_same_queries_with_more_data(
    client, request, fixture, django_assert_max_num_queries
):
    user = request.getfixturevalue(fixture)
    client.force_login(user)
    known_year()
    with django_assert_max_num_queries(25) as few:
        assert client.get(URL + YEAR).status_code == 200
    for _ in range(3):
        known_year()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(URL + YEAR).status_code == 200


def test_partner_and_reception_get_no_figures(client):
    for role, slug in [(Role.PARTNER, None), (Role.RECEPTION, "grand-air")]:
        client.force_login(make_user(role, slug))
        assert client.get(URL).status_code == 403
