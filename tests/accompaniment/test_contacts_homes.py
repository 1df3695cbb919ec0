"""Contacts with partners (visibility as notes), the homes' panels, the services import."""

import datetime
import json
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accompaniment.models import PartnerContact, PartnerService
from accompaniment.service_import import import_services
from people.timeline import timeline_for
from tests.accompaniment.factories import (
    SERVICES_JSON,
    AccompanimentFactory,
    ActionFactory,
    ContactFactory,
    ObjectiveFactory,
    OrientationFactory,
)
from tests.factories import centre, make_user, organisation
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _contact_data(**extra):
    return {
        "submission": str(uuid.uuid4()),
        "organisation": organisation("france-travail").pk,
        "channel": "phone",
        "happened_on": timezone.localdate().strftime("%d/%m/%Y"),
        "with_whom": "Conseillère entreprise",
        "summary": "Point sur les offres du secteur restauration.",
        "visibility": "team",
        **extra,
    }


def test_a_contact_about_a_person_is_on_the_timeline_and_counts_as_contact(client, counsellor):
    accompaniment = AccompanimentFactory(
        last_contact_on=timezone.localdate() - datetime.timedelta(days=90)
    )
    client.force_login(counsellor)
    url = reverse("accompaniment:accompaniment_contact_create", kwargs={"pk": accompaniment.pk})
    data = _contact_data()
    client.post(url, data)
    client.post(url, data)  # double submit
    contact = PartnerContact.objects.get()
    assert contact.person == accompaniment.person and contact.created_by == counsellor
    accompaniment.refresh_from_db()
    assert accompaniment.last_contact_on == timezone.localdate()
    titles = [e.title for e in timeline_for(accompaniment.person, counsellor)]
    assert "Appel téléphonique avec France Travail" in titles


def test_a_personal_contact_is_read_by_its_author_only(client, counsellor, coordinator_grand_air):
    mine = ContactFactory(created_by=counsellor, visibility="author", summary="Personnel")
    ContactFactory(
        person=None, centre=centre("grand-air"), created_by=counsellor, summary="Réunion"
    )
    client.force_login(counsellor)
    page = client.get(reverse("accompaniment:contact_list")).content.decode()
    assert "Personnel" in page and "Réunion" in page and "Général (Grand Air)" in page
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("accompaniment:contact_list")).content.decode()
    assert "Personnel" not in page and "Réunion" in page
    assert not any(
        "Personnel" in e.detail for e in timeline_for(mine.person, coordinator_grand_air)
    )


def test_a_general_contact_is_recorded_in_one_of_the_users_centres(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    url = reverse("accompaniment:contact_create")
    response = client.post(url, _contact_data(centre=centre("esperanto").pk, summary="Gardé"))
    assert response.status_code == 400
    assert "Gardé</textarea>" in response.content.decode()
    client.post(url, _contact_data(centre=centre("grand-air").pk))
    assert PartnerContact.objects.get().person is None


def test_the_cip_home_lists_late_actions_waiting_orientations_and_silent_people(
    client, counsellor, coordinator_esperanto
):
    today = timezone.localdate()
    late = ActionFactory(
        title="Relancer l’employeur",
        due_on=today - datetime.timedelta(days=2),
        objective=ObjectiveFactory(
            accompaniment=AccompanimentFactory(person=PersonFactory(centre=centre("esperanto")))
        ),
    )
    waiting = OrientationFactory()
    expired = OrientationFactory(status="expired")
    silent = AccompanimentFactory(last_contact_on=today - datetime.timedelta(days=61))
    client.force_login(counsellor)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert (
        f"{expired.accompaniment.person.full_name} → {expired.service.name}</a>, expirée le" in page
    )
    assert "Relancer l’employeur" in page
    assert f"{waiting.accompaniment.person.full_name} → {waiting.service.name}" in page
    assert "Sans contact depuis 60 jours" in page and silent.person.full_name in page
    client.force_login(coordinator_esperanto)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Relancer l’employeur" in page
    assert late.objective.accompaniment.person.full_name in page
    assert silent.person.full_name not in page  # Grand Air's


def test_the_partner_home_counts_what_to_answer(client, partner_mission_locale):
    OrientationFactory()
    OrientationFactory(status="accepted")
    client.force_login(partner_mission_locale)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "1 à traiter, 1 acceptée dont la suite reste à indiquer" in page


def test_homes_cost_the_same_with_many_accompaniments(
    client, counsellor, django_assert_max_num_queries
):
    client.force_login(counsellor)
    AccompanimentFactory()
    with django_assert_max_num_queries(40) as context:
        client.get(reverse("dashboard:home"))
    few = len(context.captured_queries)
    today = timezone.localdate()
    for _ in range(12):
        accompaniment = AccompanimentFactory(last_contact_on=today - datetime.timedelta(days=70))
        ActionFactory(
            objective=ObjectiveFactory(accompaniment=accompaniment),
            due_on=today - datetime.timedelta(days=1),
        )
        OrientationFactory(accompaniment=accompaniment)
    with django_assert_max_num_queries(few):
        assert client.get(reverse("dashboard:home")).status_code == 200


def test_contact_list_costs_the_same_with_many_contacts(
    client, counsellor, django_assert_max_num_queries
):
    client.force_login(counsellor)
    ContactFactory()
    with django_assert_max_num_queries(30) as context:
        client.get(reverse("accompaniment:contact_list"))
    few = len(context.captured_queries)
    for _ in range(40):
        ContactFactory()
    with django_assert_max_num_queries(few):
        assert client.get(reverse("accompaniment:contact_list")).status_code == 200


# ---- data·inclusion import ---------------------------------------------------------------


def test_the_import_dry_run_writes_nothing_then_imports_and_updates(capsys):
    call_command("import_partner_services", str(SERVICES_JSON))
    assert not PartnerService.objects.exists()
    assert "Simulation : 5 nouveau(x)" in capsys.readouterr().out
    call_command("import_partner_services", str(SERVICES_JSON), "--apply")
    assert PartnerService.objects.count() == 5
    youth = PartnerService.objects.get(organisation__slug="mission-locale")
    assert (youth.min_age, youth.max_age, youth.audience) == (16, 25, "Jeunes")
    assert PartnerService.objects.get(organisation__slug="projet-rsa-ville").for_rsa_recipients
    youth.max_age = 26  # corrected by an administrator, kept on update
    youth.save()
    report = import_services(SERVICES_JSON.read_bytes(), dry_run=False)
    assert len(report.updated) == 5 and not report.created
    youth.refresh_from_db()
    assert youth.max_age == 26


def test_one_invalid_service_imports_nothing(tmp_path):
    services = json.loads(SERVICES_JSON.read_text())
    services[1]["nom"] = "X"  # too short for the schema
    services[2]["structure_id"] = "ailleurs--inconnue"
    path = tmp_path / "services.json"
    path.write_text(json.dumps(services))
    with pytest.raises(CommandError, match="rien n’a été importé"):
        call_command("import_partner_services", str(path), "--apply")
    assert not PartnerService.objects.exists()
    report = import_services(path.read_bytes(), dry_run=True)
    assert any("Service n° 2 : nom" in error for error in report.errors)
    assert any("ne correspond à aucun partenaire" in error for error in report.errors)
    assert not import_services(b"{pas du json", dry_run=True).ok


def test_administrators_edit_services_in_the_admin(client, services):
    admin = make_user("administrator")
    client.force_login(admin)
    url = reverse("admin:accompaniment_partnerservice_change", args=[services["ccas-montreuil"].pk])
    assert client.get(url).status_code == 200


def test_the_cip_home_counts_open_accompaniments_up_to_a_bound(client, counsellor, monkeypatch):
    from accompaniment import selectors

    for _ in range(3):
        AccompanimentFactory()
    client.force_login(counsellor)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "3 accompagnements ouverts." in page
    monkeypatch.setattr(selectors, "OPEN_COUNT_CAP", 2)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "plus de 2 accompagnements ouverts." in page
