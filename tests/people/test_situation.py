"""The person's situation: employment, resources, housing, mobility (CNIL referential)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from people.caseload_import import check_file, resources_from_text, run_import
from people.models import EmploymentSituation, Housing, Mobility, Note, Person, Resource
from people.services import update_situation
from tests.factories import add_membership, centre, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

SITUATION = {
    "employment_situation": EmploymentSituation.JOBSEEKER_REGISTERED,
    "resources": [Resource.RSA, Resource.ACTIVITY_BONUS],
    "housing": Housing.HOSTED,
    "mobility": [Mobility.DRIVING_LICENCE],
}


def _post(client, user, person, data):
    client.force_login(user)
    return client.post(reverse("people:situation", kwargs={"pk": person.pk}), data)


def _file(client, user, person):
    client.force_login(user)
    return client.get(reverse("people:file", kwargs={"pk": person.pk})).content.decode()


def _summary(content):
    return content.split('id="resume"')[1].split("</dl>")[0]


# ---- The trio: who may, a colleague with fewer rights, an outsider -----------------------


def test_coordinator_of_the_centre_updates_the_situation_and_reads_it_in_the_summary(
    client, coordinator_grand_air
):
    coordinator_grand_air.first_name, coordinator_grand_air.last_name = "Karim", "Haddad"
    coordinator_grand_air.save()
    person = PersonFactory()
    assert "Situation non renseignée" in _summary(_file(client, coordinator_grand_air, person))
    response = _post(client, coordinator_grand_air, person, SITUATION)
    assert response.status_code == 302
    assert response["Location"] == reverse("people:file", kwargs={"pk": person.pk})
    person.refresh_from_db()
    assert person.employment_situation == EmploymentSituation.JOBSEEKER_REGISTERED
    assert person.resources == ["rsa", "activity_bonus"]
    assert person.housing == Housing.HOSTED
    assert person.mobility == ["driving_licence"]
    assert person.situation_updated_by == coordinator_grand_air
    content = _file(client, coordinator_grand_air, person)
    assert "La situation est mise à jour." in content
    summary = _summary(content)
    assert "Demandeur·se d’emploi inscrit·e à France Travail" in summary
    assert "RSA, Prime d’activité" in summary
    assert "Hébergé·e chez un tiers" in summary
    assert "Permis B" in summary
    today = timezone.localdate().strftime("%d/%m/%Y")
    assert f"le {today} par Karim Haddad" in summary
    assert "Situation non renseignée" not in summary


def test_the_cip_serving_the_centre_updates_the_situation(client, counsellor):
    person = PersonFactory(centre=centre("lounes-matoub"))
    assert _post(client, counsellor, person, SITUATION).status_code == 302
    person.refresh_from_db()
    assert person.situation_updated_by == counsellor


def test_reception_agent_of_the_centre_never_sees_nor_changes_the_situation(
    client, reception_grand_air, coordinator_grand_air
):
    person = PersonFactory()
    update_situation(person, by=coordinator_grand_air, **SITUATION)
    content = _file(client, reception_grand_air, person)
    for hidden in (
        "Situation",
        "Demandeur·se d’emploi",
        "RSA",
        "Hébergé·e",
        "Permis B",
        reverse("people:situation", kwargs={"pk": person.pk}),
    ):
        assert hidden not in content, hidden
    response = _post(client, reception_grand_air, person, {"housing": Housing.SHELTER})
    assert response.status_code == 403
    person.refresh_from_db()
    assert person.housing == Housing.HOSTED


def test_director_of_the_centre_cannot_change_the_situation(client, director_grand_air):
    person = PersonFactory()
    assert _post(client, director_grand_air, person, SITUATION).status_code == 403
    person.refresh_from_db()
    assert person.situation_updated_at is None


def test_coordinator_of_another_centre_gets_404(client, coordinator_esperanto):
    person = PersonFactory()  # Grand Air
    assert _post(client, coordinator_esperanto, person, SITUATION).status_code == 404
    person.refresh_from_db()
    assert person.situation_updated_at is None


def test_a_reception_agent_who_coordinates_elsewhere_cannot_change_it_here(client):
    user = make_user(Role.RECEPTION, "grand-air")
    add_membership(user, Role.COORDINATOR, "esperanto")
    person = PersonFactory()  # Grand Air: her reception role only
    assert _post(client, user, person, SITUATION).status_code == 403
    assert "Situation" not in _file(client, user, person)


# ---- The form ------------------------------------------------------------------------------


def test_contradictory_answers_are_refused_next_to_the_field_and_what_was_typed_is_kept(
    client, coordinator_grand_air
):
    person = PersonFactory()
    data = {
        "employment_situation": EmploymentSituation.IN_TRAINING,
        "resources": [Resource.NONE, Resource.RSA],
        "mobility": [Mobility.VEHICLE, Mobility.PUBLIC_TRANSPORT_ONLY],
    }
    response = _post(client, coordinator_grand_air, person, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Le formulaire contient 2 erreurs" in content
    assert "« Aucune ressource » ne peut pas être cochée avec une autre ressource." in content
    assert "« Transports en commun seulement » ne peut pas être cochée avec" in content
    assert 'id="id_resources_error"' in content
    assert 'id="id_mobility_error"' in content
    form = response.context["form"]
    assert form["employment_situation"].value() == EmploymentSituation.IN_TRAINING
    assert form["resources"].value() == [Resource.NONE, Resource.RSA]
    assert 'value="in_training" id="id_employment_situation_5" checked' in content
    person.refresh_from_db()
    assert person.situation_updated_at is None


def test_a_code_outside_the_lists_is_refused(client, coordinator_grand_air):
    person = PersonFactory()
    response = _post(client, coordinator_grand_air, person, {"resources": ["rsa", "loto"]})
    assert response.status_code == 200
    assert 'id="id_resources_error"' in response.content.decode()


def test_the_form_on_the_file_shows_the_current_situation(client, coordinator_grand_air):
    person = PersonFactory()
    update_situation(person, by=coordinator_grand_air, **SITUATION)
    client.force_login(coordinator_grand_air)
    response = client.get(reverse("people:file", kwargs={"pk": person.pk}))
    form = response.context["situation_form"]
    assert form["resources"].value() == ["rsa", "activity_bonus"]
    assert form["housing"].value() == Housing.HOSTED


def test_saving_the_same_situation_again_changes_nothing(client, coordinator_grand_air):
    person = PersonFactory()
    update_situation(person, by=coordinator_grand_air, **SITUATION)
    person.refresh_from_db()
    updated_at = person.situation_updated_at
    # The same resources, ticked in another order.
    data = {**SITUATION, "resources": [Resource.ACTIVITY_BONUS, Resource.RSA]}
    assert _post(client, coordinator_grand_air, person, data).status_code == 302
    person.refresh_from_db()
    assert person.situation_updated_at == updated_at
    assert "Aucune modification." in _file(client, coordinator_grand_air, person)


def test_get_never_changes_the_situation(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    url = reverse("people:situation", kwargs={"pk": person.pk})
    assert client.get(url, SITUATION).status_code == 405
    person.refresh_from_db()
    assert person.situation_updated_at is None


# ---- The service ---------------------------------------------------------------------------


def test_update_situation_keeps_codes_in_the_order_of_the_lists(coordinator_grand_air):
    person = PersonFactory()
    changed = update_situation(
        person, by=coordinator_grand_air, resources=["salary", "rsa", "rsa"], housing=""
    )
    assert changed == ["resources"]
    person.refresh_from_db()
    assert person.resources == ["rsa", "salary"]
    assert person.situation_updated_by == coordinator_grand_air


def test_update_situation_refuses_unknown_fields_and_contradictions(coordinator_grand_air):
    person = PersonFactory()
    with pytest.raises(TypeError):
        update_situation(person, by=coordinator_grand_air, phone="+33612345678")
    with pytest.raises(ValidationError):
        update_situation(person, by=coordinator_grand_air, resources=["none", "rsa"])
    with pytest.raises(ValidationError):
        update_situation(person, by=coordinator_grand_air, housing="chateau")
    person.refresh_from_db()
    assert person.situation_updated_at is None


# ---- Import ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "codes", "rest"),
    [
        ("RSA, prime d'activité", ["rsa", "activity_bonus"], ""),
        ("RSA + APL", ["rsa"], "APL"),
        ("Salaire et Prime d’activité", ["activity_bonus", "salary"], ""),
        ("chômage / pension", ["are", "pension"], ""),
        ("AAH", ["aah"], ""),
        ("RSA depuis 2020", [], "RSA depuis 2020"),
        ("Aucune, RSA", [], "Aucune, RSA"),  # contradictory: kept as written
        ("", [], ""),
    ],
)
def test_recognisable_resources_of_a_caseload_file_become_codes(text, codes, rest):
    assert resources_from_text(text) == (codes, rest)


def test_import_maps_the_resources_column_and_keeps_the_rest_in_the_note(coordinator_grand_air):
    csv = (
        "NOM;Prénom;Né(e) le;Ressources\r\n"
        "N'DIAYE;Élodie;03/04/1990;RSA, prime d'activité\r\n"
        "Traoré;Awa;01/03/1975;RSA + APL\r\n"
    )
    existing = PersonFactory(
        first_name="Awa", last_name="Traoré", birth_date="1975-03-01", resources=[]
    )
    batch = check_file(
        data=csv.encode(), filename="inscrits.csv", centre=centre("grand-air"), by=None
    )
    run_import(batch, by=coordinator_grand_air)
    elodie = Person.objects.get(first_name="Élodie")
    assert elodie.resources == ["rsa", "activity_bonus"]
    assert elodie.situation_updated_by == coordinator_grand_air
    assert not Note.objects.filter(person=elodie).exists()  # nothing left to keep
    existing.refresh_from_db()
    assert existing.resources == ["rsa"]
    note = Note.objects.get(person=existing).text
    assert "Ressources : APL" in note
    assert "RSA" not in note
