"""Who sees which visits and requests: people with several memberships first."""

import pytest

from accounts.models import Role
from parcours.permissions import (
    can_record_request,
    can_transition_request,
    handoffs_visible_to,
    reception_counts_for,
    requests_visible_to,
    visits_visible_to,
)
from reception.lifecycle import TRANSITIONS
from tests.factories import add_membership, centre, make_user
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory, VisitFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows():
    """One visit, one request and one hand-off about a request in each municipal centre."""
    data = {}
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        person = PersonFactory(centre=centre(slug))
        request_ = RequestFactory(person=person)
        data[slug] = {
            "visit": VisitFactory(centre=centre(slug), person=person),
            "request": request_,
            "handoff": HandoffFactory(person=person, request=request_, to_role=Role.COUNSELLOR),
        }
    return data


def test_a_cip_serving_two_centres_who_is_reception_in_a_third_sees_requests_of_the_two_only(rows):
    cip = make_user(Role.COUNSELLOR, "grand-air")
    add_membership(cip, Role.COUNSELLOR, "esperanto", "epicerie-solidaire-aurore")
    add_membership(cip, Role.RECEPTION, "lounes-matoub")
    assert set(requests_visible_to(cip)) == {
        rows["grand-air"]["request"],
        rows["esperanto"]["request"],
    }
    # The reception membership gives Lounès Matoub's visits, never its requests.
    assert set(visits_visible_to(cip)) == {r["visit"] for r in rows.values()}
    assert rows["lounes-matoub"]["handoff"] not in set(handoffs_visible_to(cip))
    assert not can_record_request(cip, rows["lounes-matoub"]["request"].person)
    assert not can_transition_request(cip, rows["lounes-matoub"]["request"])
    assert can_transition_request(cip, rows["esperanto"]["request"], TRANSITIONS["close"])


def test_the_cip_of_the_three_centres_sees_the_requests_of_the_three(rows, counsellor):
    assert requests_visible_to(counsellor).count() == 3


def test_a_coordinator_sees_the_requests_of_their_centre_only(rows, coordinator_grand_air):
    assert list(requests_visible_to(coordinator_grand_air)) == [rows["grand-air"]["request"]]
    assert list(visits_visible_to(coordinator_grand_air)) == [rows["grand-air"]["visit"]]
    assert can_record_request(coordinator_grand_air, rows["grand-air"]["request"].person)
    assert not can_record_request(coordinator_grand_air, rows["esperanto"]["request"].person)
    assert not can_transition_request(
        coordinator_grand_air, rows["grand-air"]["request"], TRANSITIONS["start"]
    )


def test_a_reception_agent_sees_the_visits_of_their_centre_and_no_request(
    rows, reception_grand_air
):
    assert list(visits_visible_to(reception_grand_air)) == [rows["grand-air"]["visit"]]
    assert not requests_visible_to(reception_grand_air).exists()
    # Hand-offs about a request carry the coordinator's note: not for the desk.
    assert not handoffs_visible_to(reception_grand_air).exists()
    assert not can_record_request(reception_grand_air, rows["grand-air"]["request"].person)


def test_a_director_sees_counts_and_no_row(rows, director_grand_air):
    assert not visits_visible_to(director_grand_air).exists()
    assert not requests_visible_to(director_grand_air).exists()
    assert reception_counts_for(director_grand_air) == {"visits": 1, "open_requests": 1}


@pytest.mark.parametrize("role", [Role.STEERING, Role.PARTNER, Role.MODERATOR, Role.ADMINISTRATOR])
def test_roles_outside_the_centres_see_nothing(rows, role):
    user = make_user(role)
    assert not visits_visible_to(user).exists()
    assert not requests_visible_to(user).exists()
    assert not handoffs_visible_to(user).exists()
    assert reception_counts_for(user) == {"visits": 0, "open_requests": 0}
