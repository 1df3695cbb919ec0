"""Two simultaneous submits of one create form create one record (idempotency keys)."""

import threading
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from accounts.models import Role
from organisations.reference import load_reference_data
from people.models import Note, Person
from reception.models import IntegrationRequest, Visit
from tests.conftest import VerifiedClient
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory


def _concurrently(user, url, data, count=2):
    """POST the same form from `count` threads at once, each with its own connection."""
    barrier = threading.Barrier(count)
    statuses = []
    VerifiedClient().force_login(user)  # the second-factor device, made once beforehand

    def submit():
        client = VerifiedClient()
        client.force_login(user)
        barrier.wait()
        try:
            statuses.append(client.post(url, data).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_registrations_make_one_file():
    load_reference_data()  # an earlier transactional test may have emptied the tables
    user = make_user(Role.RECEPTION, "grand-air")
    data = {
        "last_name": "Diallo",
        "first_name": "Mariam",
        "birth_date": "12/05/1988",
        "centre": centre("grand-air").pk,
        "idempotency_key": str(uuid.uuid4()),
    }
    statuses = _concurrently(user, reverse("people:register"), data)
    assert statuses == [302, 302]
    assert Person.objects.filter(last_name="Diallo").count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_notes_visits_and_requests_make_one_each():
    load_reference_data()
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    person = PersonFactory()
    note = {"text": "Atelier CV.", "visibility": "team", "idempotency_key": str(uuid.uuid4())}
    _concurrently(coordinator, reverse("people:note_add", kwargs={"pk": person.pk}), note)
    assert Note.objects.filter(person=person).count() == 1

    site = centre("grand-air").sites.order_by("position").first()
    visit = {
        "site": site.pk,
        "reason": Visit._meta.get_field("reason").choices[0][0],
        "outcome": Visit._meta.get_field("outcome").choices[0][0],
        "person": person.pk,
        "idempotency_key": str(uuid.uuid4()),
    }
    _concurrently(coordinator, reverse("reception:desk"), visit)
    assert Visit.objects.filter(person=person).count() == 1

    request = {
        "needs": ["trouver-un-emploi"],
        "urgency": "normal",
        "idempotency_key": str(uuid.uuid4()),
    }
    url = reverse("reception:request_create", kwargs={"person_pk": person.pk})
    _concurrently(coordinator, url, request)
    assert IntegrationRequest.objects.filter(person=person).count() == 1


def test_a_second_submit_says_action_already_done_and_leads_to_the_file(
    client, reception_grand_air
):
    data = {
        "last_name": "Keita",
        "centre": centre("grand-air").pk,
        "idempotency_key": str(uuid.uuid4()),
    }
    client.force_login(reception_grand_air)
    first = client.post(reverse("people:register"), data)
    second = client.post(reverse("people:register"), data, follow=True)
    assert Person.objects.filter(last_name="Keita").count() == 1
    assert second.redirect_chain[0][0] == first["Location"]
    assert "Action déjà effectuée." in second.content.decode()


def test_the_forms_carry_a_fresh_key(client, reception_grand_air):
    client.force_login(reception_grand_air)
    page = client.get(reverse("people:register")).content.decode()
    assert 'name="idempotency_key"' in page
