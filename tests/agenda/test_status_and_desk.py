"""Statuses (seen, no-show, excused, cancelled), « À renseigner », the desk's « Personnes
attendues » and « Arrivé·e », each dated, signed and on the person's timeline."""

import pytest
from django.urls import reverse

from accounts.models import Role
from agenda.models import AppointmentEvent, AppointmentStatus
from audit.models import AccessLog
from tests.agenda.factories import AppointmentFactory, future_slot, next_working_day, past_slot
from tests.factories import centre, make_user
from tests.reception.helpers import queries_for

pytestmark = pytest.mark.django_db


def _status(client, appointment, status, reason="", expected="planned"):
    return client.post(
        reverse("agenda:set_status", kwargs={"pk": appointment.pk}),
        {"status": status, "reason": reason, "expected_status": expected},
    )


def test_the_cip_marks_a_past_appointment_seen_dated_and_signed(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor, starts_at=past_slot())
    client.force_login(counsellor)
    response = _status(client, appointment, "seen")
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.SEEN
    assert appointment.status_changed_by == counsellor
    assert appointment.status_changed_at is not None
    event = AppointmentEvent.objects.get(appointment=appointment, action="status")
    assert (event.from_status, event.to_status, event.by) == ("planned", "seen", counsellor)
    assert AccessLog.objects.filter(actor=counsellor, detail="Statut renseigné").exists()
    page = client.get(reverse("people:file", kwargs={"pk": appointment.person.pk})).content
    assert "Suivi individuel du" in page.decode()
    assert ": Rendez-vous honoré" in page.decode()


def test_seen_is_refused_before_the_appointment_begins(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor, starts_at=future_slot())
    client.force_login(counsellor)
    response = _status(client, appointment, "seen")
    assert response.status_code == 400
    assert "n’a pas encore commencé" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED


def test_a_cancellation_needs_its_reason_and_keeps_who_and_why(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(counsellor)
    response = _status(client, appointment, "cancelled")
    assert "Indiquez le motif de l’annulation." in response.content.decode()
    response = _status(client, appointment, "cancelled", reason="Réunion imprévue")
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.CANCELLED
    assert appointment.status_reason == "Réunion imprévue"
    assert appointment.status_changed_by == counsellor


def test_a_double_submit_says_action_already_done(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor, starts_at=past_slot())
    client.force_login(counsellor)
    _status(client, appointment, "no_show")
    response = _status(client, appointment, "no_show", expected="planned")
    assert response.status_code == 302
    assert "Action déjà effectuée." in client.get(response["Location"]).content.decode()
    assert AppointmentEvent.objects.filter(action="status").count() == 1


def test_a_past_appointment_nobody_filled_in_shows_a_renseigner_in_its_owners_list(
    client, counsellor
):
    AppointmentFactory(staff=counsellor, starts_at=past_slot(days=5))
    client.force_login(counsellor)
    page = client.get(reverse("agenda:my_agenda")).content.decode()
    section = page.split('id="a-renseigner"')[1]
    assert "À renseigner" in section
    assert "Rien à renseigner." not in section


def test_reception_cannot_fill_in_a_status(client, reception_grand_air):
    appointment = AppointmentFactory(starts_at=past_slot())
    client.force_login(reception_grand_air)
    assert _status(client, appointment, "seen").status_code == 403


def test_a_coordinator_of_another_centre_never_sees_the_appointment(client, coordinator_esperanto):
    appointment = AppointmentFactory()
    client.force_login(coordinator_esperanto)
    assert client.get(reverse("agenda:detail", kwargs={"pk": appointment.pk})).status_code == 404
    assert _status(client, appointment, "seen").status_code == 404


def test_reading_an_appointment_is_logged(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(counsellor)
    client.get(reverse("agenda:detail", kwargs={"pk": appointment.pk}))
    assert AccessLog.objects.filter(
        actor=counsellor, object_type="people.person", object_id=str(appointment.person.pk)
    ).exists()


def test_reception_sees_people_expected_today_and_marks_them_arrived(
    client, reception_grand_air, counsellor
):
    from django.utils import timezone

    later = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    appointment = AppointmentFactory(
        staff=counsellor, starts_at=later, duration=30, person__last_name="Attendue"
    )
    elsewhere = AppointmentFactory(
        centre=centre("esperanto"), starts_at=later, duration=30, person__last_name="Ailleurs"
    )
    client.force_login(reception_grand_air)
    queue = client.get(reverse("reception:reception_queue")).content.decode()
    assert appointment.person.last_name.upper() in queue
    assert elsewhere.person.last_name.upper() not in queue
    response = client.post(
        reverse("agenda:mark_arrived", kwargs={"pk": appointment.pk}), {"next": "reception"}
    )
    assert response["Location"] == reverse("reception:reception_queue")
    appointment.refresh_from_db()
    assert appointment.arrived_recorded_by == reception_grand_air
    assert AppointmentEvent.objects.filter(appointment=appointment, action="arrived").exists()
    # Twice: the existing polite message.
    response = client.post(reverse("agenda:mark_arrived", kwargs={"pk": appointment.pk}))
    assert "Action déjà effectuée." in client.get(response["Location"]).content.decode()
    # The CIP sees the marker on her agenda.
    client.force_login(counsellor)
    agenda = client.get(reverse("agenda:my_agenda")).content.decode()
    assert "Arrivé·es à l’accueil" in agenda
    assert "est arrivé·e à" in agenda
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "1 personne arrivée à l’accueil" in home


def test_reception_elsewhere_cannot_mark_arrived(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(make_user(Role.RECEPTION, "esperanto"))
    response = client.post(reverse("agenda:mark_arrived", kwargs={"pk": appointment.pk}))
    assert response.status_code == 404


def test_the_site_day_list_per_site(client, reception_grand_air, counsellor):
    from django.utils import timezone

    later = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    site = centre("grand-air").sites.order_by("position").last()
    appointment = AppointmentFactory(
        staff=counsellor, starts_at=later, site=site, duration=30, person__last_name="Attendue"
    )
    client.force_login(reception_grand_air)
    page = client.get(reverse("agenda:expected") + f"?site={site.pk}").content.decode()
    assert appointment.person.last_name.upper() in page
    other = centre("grand-air").sites.order_by("position").first()
    page = client.get(reverse("agenda:expected") + f"?site={other.pk}").content.decode()
    assert appointment.person.last_name.upper() not in page


def test_the_cip_week_costs_the_same_with_3_or_30_appointments(client, counsellor):
    client.force_login(counsellor)
    AppointmentFactory(staff=counsellor, starts_at=past_slot())
    for hour in (9, 11, 14):
        AppointmentFactory(staff=counsellor, starts_at=future_slot(days=3, hour=hour))
    day = future_slot(days=3).date().isoformat()
    url = reverse("agenda:my_agenda") + f"?vue=semaine&jour={day}"
    few = queries_for(client, url)
    for hour in range(8, 18):
        for slug in ("grand-air", "esperanto", "lounes-matoub"):
            AppointmentFactory(
                staff=make_user(Role.COUNSELLOR, slug),
                centre=centre(slug),
                starts_at=future_slot(days=3, hour=hour),
            )
        AppointmentFactory(
            staff=counsellor, starts_at=next_working_day(future_slot(days=3, hour=hour))
        )
        AppointmentFactory(staff=counsellor, starts_at=past_slot(days=6, hour=hour))
    assert queries_for(client, url) == few


def test_the_site_agenda_and_the_desk_list_cost_the_same_with_few_or_many(
    client, reception_grand_air, counsellor
):
    from django.utils import timezone

    site = centre("grand-air").sites.order_by("position").first()
    client.force_login(reception_grand_air)
    today = timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0)
    AppointmentFactory(staff=counsellor, starts_at=today, duration=10, site=site)
    urls = [
        reverse("agenda:site_agenda", kwargs={"pk": site.pk}),
        reverse("agenda:expected"),
        reverse("reception:reception_queue"),
    ]
    few = [queries_for(client, url) for url in urls]
    for minute in range(10, 50, 10):
        staff = make_user(Role.COORDINATOR, "grand-air")
        AppointmentFactory(
            staff=staff, starts_at=today.replace(minute=minute), duration=10, site=site
        )
    assert [queries_for(client, url) for url in urls] == few


def test_the_detail_page_costs_the_same_with_few_or_many_events(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(counsellor)
    url = reverse("agenda:detail", kwargs={"pk": appointment.pk})
    few = queries_for(client, url)
    for _ in range(15):
        AppointmentEvent.objects.create(appointment=appointment, action="arrived", by=counsellor)
    assert queries_for(client, url) == few


def test_reception_sees_the_status_but_not_the_reason(client, counsellor, reception_grand_air):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(counsellor)
    _status(client, appointment, "excused", reason="Rendez-vous médical")
    file_url = reverse("people:file", kwargs={"pk": appointment.person.pk})
    detail_url = reverse("agenda:detail", kwargs={"pk": appointment.pk})
    assert "Rendez-vous médical" in client.get(file_url).content.decode()
    client.force_login(reception_grand_air)
    for url in (file_url, detail_url):
        page = client.get(url).content.decode()
        assert "Annulé (excusé)" in page
        assert "Rendez-vous médical" not in page


def test_moving_an_appointment_tells_the_person_and_keeps_its_calendar_identity(
    client, counsellor, run_worker
):
    from django.core import mail

    from tests.agenda.factories import PersonFactory

    appointment = AppointmentFactory(
        staff=counsellor, person=PersonFactory(email="p@exemple.fr", phone="")
    )
    uid = appointment.uid
    client.force_login(counsellor)
    url = reverse("agenda:move", kwargs={"pk": appointment.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"staff": counsellor.pk})
    assert "Rien n’a changé" in response.content.decode()
    new = future_slot(days=12, hour=15)
    response = client.post(
        url,
        {
            "staff": counsellor.pk,
            "start_date": new.date().isoformat(),
            "start_time": "15:00",
            "accept_warnings": "on",
        },
    )
    assert response.status_code == 302
    appointment.refresh_from_db()
    assert (appointment.starts_at, appointment.uid, appointment.version) == (new, uid, 2)
    assert AppointmentEvent.objects.filter(appointment=appointment, action="moved").exists()
    run_worker()
    assert "déplacé" in mail.outbox[-1].subject


def test_moving_onto_a_colleagues_busy_slot_is_refused(client, counsellor):
    colleague = make_user(Role.COUNSELLOR, "grand-air")
    appointment = AppointmentFactory(staff=counsellor)
    AppointmentFactory(staff=colleague, starts_at=appointment.starts_at)
    client.force_login(counsellor)
    response = client.post(
        reverse("agenda:move", kwargs={"pk": appointment.pk}), {"staff": colleague.pk}
    )
    assert "a déjà un rendez-vous sur ce créneau" in response.content.decode()
    appointment.refresh_from_db()
    assert appointment.staff == counsellor
