"""Invitations, reminders, changes and cancellations: which channels, what text, and the
claim that makes each send happen once.

Messages are rows (`AppointmentMessage`) written in the transaction of the change that asks
for them, with a Procrastinate job per e-mail or SMS; letters wait to be printed. Texts are
short plain French with nothing sensitive: no kind of appointment, no "insertion", no need;
the centre, the place, the time and a phone number to call.
"""

import datetime

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from agenda.models import (
    FREEING_STATUSES,
    Appointment,
    AppointmentMessage,
    AppointmentStatus,
    ChannelPreference,
    ContactPreference,
    MessageChannel,
    MessageKind,
    MessageStatus,
)

# A send still "sending" after this long was interrupted between the provider and the
# recording: shown to administrators, never resent blindly.
INTERRUPTED_AFTER = datetime.timedelta(minutes=10)


def channels_for(person, kind: str) -> list[tuple[str, str]]:
    """[(channel, recipient)] by the person's preference; "no SMS" wins; a letter when
    nothing else reaches them (never for a reminder: it would arrive too late)."""
    preference = ContactPreference.objects.filter(person=person).first()
    choice = preference.channel if preference else ChannelPreference.ALL
    no_sms = preference.no_sms if preference else False
    if kind == MessageKind.REMINDER and preference is not None and not preference.reminders:
        return []
    channels = []
    if choice in (ChannelPreference.ALL, ChannelPreference.EMAIL) and person.email:
        channels.append((MessageChannel.EMAIL, person.email))
    if choice in (ChannelPreference.ALL, ChannelPreference.SMS) and person.phone and not no_sms:
        channels.append((MessageChannel.SMS, person.phone.as_e164))
    if not channels and kind != MessageKind.REMINDER:
        channels.append((MessageChannel.LETTER, _postal_address(person)))
    return channels


def _postal_address(person) -> str:
    return ", ".join(
        p for p in [person.address, f"{person.postal_code} {person.city}".strip()] if p
    )


def _when(appointment) -> str:
    start = timezone.localtime(appointment.starts_at)
    return f"{date_format(start, 'l j F')} à {start:%H}h{start:%M}"


def _phone(appointment) -> str:
    phone = appointment.site.contact_phone
    return phone.as_national if phone else ""


def message_text(appointment, kind: str) -> tuple[str, str]:
    """(subject, body): short, plain, nothing sensitive. Subjects carry no personal data."""
    where = f"centre social {appointment.centre.name}, {appointment.site.name}"
    address = f"{appointment.site.address}, {appointment.site.postal_code} {appointment.site.city}"
    call = f" Pour prévenir ou changer : {_phone(appointment)}." if _phone(appointment) else ""
    day = date_format(timezone.localtime(appointment.starts_at), "j F")
    if kind == MessageKind.INVITATION:
        return (
            f"Votre rendez-vous du {day}",
            f"Bonjour, vous avez rendez-vous le {_when(appointment)} au {where} ({address}).{call}",
        )
    if kind == MessageKind.REMINDER:
        return (
            "Rappel : votre rendez-vous de demain",
            f"Rappel : rendez-vous demain, {_when(appointment)}, au {where} ({address}).{call}",
        )
    if kind == MessageKind.CHANGE:
        return (
            f"Votre rendez-vous est déplacé au {day}",
            f"Bonjour, votre rendez-vous est déplacé au {_when(appointment)}, au {where} "
            f"({address}).{call}",
        )
    return (
        f"Votre rendez-vous du {day} est annulé",
        f"Bonjour, votre rendez-vous du {_when(appointment)} au {where} est annulé. "
        f"Nous vous recontacterons.{call}",
    )


def plan_messages(appointment, kind: str) -> list[AppointmentMessage]:
    """Write the messages of this appointment's current version and defer their sending.

    Runs in the caller's transaction: a change rolled back sends nothing. The unique key
    (appointment, kind, channel, version) makes planning twice harmless.
    """
    from agenda.tasks import send_appointment_message

    if appointment.person_id is None:
        return []  # a workshop session: its participants are not messaged from the agenda
    subject, body = message_text(appointment, kind)
    created = []
    for channel, recipient in channels_for(appointment.person, kind):
        text = f"{subject}\n\n{body}" if channel == MessageChannel.LETTER else body
        try:
            with transaction.atomic():
                message = AppointmentMessage.objects.create(
                    appointment=appointment,
                    kind=kind,
                    channel=channel,
                    version=appointment.version,
                    recipient=recipient,
                    body=text,
                    status=(
                        MessageStatus.TO_PRINT
                        if channel == MessageChannel.LETTER
                        else MessageStatus.PENDING
                    ),
                )
        except IntegrityError:
            continue  # planned already
        if channel != MessageChannel.LETTER:
            send_appointment_message.defer(message_id=message.pk)
        created.append(message)
    return created


def tomorrow_bounds(now=None):
    """Tomorrow from local midnight to local midnight: built from the date, not by adding
    24 hours (days of a DST change last 23 or 25 hours)."""
    tomorrow = timezone.localdate(now or timezone.now()) + datetime.timedelta(days=1)
    start = timezone.make_aware(datetime.datetime.combine(tomorrow, datetime.time.min))
    end = timezone.make_aware(
        datetime.datetime.combine(tomorrow + datetime.timedelta(days=1), datetime.time.min)
    )
    return start, end


def _reminder_time(organisation_settings) -> datetime.time:
    if organisation_settings is not None:
        return organisation_settings.reminder_time
    return datetime.time.fromisoformat(settings.AGENDA_DEFAULT_REMINDER_TIME)


def plan_reminders(now=None) -> int:
    """Prepare the reminders of tomorrow's planned appointments once each organisation's
    reminder time has come. Each appointment is claimed (`reminder_planned_at`) in the
    same transaction as its messages: run twice, it plans nothing more."""
    from agenda.models import AgendaSettings

    now = now or timezone.now()
    start, end = tomorrow_bounds(now)
    local_time = timezone.localtime(now).time()
    settings_by_org = {s.organisation_id: s for s in AgendaSettings.objects.all()}
    candidates = (
        Appointment.objects.filter(
            person__isnull=False,  # a workshop session has nobody to remind
            status=AppointmentStatus.PLANNED,
            starts_at__gte=start,
            starts_at__lt=end,
            reminder_planned_at__isnull=True,
        )
        .select_related("centre", "site__centre", "person")
        .order_by("starts_at", "pk")
    )
    planned = 0
    for appointment in candidates:
        if local_time < _reminder_time(settings_by_org.get(appointment.centre.managed_by_id)):
            continue
        with transaction.atomic():
            claimed = Appointment.objects.filter(
                pk=appointment.pk,
                reminder_planned_at__isnull=True,
                status=AppointmentStatus.PLANNED,
            ).update(reminder_planned_at=now)
            if claimed:
                plan_messages(appointment, MessageKind.REMINDER)
                planned += 1
    return planned


def claim(message_id: int) -> AppointmentMessage | None:
    """Take the message for sending, committed before the provider is called.

    Returns None when there is nothing to send: sent or being sent already (a second
    worker, a retried job), the appointment cancelled or moved (then marked skipped), or an
    e-mail — handed to the notifications' e-mail queue in this very transaction, so it is
    queued exactly once whatever happens to the worker (no provider is called here).
    """
    with transaction.atomic():
        message = (
            AppointmentMessage.objects.select_for_update(of=("self",))
            .select_related("appointment")
            .filter(pk=message_id)
            .first()
        )
        if message is None or message.status != MessageStatus.PENDING:
            return None
        if message.appointment.status in FREEING_STATUSES and message.kind != (
            MessageKind.CANCELLATION
        ):
            message.status = MessageStatus.SKIPPED
            message.save(update_fields=["status"])
            return None
        if message.version != message.appointment.version and message.kind != (
            MessageKind.CANCELLATION
        ):
            message.status = MessageStatus.SKIPPED
            message.provider_answer = "Rendez-vous modifié depuis : remplacé par un autre message."
            message.save(update_fields=["status", "provider_answer"])
            return None
        if message.channel == MessageChannel.EMAIL:
            _hand_to_email_queue(message)
            return None
        message.status = MessageStatus.SENDING
        message.claimed_at = timezone.now()
        message.attempts += 1
        message.save(update_fields=["status", "claimed_at", "attempts"])
    return message


def _hand_to_email_queue(message: AppointmentMessage) -> None:
    """E-mails go through the notifications' queue (Django's mail framework, its own job)."""
    from notifications.services import queue_email

    subject, _ = message_text(message.appointment, message.kind)
    email = queue_email(to=message.recipient, subject=subject, body=message.body)
    message.status = MessageStatus.SENT
    message.claimed_at = message.sent_at = timezone.now()
    message.attempts += 1
    message.provider = "file des e-mails"
    message.provider_answer = f"Confié à l’envoi des e-mails (n° {email.pk})"
    message.save(
        update_fields=["status", "claimed_at", "sent_at", "attempts", "provider", "provider_answer"]
    )


def deliver(message: AppointmentMessage) -> None:
    """Call the SMS provider for a claimed message, then record its answer."""
    from agenda.sms import get_sms_backend

    try:
        backend = get_sms_backend()
        provider, answer = backend.name, backend.send(message.recipient, message.body)
    except Exception as error:  # the provider refused: recorded, shown, not retried blindly
        AppointmentMessage.objects.filter(pk=message.pk).update(
            status=MessageStatus.FAILED, provider_answer=f"{type(error).__name__}: {error}"[:500]
        )
        return
    AppointmentMessage.objects.filter(pk=message.pk, status=MessageStatus.SENDING).update(
        status=MessageStatus.SENT,
        sent_at=timezone.now(),
        provider=provider[:60],
        provider_answer=str(answer)[:500],
    )


def mark_interrupted(now=None) -> int:
    """Sends left "sending" too long: a worker died between the provider and the record."""
    limit = (now or timezone.now()) - INTERRUPTED_AFTER
    return AppointmentMessage.objects.filter(
        status=MessageStatus.SENDING, claimed_at__lt=limit
    ).update(status=MessageStatus.INTERRUPTED)


@transaction.atomic
def mark_letter_printed(message, *, by) -> bool:
    updated = AppointmentMessage.objects.filter(
        pk=message.pk, status=MessageStatus.TO_PRINT
    ).update(status=MessageStatus.PRINTED, sent_at=timezone.now(), provider=by.get_full_name()[:60])
    return bool(updated)
