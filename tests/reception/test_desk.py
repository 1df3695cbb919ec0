"""The desk: reception logs a visit in seconds, with or without a person."""

import pytest
from django.urls import reverse

from accounts.models import Role
from reception.models import Handoff, Visit, VisitOutcome, VisitReason
from tests.factories import centre, make_user
from tests.reception.factories import PersonFactory, VisitFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db
DESK = reverse("reception:desk")


def _post(client, url=DESK, **data):
    payload = {
        "site": centre("grand-air").sites.get(slug="espace-40").pk,
        "reason": VisitReason.INFORMATION,
        "outcome": VisitOutcome.INFORMATION_GIVEN,
        "note": "",
    }
    payload.update(data)
    return client.post(url, payload)


def test_reception_logs_an_anonymous_visit_and_it_is_counted(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = _post(client)
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.person is None and visit.agent == reception_grand_air
    assert visit.centre == centre("grand-air")
    page = client.get(DESK).content.decode()
    assert "1 passage aujourd’hui, dont 1 anonyme" in page


def test_reception_logs_the_visit_of_a_person_and_hands_them_over(client, reception_grand_air):
    person = PersonFactory(first_name="Élodie", last_name="N'Diaye")
    client.force_login(reception_grand_air)
    page = client.get(f"{DESK}?person={person.pk}").content.decode()
    assert "Élodie N&#x27;Diaye" in page
    _post(
        client,
        url=f"{DESK}?person={person.pk}",
        reason=VisitReason.INTEGRATION_REQUEST,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
        note="Cherche du travail",
    )
    handoff = Handoff.objects.get()
    assert (handoff.person, handoff.to_role, handoff.note) == (
        person,
        Role.COORDINATOR,
        "Cherche du travail",
    )


def test_an_invalid_visit_keeps_what_was_typed_and_ties_the_error_to_the_field(
    client, reception_grand_air
):
    client.force_login(reception_grand_air)
    response = _post(client, reason="", note="Revient lundi")
    assert response.status_code == 200
    page = response.content.decode()
    assert 'aria-describedby="id_reason_error"' in page
    assert 'value="Revient lundi"' in page
    assert not Visit.objects.exists()


def test_a_site_of_another_centre_is_refused(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = _post(client, site=centre("esperanto").sites.first().pk)
    assert response.status_code == 200
    assert not Visit.objects.exists()


def test_reception_of_another_centre_cannot_log_a_visit_for_a_person_they_cannot_see(client):
    outsider = make_user(Role.RECEPTION, "esperanto")
    person = PersonFactory()
    client.force_login(outsider)
    assert client.get(f"{DESK}?person={person.pk}").status_code == 404
    assert _post(client, url=f"{DESK}?person={person.pk}").status_code == 404
    assert not Visit.objects.exists()


def test_the_desk_lists_only_the_visits_of_the_acting_centre(client, reception_grand_air):
    VisitFactory(centre=centre("esperanto"), person=PersonFactory(last_name="Morillon"))
    VisitFactory(person=PersonFactory(last_name="Belair"))
    client.force_login(reception_grand_air)
    page = client.get(DESK).content.decode()
    assert "Belair" in page and "Morillon" not in page


def test_the_desk_is_refused_to_a_cip_and_a_director(client, counsellor, director_grand_air):
    for user in (counsellor, director_grand_air):
        client.force_login(user)
        assert client.get(DESK).status_code == 403


def test_handing_a_visit_over_afterwards_then_twice_is_polite(client, reception_grand_air):
    visit = VisitFactory()
    client.force_login(reception_grand_air)
    visit.person.sex = "F"
    visit.person.save(update_fields=["sex"])
    url = reverse("reception:visit_handoff", kwargs={"pk": visit.pk})
    first = client.post(url, follow=True).content.decode()
    who = visit.person.full_name
    assert f"{who} a été transmise à la coordination de Grand Air." in first
    response = client.post(url, follow=True)
    assert "Action déjà effectuée." in response.content.decode()
    assert Handoff.objects.filter(visit=visit).count() == 1


def test_the_desk_costs_the_same_queries_with_2_or_60_visits(client, reception_grand_air):
    client.force_login(reception_grand_air)
    VisitFactory.create_batch(2)
    few = queries_for(client, DESK)
    VisitFactory.create_batch(58)
    VisitFactory.create_batch(10, anonymous=True)
    assert queries_for(client, DESK) == few
    assert few <= 12
