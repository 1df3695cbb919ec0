"""What the reception adds to the person's file, seen by each role."""

import pytest
from django.urls import reverse

from accounts.models import Role
from people.timeline import summary_for, timeline_for
from reception import services
from tests.factories import make_user
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory, VisitFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db
RECEPTION_KINDS = {"visit", "request", "request-status", "handoff"}


def reception_kinds(person, user):
    return sorted(e.kind for e in timeline_for(person, user) if e.kind in RECEPTION_KINDS)


@pytest.fixture
def story(coordinator_grand_air):
    person = PersonFactory()
    visit = VisitFactory(person=person)
    HandoffFactory(person=person, visit=visit)
    request_ = RequestFactory(person=person, description="Description confidentielle")
    services.transition_request(request_, "submit", by=coordinator_grand_air, expected_status="new")
    return person


def test_the_coordinator_sees_visit_request_status_change_and_handoffs(
    story, coordinator_grand_air
):
    assert reception_kinds(story, coordinator_grand_air) == [
        "handoff",
        "handoff",
        "request",
        "request-status",
        "visit",
    ]
    labels = [item.value for item in summary_for(story, coordinator_grand_air)]
    assert "Enregistrer une demande" in labels and "Noter un passage" in labels


def test_reception_sees_the_visit_and_its_handoff_but_nothing_of_the_request(
    story, reception_grand_air
):
    entries = timeline_for(story, reception_grand_air)
    assert reception_kinds(story, reception_grand_air) == ["handoff", "visit"]
    assert all("Besoins" not in entry.detail for entry in entries)
    labels = [item.value for item in summary_for(story, reception_grand_air)]
    assert "Noter un passage" in labels
    assert "Enregistrer une demande" not in labels
    assert not any(
        item.label == "Demande en cours" for item in summary_for(story, reception_grand_air)
    )


def test_the_cip_sees_the_request_but_has_no_desk(story, counsellor):
    assert "request" in {entry.kind for entry in timeline_for(story, counsellor)}
    assert "Noter un passage" not in [item.value for item in summary_for(story, counsellor)]


def test_a_coordinator_of_another_centre_gets_nothing(story, coordinator_esperanto):
    assert reception_kinds(story, coordinator_esperanto) == []


def test_the_file_page_shows_the_reception_entries_at_a_constant_cost(
    story, coordinator_grand_air, client
):
    client.force_login(coordinator_grand_air)
    url = reverse("people:file", kwargs={"pk": story.pk})
    few = queries_for(client, url)
    for _ in range(20):
        visit = VisitFactory(person=story)
        HandoffFactory(person=story, visit=visit)
        RequestFactory(person=story)
    assert queries_for(client, url) == few
    page = client.get(url).content.decode()
    assert "Passage à l’accueil" in page and "Demande d’accompagnement enregistrée" in page


def test_a_reception_agent_opening_the_file_does_not_read_the_request(story, client):
    client.force_login(make_user(Role.RECEPTION, "grand-air"))
    page = client.get(reverse("people:file", kwargs={"pk": story.pk})).content.decode()
    assert "Passage à l’accueil" in page
    assert "Description confidentielle" not in page and "Trouver un emploi" not in page
