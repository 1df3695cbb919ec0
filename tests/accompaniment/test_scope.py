"""Wrong centre: every page about one accompaniment answers 404 outside the user's centres,
GET and POST, and nothing is written (the access matrix covers anonymous and wrong roles)."""

import pytest
from django.urls import reverse

from accompaniment.models import Diagnosis
from tests.accompaniment.factories import (
    AccompanimentFactory,
    ActionFactory,
    ObjectiveFactory,
    OrientationFactory,
)
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _urls(accompaniment):
    objective = ObjectiveFactory(accompaniment=accompaniment)
    action = ActionFactory(objective=objective)
    orientation = OrientationFactory(accompaniment=accompaniment)
    refused = OrientationFactory(accompaniment=accompaniment, status="refused")
    diagnosis = Diagnosis.objects.create(accompaniment=accompaniment, made_on="2026-01-05")
    pk = accompaniment.pk
    return [
        reverse("accompaniment:detail", kwargs={"pk": pk}),
        reverse("accompaniment:step", kwargs={"pk": pk, "name": "fin"}),
        reverse("accompaniment:diagnosis_create", kwargs={"pk": pk}),
        reverse("accompaniment:diagnosis_detail", kwargs={"pk": diagnosis.pk}),
        reverse("accompaniment:objective_create", kwargs={"pk": pk}),
        reverse("accompaniment:objective_status", kwargs={"pk": objective.pk}),
        reverse("accompaniment:action_create", kwargs={"pk": objective.pk}),
        reverse("accompaniment:action_status", kwargs={"pk": action.pk}),
        reverse("accompaniment:plan_print", kwargs={"pk": pk}),
        reverse("accompaniment:orientation_create", kwargs={"pk": pk}),
        reverse("accompaniment:orientation_detail", kwargs={"pk": orientation.pk}),
        reverse("accompaniment:orientation_send", kwargs={"pk": orientation.pk}),
        reverse("accompaniment:orientation_cancel", kwargs={"pk": orientation.pk}),
        reverse("accompaniment:orientation_revoke", kwargs={"pk": orientation.pk}),
        reverse("accompaniment:orientation_reorient", kwargs={"pk": refused.pk}),
        reverse("accompaniment:accompaniment_contact_create", kwargs={"pk": pk}),
    ]


def test_a_coordinator_of_another_centre_gets_404_everywhere(client, coordinator_esperanto):
    accompaniment = AccompanimentFactory()  # Grand Air
    client.force_login(coordinator_esperanto)
    for url in _urls(accompaniment):
        assert client.get(url).status_code in (404, 405), url
        assert client.post(url, {"expected_status": "sent"}).status_code == 404, url
    assert accompaniment.orientations.filter(status="cancelled").count() == 0


def test_the_cip_gets_404_in_a_centre_she_does_not_serve(client, counsellor):
    accompaniment = AccompanimentFactory(person=PersonFactory(centre=centre("sfm-montreuil")))
    client.force_login(counsellor)
    for url in _urls(accompaniment):
        assert client.post(url, {}).status_code == 404, url


def test_a_cip_membership_elsewhere_does_not_widen_a_reception_scope(client):
    """A reception agent of Grand Air who is also a partner sees no accompaniment."""
    from tests.factories import add_membership

    user = make_user("reception", "grand-air")
    add_membership(user, "partner", organisation_slug="mission-locale")
    accompaniment = AccompanimentFactory(person__last_name="Quennevilliers")
    client.force_login(user)
    assert (
        client.get(reverse("accompaniment:detail", kwargs={"pk": accompaniment.pk})).status_code
        == 403
    )
    mine = OrientationFactory(accompaniment=accompaniment)
    detail = reverse("orientations:received_detail", kwargs={"pk": mine.pk})
    page = client.get(detail).content.decode()
    assert "Orientation n°" in page
    assert accompaniment.person.last_name not in page  # nothing shared
