"""A workshop session is an agenda appointment: created with the cycle, in the agenda of
every facilitator, refusing double bookings, moved and cancelled with the session, never
messaged to anybody; the agenda's pages show it as « Atelier : … – séance n »."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from accounts.models import Role
from agenda import messaging
from agenda import services as agenda_services
from agenda.models import (
    Appointment,
    AppointmentEvent,
    AppointmentKind,
    AppointmentMessage,
    AppointmentStatus,
    Room,
)
from agenda.selectors import expected_today
from tests.agenda.factories import AbsenceFactory, future_slot, next_working_day
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.workshops.factories import EnrolmentFactory
from tests.workshops.sessions import TWO_PM, book_over, fill, open_cycle, session_at, session_day
from workshops import scheduling, services
from workshops.models import DEFAULT_DURATION, DEFAULT_START_TIME

pytestmark = pytest.mark.django_db


# --- Opening a cycle puts its sessions in the agenda ------------------------------------


def test_opening_a_cycle_books_one_personless_appointment_per_session(
    coordinator_grand_air, counsellor
):
    day = session_day()
    cycle = open_cycle(
        coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor], day=day
    )
    sessions = list(cycle.sessions.select_related("appointment").order_by("number"))
    assert len(sessions) == 3
    for n, session in enumerate(sessions):
        appointment = session.appointment
        assert appointment.kind == AppointmentKind.WORKSHOP_SESSION
        assert appointment.person is None
        assert appointment.staff == coordinator_grand_air  # she opened it and facilitates
        assert (appointment.centre, appointment.site) == (cycle.centre, cycle.site)
        assert appointment.starts_at == session_at(day + datetime.timedelta(weeks=n))
        assert appointment.duration == 120
        assert appointment.status == AppointmentStatus.PLANNED
        assert AppointmentEvent.objects.filter(appointment=appointment, action="booked").exists()
    assert appointment.workshop_label == "Atelier : Remobilisation vers l’emploi – séance 3"
    assert not AppointmentMessage.objects.exists()  # nobody to write to


def test_the_cycle_form_proposes_14h_for_two_hours_and_a_room(client, coordinator_grand_air):
    grand_air = centre("grand-air")
    site = grand_air.sites.order_by("position").first()
    room = Room.objects.create(site=site, name="Salle des ateliers")
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("workshops:cycle_create")).content.decode()
    assert "Heure de début" in page and 'value="14:00"' in page
    assert "Durée" in page and "Salle des ateliers" in page
    day = session_day()
    response = client.post(
        reverse("workshops:cycle_create"),
        {
            "centre": grand_air.pk,
            "site": site.pk,
            "title": "Cycle du jeudi",
            "facilitators": [coordinator_grand_air.pk],
            "starts_on": day.isoformat(),
            "capacity": "8",
            "session_count": "2",
            "start_time": "09:30",
            "duration": "90",
            "room": room.pk,
        },
    )
    assert response.status_code == 302
    appointments = Appointment.objects.filter(kind=AppointmentKind.WORKSHOP_SESSION)
    assert appointments.count() == 2
    first = appointments.order_by("starts_at").first()
    assert first.starts_at == session_at(day, datetime.time(9, 30))
    assert (first.duration, first.room) == (90, room)


def test_without_a_time_the_sessions_take_the_defaults(coordinator_grand_air):
    cycle = services.open_cycle(
        by=coordinator_grand_air,
        centre=centre("grand-air"),
        site=centre("grand-air").sites.first(),
        title="Par défaut",
        facilitators=[coordinator_grand_air],
        starts_on=session_day(),
        capacity=8,
        session_count=1,
    )
    session = cycle.sessions.get()
    assert (session.start_time, session.duration) == (DEFAULT_START_TIME, DEFAULT_DURATION)
    assert timezone.localtime(session.appointment.starts_at).time() == TWO_PM


# --- Double bookings ----------------------------------------------------------------------


def test_the_lead_facilitators_individual_appointment_over_a_session_is_refused(
    coordinator_grand_air,
):
    day = session_day()
    open_cycle(coordinator_grand_air, day=day)
    with pytest.raises(agenda_services.SlotTaken) as taken:
        book_over(coordinator_grand_air, session_at(day, datetime.time(15, 0)))
    message = taken.value.message
    assert "anime une séance d’atelier sur ce créneau" in message
    assert "Atelier : Remobilisation vers l’emploi – séance 1" in message
    assert "14 h 00" in message and "16 h 00" in message
    # Right after the session, the slot is free.
    assert book_over(coordinator_grand_air, session_at(day, datetime.time(16, 0))).pk


def test_a_co_facilitators_appointment_over_a_session_is_refused_too(
    coordinator_grand_air, counsellor
):
    day = session_day()
    open_cycle(coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor], day=day)
    with pytest.raises(agenda_services.SlotTaken) as taken:
        book_over(counsellor, session_at(day, datetime.time(14, 30)))
    assert counsellor.get_full_name() in taken.value.message
    assert "anime une séance d’atelier" in taken.value.message


def test_a_cycle_over_a_facilitators_appointment_is_refused_with_nothing_saved(
    client, coordinator_grand_air, counsellor
):
    day = session_day()
    book_over(counsellor, session_at(day + datetime.timedelta(weeks=1), datetime.time(15, 0)))
    grand_air = centre("grand-air")
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("workshops:cycle_create"),
        {
            "centre": grand_air.pk,
            "site": grand_air.sites.order_by("position").first().pk,
            "title": "Cycle refusé",
            "facilitators": [coordinator_grand_air.pk, counsellor.pk],
            "starts_on": day.isoformat(),
            "capacity": "8",
            "session_count": "3",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Séance 2 du" in page and "a déjà un rendez-vous sur ce créneau" in page
    assert 'value="Cycle refusé"' in page  # nothing typed is lost
    assert not Appointment.objects.filter(kind=AppointmentKind.WORKSHOP_SESSION).exists()


def test_a_room_is_not_booked_twice(coordinator_grand_air):
    site = centre("grand-air").sites.order_by("position").first()
    room = Room.objects.create(site=site, name="Salle bleue")
    day = session_day()
    open_cycle(coordinator_grand_air, day=day, room=room)
    other = make_user(Role.COORDINATOR, "grand-air")
    with pytest.raises(services.WorkshopRefused) as refused:
        open_cycle(other, day=day, room=room, at=datetime.time(15, 0))
    assert "La salle « Salle bleue » est déjà prise sur ce créneau" in refused.value.message
    assert refused.value.field == "room"
    with pytest.raises(agenda_services.SlotTaken):
        book_over(other, session_at(day, datetime.time(13, 30)), room=room)


# --- Co-facilitators see the session; the agenda's pages -----------------------------------


def test_a_co_facilitator_sees_the_session_in_her_day_and_week(
    client, coordinator_grand_air, counsellor
):
    day = session_day()
    cycle = open_cycle(
        coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor], day=day
    )
    session_url = reverse("workshops:session_detail", kwargs={"pk": cycle.pk, "number": 1})
    client.force_login(counsellor)
    for view in ("jour", "semaine"):
        page = client.get(reverse("agenda:my_agenda"), {"jour": day.isoformat(), "vue": view})
        body = page.content.decode()
        assert "Atelier : Remobilisation vers l’emploi – séance 1" in body, view
        assert session_url in body
        assert f"animée par {coordinator_grand_air.get_full_name()}" in body
    assert client.get(session_url).status_code == 200
    # Another CIP's agenda does not show it.
    stranger = make_user(Role.COUNSELLOR, "grand-air")
    client.force_login(stranger)
    body = client.get(reverse("agenda:my_agenda"), {"jour": day.isoformat()}).content.decode()
    assert "Atelier :" not in body


def test_the_site_agenda_shows_the_session_and_reception_expects_no_one(
    client, coordinator_grand_air, reception_grand_air
):
    today = timezone.localdate()
    open_cycle(
        coordinator_grand_air, day=today, at=datetime.time(23, 0), duration=30, session_count=1
    )
    site = centre("grand-air").sites.order_by("position").first()
    client.force_login(reception_grand_air)
    body = client.get(reverse("agenda:site_agenda", kwargs={"pk": site.pk})).content.decode()
    assert "Atelier : Remobilisation vers l’emploi – séance 1" in body
    # Reception cannot open the cycle: the card leads to the agenda's own page.
    appointment = Appointment.objects.get(kind=AppointmentKind.WORKSHOP_SESSION)
    assert reverse("agenda:detail", kwargs={"pk": appointment.pk}) in body
    detail = client.get(reverse("agenda:detail", kwargs={"pk": appointment.pk}))
    assert detail.status_code == 200
    assert "Atelier : Remobilisation vers l’emploi – séance 1" in detail.content.decode()
    assert list(expected_today(reception_grand_air)) == []
    assert "Personne n’est attendu" in client.get(reverse("agenda:expected")).content.decode()


def test_the_appointment_page_of_a_session_offers_no_status_nor_move(client, coordinator_grand_air):
    cycle = open_cycle(coordinator_grand_air)
    appointment = cycle.sessions.get(number=1).appointment
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("agenda:detail", kwargs={"pk": appointment.pk})).content.decode()
    assert "Renseigner le rendez-vous" not in page and "Déplacer ou confier" not in page
    assert reverse("workshops:session_detail", kwargs={"pk": cycle.pk, "number": 1}) in page
    response = client.post(
        reverse("agenda:set_status", kwargs={"pk": appointment.pk}),
        {"status": "cancelled", "expected_status": "planned", "reason": "test"},
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED
    assert client.get(reverse("agenda:move", kwargs={"pk": appointment.pk})).status_code == 302
    assert client.get(reverse("agenda:letter", kwargs={"pk": appointment.pk})).status_code == 302
    arrived = client.post(reverse("agenda:mark_arrived", kwargs={"pk": appointment.pk}))
    assert arrived.status_code == 302
    appointment.refresh_from_db()
    assert appointment.arrived_at is None


def test_an_individual_appointment_cannot_be_of_the_workshop_kind(coordinator_grand_air):
    with pytest.raises(agenda_services.SlotProblem):
        agenda_services.book_appointment(
            by=coordinator_grand_air,
            person=PersonFactory(centre=centre("grand-air")),
            staff=coordinator_grand_air,
            centre=centre("grand-air"),
            site=centre("grand-air").sites.first(),
            kind=AppointmentKind.WORKSHOP_SESSION,
            starts_at=future_slot(),
            duration=60,
            accept_warnings=True,
        )


def test_the_database_refuses_a_personless_individual_appointment(coordinator_grand_air):
    from django.db import IntegrityError, transaction

    cycle = open_cycle(coordinator_grand_air, session_count=1)
    appointment = cycle.sessions.get().appointment
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.filter(pk=appointment.pk).update(kind=AppointmentKind.FOLLOW_UP)


def test_no_reminder_nor_message_for_a_session(coordinator_grand_air, counsellor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    cycle = open_cycle(coordinator_grand_air, facilitators=[coordinator_grand_air], day=tomorrow)
    EnrolmentFactory(cycle=cycle, person=PersonFactory(centre=cycle.centre, email="a@b.fr"))
    late = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23)))
    assert messaging.plan_reminders(now=late) == 0
    session = cycle.sessions.get(number=1)
    assert messaging.plan_messages(session.appointment, "invitation") == []
    scheduling.cancel_session(by=coordinator_grand_air, session=session, reason="Salle inondée")
    assert not AppointmentMessage.objects.exists()


def test_the_calendar_feed_of_each_facilitator_carries_the_session(
    client, coordinator_grand_air, counsellor
):
    from tests.agenda.test_feed_absence_figures import _feed_url

    cycle = open_cycle(
        coordinator_grand_air, facilitators=[coordinator_grand_air, counsellor], session_count=1
    )
    appointment = cycle.sessions.get().appointment
    for user in (coordinator_grand_air, counsellor):
        response = client.get(_feed_url(client, user, initials=True))
        [event] = Calendar.from_ical(response.content).walk("VEVENT")
        assert str(event["SUMMARY"]) == "Atelier : Remobilisation vers l’emploi – séance 1"
        assert str(event["UID"]) == f"{appointment.uid}@parcours"
        assert event.decoded("DTSTART") == appointment.starts_at


def test_figures_and_absences_leave_sessions_out(coordinator_grand_air):
    day = session_day()
    open_cycle(coordinator_grand_air, day=day)
    from agenda.absences import appointments_in

    absence = AbsenceFactory(staff=coordinator_grand_air, starts_on=day, ends_on=day)
    assert list(appointments_in(absence, coordinator_grand_air)) == []
    Appointment.objects.filter(kind=AppointmentKind.WORKSHOP_SESSION).update(status="seen")
    from agenda.indicators import appointments_by_status
    from reports.registry import ReportScope

    grand_air = centre("grand-air")
    scope = ReportScope(
        centres=((grand_air.pk, grand_air.name),),
        start=day,
        end=day + datetime.timedelta(weeks=3),
    )
    # The sessions, even "seen", are no individual appointment: every figure stays at zero.
    assert not any(any(row.values) for row in appointments_by_status(scope).rows)


def test_the_day_view_costs_the_same_with_8_or_80_participants_and_more_sessions(
    client, coordinator_grand_air, counsellor, django_assert_max_num_queries
):
    # Two different working days, whatever the weekday the suite runs on.
    few_day = session_day(7)
    many_day = next_working_day(session_at(few_day)).date()
    small = open_cycle(
        coordinator_grand_air,
        facilitators=[coordinator_grand_air, counsellor],
        day=few_day,
        capacity=80,
    )
    fill(small, 8)
    for hour in (9, 14, 17):
        big = open_cycle(
            coordinator_grand_air,
            facilitators=[coordinator_grand_air, counsellor],
            day=many_day,
            at=datetime.time(hour),
            duration=60,
            capacity=80,
        )
        fill(big, 80)
    client.force_login(counsellor)
    url = reverse("agenda:my_agenda")
    with django_assert_max_num_queries(30) as few:
        assert client.get(url, {"jour": few_day.isoformat()}).status_code == 200
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(url, {"jour": many_day.isoformat()})
    assert page.content.decode().count("Atelier : Remobilisation") == 3
