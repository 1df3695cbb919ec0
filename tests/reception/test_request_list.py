"""The list of requests: coordinators (their centre) and the CIP (her centres); filters; cost."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from reception.models import IntegrationRequest
from tests.factories import centre
from tests.reception.factories import PersonFactory, RequestFactory

pytestmark = pytest.mark.django_db
LIST = reverse("reception:request_list")


def _request(slug="grand-air", last_name="Belair", days_ago=0, **traits):
    request_ = RequestFactory(
        person=PersonFactory(centre=centre(slug), first_name="Awa", last_name=last_name), **traits
    )
    # created_at is auto_now_add: date it afterwards.
    IntegrationRequest.objects.filter(pk=request_.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=days_ago)
    )
    return request_


def test_the_coordinator_lists_the_requests_of_their_centre_newest_first(
    client, coordinator_grand_air
):
    old = _request(last_name="Leblanc", days_ago=10, closed=True)
    recent = _request(last_name="Vasseur", days_ago=1, awaiting=True)
    _request("esperanto", last_name="Morillon")
    client.force_login(coordinator_grand_air)
    page = client.get(LIST).content.decode()
    assert "Morillon" not in page
    assert page.index("Vasseur") < page.index("Leblanc")
    assert reverse("reception:request_detail", kwargs={"pk": recent.pk}) in page
    assert reverse("reception:request_detail", kwargs={"pk": old.pk}) in page
    assert "2 demandes." in page
    assert "<caption>" in page and '<th scope="col">Statut</th>' in page


def test_the_cip_lists_the_requests_of_every_centre_she_serves(client, counsellor):
    for slug, name in [
        ("grand-air", "Belair"),
        ("esperanto", "Morillon"),
        ("lounes-matoub", "Republique"),
    ]:
        _request(slug, last_name=name)
    client.force_login(counsellor)
    page = client.get(LIST).content.decode()
    assert "Belair" in page and "Morillon" in page and "Republique" in page


def test_filters_by_status_urgency_and_centre(client, counsellor):
    _request(last_name="Leblanc")
    _request(last_name="Vasseur", urgency="urgent", awaiting=True)
    _request("esperanto", last_name="Morillon", awaiting=True)
    client.force_login(counsellor)
    page = client.get(LIST, {"status": "awaiting_analysis"}).content.decode()
    assert "Vasseur" in page and "Morillon" in page and "Leblanc" not in page
    page = client.get(LIST, {"urgency": "urgent"}).content.decode()
    assert "Vasseur" in page and "Morillon" not in page and "Leblanc" not in page
    page = client.get(LIST, {"centre": centre("esperanto").pk}).content.decode()
    assert "Morillon" in page and "Vasseur" not in page
    # The choice made stays selected.
    assert f'<option value="{centre("esperanto").pk}" selected>' in page


def test_the_centre_filter_offers_only_the_users_centres_and_ignores_another(
    client, coordinator_grand_air
):
    _request(last_name="Belair")
    _request("esperanto", last_name="Morillon")
    client.force_login(coordinator_grand_air)
    page = client.get(LIST).content.decode()
    assert "Grand Air" in page and "Espéranto" not in page
    page = client.get(LIST, {"centre": centre("esperanto").pk}).content.decode()
    assert "Morillon" not in page and "Belair" in page
    assert "Sélectionnez un choix valide" in page


def test_the_filters_carry_no_personal_data(client, coordinator_grand_air):
    _request(last_name="Belair")
    client.force_login(coordinator_grand_air)
    form = client.get(LIST).context["form"]
    assert set(form.fields) == {"status", "urgency", "centre"}


def test_pagination_keeps_the_filters(client, coordinator_grand_air):
    for i in range(30):
        _request(last_name=f"Nom{i}", urgency="urgent")
    client.force_login(coordinator_grand_air)
    page = client.get(LIST, {"urgency": "urgent"}).content.decode()
    assert "?urgency=urgent&amp;page=2" in page
    # No total is counted: "more than 25", then the exact number on the last page.
    assert "Plus de 25 demandes." in page and "Page suivante" in page
    second = client.get(LIST, {"urgency": "urgent", "page": 2}).content.decode()
    assert "30 demandes." in second and "Page suivante" not in second


@pytest.mark.parametrize(
    "fixture", ["reception_grand_air", "director_grand_air", "steering", "partner_mission_locale"]
)
def test_the_list_is_refused_to_the_other_roles(client, request, fixture):
    _request(last_name="Belair")
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(LIST).status_code == 403


def test_a_coordinator_of_another_centre_sees_none_of_grand_airs_requests(
    client, coordinator_esperanto
):
    _request(last_name="Belair")
    client.force_login(coordinator_esperanto)
    response = client.get(LIST, {"centre": centre("grand-air").pk})
    assert response.status_code == 200
    assert "Belair" not in response.content.decode()
    assert "0 demande." in response.content.decode()


def test_the_list_costs_the_same_with_2_or_40_requests(
    client, counsellor, django_assert_max_num_queries
):
    client.force_login(counsellor)
    _request(last_name="Belair")
    _request("esperanto", last_name="Morillon")
    with django_assert_max_num_queries(8) as few:
        assert client.get(LIST, {"status": "new"}).status_code == 200
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        for i in range(13):
            _request(slug, last_name=f"Nom{i}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(LIST, {"status": "new"}).status_code == 200
