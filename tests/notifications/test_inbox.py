"""Nobody was told anything: now the receiving colleague is, in the app and by a daily digest."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from notifications import inbox
from notifications.digest import send_daily_digests, send_digests
from notifications.models import DigestSent, Notification
from reception import services
from reception.models import RequestStatus, VisitOutcome, VisitReason
from tests.factories import centre, make_user
from tests.reception.factories import PersonFactory, RequestFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db
INBOX = reverse("notifications:inbox")


def _hand_over(by, last_name="Ndiaye"):
    person = PersonFactory(first_name="Élodie", last_name=last_name)
    grand_air = centre("grand-air")
    return services.record_visit(
        by=by,
        centre=grand_air,
        site=grand_air.sites.first(),
        reason=VisitReason.INTEGRATION_REQUEST,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
        person=person,
    )


def test_a_hand_over_tells_every_coordinator_of_the_centre_and_nobody_else(
    client, reception_grand_air, coordinator_grand_air, coordinator_esperanto
):
    other_coordinator = make_user(Role.COORDINATOR, "grand-air")
    _hand_over(reception_grand_air)
    assert Notification.objects.filter(user=coordinator_grand_air).count() == 1
    assert Notification.objects.filter(user=other_coordinator).count() == 1
    assert not Notification.objects.filter(user=coordinator_esperanto).exists()
    assert not Notification.objects.filter(user=reception_grand_air).exists()
    client.force_login(coordinator_grand_air)
    page = client.get(INBOX).content.decode()
    sender = reception_grand_air.get_full_name()
    assert f"{sender} a transmis une personne à la coordination du centre Grand Air." in page
    assert "Ndiaye" not in page  # no name in the list
    assert 'Nouveautés pour moi <span class="badge">1' in page


def test_opening_a_notification_marks_it_read_and_leads_to_the_queue(
    client, reception_grand_air, coordinator_grand_air
):
    _hand_over(reception_grand_air)
    notification = Notification.objects.get(user=coordinator_grand_air)
    client.force_login(coordinator_grand_air)
    response = client.post(reverse("notifications:open", kwargs={"pk": notification.pk}))
    assert response["Location"] == reverse("reception:coordinator_queue")
    notification.refresh_from_db()
    assert notification.is_read
    assert inbox.unread_count(coordinator_grand_air) == 0
    assert 'class="badge"' not in client.get(INBOX).content.decode()


def test_nobody_opens_another_users_notification(
    client, reception_grand_air, coordinator_grand_air
):
    _hand_over(reception_grand_air)
    notification = Notification.objects.get(user=coordinator_grand_air)
    client.force_login(make_user(Role.COORDINATOR, "esperanto"))
    assert (
        client.post(reverse("notifications:open", kwargs={"pk": notification.pk})).status_code
        == 404
    )
    client.logout()
    assert client.get(INBOX).status_code == 302


def test_mark_all_read_then_says_action_already_done(
    client, reception_grand_air, coordinator_grand_air
):
    _hand_over(reception_grand_air)
    _hand_over(reception_grand_air, last_name="Traoré")
    client.force_login(coordinator_grand_air)
    page = client.post(reverse("notifications:mark_all_read"), follow=True).content.decode()
    assert "Toutes vos nouveautés sont marquées comme lues." in page
    page = client.post(reverse("notifications:mark_all_read"), follow=True).content.decode()
    assert "Action déjà effectuée." in page


def test_sending_a_request_to_the_cip_tells_her(coordinator_grand_air, counsellor):
    request_ = RequestFactory()
    services.transition_request(
        request_, "submit", by=coordinator_grand_air, expected_status=RequestStatus.NEW
    )
    [notification] = Notification.objects.filter(user=counsellor)
    assert notification.kind == "request_submitted"
    assert notification.url == reverse("reception:request_detail", kwargs={"pk": request_.pk})
    assert "vous a transmis une demande à analyser (centre Grand Air)" in notification.text


def test_handing_a_request_to_a_colleague_tells_that_colleague_only(
    coordinator_grand_air, counsellor
):
    from accounts.models import Membership

    request_ = RequestFactory(status=RequestStatus.AWAITING_ANALYSIS)
    membership = Membership.objects.get(user=counsellor, centre__slug="grand-air")
    services.hand_request_to_colleague(
        request_, by=coordinator_grand_air, membership=membership, note="Je suis absente."
    )
    [notification] = Notification.objects.all()
    assert notification.user == counsellor
    assert "vous a confié une demande du centre Grand Air" in notification.text


def test_the_daily_digest_holds_a_count_and_a_link_never_a_name_and_is_sent_once(
    reception_grand_air, coordinator_grand_air, run_worker
):
    _hand_over(reception_grand_air)
    _hand_over(reception_grand_air, last_name="Traoré")
    today = datetime.date(2026, 12, 2)
    assert send_digests(today) == 1
    assert send_digests(today) == 0  # the same day again: nothing more
    run_worker()
    [message] = mail.outbox
    assert message.to == [coordinator_grand_air.email]
    assert "Vous avez 2 nouveautés dans Parcours." in message.body
    assert "/espace/nouveautes/" in message.body
    for word in ("Élodie", "Ndiaye", "Traoré", "Grand Air", reception_grand_air.last_name):
        assert word not in message.body and word not in message.subject
    assert DigestSent.objects.get().count == 2
    # The next day: only what is new since.
    assert send_digests(today + datetime.timedelta(days=1)) == 0


def test_the_periodic_job_is_idempotent_and_respects_the_preference(
    client, reception_grand_air, coordinator_grand_air, run_worker
):
    quiet = make_user(Role.COORDINATOR, "grand-air")
    client.force_login(quiet)
    client.post(reverse("notifications:digest_preference"), {})
    assert not inbox.wants_digest(quiet)
    _hand_over(reception_grand_air)
    timestamp = int(datetime.datetime(2026, 12, 2, 6, 0, tzinfo=datetime.UTC).timestamp())
    assert send_daily_digests(timestamp=timestamp) == 1
    assert send_daily_digests(timestamp=timestamp) == 0
    run_worker()
    assert [m.to for m in mail.outbox] == [[coordinator_grand_air.email]]


def test_the_inbox_costs_the_same_with_few_or_many_notifications(
    client, reception_grand_air, coordinator_grand_air
):
    client.force_login(coordinator_grand_air)
    _hand_over(reception_grand_air)
    few = queries_for(client, INBOX)
    for i in range(30):
        inbox.notify(coordinator_grand_air, "other", "/espace/", f"Nouveauté {i}")
    assert queries_for(client, INBOX) == few


def test_notify_refuses_an_unknown_kind(coordinator_grand_air):
    with pytest.raises(ValueError):
        inbox.notify(coordinator_grand_air, "gossip", "/espace/", "?")


def test_the_menu_says_mon_espace_for_the_home_page(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("dashboard:home")).content.decode()
    assert ">Mon espace</a>" in page and ">Accueil</a>" not in page
