"""Contact requests of the public site at the desk: calls, then the person's file."""

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AccessLog
from directory.models import CallOutcome, ContactCall, ContactRequest, ContactRequestStatus
from organisations.models import Neighbourhood
from people.models import Person
from reception.models import Handoff
from tests.factories import make_user
from tests.reception.factories import HandoffFactory, PersonFactory, VisitFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db


def _contact(slug="grand-air", name="Awa Traoré", email="awa@exemple.fr"):
    neighbourhood = Neighbourhood.objects.filter(centre__slug=slug).first()
    return ContactRequest.objects.create(
        name=name,
        phone="+33612345678",
        email=email,
        neighbourhood=neighbourhood,
        centre=neighbourhood.centre,
        availability="Le matin",
        consent=True,
    )


def _call(client, contact, outcome, expected, note=""):
    return client.post(
        reverse("reception:contact_call", kwargs={"pk": contact.pk}),
        {"outcome": outcome, "note": note, "expected_calls": expected},
        follow=True,
    )


def test_not_reached_keeps_the_request_in_the_queue_with_the_number_of_tries(
    client, reception_grand_air
):
    contact = _contact()
    client.force_login(reception_grand_air)
    page = _call(client, contact, CallOutcome.NOT_REACHED, 0, "rappeler jeudi").content.decode()
    assert "Appel n° 1 à Awa Traoré enregistré : pas de réponse (à rappeler)." in page
    assert "« rappeler jeudi »" in page
    contact.refresh_from_db()
    assert contact.status == ContactRequestStatus.NEW and contact.call_count == 1
    queue = client.get(reverse("reception:reception_queue")).content.decode()
    assert "Awa Traoré" in queue and "Déjà 1 appel sans réponse" in queue


def test_reached_at_the_second_try_closes_the_request_dated_and_signed(client, reception_grand_air):
    contact = _contact()
    client.force_login(reception_grand_air)
    _call(client, contact, CallOutcome.NOT_REACHED, 0)
    _call(client, contact, CallOutcome.REACHED, 1)
    contact.refresh_from_db()
    assert contact.status == ContactRequestStatus.HANDLED
    assert contact.outcome == CallOutcome.REACHED and contact.call_count == 2
    assert contact.handled_by == reception_grand_air
    assert [c.outcome for c in ContactCall.objects.order_by("pk")] == ["not_reached", "reached"]
    changes = AccessLog.objects.filter(object_type="directory.contactrequest", action="change")
    assert changes.count() == 2
    # Each reading of the request is in the access log (the one read-log mechanism).
    assert AccessLog.objects.filter(
        detail=f"Demande de contact n° {contact.pk}", action="read", actor=reception_grand_air
    ).exists()
    assert "Awa Traoré" not in client.get(reverse("reception:reception_queue")).content.decode()


def test_a_call_recorded_twice_says_action_already_done(client, reception_grand_air):
    contact = _contact()
    client.force_login(reception_grand_air)
    _call(client, contact, CallOutcome.NOT_REACHED, 0)
    page = _call(client, contact, CallOutcome.NOT_REACHED, 0).content.decode()
    assert "Action déjà effectuée." in page
    assert ContactCall.objects.count() == 1


def test_a_call_without_outcome_shows_the_error_and_keeps_the_note(client, reception_grand_air):
    contact = _contact()
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("reception:contact_call", kwargs={"pk": contact.pk}),
        {"note": "messagerie pleine", "expected_calls": 0},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Choisissez le résultat de l’appel." in page and "messagerie pleine" in page


def test_registering_from_the_request_prefills_and_the_request_shows_on_the_file(
    client, reception_grand_air
):
    contact = _contact()
    client.force_login(reception_grand_air)
    _call(client, contact, CallOutcome.REACHED, 0)
    detail = client.get(reverse("reception:contact_detail", kwargs={"pk": contact.pk}))
    register_url = f"{reverse('people:register')}?depuis=contact&demande={contact.pk}"
    assert register_url.replace("&", "&amp;") in detail.content.decode()
    form = client.get(register_url).content.decode()
    assert 'value="Awa"' in form and 'value="Traoré"' in form and 'value="awa@exemple.fr"' in form
    response = client.post(
        register_url,
        {
            "last_name": "Traoré",
            "first_name": "Awa",
            "sex": "F",
            "nationality": "fr",
            "phone": "06 12 34 56 78",
            "email": "awa@exemple.fr",
            "centre": contact.centre_id,
        },
        follow=True,
    )
    person = Person.objects.get(last_name="Traoré")
    contact.refresh_from_db()
    assert contact.person == person
    page = response.content.decode()
    assert "La fiche d’Awa Traoré est créée." in page
    assert "Demande de contact reçue sur le site public" in page
    assert "1 appel, personne jointe" in page


def test_the_swap_button_swaps_the_names_without_creating_anything(client, reception_grand_air):
    contact = _contact(name="Traoré Awa")
    client.force_login(reception_grand_air)
    url = f"{reverse('people:register')}?depuis=contact&demande={contact.pk}"
    response = client.post(
        url, {"last_name": "Awa", "first_name": "Traoré", "phone": "0612345678", "inverser": "1"}
    )
    page = response.content.decode()
    assert response.status_code == 200 and not Person.objects.exists()
    assert 'name="last_name" value="Traoré"' in page and 'name="first_name" value="Awa"' in page
    assert "06 12 34 56 78" in page  # what was typed is kept


def test_an_existing_file_is_found_from_the_request_and_linked(client, reception_grand_air):
    person = PersonFactory(first_name="Awa", last_name="Traoré")
    contact = _contact()
    client.force_login(reception_grand_air)
    page = client.get(reverse("reception:contact_detail", kwargs={"pk": contact.pk}))
    assert "TRAORÉ Awa" in page.content.decode()
    response = client.post(
        reverse("reception:contact_link", kwargs={"pk": contact.pk}),
        {"person": person.pk},
        follow=True,
    )
    contact.refresh_from_db()
    assert contact.person == person
    assert "Demande de contact rattachée au dossier d’Awa Traoré." in response.content.decode()


def test_a_person_of_another_centre_cannot_be_linked(client, reception_grand_air):
    from tests.factories import centre

    other = PersonFactory(centre=centre("esperanto"))
    contact = _contact()
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("reception:contact_link", kwargs={"pk": contact.pk}), {"person": other.pk}
    )
    assert response.status_code == 404
    contact.refresh_from_db()
    assert contact.person is None


def test_the_coordinator_may_call_too_but_not_another_centre_nor_the_cip(
    client, coordinator_grand_air, coordinator_esperanto, counsellor
):
    contact = _contact()
    url = reverse("reception:contact_detail", kwargs={"pk": contact.pk})
    client.force_login(coordinator_grand_air)
    assert client.get(url).status_code == 200
    client.force_login(coordinator_esperanto)
    assert client.get(url).status_code == 404
    assert _call(client, contact, CallOutcome.REACHED, 0).status_code == 404
    client.force_login(counsellor)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_the_contact_page_costs_the_same_with_few_or_many_calls(client, reception_grand_air):
    contact = _contact()
    client.force_login(reception_grand_air)
    url = reverse("reception:contact_detail", kwargs={"pk": contact.pk})
    _call(client, contact, CallOutcome.NOT_REACHED, 0)
    few = queries_for(client, url)
    for expected in range(1, 12):
        _call(client, contact, CallOutcome.NOT_REACHED, expected)
    assert queries_for(client, url) == few


def test_taken_over_without_request_asks_why_and_says_it_on_the_file(client, coordinator_grand_air):
    visit = VisitFactory()
    handoff = HandoffFactory(person=visit.person, visit=visit)
    client.force_login(coordinator_grand_air)
    url = reverse("reception:handoff_take", kwargs={"pk": handoff.pk})
    response = client.post(url, {})
    assert response.status_code == 400
    assert "Choisissez pourquoi aucune demande n’est enregistrée." in response.content.decode()
    handoff.refresh_from_db()
    assert handoff.taken_at is None
    client.post(url, {"reason": "oriented_elsewhere"})
    handoff.refresh_from_db()
    assert (
        handoff.taken_reason == "oriented_elsewhere" and handoff.taken_by == coordinator_grand_air
    )
    file = client.get(reverse("people:file", kwargs={"pk": visit.person.pk})).content.decode()
    assert "Pris en charge sans demande : orientée vers un autre service." in file
    assert Handoff.objects.filter(taken_at__isnull=True).count() == 0


def test_reception_of_another_centre_does_not_see_the_request(client):
    contact = _contact()
    client.force_login(make_user(Role.RECEPTION, "esperanto"))
    assert (
        client.get(reverse("reception:contact_detail", kwargs={"pk": contact.pk})).status_code
        == 404
    )


def test_the_coordinator_sees_the_contact_requests_of_their_centre_in_their_queue(
    client, coordinator_grand_air
):
    _contact(name="Awa Traoré")
    _contact("esperanto", name="Jean Romain")
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("reception:coordinator_queue")).content.decode()
    assert 'Appeler et noter l’appel<span class="visually-hidden"> : Awa Traoré' in page
    assert "Jean Romain" not in page
