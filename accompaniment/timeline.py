"""What the accompaniment adds to the person's file: timeline entries and summary lines.

Each provider reads through `parcours.permissions.accompaniments_visible_to` (the case
roles of the person's centre), one query each whatever the number of rows."""

from django.urls import reverse

from accompaniment.choices import AccompanimentStatus, ActionStatus, StepKind
from accompaniment.models import Action, Diagnosis, OrientationEvent, Step
from accompaniment.reference import Dimension
from parcours.permissions import (
    accompaniments_visible_to,
    can_work_on_accompaniment,
    partner_contacts_visible_to,
)
from people.timeline import SummaryItem, TimelineEntry


def _visible_ids(person, user) -> list[int]:
    """The accompaniments of this person this user may read, read once per page (every
    provider below asks): one query, and none more for a person never accompanied."""
    cache = user.__dict__.setdefault("_parcours_accompaniment_ids", {})
    if person.pk not in cache:
        cache[person.pk] = list(
            accompaniments_visible_to(user).filter(person=person).values_list("pk", flat=True)
        )
    return cache[person.pk]


def _url(name, pk):
    return reverse(f"accompaniment:{name}", kwargs={"pk": pk})


def _by(user):
    return f"Par {user.get_full_name()}." if user else ""


def step_entries(person, user):
    ids = _visible_ids(person, user)
    if not ids:
        return []
    steps = Step.objects.filter(accompaniment_id__in=ids).select_related("by")
    entries = []
    for step in steps:
        title = step.get_kind_display()
        if step.kind == StepKind.CLOSED:
            title = f"Accompagnement terminé : {step.reason}"
        detail = " ".join(
            part
            for part in [
                f"Le {step.on:%d/%m/%Y}.",
                f"Motif : {step.reason}." if step.reason and step.kind != StepKind.CLOSED else "",
                step.comment,
                _by(step.by),
            ]
            if part
        )
        entries.append(
            TimelineEntry(
                date=step.at,
                kind="accompaniment",
                title=title,
                detail=detail,
                url=_url("detail", step.accompaniment_id),
            )
        )
    return entries


def diagnosis_entries(person, user):
    ids = _visible_ids(person, user)
    if not ids:
        return []
    diagnoses = Diagnosis.objects.filter(accompaniment_id__in=ids).select_related("created_by")
    return [
        TimelineEntry(
            date=diagnosis.created_at,
            kind="diagnosis",
            title=f"Diagnostic du {diagnosis.made_on:%d/%m/%Y}",
            detail=_by(diagnosis.created_by),
            url=_url("diagnosis_detail", diagnosis.pk),
        )
        for diagnosis in diagnoses
    ]


def plan_entries(person, user):
    """Actions added to the plan, and actions done."""
    ids = _visible_ids(person, user)
    if not ids:
        return []
    actions = Action.objects.filter(objective__accompaniment_id__in=ids).select_related(
        "objective", "created_by", "status_changed_by"
    )
    entries = []
    for action in actions:
        url = f"{_url('detail', action.objective.accompaniment_id)}#plan"
        entries.append(
            TimelineEntry(
                date=action.created_at,
                kind="plan",
                title=f"Plan d’action : « {action.title} »",
                detail=(
                    f"Objectif : {action.objective.title} "
                    f"({Dimension(action.objective.dimension).label}). "
                    f"Échéance : {action.due_on:%d/%m/%Y}. {_by(action.created_by)}"
                ),
                url=url,
            )
        )
        if action.status == ActionStatus.DONE:
            entries.append(
                TimelineEntry(
                    date=action.status_changed_at,
                    kind="plan",
                    title=f"Action réalisée : « {action.title} »",
                    detail=f"Le {action.done_on:%d/%m/%Y}. {_by(action.status_changed_by)}",
                    url=url,
                )
            )
    return entries


def orientation_entries(person, user):
    """Every move of every orientation (the partner's refusal message stays on its page)."""
    ids = _visible_ids(person, user)
    if not ids:
        return []
    events = OrientationEvent.objects.filter(orientation__accompaniment_id__in=ids).select_related(
        "orientation__service", "orientation__organisation"
    )
    entries = []
    for event in events:
        orientation = event.orientation
        entries.append(
            TimelineEntry(
                date=event.at,
                kind="orientation",
                title=(
                    f"Orientation vers {orientation.service.name} "
                    f"({orientation.organisation.name}) : {event.get_to_status_display().lower()}"
                ),
                detail=f"Par {event.by_label}." if event.by_label else "",
                url=_url("orientation_detail", orientation.pk),
            )
        )
    return entries


def contact_entries(person, user):
    # Contacts about a person are noted from one of their accompaniments.
    if not _visible_ids(person, user):
        return []
    contacts = (
        partner_contacts_visible_to(user)
        .filter(person=person)
        .select_related("organisation", "created_by")
    )
    return [
        TimelineEntry(
            date=contact.happened_on,
            kind="contact",
            title=f"{contact.get_channel_display()} avec {contact.organisation.name}",
            detail=" ".join(
                part
                for part in [
                    contact.summary[:300],
                    f"Interlocuteur·rice : {contact.with_whom}." if contact.with_whom else "",
                    _by(contact.created_by),
                ]
                if part
            ),
        )
        for contact in contacts
    ]


def summary_items(person, user):
    if not _visible_ids(person, user):
        return []
    rows = (
        accompaniments_visible_to(user)
        .filter(person=person)
        .exclude(status=AccompanimentStatus.CLOSED)
        .select_related("referent")
    )
    items = []
    for accompaniment in rows:
        if not can_work_on_accompaniment(user, accompaniment):
            continue
        items.append(
            SummaryItem(
                label="Accompagnement",
                value=(
                    f"{accompaniment.get_status_display()} depuis le "
                    f"{accompaniment.start_date:%d/%m/%Y}, avec "
                    f"{accompaniment.referent.get_full_name()}"
                ),
                url=_url("detail", accompaniment.pk),
                order=19,
            )
        )
    return items
