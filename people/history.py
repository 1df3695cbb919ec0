"""The history of a file's fields: values as shown on screen, and the PersonChange rows.

Services take a snapshot of the fields they are about to change, change them, then call
`record_changes` in the same transaction. Values are stored as display strings ("06 12 34
56 78", "Logement autonome", "RSA, Prime d’activité"), so the history reads the same after
a choice's code or a colleague's account changes.
"""

from datetime import date

from django.conf import settings
from django.db import models

from people.models import SITUATION_FIELDS, ChangeKind, Person, PersonChange


def field_label(name: str) -> str:
    """ "téléphone" gives "Téléphone": the field's French name, as a label."""
    label = str(Person._meta.get_field(name).verbose_name)
    return label[:1].upper() + label[1:]


def kind_of(name: str) -> str:
    if name in SITUATION_FIELDS:
        return ChangeKind.SITUATION
    if name == "referent":
        return ChangeKind.REFERENT
    return ChangeKind.IDENTITY


def display_value(person: Person, name: str) -> str:
    """The value of one field of the file as the file page shows it; "" when empty."""
    field = Person._meta.get_field(name)
    value = getattr(person, name)
    if value in (None, "", []):
        return ""
    if isinstance(field, models.ForeignKey):
        if field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return value.get_full_name() or value.email
        return str(value)
    if not isinstance(value, list):
        value = field.to_python(value)  # "+33712345678" set by a form becomes a PhoneNumber
    choices = field.base_field.choices if hasattr(field, "base_field") else field.choices
    labels = dict(choices or [])
    if isinstance(value, list):
        return ", ".join(str(labels.get(item, item)) for item in value)
    if labels:
        return str(labels.get(value, value))
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    return str(value)


def snapshot(person: Person, names) -> dict[str, str]:
    return {name: display_value(person, name) for name in names}


def change_rows(person: Person, *, by, before: dict[str, str], names) -> list[PersonChange]:
    """Unsaved PersonChange rows for these fields, from `before` to the person's values now."""
    rows = []
    for name in names:
        new = display_value(person, name)
        old = before.get(name, "")
        if old == new:
            continue
        rows.append(
            PersonChange(
                person=person,
                kind=kind_of(name),
                field=name,
                field_label=field_label(name),
                old_value=old,
                new_value=new,
                changed_by=by,
                version=person.version,
            )
        )
    return rows


def record_changes(person: Person, *, by, before: dict[str, str], names) -> list[PersonChange]:
    """Write the history of these fields; call inside the transaction of the change."""
    return PersonChange.objects.bulk_create(change_rows(person, by=by, before=before, names=names))
