"""What retention does to each table about a person, field by field.

Every field of a table about a person is either anonymised (field -> value once anonymised)
or declared kept (field -> why). tests/audit/test_retention.py walks the models and fails on
a field that is neither: an app adding a table about a person calls `register_personal_data`
in its AppConfig.ready(). The right of access (`audit.rights.person_data`) exports the same
tables.
"""

from dataclasses import dataclass, field

from django.db.models import Case, Value, When

# A closed request must keep a closing reason (request_closed_has_reason): its words go, a
# neutral mention stays; an open request's empty reason stays empty.
ERASED_CLOSING_REASON = Case(
    When(closing_reason="", then=Value("")),
    default=Value("Motif effacé (anonymisation)"),
)


@dataclass
class PersonalData:
    """The fields of one table about a person: how each is anonymised, or why it is kept."""

    model: str
    person_path: str
    anonymised: dict = field(default_factory=dict)  # field name -> value once anonymised
    kept: dict = field(default_factory=dict)  # field name -> why it is kept


PERSONAL_DATA: dict[str, PersonalData] = {}


def register_personal_data(model: str, person_path: str, *, anonymised=None, kept=None) -> None:
    """Declare a table about a person: every field is anonymised (name -> value) or kept
    (name -> reason). Apps call it from their AppConfig.ready()."""
    model = model.lower()
    PERSONAL_DATA[model] = PersonalData(model, person_path, dict(anonymised or {}), kept or {})


STAFF = "compte d’un·e professionnel·le, pas une donnée de la personne"
TECH = "technique, sans donnée personnelle"
STAT = "statistique anonyme une fois l’identité effacée"

register_personal_data(
    "people.person",
    "pk",
    anonymised={
        "first_name": "",
        "last_name": "",
        "birth_name": "",
        "search_name": "",
        "phone": "",
        "email": "",
        "address": "",
        "file_reference": "",
        "referent": None,
    },
    kept={
        "id": TECH,
        "sex": STAT,
        "birth_date": "ramenée au 1er janvier de l’année de naissance (âge, statistique)",
        "nationality": STAT,
        "postal_code": STAT,
        "city": STAT,
        "neighbourhood": STAT,
        "centre": STAT,
        "employment_situation": STAT,
        "resources": STAT,
        "housing": STAT,
        "mobility": STAT,
        "situation_updated_at": TECH,
        "first_contact_date": STAT,
        "first_contact_needs": "codes des besoins, statistique",
        "situation_updated_by": STAFF,
        "created_at": STAT,
        "created_by": STAFF,
        "updated_at": TECH,
        "import_batch": TECH,
        "merged_into": TECH,
        "anonymised_at": TECH,
        "restricted_at": TECH,
        "version": TECH,
    },
)
register_personal_data(
    "people.personchange",
    "person",
    anonymised={"old_value": "", "new_value": ""},
    kept={
        "id": TECH,
        "person": TECH,
        "kind": TECH,
        "field": TECH,
        "field_label": TECH,
        "changed_by": STAFF,
        "changed_at": STAT,
        "version": TECH,
    },
)
register_personal_data(
    "people.note",
    "person",
    anonymised={"text": ""},
    kept={"id": TECH, "person": TECH, "author": STAFF, "visibility": TECH, "created_at": STAT},
)
register_personal_data(
    "people.referentassignment",
    "person",
    kept={
        "id": TECH,
        "person": TECH,
        "referent": STAFF,
        "assigned_by": STAFF,
        "assigned_at": STAT,
    },
)
register_personal_data(
    "people.noticedelivery",
    "person",
    kept={
        "id": TECH,
        "person": TECH,
        "delivered_on": STAT,
        "version": TECH,
        "recorded_by": STAFF,
        "recorded_at": STAT,
    },
)
register_personal_data(
    "people.sharingconsent",
    "person",
    kept={
        "id": TECH,
        "person": TECH,
        "partner": STAT,
        "shared": STAT,
        "agreed_on": STAT,
        "recorded_by": STAFF,
        "recorded_at": STAT,
        "withdrawn_on": STAT,
    },
)
register_personal_data(
    "people.personmerge",
    "kept",
    anonymised={"kept_identity": {}, "merged_identity": {}},
    kept={
        "id": TECH,
        "kept": TECH,
        "merged": TECH,
        "chosen_from_merged": "noms de champs seulement",
        "moved_rows": "comptes seulement",
        "merged_by": STAFF,
        "merged_at": STAT,
    },
)
register_personal_data(
    "reception.visit",
    "person",
    kept={
        "id": TECH,
        "at": STAT,
        "centre": STAT,
        "site": STAT,
        "agent": STAFF,
        "person": TECH,
        "reason": STAT,
        "outcome": STAT,
    },
)
register_personal_data(
    "reception.integrationrequest",
    "person",
    anonymised={"description": "", "closing_reason": ERASED_CLOSING_REASON},
    kept={
        "id": TECH,
        "person": TECH,
        "centre": STAT,
        "needs": STAT,
        "urgency": STAT,
        "status": STAT,
        "status_changed_at": STAT,
        "renews": TECH,
        "created_at": STAT,
        "created_by": STAFF,
    },
)
register_personal_data(
    "reception.requesttransition",
    "request__person",
    anonymised={"comment": ""},
    kept={
        "id": TECH,
        "request": TECH,
        "from_status": STAT,
        "to_status": STAT,
        "at": STAT,
        "by": STAFF,
    },
)
register_personal_data(
    "reception.handoff",
    "person",
    anonymised={"note": ""},
    kept={
        "id": TECH,
        "person": TECH,
        "visit": TECH,
        "request": TECH,
        "from_user": STAFF,
        "to_role": TECH,
        "to_centre": STAT,
        "to_user": STAFF,
        "to_colleague": TECH,
        "at": STAT,
        "taken_at": STAT,
        "taken_by": STAFF,
        "taken_reason": "code d’une liste fermée, statistique",
    },
)
register_personal_data(
    "audit.retentionwarning",
    "person",
    kept={"id": TECH, "person": TECH, "due_on": TECH, "warned_at": TECH},
)
register_personal_data(
    "audit.rightsrequest",
    "person",
    anonymised={"reason": ""},
    kept={
        "id": TECH,
        "person": TECH,
        "kind": TECH,
        "status": TECH,
        "requested_by": STAFF,
        "requested_at": TECH,
        "decided_by": STAFF,
        "decided_at": TECH,
    },
)
