"""Enrolment in a workshop from the request queues (coordination, analysis)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from people.timeline import timeline_for
from reception.models import RequestStatus
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory
from tests.workshops.factories import CycleFactory
from workshops.models import Enrolment, EnrolmentStatus

pytestmark = pytest.mark.django_db

QUEUE = reverse("reception:coordinator_queue")


def _open_cycle(coordinator, slug="esperanto", title="Remobilisation hiver", capacity=8):
    cycle = CycleFactory(
        centre=centre(slug),
        by=coordinator,
        starts_on=timezone.localdate() - datetime.timedelta(days=7),
        session_count=4,
        capacity=capacity,
    )
    cycle.title = title
    cycle.save(update_fields=["title"])
    return cycle


def _request(slug="esperanto", **kwargs):
    return RequestFactory(person=PersonFactory(centre=centre(slug), **kwargs))


def _enrol(client, integration_request, cycle, back="coordinator_queue"):
    return client.post(
        reverse("workshops:enrol_request", kwargs={"request_pk": integration_request.pk}),
        {"cycle": cycle.pk, "back": back},
        follow=True,
    )


def test_coordinator_enrols_a_new_request_in_an_open_cycle(client, coordinator_esperanto):
    cycle = _open_cycle(coordinator_esperanto)
    ended = CycleFactory(
        centre=centre("esperanto"),
        by=coordinator_esperanto,
        starts_on=timezone.localdate() - datetime.timedelta(days=60),
        session_count=2,
    )
    ended.title = "Cycle terminé"
    ended.save(update_fields=["title"])
    integration_request = _request(first_name="Inès", last_name="Haddad")
    client.force_login(coordinator_esperanto)

    queue = client.get(QUEUE).content.decode()
    assert "Inscrire à un atelier collectif" in queue
    assert "« Remobilisation hiver »" in queue
    assert "8 places libres" in queue
    assert "Cycle terminé" not in queue  # no session to come

    response = _enrol(client, integration_request, cycle)
    assert response.redirect_chain[-1][0] == QUEUE
    assert "Inès Haddad : inscrit·e au cycle « Remobilisation hiver »." in (
        response.content.decode()
    )
    enrolment = Enrolment.objects.get(cycle=cycle, person=integration_request.person)
    assert enrolment.status == EnrolmentStatus.ENROLLED
    assert enrolment.request == integration_request
    # The request keeps its status (no lifecycle transition fits a workshop), the enrolment
    # shows in its history and on the person's timeline.
    integration_request.refresh_from_db()
    assert integration_request.status == RequestStatus.NEW
    detail = client.get(reverse("reception:request_detail", kwargs={"pk": integration_request.pk}))
    assert "inscription à l’atelier « Remobilisation hiver » (inscrit·e)" in (
        detail.content.decode()
    )
    titles = [e.title for e in timeline_for(integration_request.person, coordinator_esperanto)]
    assert any("Remobilisation hiver" in t and "inscrit" in t for t in titles)
    # The card now says so, and offers no second enrolment in that cycle.
    queue = client.get(QUEUE).content.decode()
    assert "Déjà inscrit·e ou en attente : atelier « Remobilisation hiver »" in queue
    again = _enrol(client, integration_request, cycle)
    assert "Action déjà effectuée." in again.content.decode()
    assert Enrolment.objects.filter(person=integration_request.person).count() == 1


def test_a_full_cycle_puts_the_person_on_the_waiting_list(client, coordinator_esperanto):
    cycle = _open_cycle(coordinator_esperanto, capacity=1)
    first, second = _request(), _request()
    client.force_login(coordinator_esperanto)
    _enrol(client, first, cycle)
    assert "complet : liste d’attente" in client.get(QUEUE).content.decode()
    response = _enrol(client, second, cycle)
    assert "personne placée en liste d’attente" in response.content.decode()
    assert Enrolment.objects.get(person=second.person).status == EnrolmentStatus.WAITING


def test_the_cip_enrols_from_her_analysis_queue_in_the_cycles_she_facilitates(
    client, counsellor, coordinator_esperanto
):
    hers = _open_cycle(coordinator_esperanto, title="Cycle de la CIP")
    hers.facilitators.add(counsellor)
    _open_cycle(coordinator_esperanto, title="Cycle d’une autre équipe")
    integration_request = _request()
    integration_request.status = RequestStatus.AWAITING_ANALYSIS
    integration_request.save(update_fields=["status"])
    client.force_login(counsellor)
    queue = client.get(reverse("reception:counsellor_queue")).content.decode()
    assert "Cycle de la CIP" in queue
    assert "Cycle d’une autre équipe" not in queue
    response = _enrol(client, integration_request, hers, back="counsellor_queue")
    assert response.redirect_chain[-1][0] == reverse("reception:counsellor_queue")
    assert Enrolment.objects.filter(cycle=hers, person=integration_request.person).exists()


def test_no_enrolment_form_where_the_centre_has_no_collective_time(client, counsellor):
    integration_request = _request("lounes-matoub")
    integration_request.status = RequestStatus.AWAITING_ANALYSIS
    integration_request.save(update_fields=["status"])
    client.force_login(counsellor)
    queue = client.get(reverse("reception:counsellor_queue")).content.decode()
    assert "Inscrire à un atelier collectif" not in queue


def test_wrong_centre_wrong_role_and_anonymous_are_refused(
    client, coordinator_esperanto, coordinator_grand_air, reception_grand_air
):
    cycle = _open_cycle(coordinator_esperanto)
    integration_request = _request()
    url = reverse("workshops:enrol_request", kwargs={"request_pk": integration_request.pk})
    data = {"cycle": cycle.pk}
    anonymous = client.post(url, data)
    assert anonymous.status_code == 302 and "/connexion" in anonymous["Location"]
    client.force_login(coordinator_grand_air)
    assert client.post(url, data).status_code == 404
    client.force_login(reception_grand_air)
    assert client.post(url, data).status_code == 403
    director = make_user(Role.DIRECTOR, "esperanto")
    client.force_login(director)
    assert client.post(url, data).status_code == 403
    assert not Enrolment.objects.exists()


def test_a_cycle_of_another_centre_is_refused_with_a_message(
    client, coordinator_esperanto, coordinator_grand_air
):
    elsewhere = _open_cycle(coordinator_grand_air, slug="grand-air")
    integration_request = _request()
    client.force_login(coordinator_esperanto)
    response = _enrol(client, integration_request, elsewhere)
    assert "choisissez un cycle d’ateliers encore ouvert" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_queue_query_count_does_not_grow_with_requests_and_cycles(
    client, coordinator_esperanto, django_assert_max_num_queries
):
    _open_cycle(coordinator_esperanto)
    for _ in range(2):
        _request()
    client.force_login(coordinator_esperanto)
    with django_assert_max_num_queries(40) as few:
        assert client.get(QUEUE).status_code == 200
    for index in range(4):
        _open_cycle(coordinator_esperanto, title=f"Cycle {index}")
    requests = [_request() for _ in range(15)]
    from workshops import services

    services.enrol(
        by=coordinator_esperanto,
        cycle=_open_cycle(coordinator_esperanto, title="Déjà"),
        person=requests[0].person,
    )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(QUEUE)
    assert page.content.decode().count("Inscrire à un atelier collectif") == 17


def test_a_card_offers_the_eight_soonest_open_cycles_of_the_centre(client, coordinator_esperanto):
    for index in range(10):
        cycle = CycleFactory(
            centre=centre("esperanto"),
            by=make_user(Role.COORDINATOR, "esperanto"),
            starts_on=timezone.localdate() - datetime.timedelta(days=7) + datetime.timedelta(index),
            session_count=4,
        )
        cycle.title = f"Cycle n° {index:02d}"
        cycle.save(update_fields=["title"])
    _request()
    client.force_login(coordinator_esperanto)
    content = client.get(QUEUE).content.decode()
    assert [f"Cycle n° {i:02d}" in content for i in range(10)] == [True] * 8 + [False] * 2
