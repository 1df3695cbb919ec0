"""State changes on a person's file. Each writes its audit row in the same transaction."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit.models import AccessAction
from audit.rights import ensure_not_restricted
from audit.services import log_access
from people.history import record_changes, snapshot
from people.models import (
    SITUATION_FIELDS,
    EmploymentSituation,
    Housing,
    Mobility,
    Note,
    NoticeDelivery,
    Person,
    PersonChange,
    ReferentAssignment,
    Resource,
    SharingConsent,
)
from people.normalise import search_name_for
from people.validators import validate_mobility, validate_resources

# Identity fields a form may set; search_name is derived from the names.
IDENTITY_FIELDS = (
    "first_name",
    "last_name",
    "birth_name",
    "sex",
    "birth_date",
    "nationality",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "neighbourhood",
    "centre",
    "referent",
)
NOTICE_VERSION = "2026-1"


def refresh_search_name(person: Person) -> None:
    person.search_name = search_name_for(person.first_name, person.last_name, person.birth_name)


@transaction.atomic
def register_person(*, by, centre, **identity) -> Person:
    """Create a person's file in `centre`; the caller has shown the likely duplicates first."""
    person = Person(centre=centre, created_by=by)
    for name, value in identity.items():
        if name not in IDENTITY_FIELDS:
            raise TypeError(f"Unknown identity field: {name}")
        setattr(person, name, value)
    refresh_search_name(person)
    person.save()
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail="Création de la fiche")
    return person


class StaleFile(Exception):
    """Optimistic locking: the file was saved by someone else since the form was shown.

    `changes` are the PersonChange rows of the saves made meanwhile, newest first.
    """

    def __init__(self, changes):
        super().__init__("Stale file")
        self.changes = changes

    def message(self, kinds) -> str:
        """French, for the form: who changed which fields (labels only, of these kinds)."""
        shown = [c for c in self.changes if c.kind in kinds]
        labels = list(dict.fromkeys(c.field_label for c in shown))
        authors = list(
            dict.fromkeys(
                (c.changed_by.get_full_name() or c.changed_by.email) if c.changed_by else "—"
                for c in shown
            )
        )
        what = " : " + ", ".join(labels) if labels else ""
        who = " par " + ", ".join(authors) if authors else ""
        return (
            f"Cette fiche a été modifiée{who} pendant que vous la modifiiez{what}. "
            "Rien n’a été enregistré : vérifiez les valeurs ci-dessous (votre saisie est "
            "conservée), puis enregistrez à nouveau pour la confirmer."
        )


def _lock_and_refresh(person: Person, names, expected_version=None) -> None:
    """Lock the person's row for the rest of the transaction and re-read these fields, so
    that the "before" of the history is what the database held, not what the page showed.

    With `expected_version` (the version the form showed), a newer version raises StaleFile.
    """
    Person.objects.select_for_update().filter(pk=person.pk).values_list("pk").get()
    person.refresh_from_db(fields=[*names, "version"])
    if expected_version is not None and person.version != expected_version:
        raise StaleFile(
            list(
                PersonChange.objects.filter(person=person, version__gt=expected_version)
                .select_related("changed_by")
                .order_by("-changed_at", "-pk")[:50]
            )
        )


@transaction.atomic
def update_person(person: Person, *, by, expected_version=None, **changes) -> list[str]:
    """Change identity fields; returns the names of the fields that really changed.

    Each changed field is historised (PersonChange, old and new value) with the change.
    `expected_version`: see `_lock_and_refresh` (StaleFile).
    """
    for name in changes:
        if name not in IDENTITY_FIELDS:
            raise TypeError(f"Unknown identity field: {name}")
    ensure_not_restricted(person)
    _lock_and_refresh(person, changes, expected_version)
    before = snapshot(person, changes)
    changed = []
    for name, value in changes.items():
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if not changed:
        return []
    refresh_search_name(person)
    person.version += 1
    person.save(update_fields=[*changed, "search_name", "updated_at", "version"])
    record_changes(person, by=by, before=before, names=changed)
    log_access(
        actor=by,
        obj=person,
        action=AccessAction.CHANGE,
        detail="Identité modifiée : " + ", ".join(changed),
    )
    return changed


def _in_choices_order(codes, choices) -> list[str]:
    """Several codes, each once, in the order of the list (so that a re-ordering is no change)."""
    return [value for value in choices.values if value in set(codes or [])]


@transaction.atomic
def update_situation(person: Person, *, by, expected_version=None, **values) -> list[str]:
    """Change the person's situation (employment, resources, housing, mobility); returns the
    names of the fields that really changed. Dated and signed on the file
    (`situation_updated_at`/`_by`), each change historised, in one transaction.

    The caller has checked `can_edit_situation`. Raises ValidationError on codes outside the
    lists or on contradictory ones (e.g. "Aucune ressource" with "RSA").
    """
    for name in values:
        if name not in SITUATION_FIELDS:
            raise TypeError(f"Unknown situation field: {name}")
    if "resources" in values:
        values["resources"] = list(values["resources"] or [])
        validate_resources(values["resources"])
        values["resources"] = _in_choices_order(values["resources"], Resource)
    if "mobility" in values:
        values["mobility"] = list(values["mobility"] or [])
        validate_mobility(values["mobility"])
        values["mobility"] = _in_choices_order(values["mobility"], Mobility)
    for name, choices in (("employment_situation", EmploymentSituation), ("housing", Housing)):
        if values.get(name) and values[name] not in choices.values:
            raise ValidationError(f"Valeur inconnue : {values[name]}.")
    ensure_not_restricted(person)
    _lock_and_refresh(person, values, expected_version)
    before = snapshot(person, values)
    changed = []
    for name, value in values.items():
        value = value or ([] if name in ("resources", "mobility") else "")
        if getattr(person, name) != value:
            setattr(person, name, value)
            changed.append(name)
    if not changed:
        return []
    person.situation_updated_at = timezone.now()
    person.situation_updated_by = by
    person.version += 1
    person.save(
        update_fields=[
            *changed,
            "situation_updated_at",
            "situation_updated_by",
            "updated_at",
            "version",
        ]
    )
    record_changes(person, by=by, before=before, names=changed)
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail="Situation mise à jour")
    return changed


@transaction.atomic
def add_note(person: Person, *, by, text: str, visibility: str) -> Note:
    ensure_not_restricted(person)
    note = Note.objects.create(person=person, author=by, text=text, visibility=visibility)
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail="Note ajoutée")
    return note


@transaction.atomic
def record_notice_delivery(person: Person, *, by, delivered_on: date) -> NoticeDelivery:
    ensure_not_restricted(person)
    delivery = NoticeDelivery.objects.create(
        person=person, delivered_on=delivered_on, version=NOTICE_VERSION, recorded_by=by
    )
    log_access(
        actor=by, obj=person, action=AccessAction.CHANGE, detail="Notice d’information remise"
    )
    return delivery


@transaction.atomic
def record_consent(person: Person, *, by, partner, shared: list[str], agreed_on: date):
    """A new agreement with a partner replaces (withdraws) the previous one with it."""
    ensure_not_restricted(person)
    SharingConsent.objects.filter(person=person, partner=partner, withdrawn_on=None).update(
        withdrawn_on=agreed_on
    )
    consent = SharingConsent.objects.create(
        person=person, partner=partner, shared=shared, agreed_on=agreed_on, recorded_by=by
    )
    log_access(
        actor=by, obj=person, action=AccessAction.CHANGE, detail=f"Accord de partage : {partner}"
    )
    return consent


@transaction.atomic
def withdraw_consent(consent: SharingConsent, *, by, withdrawn_on: date) -> bool:
    """Date the withdrawal; False when it was already withdrawn (nothing to do)."""
    if consent.withdrawn_on is not None:
        return False
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    log_access(
        actor=by,
        obj=consent.person,
        action=AccessAction.CHANGE,
        detail=f"Retrait de l’accord de partage : {consent.partner}",
    )
    return True


@transaction.atomic
def assign_referent(person: Person, referent, *, by) -> bool:
    """Make `referent` the person's referent; False when they already are (nothing to do).

    The caller has checked that `by` may choose (`can_assign_referent`) and that `referent`
    is one of `referent_candidates(person)`. The assignment row is what the timeline shows;
    the PersonChange row keeps the previous referent too.
    """
    ensure_not_restricted(person)
    _lock_and_refresh(person, ["referent"])
    if person.referent_id == referent.pk:
        return False
    before = snapshot(person, ["referent"])
    person.referent = referent
    person.version += 1
    person.save(update_fields=["referent", "updated_at", "version"])
    ReferentAssignment.objects.create(person=person, referent=referent, assigned_by=by)
    record_changes(person, by=by, before=before, names=["referent"])
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail="Référent·e désigné·e")
    return True
