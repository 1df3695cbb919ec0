"""Writes of the workshops: open a cycle, plan and change themes, enrol, withdraw (the
first waiting gets the place), take attendance, record the evaluation. Each change is dated,
signed and written to the access log."""

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from agenda.services import open_accompaniment_of
from audit.models import AccessAction
from audit.rights import RestrictedFile, ensure_not_restricted
from audit.services import log_access
from notifications.inbox import notify
from notifications.models import NotificationKind
from organisations.models import IntegrationMode
from workshops import scheduling
from workshops.models import (
    DEFAULT_DURATION,
    DEFAULT_START_TIME,
    Attendance,
    AttendanceStatus,
    Cycle,
    Enrolment,
    EnrolmentStatus,
    Feedback,
    Session,
    ThemeChange,
    ThemeChangeKind,
)

COLLECTIVE_MODES = {IntegrationMode.COLLECTIVE, IntegrationMode.BOTH}


class WorkshopRefused(Exception):
    """A write refused for a reason the user must read (French)."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


class AlreadyDone(Exception):
    """A stale form or a double submit: nothing to do."""


def _changed(by, obj, detail):
    log_access(actor=by, obj=obj, action=AccessAction.CHANGE, detail=detail)


@transaction.atomic
def open_cycle(
    *,
    by,
    centre,
    site,
    title,
    facilitators,
    starts_on,
    capacity,
    session_count=7,
    start_time=DEFAULT_START_TIME,
    duration=DEFAULT_DURATION,
    room=None,
):
    """Open a cycle and put its sessions in the agenda (one appointment each, the lead
    facilitator's; every facilitator must be free, the room too)."""
    if centre.integration_mode not in COLLECTIVE_MODES:
        raise WorkshopRefused(
            f"Le centre {centre.name} n’a pas d’accompagnement collectif : "
            "on ne peut pas y ouvrir de cycle d’ateliers.",
            field="centre",
        )
    if site.centre_id != centre.pk:
        raise WorkshopRefused("Ce lieu n’appartient pas au centre choisi.", field="site")
    cycle = Cycle.objects.create(
        centre=centre,
        site=site,
        title=title,
        starts_on=starts_on,
        capacity=capacity,
        session_count=session_count,
        room=room,
        created_by=by,
    )
    cycle.facilitators.set(facilitators)
    try:
        scheduling.plan_sessions(
            by=by,
            cycle=cycle,
            facilitators=facilitators,
            start_time=start_time,
            duration=duration,
            room=room,
        )
    except scheduling.SchedulingRefused as refused:
        raise WorkshopRefused(refused.message, field=refused.field) from refused
    _changed(by, cycle, "Cycle d’ateliers ouvert")
    return cycle


@transaction.atomic
def set_themes(*, by, cycle, themes_by_session: dict, validate: bool):
    """Before validation: propose a theme per session; with `validate`, the group validated
    them at the first session (each change from the proposal is logged)."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.themes_validated_on:
        raise AlreadyDone
    kind = ThemeChangeKind.VALIDATED if validate else ThemeChangeKind.PROPOSED
    for session in cycle.sessions.all():
        theme = themes_by_session.get(session.pk)
        if theme is None and not validate:
            continue
        ThemeChange.objects.create(
            session=session, kind=kind, old_theme=session.theme, new_theme=theme, by=by
        )
        session.theme = theme
        if not validate:
            session.planned_theme = theme
        session.save(update_fields=["theme", "planned_theme"])
    if validate:
        cycle.themes_validated_on = timezone.localdate()
        cycle.save(update_fields=["themes_validated_on"])
    _changed(by, cycle, "Thèmes validés avec le groupe" if validate else "Thèmes proposés")
    return cycle


@transaction.atomic
def adjust_theme(*, by, session, theme, reason):
    """A later change of one session's theme, with its reason (planned vs done)."""
    if not reason.strip():
        raise WorkshopRefused("Indiquez le motif du changement de thème.", field="reason")
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.theme_id == theme.pk:
        raise AlreadyDone
    ThemeChange.objects.create(
        session=session,
        kind=ThemeChangeKind.ADJUSTED,
        old_theme=session.theme,
        new_theme=theme,
        reason=reason.strip(),
        by=by,
    )
    session.theme = theme
    session.save(update_fields=["theme"])
    _changed(by, session, "Thème de séance ajusté")
    return session


def _places_taken(cycle) -> int:
    return cycle.enrolments.filter(status=EnrolmentStatus.ENROLLED).count()


@transaction.atomic
def enrol(*, by, cycle, person):
    """Enrol a person: a place if there is one, else the waiting list."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.cancelled_at is not None:
        raise WorkshopRefused("Ce cycle est annulé : on ne s’y inscrit plus.")
    if person.centre_id != cycle.centre_id:
        raise WorkshopRefused("Cette personne n’est pas suivie par le centre de ce cycle.")
    try:
        ensure_not_restricted(person)
    except RestrictedFile as restricted:
        raise WorkshopRefused(str(restricted)) from restricted
    existing = Enrolment.objects.filter(cycle=cycle, person=person).first()
    if existing and existing.status != EnrolmentStatus.WITHDRAWN:
        raise AlreadyDone
    status = (
        EnrolmentStatus.ENROLLED
        if _places_taken(cycle) < cycle.capacity
        else EnrolmentStatus.WAITING
    )
    # Part of the person's accompaniment when one is open (as the agenda links appointments).
    accompaniment = open_accompaniment_of(person)
    if existing:
        existing.status = status
        existing.status_changed_at = timezone.now()
        existing.enrolled_at = timezone.now()
        existing.by = by
        existing.accompaniment = accompaniment
        existing.save()
        enrolment = existing
    else:
        enrolment = Enrolment.objects.create(
            cycle=cycle, person=person, status=status, by=by, accompaniment=accompaniment
        )
    _changed(by, enrolment, f"Inscription à un atelier : {enrolment.get_status_display()}")
    return enrolment


def _ensure_open_file(person):
    """A file restricted at the person's request may not change (the same refusal, in
    French, as every other app)."""
    try:
        ensure_not_restricted(person)
    except RestrictedFile as restricted:
        raise WorkshopRefused(
            f"{person.first_name} {person.last_name.upper()} : {restricted}"
        ) from restricted


@transaction.atomic
def withdraw(*, by, enrolment):
    """Withdraw; a freed place goes to the first waiting, whose referent and the cycle's
    facilitators are told."""
    cycle = Cycle.objects.select_for_update().get(pk=enrolment.cycle_id)
    enrolment = (
        Enrolment.objects.select_for_update(of=("self",))
        .select_related("person")
        .get(pk=enrolment.pk)
    )
    if enrolment.status == EnrolmentStatus.WITHDRAWN:
        raise AlreadyDone
    _ensure_open_file(enrolment.person)
    freed = enrolment.status == EnrolmentStatus.ENROLLED
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.status_changed_at = timezone.now()
    enrolment.save(update_fields=["status", "status_changed_at"])
    _changed(by, enrolment, "Désinscription d’un atelier")
    if not freed:
        return None
    first = (
        cycle.enrolments.filter(status=EnrolmentStatus.WAITING)
        .select_related("person__referent")
        .order_by("enrolled_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = EnrolmentStatus.ENROLLED
    first.status_changed_at = timezone.now()
    first.save(update_fields=["status", "status_changed_at"])
    _changed(by, first, "Place libérée attribuée depuis la liste d’attente")
    url = reverse("workshops:cycle_detail", kwargs={"pk": cycle.pk})
    text = (
        f"Une place s’est libérée dans le cycle « {cycle.title} » : "
        "la première personne en attente l’obtient."
    )
    told = {u.pk: u for u in cycle.facilitators.all()}
    if first.person.referent_id:
        told.setdefault(first.person.referent_id, first.person.referent)
    for user in told.values():
        notify(user, NotificationKind.OTHER, url, text)
    return first


@transaction.atomic
def record_attendance(*, by, session, statuses: dict):
    """`statuses`: enrolment pk -> AttendanceStatus, for the enrolled participants.

    Refused for a cancelled session, and for a participant whose file is restricted (the
    page shows her row without choices)."""
    if session.is_cancelled:
        raise WorkshopRefused("Cette séance est annulée : on n’y saisit pas de présences.")
    enrolled = {
        e.pk: e
        for e in session.cycle.enrolments.filter(status=EnrolmentStatus.ENROLLED).select_related(
            "person"
        )
    }
    existing = {a.enrolment_id: a for a in session.attendances.all()}
    for pk in statuses:
        if pk in enrolled:
            _ensure_open_file(enrolled[pk].person)
    for pk, status in statuses.items():
        if pk not in enrolled or status not in AttendanceStatus.values:
            continue
        row = existing.get(pk)
        if row is None:
            Attendance.objects.create(session=session, enrolment_id=pk, status=status, by=by)
        elif row.status != status:
            row.status = status
            row.by = by
            row.save(update_fields=["status", "by", "recorded_at"])
    session.attendance_taken_at = timezone.now()
    session.save(update_fields=["attendance_taken_at"])
    scheduling.attendance_taken(by=by, session=session)
    log_access(
        actor=by,
        obj=session,
        action=AccessAction.CHANGE,
        detail="Présences saisies",
        person_ids=[enrolled[pk].person_id for pk in statuses if pk in enrolled],
    )


@transaction.atomic
def record_evaluation(*, by, session, what_worked, adjustments):
    session.what_worked = what_worked
    session.adjustments = adjustments
    session.save(update_fields=["what_worked", "adjustments"])
    _changed(by, session, "Évaluation de séance")


def save_theme(*, by, form):
    theme = form.save()
    _changed(by, theme, "Thème d’atelier enregistré")
    return theme


def add_feedback(*, by, session, score, comment):
    feedback = Feedback.objects.create(session=session, score=score, comment=comment, by=by)
    _changed(by, session, "Avis de participant saisi")
    return feedback
