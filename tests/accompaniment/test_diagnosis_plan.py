"""Diagnosis (dated, never overwritten, compared with the first) and the action plan."""

import datetime
import uuid

import pytest
from django.urls import reverse
from django.utils import timezone

from accompaniment.models import Action, Diagnosis, Objective
from accompaniment.reference import Dimension
from people.timeline import timeline_for
from tests.accompaniment.factories import AccompanimentFactory, ActionFactory, ObjectiveFactory

pytestmark = pytest.mark.django_db


def _diagnosis_data(made_on, **overrides):
    data = {
        "submission": str(uuid.uuid4()),
        "made_on": made_on.strftime("%d/%m/%Y"),
        "qualification_level": "CFG",
    }
    for dimension in Dimension:
        data[f"{dimension}_assessment"] = "unexplored"
    data.update(
        {
            "employment_assessment": "need",
            "employment_situations": ["unemployed_more_1y"],
            "employment_comment": "Veut travailler dans la restauration.",
            "mobility_assessment": "need",
            "mobility_situations": ["no_transport"],
            "health_assessment": "support",
            "health_situations": ["no_constraint"],
        }
    )
    data.update(overrides)
    return data


def _create_url(accompaniment):
    return reverse("accompaniment:diagnosis_create", kwargs={"pk": accompaniment.pk})


def test_a_diagnosis_records_every_dimension_and_health_takes_no_free_text(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    page = client.get(_create_url(accompaniment)).content.decode()
    assert "CFG – 4ème achevée" in page and "Point d’appui" in page
    assert 'name="health_comment"' not in page
    data = _diagnosis_data(timezone.localdate(), health_comment="Diabète")
    response = client.post(_create_url(accompaniment), data)
    diagnosis = Diagnosis.objects.get()
    assert response["Location"] == reverse(
        "accompaniment:diagnosis_detail", kwargs={"pk": diagnosis.pk}
    )
    assert diagnosis.dimensions.count() == len(Dimension)
    health = diagnosis.dimensions.get(dimension="health")
    assert health.comment == "" and health.situation_labels == ["Contrainte : non"]
    assert diagnosis.derived_level == "Infra niveau 3"
    detail = client.get(response["Location"]).content.decode()
    assert "Diabète" not in detail and "Plus d’1 an sans emploi" in detail
    assert "Diagnostic du" in timeline_for(accompaniment.person, counsellor)[0].title
    # A double submit of the same form records one diagnosis.
    client.post(_create_url(accompaniment), data)
    assert Diagnosis.objects.count() == 1


def test_an_unknown_situation_is_refused_next_to_its_field(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    data = _diagnosis_data(timezone.localdate(), mobility_situations=["teleportation"])
    response = client.post(_create_url(accompaniment), data)
    assert response.status_code == 400
    assert 'id="id_mobility_situations_error"' in response.content.decode()
    assert "Veut travailler dans la restauration." in response.content.decode()
    assert not Diagnosis.objects.exists()


def test_a_later_diagnosis_is_shown_beside_the_first_with_what_moved(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    first_day = accompaniment.start_date
    client.post(_create_url(accompaniment), _diagnosis_data(first_day))
    first = Diagnosis.objects.get()
    later = _diagnosis_data(
        first_day + datetime.timedelta(days=180),
        qualification_level="NV5",
        mobility_assessment="support",
        mobility_situations=["licence_in_progress"],
    )
    # The new form starts from the previous diagnosis.
    form_page = client.get(_create_url(accompaniment)).content.decode()
    assert "Le formulaire reprend le diagnostic du" in form_page
    response = client.post(_create_url(accompaniment), later)
    second = Diagnosis.objects.exclude(pk=first.pk).get()
    page = client.get(response["Location"]).content.decode()
    assert "Premier diagnostic" in page
    assert page.count("moved-mark") == 2  # qualification and mobility
    assert "NV5 – CAP, BEP ou équivalent (Niveau 3)" in page
    first.refresh_from_db()
    assert first.qualification_level == "CFG"  # never overwritten
    assert first.dimensions.get(dimension="mobility").assessment == "need"
    assert second.dimensions.get(dimension="mobility").assessment == "support"


def test_objectives_and_actions_make_the_plan_with_its_progress(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    url = reverse("accompaniment:objective_create", kwargs={"pk": accompaniment.pk})
    data = {
        "submission": str(uuid.uuid4()),
        "dimension": "employment",
        "suggested": "Trouver un emploi",
        "title": "",
    }
    client.post(url, data)
    client.post(url, data)  # double submit
    objective = Objective.objects.get()
    assert objective.title == "Trouver un emploi"
    action_url = reverse("accompaniment:action_create", kwargs={"pk": objective.pk})
    due = (timezone.localdate() + datetime.timedelta(days=7)).strftime("%d/%m/%Y")
    client.post(
        action_url,
        {
            "submission": str(uuid.uuid4()),
            "title": "Refaire le CV",
            "owner": "person",
            "due_on": due,
        },
    )
    client.post(
        action_url,
        {
            "submission": str(uuid.uuid4()),
            "title": "Atelier entretien",
            "owner": "counsellor",
            "due_on": due,
        },
    )
    assert Action.objects.count() == 2
    action = Action.objects.get(title="Refaire le CV")
    status_url = reverse("accompaniment:action_status", kwargs={"pk": action.pk})
    client.post(status_url, {"expected_status": "planned", "status": "done", "done_on": ""})
    action.refresh_from_db()
    assert action.status == "done" and action.done_on == timezone.localdate()
    page = client.get(reverse("accompaniment:detail", kwargs={"pk": accompaniment.pk}))
    assert "1 action réalisée sur 2" in page.content.decode()
    printed = client.get(reverse("accompaniment:plan_print", kwargs={"pk": accompaniment.pk}))
    text = printed.content.decode()
    assert (
        "Mon plan d’action" in text and "Refaire le CV" in text and "Changer le statut" not in text
    )
    titles = [e.title for e in timeline_for(accompaniment.person, counsellor)]
    assert "Action réalisée : « Refaire le CV »" in titles
    assert "Plan d’action : « Atelier entretien »" in titles


def test_an_action_cannot_be_due_before_the_accompaniment_starts(client, counsellor):
    objective = ObjectiveFactory()
    client.force_login(counsellor)
    before = objective.accompaniment.start_date - datetime.timedelta(days=1)
    response = client.post(
        reverse("accompaniment:action_create", kwargs={"pk": objective.pk}),
        {
            "submission": str(uuid.uuid4()),
            "title": "Gardé tel quel",
            "owner": "partner",
            "due_on": before.strftime("%d/%m/%Y"),
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "l’échéance ne peut pas être antérieure" in page
    assert "Choisissez le partenaire qui mène l’action." in page
    assert 'value="Gardé tel quel"' in page
    assert not Action.objects.exists()


def test_a_stale_action_status_form_says_already_done(client, counsellor):
    action = ActionFactory(status="done", done_on=timezone.localdate())
    client.force_login(counsellor)
    response = client.post(
        reverse("accompaniment:action_status", kwargs={"pk": action.pk}),
        {"expected_status": "planned", "status": "cancelled", "done_on": ""},
        follow=True,
    )
    assert "Action déjà effectuée." in response.content.decode()
    action.refresh_from_db()
    assert action.status == "done"


def test_plan_and_diagnosis_pages_cost_the_same_with_many_rows(
    client, counsellor, django_assert_max_num_queries
):
    accompaniment = AccompanimentFactory()
    ActionFactory(objective=ObjectiveFactory(accompaniment=accompaniment))
    client.force_login(counsellor)
    client.post(_create_url(accompaniment), _diagnosis_data(accompaniment.start_date))
    client.post(_create_url(accompaniment), _diagnosis_data(timezone.localdate()))
    latest = Diagnosis.objects.order_by("-pk").first()
    print_url = reverse("accompaniment:plan_print", kwargs={"pk": accompaniment.pk})
    diag_url = reverse("accompaniment:diagnosis_detail", kwargs={"pk": latest.pk})
    with django_assert_max_num_queries(30) as context:
        client.get(print_url)
    few_print = len(context.captured_queries)
    with django_assert_max_num_queries(30) as context:
        client.get(diag_url)
    few_diag = len(context.captured_queries)
    for _ in range(8):
        objective = ObjectiveFactory(accompaniment=accompaniment)
        for _ in range(5):
            ActionFactory(objective=objective)
    for _ in range(4):
        client.post(_create_url(accompaniment), _diagnosis_data(timezone.localdate()))
    with django_assert_max_num_queries(few_print):
        assert client.get(print_url).status_code == 200
    with django_assert_max_num_queries(few_diag):
        assert client.get(diag_url).status_code == 200
