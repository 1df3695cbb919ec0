"""What retention does to the accompaniment's tables (audit.personal_data), and the rows
that count as a contact with the person (audit.retention.register_contact_source).

Free text about the person (comments, reasons, summaries, titles typed by the CIP) is
blanked; dates, statuses and codes stay for the anonymous statistics.
"""

from audit.personal_data import STAFF, STAT, TECH, register_personal_data
from audit.retention import register_contact_source

ACCOMPANIMENT_PERSON = "accompaniment__person"


def register() -> None:
    register_personal_data(
        "accompaniment.accompaniment",
        "person",
        anonymised={"exit_comment": ""},
        kept={
            "id": TECH,
            "person": TECH,
            "request": TECH,
            "centre": STAT,
            "referent": STAFF,
            "mode": STAT,
            "start_date": STAT,
            "review_on": STAT,
            "status": STAT,
            "exit_reason": STAT,
            "end_date": STAT,
            "last_contact_on": STAT,
            "created_at": STAT,
            "created_by": STAFF,
        },
    )
    register_personal_data(
        "accompaniment.step",
        ACCOMPANIMENT_PERSON,
        anonymised={"reason": "", "comment": ""},
        kept={"id": TECH, "accompaniment": TECH, "kind": STAT, "on": STAT, "at": STAT, "by": STAFF},
    )
    register_personal_data(
        "accompaniment.diagnosis",
        ACCOMPANIMENT_PERSON,
        kept={
            "id": TECH,
            "accompaniment": TECH,
            "made_on": STAT,
            "qualification_level": STAT,
            "created_at": STAT,
            "created_by": STAFF,
            "submission": TECH,
        },
    )
    register_personal_data(
        "accompaniment.diagnosisdimension",
        "diagnosis__accompaniment__person",
        anonymised={"comment": ""},
        kept={
            "id": TECH,
            "diagnosis": TECH,
            "dimension": STAT,
            "assessment": STAT,
            "situations": "codes d’une liste fermée, statistique",
        },
    )
    register_personal_data(
        "accompaniment.objective",
        ACCOMPANIMENT_PERSON,
        anonymised={"title": ""},
        kept={
            "id": TECH,
            "accompaniment": TECH,
            "dimension": STAT,
            "status": STAT,
            "created_at": STAT,
            "created_by": STAFF,
            "submission": TECH,
        },
    )
    register_personal_data(
        "accompaniment.action",
        "objective__accompaniment__person",
        anonymised={"title": ""},
        kept={
            "id": TECH,
            "objective": TECH,
            "owner": STAT,
            "partner": STAT,
            "status": STAT,
            "due_on": STAT,
            "done_on": STAT,
            "status_changed_at": STAT,
            "status_changed_by": STAFF,
            "created_at": STAT,
            "created_by": STAFF,
            "submission": TECH,
        },
    )
    register_personal_data(
        "accompaniment.orientation",
        ACCOMPANIMENT_PERSON,
        anonymised={"reason": "", "refusal_message": "", "outcome_comment": ""},
        kept={
            "id": TECH,
            "accompaniment": TECH,
            "objective": TECH,
            "service": STAT,
            "organisation": STAT,
            "shared": "noms des catégories partagées seulement",
            "status": STAT,
            "status_changed_at": STAT,
            "sent_at": STAT,
            "refusal_reasons": "codes d’une liste fermée, statistique",
            "last_reminder_at": TECH,
            "reorients": TECH,
            "created_at": STAT,
            "created_by": STAFF,
            "submission": TECH,
        },
    )
    register_personal_data(
        "accompaniment.partnercontact",
        "person",
        anonymised={"with_whom": "", "summary": ""},
        kept={
            "id": TECH,
            "centre": STAT,
            "person": TECH,
            "organisation": STAT,
            "channel": STAT,
            "happened_on": STAT,
            "visibility": TECH,
            "created_at": STAT,
            "created_by": STAFF,
            "submission": TECH,
        },
    )
    register_contact_source("accompaniment.step", ACCOMPANIMENT_PERSON, "at")
    register_contact_source("accompaniment.diagnosis", ACCOMPANIMENT_PERSON, "created_at")
    register_contact_source("accompaniment.partnercontact", "person", "created_at")
