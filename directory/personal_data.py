"""What retention does to the contact requests of the public site once linked to a file
(audit.personal_data). Unlinked requests are purged after a year (audit.retention)."""

from audit.personal_data import STAFF, STAT, TECH, register_personal_data

# The table requires a phone number or an e-mail address: an anonymised request keeps
# this reserved, undeliverable address (RFC 2606) instead of the resident's.
ANONYMISED_EMAIL = "anonyme@example.invalid"


def register() -> None:
    register_personal_data(
        "directory.contactrequest",
        "person",
        anonymised={"name": "", "phone": "", "email": ANONYMISED_EMAIL, "availability": ""},
        kept={
            "id": TECH,
            "neighbourhood": STAT,
            "centre": STAT,
            "consent": TECH,
            "created_at": STAT,
            "status": STAT,
            "handled_at": STAT,
            "handled_by": STAFF,
            "call_count": STAT,
            "outcome": STAT,
            "person": TECH,
        },
    )
    register_personal_data(
        "directory.contactcall",
        "contact_request__person",
        anonymised={"note": ""},
        kept={"id": TECH, "contact_request": TECH, "at": STAT, "by": STAFF, "outcome": STAT},
    )
