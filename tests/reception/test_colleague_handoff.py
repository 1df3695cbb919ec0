""" "Transmettre à un·e collègue": a coordinator or the CIP hands a request to a named colleague."""

import pytest
from django.urls import reverse

from accounts.models import Membership, Role
from parcours.french import de
from reception import services
from reception.models import Handoff, RequestStatus
from tests.factories import add_membership, centre, make_user
from tests.reception.factories import PersonFactory, RequestFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db
COORDINATOR_QUEUE = reverse("reception:coordinator_queue")
COUNSELLOR_QUEUE = reverse("reception:counsellor_queue")


def _detail_url(request_):
    return reverse("reception:request_detail", kwargs={"pk": request_.pk})


def _url(request_):
    return reverse("reception:request_colleague_handoff", kwargs={"pk": request_.pk})


def _membership(user, slug="grand-air"):
    return Membership.objects.get(user=user, centre__slug=slug)


def _post(client, request_, membership, note="Absente jusqu’au 12, rendez-vous à déplacer"):
    return client.post(
        _url(request_),
        {"colleague-colleague": membership.pk if membership else "", "colleague-note": note},
        follow=True,
    )


@pytest.fixture
def second_cip(db):
    """Another CIP serving Grand Air, who takes over during an absence."""
    return make_user(
        Role.COUNSELLOR, "grand-air", first_name="Maëlle", last_name="Rivière-Toussaint"
    )


def test_the_coordinator_hands_a_request_to_the_cip_by_name(
    client, coordinator_grand_air, counsellor
):
    request_ = RequestFactory(awaiting=True)
    client.force_login(coordinator_grand_air)
    page = client.get(_detail_url(request_)).content.decode()
    assert "Transmettre à un·e collègue" in page
    response = _post(client, request_, _membership(counsellor))
    whose = de(request_.person.full_name)
    assert f"Demande {whose} transmise à {counsellor.get_full_name()}." in response.content.decode()
    handoff = Handoff.objects.get()
    assert handoff.to_colleague and handoff.to_user == counsellor
    assert handoff.to_role == Role.COUNSELLOR and handoff.to_centre == centre("grand-air")
    assert handoff.from_user == coordinator_grand_air and handoff.request == request_
    assert handoff.note == "Absente jusqu’au 12, rendez-vous à déplacer"
    request_.refresh_from_db()
    assert request_.status == RequestStatus.AWAITING_ANALYSIS  # the lifecycle does not move
    # The request page's history says it.
    assert "« Absente jusqu’au 12, rendez-vous à déplacer »" in response.content.decode()


def test_the_cip_hands_a_request_to_a_colleague_who_sees_it_in_her_queue(
    client, counsellor, second_cip
):
    request_ = RequestFactory(
        person=PersonFactory(first_name="Awa", last_name="Belair"), accompanied=True
    )
    client.force_login(counsellor)
    _post(client, request_, _membership(second_cip))
    assert "Awa Belair" not in client.get(COUNSELLOR_QUEUE).content.decode()
    client.force_login(second_cip)
    page = client.get(COUNSELLOR_QUEUE).content.decode()
    assert "Demandes transmises par un·e collègue" in page
    assert "Awa Belair" in page and _detail_url(request_) in page
    assert f"Transmis par {counsellor.get_full_name()} le " in page
    assert " à " in page.split(f"Transmis par {counsellor.get_full_name()} le ")[1][:40]
    assert "« Absente jusqu’au 12, rendez-vous à déplacer »" in page
    assert (
        "1 demande transmise par un·e collègue"
        in client.get(reverse("dashboard:home")).content.decode()
    )


def test_a_coordinator_receiver_sees_it_apart_from_the_people_sent_by_the_desk(
    client, counsellor, coordinator_grand_air
):
    request_ = RequestFactory(person=PersonFactory(last_name="Belair"), accompanied=True)
    client.force_login(counsellor)
    _post(client, request_, _membership(coordinator_grand_air))
    client.force_login(coordinator_grand_air)
    page = client.get(COORDINATOR_QUEUE).content.decode()
    colleagues, desk = page.split('id="transmissions"')
    assert "Belair" in colleagues and "Belair" not in desk
    assert "Aucune personne transmise en attente." in desk


def test_the_receiver_takes_it_over_and_it_leaves_her_queue(client, counsellor, second_cip):
    request_ = RequestFactory(person=PersonFactory(last_name="Belair"), accompanied=True)
    client.force_login(counsellor)
    _post(client, request_, _membership(second_cip))
    handoff = Handoff.objects.get()
    client.force_login(second_cip)
    response = client.post(
        reverse("reception:handoff_take", kwargs={"pk": handoff.pk}), follow=True
    )
    assert "Belair : transmission prise en charge." in response.content.decode()
    assert "Belair" not in client.get(COUNSELLOR_QUEUE).content.decode()
    handoff.refresh_from_db()
    assert handoff.taken_by == second_cip


def test_the_choices_are_the_coordinators_and_cips_of_the_requests_centre_but_me(
    client, coordinator_grand_air, counsellor, second_cip, reception_grand_air
):
    request_ = RequestFactory()
    director = make_user(Role.DIRECTOR, "grand-air")
    other_coordinator = make_user(Role.COORDINATOR, "esperanto")
    gone = make_user(Role.COORDINATOR, "grand-air")
    _membership(gone).__class__.objects.filter(user=gone).update(is_active=False)
    client.force_login(coordinator_grand_air)
    form = client.get(_detail_url(request_)).context["colleague_form"]
    choices = set(form.fields["colleague"].queryset)
    assert choices == {_membership(counsellor), _membership(second_cip)}
    assert not {u.pk for u in (reception_grand_air, director, other_coordinator, gone)} & {
        m.user_id for m in choices
    }


def test_a_colleague_of_another_centre_is_refused_and_the_note_is_kept(
    client, coordinator_grand_air, counsellor
):
    request_ = RequestFactory()
    other = make_user(Role.COORDINATOR, "esperanto")
    client.force_login(coordinator_grand_air)
    response = client.post(
        _url(request_),
        {"colleague-colleague": _membership(other, "esperanto").pk, "colleague-note": "Gardée"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_colleague-colleague_error"' in page
    assert "Gardée</textarea>" in page
    assert not Handoff.objects.exists()


def test_a_missing_note_shows_the_error_and_keeps_the_choice(
    client, coordinator_grand_air, counsellor
):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    membership = _membership(counsellor)
    response = client.post(
        _url(request_), {"colleague-colleague": membership.pk, "colleague-note": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_colleague-note_helptext id_colleague-note_error"' in page
    assert f'<option value="{membership.pk}" selected>' in page
    assert not Handoff.objects.exists()


def test_a_double_submit_says_already_done(client, coordinator_grand_air, counsellor):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    _post(client, request_, _membership(counsellor))
    response = _post(client, request_, _membership(counsellor))
    assert response.status_code == 200
    assert "Action déjà effectuée." in response.content.decode()
    assert Handoff.objects.count() == 1


def test_a_closed_request_is_not_handed_over(client, coordinator_grand_air, counsellor):
    request_ = RequestFactory(closed=True)
    client.force_login(coordinator_grand_air)
    assert "Transmettre à un·e collègue" not in client.get(_detail_url(request_)).content.decode()
    response = _post(client, request_, _membership(counsellor))
    assert "Action déjà effectuée." in response.content.decode()
    assert not Handoff.objects.exists()


@pytest.mark.parametrize("fixture", ["reception_grand_air", "director_grand_air", "steering"])
def test_roles_with_fewer_rights_are_refused(client, request, fixture, counsellor):
    request_ = RequestFactory()
    client.force_login(request.getfixturevalue(fixture))
    assert client.post(_url(request_), {}).status_code == 403
    assert not Handoff.objects.exists()


def test_a_coordinator_of_another_centre_gets_404(client, coordinator_esperanto, counsellor):
    request_ = RequestFactory()
    client.force_login(coordinator_esperanto)
    response = client.post(
        _url(request_), {"colleague-colleague": _membership(counsellor).pk, "colleague-note": "x"}
    )
    assert response.status_code == 404
    assert not Handoff.objects.exists()


def test_the_cip_of_espéranto_only_may_not_hand_over_a_grand_air_request(client):
    cip = make_user(Role.COUNSELLOR, "esperanto")
    add_membership(cip, Role.RECEPTION, "grand-air")  # the desk elsewhere gives no request
    request_ = RequestFactory()
    client.force_login(cip)
    assert client.post(_url(request_), {}).status_code == 404


def test_the_service_refuses_a_colleague_of_another_centre(coordinator_grand_air):
    request_ = RequestFactory()
    other = make_user(Role.COORDINATOR, "esperanto")
    with pytest.raises(ValueError):
        services.hand_request_to_colleague(
            request_, by=coordinator_grand_air, membership=_membership(other, "esperanto"), note="x"
        )
    assert not Handoff.objects.exists()


def test_the_service_refuses_an_actor_outside_the_centre(coordinator_esperanto, counsellor):
    from django.core.exceptions import PermissionDenied

    request_ = RequestFactory()
    with pytest.raises(PermissionDenied):
        services.hand_request_to_colleague(
            request_, by=coordinator_esperanto, membership=_membership(counsellor), note="x"
        )


def test_the_queue_costs_the_same_with_1_or_30_requests_from_colleagues(
    client, coordinator_grand_air, second_cip
):
    def hand_over():
        services.hand_request_to_colleague(
            RequestFactory(accompanied=True),
            by=coordinator_grand_air,
            membership=_membership(second_cip),
            note="Reprise",
        )

    hand_over()
    client.force_login(second_cip)
    few = queries_for(client, COUNSELLOR_QUEUE)
    for _ in range(30):
        hand_over()
    assert queries_for(client, COUNSELLOR_QUEUE) == few


def test_the_request_page_costs_the_same_with_1_or_20_colleagues(client, coordinator_grand_air):
    request_ = RequestFactory()
    make_user(Role.COUNSELLOR, "grand-air")
    client.force_login(coordinator_grand_air)
    few = queries_for(client, _detail_url(request_))
    for _ in range(20):
        make_user(Role.COORDINATOR, "grand-air")
    assert queries_for(client, _detail_url(request_)) == few


def test_without_any_colleague_the_page_says_so(client, coordinator_esperanto):
    request_ = RequestFactory(person=PersonFactory(centre=centre("esperanto")))
    client.force_login(coordinator_esperanto)
    page = client.get(_detail_url(request_)).content.decode()
    assert "Aucun·e autre coordinateur·rice ni CIP n’intervient dans ce centre." in page
