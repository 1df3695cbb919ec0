"""The person's rights (GDPR articles 15, 17 and 18).

- Access: `person_data(person)` gathers everything recorded about one person, table by
  table, from the same declarations as the retention (`audit.retention.PERSONAL_DATA`):
  a table another app declares there is exported too. JSON download and print page.
- Erasure and restriction: one colleague records the person's request, a *second* member
  of the integration team of the person's centre approves it; erasure anonymises the file
  now (`anonymise_person`), restriction freezes it (`Person.restricted_at`: no change, no
  new note or request, until lifted).
"""

import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone

from audit.models import AccessAction, RightsRequest, RightsRequestKind, RightsRequestStatus
from audit.retention import PERSONAL_DATA, anonymise_person
from audit.services import log_access


class RestrictedFile(PermissionDenied):
    """The file is restricted at the person's request: it may not change (403 page with
    this message)."""

    public_message = message = (
        "Le traitement de cette fiche est limité à la demande de la personne : "
        "elle ne peut pas être modifiée."
    )


def ensure_not_restricted(person) -> None:
    """Services that change a file call this first (raises RestrictedFile)."""
    if person.restricted_at is not None:
        raise RestrictedFile(RestrictedFile.public_message)


def _display(obj, field) -> str:
    value = getattr(obj, field.name)
    if value in (None, "", [], {}):
        return ""
    if isinstance(field, models.ForeignKey):
        if field.related_model._meta.label == settings.AUTH_USER_MODEL:
            return value.get_full_name() or value.email
        return str(value)
    if field.choices:
        return str(getattr(obj, f"get_{field.name}_display")())
    if isinstance(field, ArrayField):
        labels = dict(field.base_field.choices or [])
        return ", ".join(str(labels.get(item, item)) for item in value)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, bool):
        return "oui" if value else "non"
    return str(value)


def _label(field) -> str:
    label = str(getattr(field, "verbose_name", field.name))
    return label[:1].upper() + label[1:]


def _rows(model, queryset) -> list[dict]:
    fields = [f for f in model._meta.concrete_fields if f.name not in ("search_name",)]
    related = [f.name for f in fields if isinstance(f, models.ForeignKey)]
    return [
        {_label(f): _display(obj, f) for f in fields}
        for obj in queryset.select_related(*related).order_by("pk")
    ]


def person_data(person) -> dict:
    """Everything recorded about one person: {"title": [rows of {label: value}]}."""
    from people.models import Person

    data = {"Fiche": _rows(Person, Person._base_manager.filter(pk=person.pk))}
    for declared in PERSONAL_DATA.values():
        if declared.model == "people.person":
            continue
        model = apps.get_model(declared.model)
        rows = _rows(model, model._base_manager.filter(**{declared.person_path: person}))
        if rows:
            title = str(model._meta.verbose_name_plural)
            data[title[:1].upper() + title[1:]] = rows
    return data


# ---- Erasure and restriction ------------------------------------------------------------


class SamePerson(Exception):
    message = "La demande doit être validée par une autre personne que celle qui l’a saisie."


@transaction.atomic
def request_right(person, *, by, kind: str, reason: str) -> RightsRequest:
    """Record the person's request; a second colleague approves it (`decide_right`)."""
    from reception.services import ActionAlreadyDone

    if RightsRequest.objects.filter(
        person=person, kind=kind, status=RightsRequestStatus.PENDING
    ).exists():
        raise ActionAlreadyDone
    rights_request = RightsRequest.objects.create(
        person=person, kind=kind, reason=reason.strip(), requested_by=by
    )
    label = RightsRequestKind(kind).label
    log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail=f"Demande : {label}")
    return rights_request


@transaction.atomic
def decide_right(rights_request, *, by, approve: bool) -> RightsRequest:
    """Approve (and apply) or refuse a pending request. Never by the one who recorded it."""
    from people.models import Person
    from reception.services import ActionAlreadyDone

    locked = RightsRequest.objects.select_for_update().get(pk=rights_request.pk)
    if locked.status != RightsRequestStatus.PENDING:
        raise ActionAlreadyDone
    if locked.requested_by_id == by.pk:
        raise PermissionDenied(SamePerson.message)
    locked.status = RightsRequestStatus.APPROVED if approve else RightsRequestStatus.REFUSED
    locked.decided_by = by
    locked.decided_at = timezone.now()
    locked.save(update_fields=["status", "decided_by", "decided_at"])
    person = Person.objects.get(pk=locked.person_id)
    label = locked.get_kind_display()
    if approve and locked.kind == RightsRequestKind.ERASURE:
        anonymise_person(person, by=by, why="Effacement à la demande de la personne")
    elif approve:
        Person.objects.filter(pk=person.pk).update(restricted_at=timezone.now())
        log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail=f"{label} appliquée")
    else:
        log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail=f"{label} refusée")
    return locked


@transaction.atomic
def lift_restriction(person, *, by) -> bool:
    from people.models import Person

    updated = Person.objects.filter(pk=person.pk, restricted_at__isnull=False).update(
        restricted_at=None
    )
    if updated:
        log_access(actor=by, obj=person, action=AccessAction.CHANGE, detail="Limitation levée")
    return bool(updated)
