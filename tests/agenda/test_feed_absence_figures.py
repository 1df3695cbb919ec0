"""Calendar feeds, absences, and the figures for the reports."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Role
from agenda import feeds, services, sms
from agenda.models import AppointmentMessage, AppointmentStatus, CalendarFeed
from tests.agenda.factories import AbsenceFactory, AppointmentFactory, PersonFactory, future_slot
from tests.factories import centre, make_user
from tests.reception.factories import RequestFactory
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db


# --- Calendar feeds ---------------------------------------------------------------------


def _feed_url(client, user, initials=False):
    client.force_login(user)
    data = {"action": "create"}
    if initials:
        data["include_initials"] = "on"
    response = client.post(reverse("agenda:feed_settings"), data)
    message = str(list(get_messages(response.wsgi_request))[-1])
    client.logout()
    return message[message.index("http://") :].replace("http://testserver", "")


def test_the_feed_parses_and_holds_no_name_by_default(client, counsellor):
    appointment = AppointmentFactory(
        staff=counsellor, person=PersonFactory(first_name="Élodie", last_name="N'Diaye")
    )
    url = _feed_url(client, counsellor)
    token = url.rsplit("/", 1)[1].removesuffix(".ics")
    assert CalendarFeed.objects.get(user=counsellor).token_hash == feeds.token_hash(token)
    assert token not in CalendarFeed.objects.get(user=counsellor).token_hash
    response = client.get(url)  # anonymous: the token is the secret
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    [event] = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{appointment.uid}@parcours"
    assert event.decoded("DTSTART") == appointment.starts_at
    assert str(event["SUMMARY"]) == "Rendez-vous – Suivi individuel"
    body = response.content.decode()
    assert "Élodie" not in body and "Diaye" not in body and "E.N." not in body
    assert calendar.walk("VTIMEZONE")


def test_initials_only_when_turned_on(client, counsellor):
    AppointmentFactory(staff=counsellor, person=PersonFactory(first_name="Élodie", last_name="Nd"))
    url = _feed_url(client, counsellor, initials=True)
    [event] = Calendar.from_ical(client.get(url).content).walk("VEVENT")
    assert str(event["SUMMARY"]).endswith("– É.N.")


def test_the_uid_is_stable_when_the_appointment_moves_to_a_colleague(client, counsellor):
    colleague = make_user(Role.COUNSELLOR, "grand-air")
    appointment = AppointmentFactory(staff=counsellor)
    first_url = _feed_url(client, counsellor)
    colleague_url = _feed_url(client, colleague)
    [before] = Calendar.from_ical(client.get(first_url).content).walk("VEVENT")
    services.move_appointment(appointment, by=counsellor, staff=colleague)
    assert Calendar.from_ical(client.get(first_url).content).walk("VEVENT") == []
    [after] = Calendar.from_ical(client.get(colleague_url).content).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])


def test_a_revoked_or_replaced_token_gets_404(client, counsellor):
    url = _feed_url(client, counsellor)
    assert client.get(url).status_code == 200
    new_url = _feed_url(client, counsellor)
    assert client.get(url).status_code == 404
    client.force_login(counsellor)
    client.post(reverse("agenda:feed_settings"), {"action": "revoke"})
    client.logout()
    assert client.get(new_url).status_code == 404
    assert client.get("/agenda/calendrier/inconnu.ics").status_code == 404


def test_the_feed_costs_the_same_with_few_or_many_appointments(client, counsellor):
    AppointmentFactory(staff=counsellor)
    url = _feed_url(client, counsellor)
    few = queries_for(client, url)
    for days in range(1, 21):
        AppointmentFactory(
            staff=counsellor,
            starts_at=future_slot(days=4, hour=15) + datetime.timedelta(days=days),
        )
    assert queries_for(client, url) == few


# --- Absences ---------------------------------------------------------------------------


def test_an_absence_lists_her_appointments_and_moves_them_in_one_go(client, counsellor, run_worker):
    colleague = make_user(Role.COORDINATOR, "grand-air")
    first_day = future_slot(days=10).date()
    reachable = {"email": "a@exemple.fr", "phone": ""}
    keep, hand, move, cancel = (
        AppointmentFactory(
            staff=counsellor,
            person=PersonFactory(**reachable),
            starts_at=timezone.make_aware(datetime.datetime.combine(first_day, datetime.time(h))),
        )
        for h in (9, 11, 14, 16)
    )
    absence = AbsenceFactory(staff=counsellor, starts_on=first_day, ends_on=first_day)
    client.force_login(counsellor)
    url = reverse("agenda:absence_detail", kwargs={"pk": absence.pk})
    page = client.get(url).content.decode()
    assert page.count("Que faire ?") == 4
    new_slot = future_slot(days=20, hour=10)
    data = {"rdv-TOTAL_FORMS": "4", "rdv-INITIAL_FORMS": "4"}
    for index, (appointment, action) in enumerate(
        [(keep, "keep"), (hand, "reassign"), (move, "move"), (cancel, "cancel")]
    ):
        data[f"rdv-{index}-appointment"] = appointment.pk
        data[f"rdv-{index}-action"] = action
    data["rdv-1-colleague"] = colleague.pk
    data["rdv-2-new_date"] = timezone.localtime(new_slot).date().isoformat()
    data["rdv-2-new_time"] = "10:00"
    response = client.post(url, data)
    assert response.status_code == 302
    for appointment in (keep, hand, move, cancel):
        appointment.refresh_from_db()
    assert keep.staff == counsellor and keep.status == "planned"
    assert hand.staff == colleague
    assert move.starts_at == new_slot and move.version == 2
    assert cancel.status == AppointmentStatus.CANCELLED
    assert cancel.status_reason == "Absence de l’agent"
    kinds = set(AppointmentMessage.objects.values_list("appointment_id", "kind"))
    assert (move.pk, "change") in kinds and (cancel.pk, "cancellation") in kinds
    run_worker()
    assert {email.to[0] for email in mail.outbox} == {"a@exemple.fr"}
    assert len(mail.outbox) == 2
    assert sms.outbox == []


def test_an_absence_decision_that_clashes_changes_nothing(client, counsellor):
    colleague = make_user(Role.COORDINATOR, "grand-air")
    slot = future_slot(days=10, hour=9)
    first = AppointmentFactory(staff=counsellor, starts_at=slot)
    second = AppointmentFactory(staff=counsellor, starts_at=slot + datetime.timedelta(hours=2))
    AppointmentFactory(staff=colleague, starts_at=second.starts_at)
    absence = AbsenceFactory(staff=counsellor, starts_on=slot.date(), ends_on=slot.date())
    client.force_login(counsellor)
    # Rows follow the start time: the cancellation applies first, then the hand-over clashes
    # and the whole decision is rolled back.
    data = {
        "rdv-TOTAL_FORMS": "2",
        "rdv-INITIAL_FORMS": "2",
        "rdv-0-appointment": first.pk,
        "rdv-0-action": "cancel",
        "rdv-1-appointment": second.pk,
        "rdv-1-action": "reassign",
        "rdv-1-colleague": colleague.pk,
    }
    response = client.post(reverse("agenda:absence_detail", kwargs={"pk": absence.pk}), data)
    page = response.content.decode()
    assert "a déjà un rendez-vous sur ce créneau" in page
    assert "Rien n’a été modifié" in page
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == "planned" and second.staff == counsellor
    assert not AppointmentMessage.objects.exists()


def test_a_coordinator_elsewhere_cannot_open_an_absence(client, counsellor, coordinator_esperanto):
    only_grand_air = make_user(Role.COUNSELLOR, "grand-air")
    absence = AbsenceFactory(staff=only_grand_air)
    client.force_login(coordinator_esperanto)
    url = reverse("agenda:absence_detail", kwargs={"pk": absence.pk})
    assert client.get(url).status_code == 404


def test_recording_an_absence(client, counsellor):
    client.force_login(counsellor)
    day = future_slot(days=8).date()
    response = client.post(
        reverse("agenda:absence_create"),
        {"staff": counsellor.pk, "starts_on": day.isoformat(), "ends_on": day.isoformat()},
    )
    assert response.status_code == 302
    response = client.post(
        reverse("agenda:absence_create"),
        {
            "staff": counsellor.pk,
            "starts_on": day.isoformat(),
            "ends_on": (day - datetime.timedelta(days=1)).isoformat(),
        },
    )
    assert "La fin de l’absence est avant son début." in response.content.decode()


# --- Figures ----------------------------------------------------------------------------


def _request_at(person, when):
    request_ = RequestFactory(person=person)
    type(request_).objects.filter(pk=request_.pk).update(created_at=when)
    return request_


def test_figures_on_a_known_data_set(client, counsellor, director_grand_air):
    """The page shows the bilans' "Rendez-vous" figures (tests/reports/test_indicators_agenda
    computes them by hand); here, what the page shows once statistical secrecy applies."""
    grand_air = centre("grand-air")
    start = timezone.make_aware(datetime.datetime(2026, 9, 1, 10))
    people = [PersonFactory(centre=grand_air) for _ in range(6)]
    for person in people:
        _request_at(person, start)

    def appointment(person, days, status):
        return AppointmentFactory(
            person=person,
            staff=counsellor,
            starts_at=start + datetime.timedelta(days=days),
            status=status,
        )

    for hour, person in enumerate(people[:5]):
        appointment(person, 7 + hour / 24, "seen")  # within 15 days, one an hour
    appointment(people[5], 3, "cancelled")  # cancelled: not a first appointment
    appointment(people[5], 40, "no_show")  # beyond 30 days
    client.force_login(director_grand_air)
    page = client.get(reverse("agenda:figures") + "?du=2026-09-01&au=2026-10-31").content.decode()
    row = '<th scope="row"{}>{}</th>\n            <td class="number">{}</td>'
    assert row.format("", "Demandes enregistrées dans la période", 6) in page
    sub = ' class="figure__sub"'
    assert row.format(sub, "dont premier rendez-vous individuel dans les 15 jours", 5) in page
    rate = "Part avec un premier rendez-vous dans les 15 jours (sur les demandes enregistrées "
    assert row.format("", rate + "depuis au moins 15 jours)", "83,3\u202f%") in page
    assert row.format(sub, "dont absences non excusées", "&lt; 5") in page
    assert row.format(sub, "dont annulés par le service", "&lt; 5") in page
    # 5 honoured of 6 honoured or missed: showing the 5 would give the missed one away.
    assert row.format(sub, "dont rendez-vous honorés", "secret") in page
    honour = "Taux de présence : part des rendez-vous honorés (sur les rendez-vous honorés ou "
    assert row.format("", honour + "manqués sans excuse)", "secret") in page


def test_the_figures_page_shows_counts_to_a_director(client, director_grand_air):
    appointment = AppointmentFactory(person__last_name="Confidentielle")
    client.force_login(director_grand_air)
    response = client.get(reverse("agenda:figures"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Délai du premier rendez-vous après la demande" in page
    assert "Rendez-vous individuels honorés, manqués et annulés" in page
    assert appointment.person.last_name not in page
