import pytest
from django.urls import reverse

from organisations.models import Organisation
from people.models import Note, SharingConsent
from tests.factories import centre
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_note_form_warns_about_what_must_not_be_written(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    content = client.get(reverse("people:file", kwargs={"pk": person.pk})).content.decode()
    assert (
        "pas d’informations de santé" in content.lower() or "informations sur la santé" in content
    )
    assert "jugements" in content


def test_coordinator_adds_a_team_note(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}),
        {"text": "Inscrite à l’atelier CV du 12 mars.", "visibility": "team"},
    )
    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.author, note.visibility) == (coordinator_grand_air, "team")


def test_an_empty_note_is_refused_with_the_error_on_the_field(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}), {"text": "  ", "visibility": "team"}
    )
    assert response.status_code == 200
    assert "id_text_error" in response.content.decode()
    assert not Note.objects.exists()


def test_reception_agent_cannot_write_notes(client, reception_grand_air):
    person = PersonFactory()
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}), {"text": "x", "visibility": "team"}
    )
    assert response.status_code == 403


def test_the_cip_cannot_write_notes_on_a_person_outside_her_centres(client, counsellor):
    person = PersonFactory(centre=centre("sfm-montreuil"))
    client.force_login(counsellor)
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}), {"text": "x", "visibility": "team"}
    )
    assert response.status_code == 404


def test_notice_is_printable_in_plain_french_and_its_delivery_recorded(
    client, coordinator_grand_air
):
    person = PersonFactory(elodie=True)
    client.force_login(coordinator_grand_air)
    notice = client.get(reverse("people:notice", kwargs={"pk": person.pk})).content.decode()
    assert "Vos droits" in notice and "sécurité sociale" in notice
    url = reverse("people:consents", kwargs={"pk": person.pk})
    response = client.post(url, {"notice-delivered_on": "05/01/2026"})
    assert response.status_code == 302
    assert person.notice_deliveries.get().delivered_on.isoformat() == "2026-01-05"
    page = client.get(reverse("people:file", kwargs={"pk": person.pk})).content.decode()
    assert "remise le 05/01/2026" in page


def test_consent_per_partner_is_recorded_replaced_and_withdrawn(client, counsellor):
    person = PersonFactory()
    partner = Organisation.objects.filter(is_partner=True).order_by("name").first()
    client.force_login(counsellor)
    url = reverse("people:consents", kwargs={"pk": person.pk})
    data = {"consent-partner": partner.pk, "consent-agreed_on": "05/01/2026"}
    client.post(url, {**data, "consent-shared": ["identity"]})
    client.post(url, {**data, "consent-shared": ["identity", "outcomes"]})
    active = SharingConsent.objects.get(withdrawn_on=None)
    assert active.shared == ["identity", "outcomes"]
    assert SharingConsent.objects.count() == 2  # the first one is kept, dated as replaced
    withdraw = reverse("people:consent_withdraw", kwargs={"pk": person.pk, "consent_pk": active.pk})
    assert client.post(withdraw).status_code == 302
    assert not SharingConsent.objects.filter(withdrawn_on=None).exists()
    response = client.post(withdraw, follow=True)
    assert "Action déjà effectuée." in response.content.decode()


def test_reception_agent_cannot_see_consents(client, reception_grand_air):
    person = PersonFactory()
    client.force_login(reception_grand_air)
    assert client.get(reverse("people:consents", kwargs={"pk": person.pk})).status_code == 403


def test_consents_page_costs_the_same_with_few_or_many_consents(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    import datetime

    from people.models import NoticeDelivery

    person = PersonFactory()
    partners = list(Organisation.objects.filter(is_partner=True).order_by("name"))
    client.force_login(coordinator_grand_air)
    url = reverse("people:consents", kwargs={"pk": person.pk})

    def add(count):
        for number in range(count):
            SharingConsent.objects.create(
                person=person,
                partner=partners[number % len(partners)],
                shared=["identity", "outcomes"],
                agreed_on=datetime.date(2026, 1, 5),
                recorded_by=coordinator_grand_air,
                withdrawn_on=datetime.date(2026, 2, 1) if number % 3 == 0 else None,
            )
            NoticeDelivery.objects.create(
                person=person,
                delivered_on=datetime.date(2026, 1, 5),
                version="2026-1",
                recorded_by=coordinator_grand_air,
            )

    def count():
        with django_assert_max_num_queries(10) as captured:
            response = client.get(url)
        assert response.status_code == 200
        return len(captured)

    add(2)
    with_few = count()
    add(60)
    assert count() == with_few, with_few
