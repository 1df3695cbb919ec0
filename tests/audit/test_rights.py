"""The person's rights: access (JSON, print page), erasure and restriction with two people."""

import json

from django.urls import reverse

from accounts.models import Role
from audit.models import AccessAction, AccessLog, RightsRequest, RightsRequestStatus
from people.models import Note, Person
from tests.factories import make_user
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory, VisitFactory


def _person_with_history(author):
    person = PersonFactory(last_name="Benali", first_name="Amina")
    Note.objects.create(person=person, author=author, text="Atelier CV le 3 mars.")
    RequestFactory(person=person, description="Cherche un emploi en cuisine.")
    VisitFactory(person=person)
    return person


def test_the_json_export_holds_everything_notes_included_and_is_logged(
    client, coordinator_grand_air
):
    person = _person_with_history(coordinator_grand_air)
    client.force_login(coordinator_grand_air)
    response = client.get(reverse("audit:person_data_json", kwargs={"pk": person.pk}))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="fiche-{person.pk}.json"'
    data = json.loads(response.content)
    assert data["Fiche"][0]["Nom"] == "Benali"
    assert data["Notes"][0]["Note"] == "Atelier CV le 3 mars."
    assert "Cherche un emploi en cuisine." in json.dumps(data, ensure_ascii=False)
    assert "Passages" in data or any("passage" in key.lower() for key in data)
    row = AccessLog.objects.latest("pk")
    assert (row.action, row.person_ids) == (AccessAction.EXPORT, [person.pk])


def test_the_print_page_reads_the_same(client, counsellor, django_assert_max_num_queries):
    person = _person_with_history(counsellor)
    client.force_login(counsellor)
    url = reverse("audit:person_data_print", kwargs={"pk": person.pk})
    with django_assert_max_num_queries(40):
        page = client.get(url).content.decode()
    assert "Atelier CV le 3 mars." in page
    assert "Informations enregistrées sur" in page
    for _ in range(10):
        Note.objects.create(person=person, author=counsellor, text="Encore une note.")
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200


def test_reception_and_other_centres_cannot_export(
    client, reception_grand_air, coordinator_esperanto
):
    person = PersonFactory()
    url = reverse("audit:person_data_json", kwargs={"pk": person.pk})
    client.force_login(reception_grand_air)
    assert client.get(url).status_code == 403
    client.force_login(coordinator_esperanto)
    assert client.get(url).status_code == 404


def test_erasure_needs_a_second_colleague_then_anonymises(
    client, coordinator_grand_air, counsellor
):
    person = _person_with_history(coordinator_grand_air)
    rights_url = reverse("audit:person_rights", kwargs={"pk": person.pk})
    client.force_login(coordinator_grand_air)
    response = client.post(rights_url, {"kind": "erasure", "reason": "Déménage."}, follow=True)
    assert "un·e collègue doit maintenant la valider" in response.content.decode()
    pending = RightsRequest.objects.get()
    decide = reverse("audit:rights_decide", kwargs={"pk": pending.pk})

    # The one who recorded it cannot approve it.
    response = client.post(decide, {"decision": "approve"}, follow=True)
    assert "autre personne" in response.content.decode()
    assert Person.objects.get(pk=person.pk).anonymised_at is None

    client.force_login(counsellor)
    response = client.post(decide, {"decision": "approve"}, follow=True)
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.anonymised_at is not None and person.last_name == ""
    assert Note.objects.get(person=person).text == ""
    assert RightsRequest.objects.get().status == RightsRequestStatus.APPROVED
    # A second click: "Action déjà effectuée." (the file is gone from scope: 404 is fine too)
    assert client.post(decide, {"decision": "approve"}).status_code in (302, 404)


def test_restriction_freezes_the_file_until_lifted(client, coordinator_grand_air, counsellor):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    client.post(reverse("audit:person_rights", kwargs={"pk": person.pk}), {"kind": "restriction"})
    client.force_login(counsellor)
    client.post(
        reverse("audit:rights_decide", kwargs={"pk": RightsRequest.objects.get().pk}),
        {"decision": "approve"},
    )
    person.refresh_from_db()
    assert person.restricted_at is not None
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}),
        {"text": "Une note", "visibility": "team"},
    )
    assert response.status_code == 403
    assert "limité à la demande de la personne" in response.content.decode()
    assert not Note.objects.filter(person=person).exists()
    file_page = client.get(reverse("people:file", kwargs={"pk": person.pk})).content.decode()
    assert "Le traitement de cette fiche est limité" in file_page

    client.post(reverse("audit:restriction_lift", kwargs={"pk": person.pk}))
    person.refresh_from_db()
    assert person.restricted_at is None


def test_a_colleague_of_another_centre_cannot_decide(client, coordinator_grand_air):
    person = PersonFactory()
    rights_request = RightsRequest.objects.create(
        person=person, kind="erasure", requested_by=coordinator_grand_air
    )
    outsider = make_user(Role.COORDINATOR, "esperanto")
    client.force_login(outsider)
    response = client.post(
        reverse("audit:rights_decide", kwargs={"pk": rights_request.pk}), {"decision": "approve"}
    )
    assert response.status_code == 404
    assert Person.objects.get(pk=person.pk).anonymised_at is None


def test_the_rights_page_costs_the_same_with_many_requests(
    client, coordinator_grand_air, counsellor, django_assert_max_num_queries
):
    person = PersonFactory()
    url = reverse("audit:person_rights", kwargs={"pk": person.pk})
    client.force_login(counsellor)
    with django_assert_max_num_queries(14):
        assert client.get(url).status_code == 200
    for kind in ("erasure", "restriction"):
        RightsRequest.objects.create(
            person=person, kind=kind, requested_by=coordinator_grand_air, status="refused"
        )
    RightsRequest.objects.create(person=person, kind="erasure", requested_by=coordinator_grand_air)
    with django_assert_max_num_queries(14):
        page = client.get(url).content.decode()
    assert "Valider et appliquer" in page


def test_a_request_shows_on_the_file_timeline_for_the_team_only(
    client, coordinator_grand_air, reception_grand_air
):
    person = PersonFactory()
    RightsRequest.objects.create(
        person=person, kind="restriction", requested_by=coordinator_grand_air
    )
    url = reverse("people:file", kwargs={"pk": person.pk})
    client.force_login(coordinator_grand_air)
    assert "Demande de la personne : limitation du traitement" in client.get(url).content.decode()
    client.force_login(reception_grand_air)
    assert "Demande de la personne" not in client.get(url).content.decode()
