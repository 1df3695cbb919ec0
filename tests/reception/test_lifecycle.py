"""A request moves only through the transitions of `reception.lifecycle`, each dated and signed."""

import pytest
from django.core.exceptions import PermissionDenied

from accounts.models import Role
from reception import services
from reception.lifecycle import TRANSITIONS, available_from
from reception.models import Handoff, RequestStatus, RequestTransition, VisitOutcome, VisitReason
from tests.factories import centre
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory

pytestmark = pytest.mark.django_db


def test_recording_a_request_writes_its_first_history_row_and_takes_over_the_handoff(
    coordinator_grand_air,
):
    person = PersonFactory()
    handoff = HandoffFactory(person=person)
    created = services.record_request(
        person,
        by=coordinator_grand_air,
        needs=["trouver-un-emploi"],
        description="Cherche un emploi",
    )
    assert created.status == RequestStatus.NEW
    assert created.centre == person.centre
    (row,) = created.transitions.all()
    assert (row.from_status, row.to_status, row.by) == (
        "",
        RequestStatus.NEW,
        coordinator_grand_air,
    )
    handoff.refresh_from_db()
    assert handoff.taken_by == coordinator_grand_air and handoff.taken_at is not None


def test_handing_a_request_to_the_cip_moves_it_and_records_the_handoff(
    coordinator_grand_air, counsellor
):
    request_ = RequestFactory()
    services.transition_request(
        request_,
        "submit",
        by=coordinator_grand_air,
        expected_status="new",
        to_user=counsellor,
        comment="Urgent",
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.AWAITING_ANALYSIS
    last = request_.transitions.first()
    assert (last.from_status, last.to_status, last.by) == (
        "new",
        "awaiting_analysis",
        coordinator_grand_air,
    )
    handoff = Handoff.objects.get(request=request_)
    assert (handoff.from_user, handoff.to_role, handoff.to_user) == (
        coordinator_grand_air,
        Role.COUNSELLOR,
        counsellor,
    )


def test_the_cip_starting_the_accompaniment_takes_over_the_handoff(
    coordinator_grand_air, counsellor
):
    request_ = RequestFactory()
    services.transition_request(request_, "submit", by=coordinator_grand_air, expected_status="new")
    services.transition_request(
        request_, "start", by=counsellor, expected_status="awaiting_analysis"
    )
    assert Handoff.objects.get(request=request_).taken_by == counsellor


def test_closing_asks_a_reason_and_a_closed_request_can_be_reopened(coordinator_grand_air):
    request_ = RequestFactory()
    with pytest.raises(ValueError):
        services.transition_request(
            request_, "close", by=coordinator_grand_air, expected_status="new"
        )
    services.transition_request(
        request_, "close", by=coordinator_grand_air, expected_status="new", comment="Déménagement"
    )
    request_.refresh_from_db()
    assert (request_.status, request_.closing_reason) == (RequestStatus.CLOSED, "Déménagement")
    services.transition_request(
        request_, "reopen", by=coordinator_grand_air, expected_status="closed"
    )
    request_.refresh_from_db()
    assert (request_.status, request_.closing_reason) == (RequestStatus.AWAITING_ANALYSIS, "")
    assert request_.transitions.count() == 3


def test_an_outdated_transition_is_refused_as_already_done(coordinator_grand_air):
    request_ = RequestFactory()
    services.transition_request(request_, "submit", by=coordinator_grand_air, expected_status="new")
    with pytest.raises(services.ActionAlreadyDone):
        services.transition_request(
            request_, "submit", by=coordinator_grand_air, expected_status="new"
        )
    assert RequestTransition.objects.filter(request=request_).count() == 2


def test_only_the_cip_starts_an_accompaniment(coordinator_grand_air):
    request_ = RequestFactory(awaiting=True)
    with pytest.raises(PermissionDenied):
        services.transition_request(
            request_, "start", by=coordinator_grand_air, expected_status="awaiting_analysis"
        )


def test_a_coordinator_of_another_centre_cannot_move_the_request(coordinator_esperanto):
    request_ = RequestFactory()
    with pytest.raises(PermissionDenied):
        services.transition_request(
            request_, "submit", by=coordinator_esperanto, expected_status="new"
        )


def test_renewing_a_request_links_the_new_one_to_the_previous(coordinator_grand_air):
    previous = RequestFactory(closed=True)
    renewed = services.renew_request(previous, by=coordinator_grand_air, needs=["se-former"])
    assert renewed.renews == previous
    assert renewed.status == RequestStatus.NEW
    assert "Renouvellement" in renewed.transitions.get().comment


def test_every_status_has_a_way_out_and_closed_only_reopens():
    assert {t.name for t in available_from(RequestStatus.CLOSED)} == {"reopen"}
    for status in RequestStatus:
        assert available_from(status), status
    assert TRANSITIONS["close"].needs_comment


def test_a_visit_handed_to_the_coordinator_creates_the_handoff(reception_grand_air):
    person = PersonFactory()
    grand_air = centre("grand-air")
    visit = services.record_visit(
        by=reception_grand_air,
        centre=grand_air,
        site=grand_air.sites.get(slug="espace-40"),
        reason=VisitReason.INTEGRATION_REQUEST,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
        person=person,
        note="Cherche du travail",
    )
    handoff = visit.handoffs.get()
    assert (handoff.to_role, handoff.to_centre, handoff.from_user) == (
        Role.COORDINATOR,
        grand_air,
        reception_grand_air,
    )
    with pytest.raises(services.ActionAlreadyDone):
        services.hand_visit_over(visit, by=reception_grand_air)


def test_an_anonymous_visit_is_counted_without_a_handoff(reception_grand_air):
    grand_air = centre("grand-air")
    visit = services.record_visit(
        by=reception_grand_air,
        centre=grand_air,
        site=grand_air.sites.first(),
        reason=VisitReason.INFORMATION,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
    )
    assert visit.is_anonymous and not visit.handoffs.exists()


def test_a_visit_at_a_site_of_another_centre_is_refused(reception_grand_air):
    with pytest.raises(ValueError):
        services.record_visit(
            by=reception_grand_air,
            centre=centre("grand-air"),
            site=centre("esperanto").sites.first(),
            reason=VisitReason.INFORMATION,
            outcome=VisitOutcome.INFORMATION_GIVEN,
        )
