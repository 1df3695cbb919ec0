"""A hand-off is taken over only by its addressee."""

from django.urls import reverse

from accounts.models import Role
from reception.models import Handoff
from tests.factories import add_membership, make_user
from tests.reception.factories import HandoffFactory, RequestFactory


def _take(client, user, handoff):
    client.force_login(user)
    # A hand-off with no request is taken over "sans demande": the reason is asked.
    return client.post(
        reverse("reception:handoff_take", kwargs={"pk": handoff.pk}),
        {"reason": "information_only"},
    )


def test_the_cip_cannot_take_a_handoff_addressed_to_the_coordinators(
    client, counsellor, coordinator_grand_air
):
    handoff = HandoffFactory(to_role=Role.COORDINATOR)
    assert _take(client, counsellor, handoff).status_code == 403
    assert Handoff.objects.get(pk=handoff.pk).taken_at is None
    assert _take(client, coordinator_grand_air, handoff).status_code == 302
    assert Handoff.objects.get(pk=handoff.pk).taken_by == coordinator_grand_air


def test_a_coordinator_cannot_take_one_addressed_by_name_to_the_cip(
    client, counsellor, coordinator_grand_air
):
    handoff = HandoffFactory(
        request=RequestFactory(), to_role=Role.COUNSELLOR, to_user=counsellor, to_colleague=True
    )
    assert _take(client, coordinator_grand_air, handoff).status_code == 403
    other_cip = make_user(Role.COUNSELLOR, "grand-air", "epicerie-solidaire-aurore")
    assert _take(client, other_cip, handoff).status_code == 403
    assert _take(client, counsellor, handoff).status_code == 302
    assert Handoff.objects.get(pk=handoff.pk).taken_by == counsellor


def test_a_coordinator_of_one_centre_cannot_take_another_centres_handoff(client, db):
    user = make_user(Role.COORDINATOR, "esperanto")
    add_membership(user, Role.COUNSELLOR, "grand-air", "epicerie-solidaire-aurore")
    handoff = HandoffFactory(to_role=Role.COORDINATOR)  # Grand Air's coordinators
    assert _take(client, user, handoff).status_code == 403
