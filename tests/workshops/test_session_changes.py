"""A workshop session's changes in the agenda: moved (with the reason, refused over a
facilitator's appointment), cancelled alone or with its cycle, honoured once attendance is
taken, « à renseigner » until then; the homes count it for its facilitators only."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from agenda.models import (
    AppointmentMessage,
    AppointmentStatus,
)
from tests.workshops.factories import EnrolmentFactory
from tests.workshops.sessions import TWO_PM, book_over, open_cycle, session_at, session_day
from workshops import scheduling, services

pytestmark = pytest.mark.django_db


# --- The session's page: reschedule, cancel; attendance makes it « honoré » -------------------


def test_rescheduling_a_session_moves_its_appointment_with_the_reason(
    client, coordinator_grand_air, counsellor
):
    day = session_day()
    cycle = open_cycle(
        coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor], day=day
    )
    session = cycle.sessions.get(number=2)
    uid = session.appointment.uid
    new_day = session_day(30)
    url = reverse("workshops:session_detail", kwargs={"pk": cycle.pk, "number": 2})
    client.force_login(counsellor)
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "action": "reschedule",
            "deplacer-on": new_day.isoformat(),
            "deplacer-start_time": "10:00",
            "deplacer-duration": "90",
            "deplacer-reason": "Salle prise par la fête de quartier",
        },
    )
    assert response.status_code == 302
    session.refresh_from_db()
    appointment = session.appointment
    assert (session.on, session.start_time, session.duration) == (
        new_day,
        datetime.time(10),
        90,
    )
    assert appointment.starts_at == session_at(new_day, datetime.time(10))
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(minutes=90)
    assert appointment.uid == uid and appointment.version == 2
    event = appointment.events.get(action="moved")
    assert "Salle prise par la fête de quartier" in event.detail
    assert "Ancien créneau" in event.detail
    assert not AppointmentMessage.objects.exists()
    # The same again: already done.
    again = client.post(
        url,
        {
            "action": "reschedule",
            "deplacer-on": new_day.isoformat(),
            "deplacer-start_time": "10:00",
            "deplacer-duration": "90",
            "deplacer-reason": "Double clic",
        },
    )
    assert again.status_code == 302
    assert appointment.events.filter(action="moved").count() == 1


def test_rescheduling_over_a_facilitators_appointment_is_refused_next_to_the_field(
    client, coordinator_grand_air, counsellor
):
    cycle = open_cycle(coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor])
    new_day = session_day(30)
    book_over(counsellor, session_at(new_day, datetime.time(10, 30)))
    client.force_login(coordinator_grand_air)
    url = reverse("workshops:session_detail", kwargs={"pk": cycle.pk, "number": 1})
    response = client.post(
        url,
        {
            "action": "reschedule",
            "deplacer-on": new_day.isoformat(),
            "deplacer-start_time": "10:00",
            "deplacer-duration": "120",
            "deplacer-reason": "Changement",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "a déjà un rendez-vous sur ce créneau" in body
    assert 'aria-describedby="id_deplacer-start_time' in body
    assert 'value="Changement"' in body
    # A reason is required.
    response = client.post(
        url,
        {
            "action": "reschedule",
            "deplacer-on": new_day.isoformat(),
            "deplacer-start_time": "16:00",
            "deplacer-duration": "120",
            "deplacer-reason": "",
        },
    )
    assert response.status_code == 400


def test_cancelling_a_session_cancels_its_appointment_and_frees_the_slot(
    client, coordinator_grand_air
):
    day = session_day()
    cycle = open_cycle(coordinator_grand_air, day=day)
    client.force_login(coordinator_grand_air)
    url = reverse("workshops:session_detail", kwargs={"pk": cycle.pk, "number": 1})
    response = client.post(url, {"action": "cancel", "annuler-reason": "Animatrice malade"})
    assert response.status_code == 302
    appointment = cycle.sessions.get(number=1).appointment
    assert appointment.status == AppointmentStatus.CANCELLED
    assert appointment.status_reason == "Animatrice malade"
    assert "Séance annulée" in client.get(url).content.decode()
    assert (
        "(annulée)"
        in client.get(reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk})).content.decode()
    )
    # The slot is free again for an individual appointment.
    assert book_over(coordinator_grand_air, session_at(day, datetime.time(14, 30))).pk
    # Cancelling twice: already done; attendance refused.
    client.post(url, {"action": "cancel", "annuler-reason": "Encore"})
    appointment.refresh_from_db()
    assert appointment.status_reason == "Animatrice malade"
    with pytest.raises(services.WorkshopRefused):
        services.record_attendance(
            by=coordinator_grand_air, session=cycle.sessions.get(number=1), statuses={}
        )


def test_attendance_taken_makes_the_appointment_honoured(coordinator_grand_air):
    cycle = open_cycle(coordinator_grand_air)
    enrolment = EnrolmentFactory(cycle=cycle)
    session = cycle.sessions.get(number=1)
    services.record_attendance(
        by=coordinator_grand_air, session=session, statuses={enrolment.pk: "present"}
    )
    appointment = session.appointment
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.SEEN
    assert appointment.status_changed_by == coordinator_grand_air
    with pytest.raises(scheduling.SchedulingRefused):
        scheduling.reschedule_session(
            by=coordinator_grand_air,
            session=session,
            on=session_day(40),
            start_time=TWO_PM,
            duration=120,
            reason="Trop tard",
        )


def test_a_past_session_without_attendance_is_to_fill_in_for_its_facilitators(
    client, coordinator_grand_air, counsellor
):
    past = timezone.localdate() - datetime.timedelta(days=10)
    open_cycle(
        coordinator_grand_air,
        facilitators=[coordinator_grand_air, counsellor],
        day=past,
        session_count=1,
    )
    client.force_login(counsellor)
    body = client.get(reverse("agenda:my_agenda")).content.decode()
    section = body[body.index('id="a-renseigner"') :]
    assert "Atelier : Remobilisation vers l’emploi – séance 1" in section
    assert "Présences à saisir" in section


def test_cancelling_the_cycle_cancels_its_sessions_to_come_only(client, coordinator_grand_air):
    past = timezone.localdate() - datetime.timedelta(weeks=1, days=1)
    cycle = open_cycle(coordinator_grand_air, day=past, session_count=3)
    enrolment = EnrolmentFactory(cycle=cycle)
    held = cycle.sessions.get(number=1)
    services.record_attendance(
        by=coordinator_grand_air, session=held, statuses={enrolment.pk: "present"}
    )
    client.force_login(coordinator_grand_air)
    url = reverse("workshops:cycle_cancel", kwargs={"pk": cycle.pk})
    assert client.get(url).status_code == 200
    assert client.post(url, {"reason": ""}).status_code == 400
    response = client.post(url, {"reason": "Trop peu d’inscrit·es"})
    assert response.status_code == 302
    statuses = dict(cycle.sessions.values_list("number", "appointment__status"))
    # Held: honoured; past without attendance: left to fill in; to come: cancelled.
    assert statuses == {1: "seen", 2: "planned", 3: "cancelled"}
    cycle.refresh_from_db()
    assert cycle.cancelled_at is not None
    assert (
        "Ce cycle est annulé"
        in client.get(reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk})).content.decode()
    )
    # Twice: already done; nobody enrols any more.
    assert client.post(url, {"reason": "Encore"}).status_code == 302
    with pytest.raises(services.WorkshopRefused):
        EnrolmentFactory(cycle=cycle)
    assert not AppointmentMessage.objects.exists()


def test_home_counts_a_session_for_its_facilitators_not_at_the_desk(
    coordinator_grand_air, counsellor, reception_grand_air
):
    from agenda.selectors import dashboard_counts

    today = timezone.localdate()
    open_cycle(
        coordinator_grand_air,
        facilitators=[coordinator_grand_air, counsellor],
        day=today,
        at=datetime.time(23, 0),
        duration=30,
        session_count=1,
    )
    assert dashboard_counts(counsellor)["today"] == 1
    assert dashboard_counts(coordinator_grand_air)["today"] == 1
    assert dashboard_counts(reception_grand_air)["expected"] == 0
