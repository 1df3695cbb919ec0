"""Booking: the CIP books in any of her centres; clashes, the past, holidays, opening hours
and the DST changes each get a clear French message and save nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from agenda import services
from agenda.checks import SlotProblem, local_datetime
from agenda.models import Appointment, AppointmentEvent, AppointmentMessage, Room
from audit.models import AccessLog
from directory.models import SiteDetails
from tests.agenda.factories import AppointmentFactory, PersonFactory, future_slot, past_slot
from tests.factories import centre, make_user

pytestmark = pytest.mark.django_db


def _site(slug="grand-air"):
    return centre(slug).sites.order_by("position").first()


def _form(slot, *, site, staff, kind="follow_up", duration=60, room=None, confirm=False):
    local = timezone.localtime(slot)
    data = {
        "kind": kind,
        "site": site.pk,
        "start_date": local.date().isoformat(),
        "start_time": f"{local:%H:%M}",
        "duration": duration,
        "staff": staff.pk,
    }
    if room:
        data["room"] = room.pk
    if confirm:
        data["accept_warnings"] = "on"
    return data


def test_the_cip_books_a_follow_up_at_esperanto_for_a_grand_air_person(client, counsellor):
    person = PersonFactory(centre=centre("grand-air"), email="elodie@exemple.fr")
    client.force_login(counsellor)
    url = reverse("agenda:book", kwargs={"person_pk": person.pk})
    assert client.get(url).status_code == 200
    slot = future_slot(hour=10)
    response = client.post(
        url, _form(slot, site=_site("esperanto"), staff=counsellor, confirm=True)
    )
    appointment = Appointment.objects.get(person=person)
    assert response.status_code == 302
    assert response["Location"] == reverse("agenda:detail", kwargs={"pk": appointment.pk})
    assert appointment.centre == centre("esperanto")
    assert appointment.ends_at - appointment.starts_at == datetime.timedelta(hours=1)
    assert appointment.created_by == counsellor
    event = AppointmentEvent.objects.get(appointment=appointment)
    assert (event.action, event.by) == ("booked", counsellor)
    assert AccessLog.objects.filter(
        actor=counsellor, action="change", object_type="agenda.appointment"
    ).exists()
    assert AppointmentMessage.objects.filter(appointment=appointment, kind="invitation").exists()


def test_the_file_shows_the_next_appointment_and_the_booking_on_its_history(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    AppointmentEvent.objects.create(appointment=appointment, action="booked", by=counsellor)
    client.force_login(counsellor)
    page = client.get(reverse("people:file", kwargs={"pk": appointment.person.pk})).content
    page = page.decode()
    assert "Prochain rendez-vous" in page
    assert counsellor.get_full_name() in page
    assert "Rendez-vous pris – Suivi individuel du" in page
    assert "Prendre un rendez-vous" in page


def test_reception_sees_the_next_appointment_but_cannot_book(client, reception_grand_air):
    appointment = AppointmentFactory()
    client.force_login(reception_grand_air)
    page = client.get(reverse("people:file", kwargs={"pk": appointment.person.pk})).content
    assert "Prochain rendez-vous" in page.decode()
    assert "Prendre un rendez-vous" not in page.decode()
    url = reverse("agenda:book", kwargs={"person_pk": appointment.person.pk})
    assert client.get(url).status_code == 403


def test_a_coordinator_elsewhere_cannot_book_for_a_grand_air_person(client, coordinator_esperanto):
    person = PersonFactory(centre=centre("grand-air"))
    client.force_login(coordinator_esperanto)
    assert client.get(reverse("agenda:book", kwargs={"person_pk": person.pk})).status_code == 404


@pytest.mark.parametrize("subject", ["staff", "person", "room"])
def test_a_clash_is_refused_with_the_clashing_slot_named(client, counsellor, subject):
    site = _site()
    room = Room.objects.create(site=site, name="Bureau 1")
    slot = future_slot(hour=10)
    first = AppointmentFactory(staff=counsellor, site=site, room=room, starts_at=slot)
    other_staff = make_user(Role.COORDINATOR, "grand-air")
    person = first.person if subject == "person" else PersonFactory()
    staff = counsellor if subject == "staff" else other_staff
    client.force_login(counsellor)
    data = _form(
        slot + datetime.timedelta(minutes=30),
        site=site,
        staff=staff,
        room=room if subject == "room" else None,
        confirm=True,
    )
    response = client.post(reverse("agenda:book", kwargs={"person_pk": person.pk}), data)
    assert response.status_code == 200
    page = response.content.decode()
    expected = {
        "staff": f"{counsellor.get_full_name()} a déjà un rendez-vous sur ce créneau",
        "person": "La personne a déjà un rendez-vous sur ce créneau",
        "room": "La salle « Bureau 1 » est déjà prise sur ce créneau",
    }[subject]
    assert expected in page
    assert "10 h 00 – 11 h 00" in page
    assert Appointment.objects.count() == 1
    # What was typed is kept.
    assert f'value="{data["start_date"]}"' in page


def test_a_cancelled_appointment_frees_its_slot(counsellor):
    slot = future_slot()
    first = AppointmentFactory(staff=counsellor, starts_at=slot, status="cancelled")
    again = services.book_appointment(
        by=counsellor,
        person=first.person,
        staff=counsellor,
        centre=first.centre,
        site=first.site,
        kind="follow_up",
        starts_at=slot,
        duration=60,
        accept_warnings=True,
    )
    assert again.pk != first.pk


def test_back_to_back_appointments_are_allowed(counsellor):
    slot = future_slot()
    AppointmentFactory(staff=counsellor, starts_at=slot)
    AppointmentFactory(staff=counsellor, starts_at=slot + datetime.timedelta(hours=1))
    assert Appointment.objects.filter(staff=counsellor).count() == 2


def test_a_slot_in_the_past_is_refused(client, counsellor):
    person = PersonFactory()
    client.force_login(counsellor)
    response = client.post(
        reverse("agenda:book", kwargs={"person_pk": person.pk}),
        _form(past_slot(), site=_site(), staff=counsellor, confirm=True),
    )
    assert "Ce créneau est passé" in response.content.decode()
    assert not Appointment.objects.exists()


def test_a_public_holiday_is_refused_by_name(counsellor):
    christmas = datetime.date(timezone.localdate().year + 1, 12, 25)
    with pytest.raises(SlotProblem) as problem:
        services.book_appointment(
            by=counsellor,
            person=PersonFactory(),
            staff=counsellor,
            centre=centre("grand-air"),
            site=_site(),
            kind="follow_up",
            starts_at=local_datetime(christmas, datetime.time(10)),
            duration=60,
            accept_warnings=True,
        )
    assert "est un jour férié (Noël)" in problem.value.message
    assert not Appointment.objects.exists()


def test_outside_opening_hours_warns_then_books_once_confirmed(client, counsellor):
    site = _site()
    SiteDetails.objects.update_or_create(
        site=site, defaults={"opening_hours": "Mo-Fr 09:00-12:00,14:00-18:00"}
    )
    person = PersonFactory()
    client.force_login(counsellor)
    url = reverse("agenda:book", kwargs={"person_pk": person.pk})
    slot = future_slot(hour=12, minute=30)
    response = client.post(url, _form(slot, site=site, staff=counsellor))
    assert "en dehors des horaires d’accueil" in response.content.decode()
    assert not Appointment.objects.exists()
    response = client.post(url, _form(slot, site=site, staff=counsellor, confirm=True))
    assert response.status_code == 302
    assert Appointment.objects.count() == 1


def test_a_staff_member_who_does_not_work_in_that_centre_is_refused(client, counsellor):
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    client.force_login(counsellor)
    response = client.post(
        reverse("agenda:book", kwargs={"person_pk": PersonFactory().pk}),
        _form(future_slot(), site=_site("esperanto"), staff=coordinator, confirm=True),
    )
    assert "n’intervient pas au centre Espéranto" in response.content.decode()


def test_the_spring_dst_gap_is_refused():
    # Last Sunday of March 2027: 02:00 → 03:00 in Europe/Paris.
    with pytest.raises(SlotProblem) as problem:
        local_datetime(datetime.date(2027, 3, 28), datetime.time(2, 30))
    assert "passage à l’heure d’été" in problem.value.message


def test_appointments_across_the_dst_changes_keep_their_real_duration(counsellor):
    person = PersonFactory()
    # 01:30 + 90 minutes on 28 March 2027 ends at 04:00 local (the hour 02:00–03:00 is skipped).
    spring = services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=centre("grand-air"),
        site=_site(),
        kind="follow_up",
        starts_at=local_datetime(datetime.date(2027, 3, 28), datetime.time(1, 30)),
        duration=90,
        accept_warnings=True,
    )
    assert f"{timezone.localtime(spring.ends_at):%H:%M}" == "04:00"
    # 01:30 + 90 minutes on 31 October 2027 ends at 02:00 local (02:00–03:00 happens twice).
    autumn = services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=centre("grand-air"),
        site=_site(),
        kind="follow_up",
        starts_at=local_datetime(datetime.date(2027, 10, 31), datetime.time(1, 30)),
        duration=90,
        accept_warnings=True,
    )
    assert f"{timezone.localtime(autumn.ends_at):%H:%M}" == "02:00"
    assert autumn.ends_at - autumn.starts_at == datetime.timedelta(minutes=90)
    # A 10:00 appointment on either Sunday is at 10:00 Paris time, shown as such.
    ten = services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=centre("grand-air"),
        site=_site(),
        kind="follow_up",
        starts_at=local_datetime(datetime.date(2027, 10, 31), datetime.time(10)),
        duration=60,
        accept_warnings=True,
    )
    assert ten.starts_at.astimezone(datetime.UTC).hour == 9  # winter time: UTC+1
    march = local_datetime(datetime.date(2027, 3, 28), datetime.time(10))
    assert march.astimezone(datetime.UTC).hour == 8  # summer time: UTC+2


def test_the_week_view_shows_dst_sunday_appointments_at_their_paris_time(client, counsellor):
    AppointmentFactory(
        staff=counsellor, starts_at=local_datetime(datetime.date(2027, 10, 31), datetime.time(23))
    )
    client.force_login(counsellor)
    page = client.get(reverse("agenda:my_agenda") + "?vue=semaine&jour=2027-10-31")
    content = page.content.decode()
    assert "23:00" in content
    assert "Dimanche 31 octobre" in content


def test_a_closed_accompaniment_is_refused(counsellor):
    class ClosedAccompaniment:
        is_closed = True

    with pytest.raises(SlotProblem) as problem:
        services.book_appointment(
            by=counsellor,
            person=PersonFactory(),
            staff=counsellor,
            centre=centre("grand-air"),
            site=_site(),
            kind="follow_up",
            starts_at=future_slot(),
            duration=60,
            accept_warnings=True,
            accompaniment=ClosedAccompaniment(),
        )
    assert "accompagnement de cette personne est clôturé" in problem.value.message
    assert not Appointment.objects.exists()
