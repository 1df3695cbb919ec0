"""Requests at the screen: record, read, move, renew; the trio per view; constant cost."""

import pytest
from django.urls import reverse

from parcours.french import de
from reception.models import IntegrationRequest, RequestStatus
from tests.factories import centre
from tests.reception.factories import PersonFactory, RequestFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db


def _create_url(person):
    return reverse("reception:request_create", kwargs={"person_pk": person.pk})


def _detail_url(request_):
    return reverse("reception:request_detail", kwargs={"pk": request_.pk})


def _transition_url(request_, name):
    return reverse("reception:request_transition", kwargs={"pk": request_.pk, "name": name})


def test_the_coordinator_records_a_request_with_needs_from_the_national_list(
    client, coordinator_grand_air
):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    page = client.get(_create_url(person)).content.decode()
    assert "Trouver un emploi (en général)" in page
    assert "Répondre à des offres d’emploi" in page
    assert "Santé mentale" not in page  # no health detail in a request
    response = client.post(
        _create_url(person),
        {
            "needs": ["trouver-un-emploi", "numerique--maitriser-les-fondamentaux-du-numerique"],
            "description": "Recherche d’emploi",
            "urgency": "normal",
        },
    )
    created = IntegrationRequest.objects.get()
    assert response["Location"] == _detail_url(created)
    assert created.need_labels == ["Trouver un emploi", "Maîtriser les fondamentaux du numérique"]
    assert created.created_by == coordinator_grand_air


def test_an_unknown_need_is_refused_and_the_description_is_kept(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        _create_url(person),
        {"needs": ["sante--sante-mentale"], "description": "Gardé", "urgency": "normal"},
    )
    assert response.status_code == 200
    assert "Gardé</textarea>" in response.content.decode()
    assert not IntegrationRequest.objects.exists()


def test_reception_may_not_record_or_read_a_request(client, reception_grand_air):
    request_ = RequestFactory()
    client.force_login(reception_grand_air)
    assert client.get(_create_url(request_.person)).status_code == 403
    assert client.get(_detail_url(request_)).status_code == 403


def test_a_coordinator_of_another_centre_gets_404(client, coordinator_esperanto):
    request_ = RequestFactory()
    client.force_login(coordinator_esperanto)
    assert client.get(_create_url(request_.person)).status_code == 404
    assert client.get(_detail_url(request_)).status_code == 404
    response = client.post(_transition_url(request_, "submit"), {"submit-expected_status": "new"})
    assert response.status_code == 404


def test_the_coordinator_hands_the_request_to_the_cip_in_one_action(
    client, coordinator_grand_air, counsellor
):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    page = client.get(_detail_url(request_)).content.decode()
    assert "Transmettre à la CIP" in page and "Démarrer l’accompagnement" not in page
    response = client.post(
        _transition_url(request_, "submit"),
        {"submit-expected_status": "new", "submit-to_user": counsellor.pk, "submit-comment": ""},
        follow=True,
    )
    request_.refresh_from_db()
    assert request_.status == RequestStatus.AWAITING_ANALYSIS
    whose = f"Demande {de(request_.person.full_name)}"
    assert f"{whose} transmise à {counsellor.get_full_name()}." in response.content.decode()
    assert request_.handoffs.get().to_user == counsellor


def test_a_double_submit_says_already_done_without_an_error_page(client, coordinator_grand_air):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    data = {"submit-expected_status": "new"}
    client.post(_transition_url(request_, "submit"), data)
    response = client.post(_transition_url(request_, "submit"), data, follow=True)
    assert response.status_code == 200
    assert "Action déjà effectuée." in response.content.decode()
    assert request_.transitions.count() == 2


def test_a_status_changed_by_someone_else_says_already_done(
    client, coordinator_grand_air, counsellor
):
    request_ = RequestFactory(awaiting=True)
    client.force_login(coordinator_grand_air)
    # The coordinator's page showed "awaiting analysis"; the CIP closed it meanwhile...
    request_.status = RequestStatus.IN_ACCOMPANIMENT
    request_.save()
    response = client.post(
        _transition_url(request_, "close"),
        {"close-expected_status": "awaiting_analysis", "close-comment": "Doublon"},
        follow=True,
    )
    assert "Action déjà effectuée." in response.content.decode()
    request_.refresh_from_db()
    assert request_.status == RequestStatus.IN_ACCOMPANIMENT


def test_closing_without_a_reason_shows_the_error_on_the_field(client, coordinator_grand_air):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(_transition_url(request_, "close"), {"close-expected_status": "new"})
    assert response.status_code == 400
    assert 'aria-describedby="id_close-comment_error"' in response.content.decode()
    request_.refresh_from_db()
    assert request_.status == RequestStatus.NEW


def test_the_cip_starts_the_accompaniment_and_the_coordinator_cannot(
    client, counsellor, coordinator_grand_air
):
    request_ = RequestFactory(awaiting=True)
    client.force_login(coordinator_grand_air)
    response = client.post(
        _transition_url(request_, "start"), {"start-expected_status": "awaiting_analysis"}
    )
    assert response.status_code == 403
    client.force_login(counsellor)
    # Starting has a page of its own: the accompaniment is opened there (accompaniment app),
    # which moves the request in the same transaction.
    response = client.post(
        _transition_url(request_, "start"), {"start-expected_status": "awaiting_analysis"}
    )
    assert response["Location"] == reverse("accompaniment:open", kwargs={"request_pk": request_.pk})
    request_.refresh_from_db()
    assert request_.status == RequestStatus.AWAITING_ANALYSIS


def test_a_closed_request_is_renewed_into_a_new_linked_request(client, coordinator_grand_air):
    previous = RequestFactory(closed=True)
    client.force_login(coordinator_grand_air)
    page = client.get(_detail_url(previous)).content.decode()
    assert "Rouvrir la demande" in page and "renouvelle sa demande" in page
    client.post(
        reverse("reception:request_renew", kwargs={"pk": previous.pk}),
        {"needs": ["se-former"], "description": "", "urgency": "urgent"},
    )
    renewed = IntegrationRequest.objects.exclude(pk=previous.pk).get()
    assert renewed.renews == previous and renewed.urgency == "urgent"


def test_the_cip_serving_espéranto_reads_a_request_of_espéranto(client, counsellor):
    request_ = RequestFactory(person=PersonFactory(centre=centre("esperanto")))
    client.force_login(counsellor)
    assert client.get(_detail_url(request_)).status_code == 200


def test_the_detail_page_costs_the_same_with_1_or_30_transitions(client, coordinator_grand_air):
    from reception.models import RequestTransition

    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    few = queries_for(client, _detail_url(request_))
    RequestTransition.objects.bulk_create(
        RequestTransition(
            request=request_, from_status="new", to_status="new", by=coordinator_grand_air
        )
        for _ in range(30)
    )
    assert queries_for(client, _detail_url(request_)) == few
