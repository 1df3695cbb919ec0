"""What retention does to the agenda's tables (audit.personal_data), and the appointments
that count as a contact with the person (honoured ones, audit.retention).

Reasons typed by staff, messages and their recipients (phone numbers, e-mail addresses)
are blanked; slots, statuses and channels stay for the anonymous statistics.
"""

from audit.personal_data import STAFF, STAT, TECH, register_personal_data
from audit.retention import register_contact_source


def register() -> None:
    from agenda.models import AppointmentStatus

    register_personal_data(
        "agenda.appointment",
        "person",
        anonymised={"status_reason": ""},
        kept={
            "id": TECH,
            "person": TECH,
            "accompaniment": TECH,
            "staff": STAFF,
            "centre": STAT,
            "site": STAT,
            "room": STAT,
            "kind": STAT,
            "starts_at": STAT,
            "duration": STAT,
            "ends_at": STAT,
            "status": STAT,
            "status_changed_at": STAT,
            "status_changed_by": STAFF,
            "arrived_at": STAT,
            "arrived_recorded_by": STAFF,
            "uid": TECH,
            "version": TECH,
            "reminder_planned_at": TECH,
            "created_at": STAT,
            "created_by": STAFF,
        },
    )
    register_personal_data(
        "agenda.appointmentevent",
        "appointment__person",
        anonymised={"detail": ""},
        kept={
            "id": TECH,
            "appointment": TECH,
            "action": STAT,
            "from_status": STAT,
            "to_status": STAT,
            "at": STAT,
            "by": STAFF,
        },
    )
    register_personal_data(
        "agenda.appointmentmessage",
        "appointment__person",
        anonymised={"recipient": "", "body": "", "provider_answer": ""},
        kept={
            "id": TECH,
            "appointment": TECH,
            "kind": STAT,
            "channel": STAT,
            "version": TECH,
            "status": STAT,
            "created_at": STAT,
            "claimed_at": TECH,
            "sent_at": STAT,
            "attempts": TECH,
            "provider": TECH,
        },
    )
    register_personal_data(
        "agenda.contactpreference",
        "person",
        kept={
            "id": TECH,
            "person": TECH,
            "channel": STAT,
            "no_sms": STAT,
            "reminders": STAT,
            "updated_at": TECH,
            "updated_by": STAFF,
        },
    )
    register_contact_source(
        "agenda.appointment", "person", "starts_at", where={"status": AppointmentStatus.SEEN}
    )
