"""Each role's work list: who handed over what and when; constant cost; no cross-centre leak."""

import pytest
from django.urls import reverse

from accounts.models import Role
from directory.models import ContactRequest
from organisations.models import Neighbourhood
from tests.factories import add_membership, centre, make_user
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory, VisitFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db
RECEPTION_QUEUE = reverse("reception:reception_queue")
COORDINATOR_QUEUE = reverse("reception:coordinator_queue")
COUNSELLOR_QUEUE = reverse("reception:counsellor_queue")


def _contact(slug="grand-air", name="Awa Traoré"):
    neighbourhood = Neighbourhood.objects.filter(centre__slug=slug).first()
    return ContactRequest.objects.create(
        name=name,
        phone="+33612345678",
        neighbourhood=neighbourhood,
        centre=neighbourhood.centre,
        consent=True,
    )


def _handed_over(slug="grand-air", last_name="Belair", by=None):
    visit = VisitFactory(
        centre=centre(slug), person=PersonFactory(centre=centre(slug), last_name=last_name)
    )
    return HandoffFactory(person=visit.person, visit=visit, from_user=by, to_centre=centre(slug))


def test_reception_sees_who_waits_for_the_coordination_and_the_contact_requests_of_its_centre(
    client, reception_grand_air
):
    _handed_over(last_name="Belair", by=reception_grand_air)
    _handed_over("esperanto", last_name="Morillon")
    _contact(name="Awa Traoré")
    _contact("esperanto", name="Jean Romain")
    client.force_login(reception_grand_air)
    page = client.get(RECEPTION_QUEUE).content.decode()
    assert "Belair" in page and "Awa Traoré" in page
    assert "Morillon" not in page and "Jean Romain" not in page
    assert f"Transmis par {reception_grand_air.get_full_name()} le" in page


def test_the_coordinator_sees_handoffs_and_new_requests_of_their_centre_only(
    client, coordinator_grand_air, reception_grand_air
):
    _handed_over(last_name="Belair", by=reception_grand_air)
    RequestFactory(person=PersonFactory(last_name="Nouvelle"))
    RequestFactory(person=PersonFactory(last_name="Transmise"), awaiting=True)
    RequestFactory(person=PersonFactory(centre=centre("esperanto"), last_name="Morillon"))
    client.force_login(coordinator_grand_air)
    page = client.get(COORDINATOR_QUEUE).content.decode()
    assert "Belair" in page and "Nouvelle" in page
    assert "Transmise" not in page and "Morillon" not in page
    assert f"Transmis par {reception_grand_air.get_full_name()}" in page


def test_the_coordinator_takes_a_handoff_in_charge_and_it_leaves_the_queue(
    client, coordinator_grand_air
):
    handoff = _handed_over(last_name="Belair")
    client.force_login(coordinator_grand_air)
    url = reverse("reception:handoff_take", kwargs={"pk": handoff.pk})
    client.post(url, {"reason": "information_only"})
    assert url not in client.get(COORDINATOR_QUEUE).content.decode()
    response = client.post(url, {"reason": "information_only"}, follow=True)
    assert "Action déjà effectuée." in response.content.decode()


def test_a_coordinator_of_another_centre_cannot_take_the_handoff(client, coordinator_esperanto):
    handoff = _handed_over()
    client.force_login(coordinator_esperanto)
    assert (
        client.post(reverse("reception:handoff_take", kwargs={"pk": handoff.pk})).status_code == 404
    )


def test_the_cip_sees_requests_awaiting_analysis_of_the_centres_she_serves_only(client):
    cip = make_user(Role.COUNSELLOR, "grand-air")
    add_membership(cip, Role.COUNSELLOR, "esperanto", "epicerie-solidaire-aurore")
    add_membership(cip, Role.RECEPTION, "lounes-matoub")
    for slug, name in [
        ("grand-air", "Belair"),
        ("esperanto", "Morillon"),
        ("lounes-matoub", "Republique"),
    ]:
        RequestFactory(person=PersonFactory(centre=centre(slug), last_name=name), awaiting=True)
    RequestFactory(person=PersonFactory(last_name="Nouvelle"))
    client.force_login(cip)
    page = client.get(COUNSELLOR_QUEUE).content.decode()
    assert "Belair" in page and "Morillon" in page
    assert "Republique" not in page and "Nouvelle" not in page


def test_the_cip_sees_who_handed_the_request_over_and_when(
    client, counsellor, coordinator_grand_air
):
    request_ = RequestFactory(awaiting=True)
    HandoffFactory(
        person=request_.person,
        request=request_,
        from_user=coordinator_grand_air,
        to_role=Role.COUNSELLOR,
        note="À voir vite",
    )
    client.force_login(counsellor)
    page = client.get(COUNSELLOR_QUEUE).content.decode()
    assert f"Transmis par {coordinator_grand_air.get_full_name()} le" in page
    assert "« À voir vite »" in page


@pytest.mark.parametrize("fixture", ["reception_grand_air", "director_grand_air", "steering"])
def test_the_cip_queue_is_refused_to_other_roles(client, request, fixture):
    client.force_login(request.getfixturevalue(fixture))
    assert client.get(COUNSELLOR_QUEUE).status_code == 403


def test_the_reception_queue_costs_the_same_with_2_or_50_rows(client, reception_grand_air):
    client.force_login(reception_grand_air)
    _handed_over()
    _contact()
    few = queries_for(client, RECEPTION_QUEUE)
    for i in range(25):
        _handed_over(last_name=f"Nom{i}")
        _contact(name=f"Contact {i}")
    assert queries_for(client, RECEPTION_QUEUE) == few


def test_the_coordinator_queue_costs_the_same_with_2_or_50_rows(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    _handed_over()
    RequestFactory()
    few = queries_for(client, COORDINATOR_QUEUE)
    for i in range(25):
        _handed_over(last_name=f"Nom{i}")
        RequestFactory()
    assert queries_for(client, COORDINATOR_QUEUE) == few


def test_the_cip_queue_costs_the_same_with_1_or_40_requests(client, counsellor):
    client.force_login(counsellor)
    RequestFactory(awaiting=True)
    few = queries_for(client, COUNSELLOR_QUEUE)
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        for _ in range(13):
            request_ = RequestFactory(person=PersonFactory(centre=centre(slug)), awaiting=True)
            HandoffFactory(person=request_.person, request=request_, to_role=Role.COUNSELLOR)
    assert queries_for(client, COUNSELLOR_QUEUE) == few
