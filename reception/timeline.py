"""What the reception adds to the person's file: timeline entries and summary lines.

Each provider reads through the scoped querysets of `parcours.permissions`, so a
reception agent gets the visits and the hand-offs about visits, never a request;
each costs one query whatever the number of rows.
"""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone

from parcours.french import role_recipient
from parcours.permissions import (
    DESK_ROLES,
    VISIT_READER_ROLES,
    can_record_request,
    centre_ids_for,
    handoffs_visible_to,
    requests_visible_to,
    visits_visible_to,
)
from people.timeline import SummaryItem, TimelineEntry, latest
from reception.models import RequestStatus, RequestTransition


def visit_entries(person, user, *, before=None, limit=None):
    visits = latest(
        visits_visible_to(user).filter(person=person).select_related("site", "agent"),
        "at",
        before,
        limit,
    )
    return [
        TimelineEntry(
            date=visit.at,
            kind="visit",
            title=f"Passage à l’accueil – {visit.site.name}",
            detail=(
                f"Motif : {visit.get_reason_display()}. Suite : {visit.get_outcome_display()}."
                + (f" Reçu·e par {visit.agent.get_full_name()}." if visit.agent else "")
            ),
        )
        for visit in visits
    ]


def request_entries(person, user, *, before=None, limit=None):
    requests = latest(
        requests_visible_to(user).filter(person=person).select_related("created_by"),
        "created_at",
        before,
        limit,
    )
    return [
        TimelineEntry(
            date=request_.created_at,
            kind="request",
            title=(
                "Demande renouvelée"
                if request_.renews_id
                else "Demande d’accompagnement enregistrée"
            ),
            detail=(
                f"Besoins : {', '.join(request_.need_labels) or '–'}."
                + (f" Par {request_.created_by.get_full_name()}." if request_.created_by else "")
            ),
            url=reverse("reception:request_detail", kwargs={"pk": request_.pk}),
        )
        for request_ in requests
    ]


def transition_entries(person, user, *, before=None, limit=None):
    transitions = latest(
        RequestTransition.objects.filter(
            request__in=requests_visible_to(user).filter(person=person)
        )
        .exclude(from_status="")
        .select_related("by"),
        "at",
        before,
        limit,
    )
    return [
        TimelineEntry(
            date=transition.at,
            kind="request-status",
            title=(
                f"Demande : {transition.get_from_status_display().lower()} → "
                f"{transition.get_to_status_display().lower()}"
            ),
            detail=" ".join(
                part
                for part in [
                    f"Par {transition.by.get_full_name()}." if transition.by else "",
                    f"« {transition.comment} »" if transition.comment else "",
                ]
                if part
            ),
            url=reverse("reception:request_detail", kwargs={"pk": transition.request_id}),
        )
        for transition in transitions
    ]


def handoff_entries(person, user, *, before=None, limit=None):
    handoffs = latest(
        handoffs_visible_to(user)
        .filter(person=person)
        .select_related("from_user", "to_user", "to_centre"),
        "at",
        before,
        limit,
    )
    entries = []
    for handoff in handoffs:
        receiver = (
            handoff.to_user.get_full_name()
            if handoff.to_user
            else role_recipient(handoff.to_role, handoff.to_centre.name)
        )
        sender = handoff.from_user.get_full_name() if handoff.from_user else "un·e collègue"
        entries.append(
            TimelineEntry(
                date=handoff.at,
                kind="handoff",
                title=f"{handoff.what} transmis à {receiver}",
                detail=f"Par {sender}."
                + (f" « {handoff.note} »" if handoff.note else "")
                + (
                    f" Pris en charge sans demande : {handoff.get_taken_reason_display().lower()}."
                    if handoff.taken_reason
                    else ""
                ),
            )
        )
    return entries


def contact_entries(person, user):
    """The public site's contact requests found or registered from: who called, how it went."""
    from directory.models import ContactRequest

    contacts = ContactRequest.objects.filter(
        person=person, centre_id__in=centre_ids_for(user, VISIT_READER_ROLES)
    ).select_related("handled_by")
    callers = centre_ids_for(user, DESK_ROLES)
    entries = []
    for contact in contacts:
        calls = f"{contact.call_count} appel{'s' if contact.call_count > 1 else ''}"
        outcome = f", {contact.get_outcome_display().lower()}" if contact.outcome else ""
        by = f" ({contact.handled_by.get_full_name()})" if contact.handled_by else ""
        entries.append(
            TimelineEntry(
                date=contact.created_at,
                kind="contact",
                title="Demande de contact reçue sur le site public",
                detail=f"{calls}{outcome}{by}.",
                url=reverse("reception:contact_detail", kwargs={"pk": contact.pk})
                if contact.centre_id in callers
                else "",
            )
        )
    return entries


def summary_items(person, user):
    """Open requests (case roles), and the two actions of the desk and the coordination."""
    items = []
    open_requests = list(
        requests_visible_to(user)
        .filter(person=person)
        .exclude(status=RequestStatus.CLOSED)
        .order_by("-created_at")
    )
    for request_ in open_requests:
        items.append(
            SummaryItem(
                label="Demande en cours",
                value=f"{request_.get_status_display()} depuis le "
                f"{timezone.localtime(request_.status_changed_at):%d/%m/%Y}",
                url=reverse("reception:request_detail", kwargs={"pk": request_.pk}),
                order=20,
            )
        )
    if can_record_request(user, person):
        items.append(
            SummaryItem(
                label="Demandes",
                value="Enregistrer une demande",
                url=reverse("reception:request_create", kwargs={"person_pk": person.pk}),
                order=21,
            )
        )
    if centre_ids_for(user, DESK_ROLES):
        items.append(
            SummaryItem(
                label="Accueil",
                value="Noter un passage",
                url=f"{reverse('reception:desk')}?{urlencode({'person': person.pk})}",
                order=22,
            )
        )
    return items
