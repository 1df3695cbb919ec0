"""Retention: files are anonymised N months after the last contact (CNIL referential).

- "Last contact" is the latest *recorded human action* about the person (a visit, a note,
  a request or one of its transitions, a hand-off, a change of the file, a notice or a
  consent recorded, the file's creation), never a technical `updated_at`. Apps that record
  other contacts (appointments, accompaniment) call `register_contact_source`.
- Each organisation chooses N (`RetentionPolicy.months`, 1–36, 24 by default); a file
  follows the organisation that manages its centre.
- What anonymising does to each table is declared in `audit.personal_data`, field by field
  (`register_personal_data`): every field of a table about a person is either anonymised
  or declared kept with its reason. tests/audit/test_retention.py walks the models and
  fails on a field that is neither.
- The history tables refuse UPDATE and DELETE (trigger of migration 0003); the retention
  job alone lifts that, for its own transaction, with `history_write_allowed()`.

Anonymous statistics stay: visits, requests (needs, dates, statuses), the centre, the
neighbourhood, the sex, the birth year and the situation are kept without identity.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection, transaction
from django.db.models import DateTimeField, F, Max, OuterRef, Subquery
from django.db.models.functions import Greatest
from django.utils import timezone

from audit.personal_data import PERSONAL_DATA, register_personal_data

__all__ = [
    "PERSONAL_DATA",
    "anonymise_person",
    "history_write_allowed",
    "register_contact_source",
    "register_personal_data",
    "run",
    "with_last_contact",
]

DEFAULT_MONTHS = 24
WARNING_DAYS = 30
ACCESS_LOG_DAYS = 365
CONTACT_REQUEST_DAYS = 365
COMMENT_EMAIL_DAYS = 90
SUBMITTED_FORM_DAYS = 30
HISTORY_SETTING = "parcours.history_write"


@contextlib.contextmanager
def history_write_allowed():
    """Inside one transaction, let the retention job update or delete history rows.

    The setting is local to the transaction (`SET LOCAL`) and reset when the block ends,
    so that the rest of an enclosing transaction is not affected either.
    """
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, 'retention', true)", [HISTORY_SETTING])
        yield
        # On an exception, the savepoint's rollback undoes the setting as well.
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config(%s, '', true)", [HISTORY_SETTING])


# ---- Where contacts are recorded ------------------------------------------------------


@dataclass(frozen=True)
class ContactSource:
    model: str  # "app_label.model"
    person_path: str  # lookup from the model to the person, e.g. "request__person"
    date_field: str
    where: tuple = ()  # (lookup, value) pairs: only these rows are contacts


CONTACT_SOURCES: list[ContactSource] = [
    ContactSource("reception.visit", "person", "at"),
    ContactSource("reception.integrationrequest", "person", "created_at"),
    ContactSource("reception.requesttransition", "request__person", "at"),
    ContactSource("reception.handoff", "person", "at"),
    ContactSource("people.note", "person", "created_at"),
    ContactSource("people.personchange", "person", "changed_at"),
    ContactSource("people.noticedelivery", "person", "recorded_at"),
    ContactSource("people.sharingconsent", "person", "recorded_at"),
    ContactSource("people.referentassignment", "person", "assigned_at"),
]


def register_contact_source(
    model: str, person_path: str, date_field: str, *, where: dict | None = None
) -> None:
    """Another app records contacts (e.g. appointments kept): count them as contacts.

    `where` keeps only some rows, e.g. `{"status": "seen"}` for the appointments honoured.
    """
    source = ContactSource(
        model.lower(), person_path, date_field, tuple(sorted((where or {}).items()))
    )
    if source not in CONTACT_SOURCES:
        CONTACT_SOURCES.append(source)


def with_last_contact(persons):
    """Annotate `last_contact`: the latest recorded human action about each person."""
    latest = [F("created_at")]
    for source in CONTACT_SOURCES:
        model = apps.get_model(source.model)
        latest.append(
            Subquery(
                model._base_manager.filter(
                    **{source.person_path: OuterRef("pk")}, **dict(source.where)
                )
                .order_by()
                .values(source.person_path)
                .annotate(latest=Max(source.date_field))
                .values("latest")[:1],
                output_field=DateTimeField(),
            )
        )
    return persons.annotate(last_contact=Greatest(*latest, output_field=DateTimeField()))


@transaction.atomic
def anonymise_person(person, *, by=None, why: str = "Fin de la durée de conservation") -> None:
    """Erase the identity and the words of one file; keep what makes anonymous statistics.

    Idempotent: an anonymised file is left as it is.
    """
    from audit.models import AccessAction
    from audit.services import log_access
    from people.models import Person

    locked = Person.objects.select_for_update().get(pk=person.pk)
    if locked.anonymised_at is not None:
        return
    with history_write_allowed():
        for declared in PERSONAL_DATA.values():
            if declared.model == "people.person" or not declared.anonymised:
                continue
            model = apps.get_model(declared.model)
            model._base_manager.filter(**{declared.person_path: locked}).update(
                **declared.anonymised
            )
        values = dict(PERSONAL_DATA["people.person"].anonymised)
        if locked.birth_date:
            values["birth_date"] = datetime.date(locked.birth_date.year, 1, 1)
        values.update(anonymised_at=timezone.now(), version=F("version") + 1)
        Person.objects.filter(pk=locked.pk).update(**values)
    # Files merged into this one kept their identity on their own row: erase it too.
    for merged in Person.objects.filter(merged_into=locked, anonymised_at__isnull=True):
        anonymise_person(merged)
    if by is not None:
        log_access(actor=by, obj=locked, action=AccessAction.CHANGE, detail=why)


# ---- The job ---------------------------------------------------------------------------


def months_for_organisations() -> dict[int, int]:
    from audit.models import RetentionPolicy

    return dict(RetentionPolicy.objects.values_list("organisation_id", "months"))


def add_months(moment: datetime.datetime, months: int) -> datetime.datetime:
    month = moment.month - 1 + months
    year, month = moment.year + month // 12, month % 12 + 1
    day = min(moment.day, 28)
    return moment.replace(year=year, month=month, day=day)


@dataclass
class Plan:
    anonymise: list = field(default_factory=list)  # (person, due)
    warn: list = field(default_factory=list)  # (person, due)


def plan(now=None) -> Plan:
    """What the job would do today: files past their deadline, files due within a month."""
    from people.models import Person

    now = now or timezone.now()
    policies = months_for_organisations()
    result = Plan()
    persons = with_last_contact(
        Person.objects.filter(anonymised_at__isnull=True, merged_into__isnull=True)
    ).select_related("centre", "referent")
    for person in persons.order_by("pk").iterator(chunk_size=500):
        months = policies.get(person.centre.managed_by_id, DEFAULT_MONTHS)
        due = add_months(person.last_contact, months)
        if due <= now:
            result.anonymise.append((person, due))
        elif due <= now + datetime.timedelta(days=WARNING_DAYS):
            result.warn.append((person, due))
    return result


def warn_referent(person, due) -> bool:
    """Tell the referent (or the centre's coordinators) once per deadline. No name in the
    subject nor in the body: the file number and a link."""
    from django.conf import settings
    from django.urls import reverse

    from accounts.models import Membership, Role
    from audit.models import RetentionWarning
    from notifications.services import queue_email

    if RetentionWarning.objects.filter(person=person, due_on=due.date()).exists():
        return False
    if person.referent is not None and person.referent.is_active:
        recipients = [person.referent.email]
    else:
        recipients = list(
            Membership.objects.filter(
                centre_id=person.centre_id, role=Role.COORDINATOR, is_active=True
            ).values_list("user__email", flat=True)
        )
    RetentionWarning.objects.create(person=person, due_on=due.date())
    link = settings.SITE_URL.rstrip("/") + reverse("people:file", kwargs={"pk": person.pk})
    for address in recipients:
        queue_email(
            to=address,
            subject="Parcours : une fiche arrive en fin de durée de conservation",
            body=(
                f"La fiche n° {person.pk} sera rendue anonyme le {due:%d/%m/%Y}, faute de "
                "contact enregistré depuis la durée de conservation de votre organisation.\n\n"
                "Si la personne est toujours accompagnée, enregistrez le contact (passage, "
                f"note, demande) avant cette date :\n{link}\n"
            ),
        )
    return True


def run(*, dry_run: bool, now=None):
    """Anonymise, warn, purge what has its own period; write and return the report."""
    from audit.models import RetentionRun

    now = now or timezone.now()
    todo = plan(now)
    lines = []
    counts = {"anonymised": 0, "warned": 0}
    verb = "serait rendue anonyme" if dry_run else "rendue anonyme"
    for person, due in todo.anonymise:
        lines.append(f"Fiche n° {person.pk} {verb} (échéance {due:%d/%m/%Y}).")
        if not dry_run:
            anonymise_person(person)
        counts["anonymised"] += 1
    for person, due in todo.warn:
        if dry_run:
            lines.append(f"Fiche n° {person.pk} : la personne référente serait prévenue.")
            counts["warned"] += 1
        elif warn_referent(person, due):
            lines.append(f"Fiche n° {person.pk} : la personne référente est prévenue.")
            counts["warned"] += 1
    counts.update(purge_other_periods(dry_run=dry_run, now=now))
    prefix = "Seraient effacés" if dry_run else "Effacés"
    for label, key in PURGE_LABELS.items():
        lines.append(f"{prefix} – {label} : {counts[key]}.")
    report = RetentionRun.objects.create(dry_run=dry_run, counts=counts, report="\n".join(lines))
    return report


PURGE_LABELS = {
    "demandes de contact du site de plus d’un an": "contact_requests",
    "e-mails de commentateurs de plus de 90 jours": "comment_emails",
    "lignes du journal des accès de plus d’un an": "access_log",
    "e-mails envoyés de plus de 30 jours": "sent_emails",
    "sessions expirées": "sessions",
    "clés anti-double envoi de formulaires de plus de 30 jours": "submitted_forms",
}


def purge_other_periods(*, dry_run: bool, now) -> dict[str, int]:
    """Contact requests, commenters' e-mails, sent e-mails, sessions, the access log."""
    from django.contrib.sessions.models import Session

    from audit.models import AccessLog, SubmittedForm
    from directory.models import Comment, CommentStatus, ContactRequest
    from notifications.models import OutgoingEmail
    from notifications.tasks import EMAIL_RETENTION_DAYS

    def days_ago(days):
        return now - datetime.timedelta(days=days)

    querysets = {
        "contact_requests": ContactRequest.objects.filter(
            created_at__lt=days_ago(CONTACT_REQUEST_DAYS)
        ),
        "comment_emails": Comment.objects.filter(created_at__lt=days_ago(COMMENT_EMAIL_DAYS))
        .exclude(status=CommentStatus.PENDING)
        .exclude(author_email=""),
        "access_log": AccessLog.objects.filter(at__lt=days_ago(ACCESS_LOG_DAYS)),
        "sent_emails": OutgoingEmail.objects.filter(created_at__lt=days_ago(EMAIL_RETENTION_DAYS)),
        "sessions": Session.objects.filter(expire_date__lt=now),
        "submitted_forms": SubmittedForm.objects.filter(
            created_at__lt=days_ago(SUBMITTED_FORM_DAYS)
        ),
    }
    counts = {key: queryset.count() for key, queryset in querysets.items()}
    if dry_run:
        return counts
    with history_write_allowed():
        querysets["contact_requests"].delete()
        querysets["comment_emails"].update(author_email="")
        querysets["access_log"].delete()
        querysets["sent_emails"].delete()
        querysets["sessions"].delete()  # what `clearsessions` does for the database backend
        querysets["submitted_forms"].delete()
    return counts
