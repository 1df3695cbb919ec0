"""The accompaniment: opened from a request awaiting analysis, paused, resumed, renewed, ended;
every step dated, signed, on the timeline, with an audit row; stale forms save nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accompaniment import services as acc_services
from accompaniment.models import Accompaniment, Step
from audit.models import AccessLog
from people.timeline import timeline_for
from reception.models import RequestStatus
from tests.accompaniment.factories import AccompanimentFactory, ActionFactory, ObjectiveFactory
from tests.factories import centre
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory

pytestmark = pytest.mark.django_db


def _open_url(request_):
    return reverse("accompaniment:open", kwargs={"request_pk": request_.pk})


def _detail(accompaniment):
    return reverse("accompaniment:detail", kwargs={"pk": accompaniment.pk})


def _step(accompaniment, name):
    return reverse("accompaniment:step", kwargs={"pk": accompaniment.pk, "name": name})


def _open_data(user, mode="individual", **extra):
    return {
        "expected_status": "awaiting_analysis",
        "referent": user.pk,
        "mode": mode,
        "start_date": timezone.localdate().strftime("%d/%m/%Y"),
        **extra,
    }


def test_the_cip_opens_the_accompaniment_and_the_request_moves_with_it(client, counsellor):
    request_ = RequestFactory(awaiting=True)
    client.force_login(counsellor)
    detail = client.get(reverse("reception:request_detail", kwargs={"pk": request_.pk}))
    assert _open_url(request_) in detail.content.decode()
    page = client.get(_open_url(request_)).content.decode()
    assert "Accompagnement individuel" in page and "Accompagnement collectif" in page
    response = client.post(_open_url(request_), _open_data(counsellor))
    accompaniment = Accompaniment.objects.get()
    assert response["Location"] == _detail(accompaniment)
    request_.refresh_from_db()
    assert request_.status == RequestStatus.IN_ACCOMPANIMENT
    assert request_.transitions.first().by == counsellor
    step = accompaniment.steps.get()
    assert (step.kind, step.by) == ("opened", counsellor)
    assert AccessLog.objects.filter(
        actor=counsellor, object_id=str(request_.person_id), detail="Accompagnement démarré"
    ).exists()
    titles = [e.title for e in timeline_for(request_.person, counsellor)]
    assert "Accompagnement démarré" in titles


def test_only_the_modes_the_centre_offers_are_proposed_and_accepted(client, counsellor):
    request_ = RequestFactory(awaiting=True, person=PersonFactory(centre=centre("esperanto")))
    client.force_login(counsellor)
    page = client.get(_open_url(request_)).content.decode()
    assert "Accompagnement collectif" in page and "Accompagnement individuel" not in page
    response = client.post(_open_url(request_), _open_data(counsellor, mode="individual"))
    assert response.status_code == 400
    assert not Accompaniment.objects.exists()
    request_.refresh_from_db()
    assert request_.status == RequestStatus.AWAITING_ANALYSIS


def test_a_double_submit_opens_one_accompaniment(client, counsellor):
    request_ = RequestFactory(awaiting=True)
    client.force_login(counsellor)
    client.post(_open_url(request_), _open_data(counsellor))
    second = client.post(_open_url(request_), _open_data(counsellor), follow=True)
    assert Accompaniment.objects.count() == 1
    assert "Action déjà effectuée." in second.content.decode()


def test_the_coordinator_does_not_open_and_another_centre_gets_404(
    client, coordinator_grand_air, coordinator_esperanto, reception_grand_air
):
    request_ = RequestFactory(awaiting=True)
    client.force_login(coordinator_grand_air)
    assert client.get(_open_url(request_)).status_code == 403
    accompaniment = AccompanimentFactory()
    assert client.get(_detail(accompaniment)).status_code == 200
    client.force_login(coordinator_esperanto)
    assert client.get(_detail(accompaniment)).status_code == 404
    assert client.get(_step(accompaniment, "fin")).status_code == 404
    client.force_login(reception_grand_air)
    assert client.get(_detail(accompaniment)).status_code == 403
    client.logout()
    assert client.get(_detail(accompaniment)).status_code == 302


def test_the_cip_sees_her_three_centres_and_nothing_else(client, counsellor):
    mine = [
        AccompanimentFactory(person=PersonFactory(centre=centre(slug)))
        for slug in ("grand-air", "esperanto", "lounes-matoub")
    ]
    elsewhere = AccompanimentFactory(person=PersonFactory(centre=centre("sfm-montreuil")))
    client.force_login(counsellor)
    page = client.get(reverse("accompaniment:list")).content.decode()
    for accompaniment in mine:
        assert accompaniment.person.full_name in page
    assert elsewhere.person.full_name not in page
    assert client.get(_detail(elsewhere)).status_code == 404


def test_pause_resume_renew_each_dated_signed_and_on_the_timeline(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    today = timezone.localdate().strftime("%d/%m/%Y")
    client.post(
        _step(accompaniment, "pause"),
        {"expected_status": "active", "on": today, "reason": "training", "comment": ""},
    )
    accompaniment.refresh_from_db()
    assert accompaniment.status == "paused"
    client.post(_step(accompaniment, "reprise"), {"expected_status": "paused", "on": today})
    review_on = accompaniment.review_on
    client.post(
        _step(accompaniment, "renouvellement"),
        {"expected_review_on": review_on.isoformat(), "on": today, "comment": ""},
    )
    accompaniment.refresh_from_db()
    assert accompaniment.status == "active"
    assert accompaniment.review_on > review_on
    kinds = list(accompaniment.steps.order_by("at").values_list("kind", "by"))
    assert kinds[1:] == [
        ("paused", counsellor.pk),
        ("resumed", counsellor.pk),
        ("renewed", counsellor.pk),
    ]
    titles = [e.title for e in timeline_for(accompaniment.person, counsellor)]
    for title in (
        "Accompagnement mis en pause",
        "Accompagnement repris",
        "Accompagnement renouvelé",
    ):
        assert title in titles


def test_other_pause_reason_needs_text_and_keeps_what_was_typed(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    response = client.post(
        _step(accompaniment, "pause"),
        {"expected_status": "active", "on": "32/13/2026", "reason": "other", "comment": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Précisez le motif de la pause." in page
    assert "Saisissez une date au format jj/mm/aaaa." in page
    assert 'value="32/13/2026"' in page
    accompaniment.refresh_from_db()
    assert accompaniment.status == "active"


def test_ending_with_an_exit_reason_closes_the_request_too(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    response = client.post(
        _step(accompaniment, "fin"),
        {
            "expected_status": "active",
            "on": timezone.localdate().strftime("%d/%m/%Y"),
            "exit_reason": "fixed_term_long",
        },
    )
    assert response.status_code == 302
    accompaniment.refresh_from_db()
    assert accompaniment.status == "closed"
    assert accompaniment.exit_label == "Emploi durable : CDD ≥ 6 mois"
    accompaniment.request.refresh_from_db()
    assert accompaniment.request.status == RequestStatus.CLOSED
    assert "CDD ≥ 6 mois" in accompaniment.request.closing_reason
    titles = [e.title for e in timeline_for(accompaniment.person, counsellor)]
    assert "Accompagnement terminé : Emploi durable : CDD ≥ 6 mois" in titles


def test_other_exit_needs_text_and_no_end_before_start(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    before = (accompaniment.start_date - datetime.timedelta(days=1)).strftime("%d/%m/%Y")
    response = client.post(
        _step(accompaniment, "fin"),
        {"expected_status": "active", "on": before, "exit_reason": "other", "comment": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Précisez le motif de sortie." in page and "ne peut pas finir avant" in page
    accompaniment.refresh_from_db()
    assert accompaniment.status == "active"


def test_a_stale_form_on_a_closed_accompaniment_saves_nothing(client, counsellor):
    accompaniment = AccompanimentFactory()
    today = timezone.localdate()
    acc_services.close(
        accompaniment, by=counsellor, expected_status="active", on=today, exit_reason="moved"
    )
    client.force_login(counsellor)
    # The pause form was shown before the accompaniment was ended by a colleague.
    response = client.post(
        _step(accompaniment, "pause"),
        {"expected_status": "active", "on": today.strftime("%d/%m/%Y"), "reason": "training"},
        follow=True,
    )
    assert "Action déjà effectuée." in response.content.decode()
    assert accompaniment.steps.count() == 2
    with pytest.raises(acc_services.ActionAlreadyDone):
        acc_services.close(
            accompaniment, by=counsellor, expected_status="active", on=today, exit_reason="moved"
        )
    objective_url = reverse("accompaniment:objective_create", kwargs={"pk": accompaniment.pk})
    response = client.post(
        objective_url, {"dimension": "employment", "title": "X", "submission": "1" * 32}
    )
    assert response.status_code == 302
    assert not accompaniment.objectives.exists()


def test_detail_and_list_cost_the_same_with_few_or_many_rows(
    client, counsellor, django_assert_max_num_queries
):
    accompaniment = AccompanimentFactory()
    ActionFactory(objective=ObjectiveFactory(accompaniment=accompaniment))
    client.force_login(counsellor)
    with django_assert_max_num_queries(40) as context:
        assert client.get(_detail(accompaniment)).status_code == 200
    few_detail = len(context.captured_queries)
    with django_assert_max_num_queries(20) as context:
        assert client.get(reverse("accompaniment:list")).status_code == 200
    few_list = len(context.captured_queries)
    for _ in range(6):
        objective = ObjectiveFactory(accompaniment=accompaniment)
        for _ in range(4):
            ActionFactory(objective=objective)
        Step.objects.create(accompaniment=accompaniment, kind="renewed", on=timezone.localdate())
    for _ in range(30):
        AccompanimentFactory()
    with django_assert_max_num_queries(few_detail):
        assert client.get(_detail(accompaniment)).status_code == 200
    with django_assert_max_num_queries(few_list):
        assert client.get(reverse("accompaniment:list")).status_code == 200


def test_a_request_in_accompaniment_is_closed_by_ending_the_accompaniment(client, counsellor):
    accompaniment = AccompanimentFactory()
    request_ = accompaniment.request
    client.force_login(counsellor)
    page = client.get(reverse("reception:request_detail", kwargs={"pk": request_.pk}))
    assert "Clôturer la demande" not in page.content.decode()
    assert "terminez l’accompagnement" in page.content.decode()
    response = client.post(
        reverse("reception:request_transition", kwargs={"pk": request_.pk, "name": "close"}),
        {"close-expected_status": "in_accompaniment", "close-comment": "Fin"},
    )
    assert response["Location"] == _step(accompaniment, "fin")
    request_.refresh_from_db()
    assert request_.status == RequestStatus.IN_ACCOMPANIMENT


def test_the_list_counts_late_actions_and_awaiting_orientations_of_each_rows_page(
    client, counsellor
):
    """The counts are made for the page's rows only: an older accompaniment, on page 2,
    still shows its own, and a newer one without any shows none."""
    from tests.accompaniment.factories import OrientationFactory

    today = timezone.localdate()
    older = AccompanimentFactory(start_date=today - datetime.timedelta(days=400))
    objective = ObjectiveFactory(accompaniment=older)
    for days in (3, 5):
        ActionFactory(objective=objective, due_on=today - datetime.timedelta(days=days))
    ActionFactory(objective=objective, due_on=today + datetime.timedelta(days=3))
    ActionFactory(
        objective=objective,
        due_on=today - datetime.timedelta(days=9),
        status="done",
        done_on=today,
    )
    OrientationFactory(accompaniment=older)
    OrientationFactory(accompaniment=older, status="accepted")
    for _ in range(25):
        AccompanimentFactory()
    client.force_login(counsellor)
    first = client.get(reverse("accompaniment:list")).content.decode()
    assert older.person.full_name not in first
    assert "en retard" not in first and "sans réponse" not in first
    second = client.get(reverse("accompaniment:list") + "?page=2").content.decode()
    assert older.person.full_name in second
    assert "2 actions en retard. 1 orientation sans réponse." in second
