"""Invitations and reminders: by the person's channel, sent by the task queue only, once,
never for a cancelled appointment, logged with the provider's answer."""

import datetime

import httpx
import pytest
from django.core import mail
from django.test.utils import override_settings
from django.urls import reverse
from django.utils import timezone

from agenda import messaging, services, sms
from agenda.models import (
    AgendaSettings,
    AppointmentMessage,
    AppointmentStatus,
    ContactPreference,
    MessageStatus,
)
from organisations.models import Organisation
from tests.agenda.factories import (
    AppointmentFactory,
    PersonFactory,
    future_slot,
    next_working_day,
)
from tests.factories import centre

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    sms.outbox.clear()


def _book(counsellor, person, slot=None):
    return services.book_appointment(
        by=counsellor,
        person=person,
        staff=counsellor,
        centre=centre("grand-air"),
        site=centre("grand-air").sites.order_by("position").first(),
        kind="follow_up",
        starts_at=slot or future_slot(),
        duration=60,
        accept_warnings=True,
    )


def _reachable(**kwargs):
    kwargs.setdefault("last_name", "Haddouche")
    return PersonFactory(email="karim@exemple.fr", phone="+33612345678", **kwargs)


def test_booking_sends_the_invitation_by_email_and_sms_through_the_worker_once(
    counsellor, run_worker
):
    appointment = _book(counsellor, _reachable())
    # Nothing leaves before the worker runs.
    assert mail.outbox == [] and sms.outbox == []
    # The agenda's two jobs, then the notifications' e-mail job the e-mail was handed to.
    assert run_worker() == 3
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1
    email = mail.outbox[0]
    assert email.to == ["karim@exemple.fr"]
    assert email.subject.startswith("Votre rendez-vous du ")
    assert "centre social Grand Air" in email.body
    to, text = sms.outbox[0]
    assert to == "+33612345678"
    for word in ("insertion", "Suivi", "diagnostic", appointment.person.last_name):
        assert word.lower() not in text.lower()
        assert word.lower() not in email.subject.lower()
    log = AppointmentMessage.objects.filter(appointment=appointment).order_by("channel")
    assert [(m.channel, m.status) for m in log] == [("email", "sent"), ("sms", "sent")]
    assert all(m.sent_at and m.provider_answer and m.attempts == 1 for m in log)
    assert log[0].provider_answer.startswith("Confié à l’envoi des e-mails")
    # A replayed job finds the message claimed: nothing more goes out.
    from agenda.tasks import send_appointment_message

    for message in log:
        send_appointment_message(message_id=message.pk)
    run_worker()
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1


def test_no_sms_and_the_channel_preference_are_respected(counsellor, run_worker):
    person = _reachable()
    ContactPreference.objects.create(person=person, channel="all", no_sms=True)
    _book(counsellor, person)
    run_worker()
    assert len(mail.outbox) == 1 and sms.outbox == []
    other = _reachable()
    ContactPreference.objects.create(person=other, channel="sms")
    _book(counsellor, other, next_working_day(future_slot()))
    run_worker()
    assert len(mail.outbox) == 1 and len(sms.outbox) == 1


def test_the_preference_form_records_the_choice(client, counsellor):
    person = _reachable()
    client.force_login(counsellor)
    url = reverse("agenda:preferences", kwargs={"person_pk": person.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, {"channel": "email", "no_sms": "on", "reminders": "on"})
    assert response.status_code == 302
    preference = ContactPreference.objects.get(person=person)
    assert (preference.channel, preference.no_sms, preference.updated_by) == (
        "email",
        True,
        counsellor,
    )


def test_a_person_with_neither_gets_a_letter_to_print(client, counsellor, run_worker):
    person = PersonFactory(email="", phone="", address="3 rue de Paris", postal_code="93100")
    appointment = _book(counsellor, person)
    assert run_worker() == 0
    letter = AppointmentMessage.objects.get(appointment=appointment)
    assert (letter.channel, letter.status) == ("letter", "to_print")
    client.force_login(counsellor)
    page = client.get(reverse("agenda:letter", kwargs={"pk": appointment.pk})).content.decode()
    assert "Votre rendez-vous du" in page and "3 rue de Paris" in page
    client.post(
        reverse("agenda:letter_printed", kwargs={"pk": appointment.pk}), {"message": letter.pk}
    )
    letter.refresh_from_db()
    assert letter.status == "printed"


def test_nothing_is_sent_for_an_appointment_cancelled_before_the_worker_ran(counsellor, run_worker):
    appointment = _book(counsellor, _reachable())
    services.record_status(
        appointment, "excused", by=counsellor, expected_status="planned", reason="Malade"
    )
    run_worker()
    assert mail.outbox == [] and sms.outbox == []
    assert set(
        AppointmentMessage.objects.filter(kind="invitation").values_list("status", flat=True)
    ) == {MessageStatus.SKIPPED}


def test_a_cancellation_by_the_service_tells_the_person(counsellor, run_worker):
    appointment = _book(counsellor, _reachable())
    run_worker()
    services.record_status(
        appointment, "cancelled", by=counsellor, expected_status="planned", reason="Absence"
    )
    run_worker()
    assert "est annulé" in mail.outbox[-1].subject
    assert "annulé" in sms.outbox[-1][1]


def _tomorrow_at(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def test_the_reminder_goes_the_day_before_at_the_organisations_time_once(counsellor, run_worker):
    city = Organisation.objects.get(slug="ville-de-montreuil")
    AgendaSettings.objects.create(organisation=city, reminder_time=datetime.time(18, 0))
    person = _reachable()
    ContactPreference.objects.create(person=person, channel="sms")
    appointment = AppointmentFactory(person=person, staff=counsellor, starts_at=_tomorrow_at(23))
    cancelled = AppointmentFactory(
        staff=counsellor, starts_at=_tomorrow_at(21), status=AppointmentStatus.CANCELLED
    )
    today = timezone.localdate()
    before = timezone.make_aware(datetime.datetime.combine(today, datetime.time(17, 50)))
    after = timezone.make_aware(datetime.datetime.combine(today, datetime.time(18, 5)))
    assert messaging.plan_reminders(now=before) == 0
    assert messaging.plan_reminders(now=after) == 1
    assert messaging.plan_reminders(now=after) == 0
    run_worker()
    assert len(sms.outbox) == 1
    assert sms.outbox[0][1].startswith("Rappel : rendez-vous demain")
    assert not AppointmentMessage.objects.filter(appointment=cancelled).exists()
    assert AppointmentMessage.objects.get(appointment=appointment).kind == "reminder"


def test_reminders_can_be_switched_off_per_person(counsellor):
    person = _reachable()
    ContactPreference.objects.create(person=person, reminders=False)
    AppointmentFactory(person=person, staff=counsellor, starts_at=_tomorrow_at(23))
    noon = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(23)))
    assert messaging.plan_reminders(now=noon) == 1
    assert not AppointmentMessage.objects.filter(kind="reminder").exists()


def test_a_failed_provider_is_recorded_and_not_resent(counsellor, run_worker):
    with override_settings(AGENDA_SMS_BACKEND="tests.agenda.backends.RefusingBackend"):
        appointment = _book(counsellor, PersonFactory(email="", phone="+33612345678"))
        run_worker()
    message = AppointmentMessage.objects.get(appointment=appointment)
    assert message.status == MessageStatus.FAILED
    assert "numéro refusé" in message.provider_answer


def test_a_send_left_sending_is_marked_interrupted_and_shown_to_administrators(
    client, counsellor, administrator
):
    appointment = AppointmentFactory(staff=counsellor)
    message = AppointmentMessage.objects.create(
        appointment=appointment,
        kind="invitation",
        channel="sms",
        version=1,
        recipient="+33612345678",
        body="…",
        status=MessageStatus.SENDING,
        claimed_at=timezone.now() - datetime.timedelta(minutes=30),
    )
    assert messaging.mark_interrupted() == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.INTERRUPTED
    # The worker never resends it.
    assert messaging.claim(message.pk) is None
    client.force_login(administrator)
    page = client.get("/admin/agenda/appointmentmessage/?a_verifier=oui").content.decode()
    assert "Interrompu : à vérifier" in page


def test_brevo_backend_posts_the_transactional_sms(settings):
    settings.BREVO_API_KEY = "cle-de-test"
    seen = {}

    def handler(request):
        seen["url"] = str(request.url)
        seen["key"] = request.headers["api-key"]
        seen["body"] = request.read().decode()
        return httpx.Response(201, json={"messageId": 1511882900176220})

    backend = sms.BrevoBackend(transport=httpx.MockTransport(handler))
    answer = backend.send("+33612345678", "Rappel : rendez-vous demain")
    assert seen["url"] == "https://api.brevo.com/v3/transactionalSMS/send"
    assert seen["key"] == "cle-de-test"
    assert '"recipient": "33612345678"' in seen["body"].replace('":"', '": "')
    assert "1511882900176220" in answer


def test_a_forged_letter_form_gets_404_not_500(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor)
    client.force_login(counsellor)
    url = reverse("agenda:letter_printed", kwargs={"pk": appointment.pk})
    assert client.post(url, {"message": "abc"}).status_code == 404


@pytest.mark.parametrize(
    ("eve", "hour"),
    [(datetime.date(2027, 3, 27), 10), (datetime.date(2027, 10, 30), 23)],
)
def test_reminders_on_the_eve_of_a_dst_change_cover_the_whole_next_day(counsellor, eve, hour):
    """The next day lasts 23 hours in March and 25 in October: its bounds come from the date."""
    day = eve + datetime.timedelta(days=1)
    starts_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 30)))
    AppointmentFactory(staff=counsellor, starts_at=starts_at, person=_reachable())
    evening = timezone.make_aware(datetime.datetime.combine(eve, datetime.time(20)))
    assert messaging.plan_reminders(now=evening) == 1
    start, end = messaging.tomorrow_bounds(evening)
    real = end.astimezone(datetime.UTC) - start.astimezone(datetime.UTC)
    assert real == datetime.timedelta(hours=23 if day.month == 3 else 25)
