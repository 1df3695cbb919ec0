"""Reads of the reception: the queues of each role, always from the scoped querysets."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from accounts.models import Membership, Role, User
from parcours.permissions import (
    REQUEST_READER_ROLES,
    centre_ids_for,
    handoffs_visible_to,
    requests_visible_to,
    visits_visible_to,
)
from reception.models import Counter, Handoff, RequestStatus, VisitDay


def today_bounds():
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    return start, start + datetime.timedelta(days=1)


def visits_of_the_day(user, centre):
    """The visits logged today at this centre, newest first, with what the desk shows."""
    start, end = today_bounds()
    return (
        visits_visible_to(user)
        .filter(centre=centre, at__gte=start, at__lt=end)
        .select_related("site", "agent", "person")
        .order_by("-at", "-pk")
    )


def visits_today_counts(centre) -> tuple[int, int]:
    """Visits logged today at this centre and how many were anonymous, from the counts the
    triggers keep (reception/counters.py): no COUNT over the day's visits."""
    row = (
        VisitDay.objects.filter(centre=centre, day=timezone.localdate())
        .values_list("visits", "anonymous")
        .first()
    )
    return row or (0, 0)


def open_handoffs_to(user, role):
    """Hand-offs addressed to this role in the user's centres, not yet taken over.

    Hand-offs to a named colleague are left out: they go to that colleague's own list
    (`colleague_handoffs_to`).
    """
    return (
        handoffs_visible_to(user)
        .filter(
            to_role=role,
            to_centre_id__in=centre_ids_for(user, [role]),
            taken_at__isnull=True,
            to_colleague=False,
        )
        # Addressed by name to someone else: not theirs to take (can_take_handoff).
        .filter(Q(to_user__isnull=True) | Q(to_user=user))
        .select_related("person", "from_user", "to_user", "to_centre", "visit__site")
        .order_by("-at", "-pk")
    )


def colleague_handoffs_to(user):
    """Requests a colleague handed to this user by name, not yet taken over; newest first."""
    return (
        handoffs_visible_to(user)
        .filter(to_colleague=True, to_user=user, taken_at__isnull=True, request__isnull=False)
        .select_related("person", "from_user", "to_user", "request__centre")
        .order_by("-at", "-pk")
    )


def colleagues_for_request(integration_request, *, exclude):
    """Whom a request may be handed to: the active coordinators and CIPs of its centre.

    Memberships, not users: the choice says the role, and the role becomes the hand-off's.
    """
    return (
        Membership.objects.filter(
            centre_id=integration_request.centre_id,
            role__in=REQUEST_READER_ROLES,
            is_active=True,
            user__is_active=True,
        )
        .exclude(user=exclude)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "role", "pk")
    )


def _with_open_handoffs(queryset):
    return queryset.select_related("person", "centre", "created_by").prefetch_related(
        Prefetch(
            "handoffs",
            queryset=Handoff.objects.filter(taken_at__isnull=True)
            .select_related("from_user", "to_user")
            .order_by("-at", "-pk"),
            to_attr="open_handoffs",
        )
    )


def new_requests_for_coordinator(user):
    return _with_open_handoffs(
        requests_visible_to(user).filter(
            status=RequestStatus.NEW, centre_id__in=centre_ids_for(user, [Role.COORDINATOR])
        )
    ).order_by("-urgency", "created_at", "pk")


def requests_awaiting_analysis(user):
    """Across every centre the CIP serves: urgent first, then the oldest."""
    return _with_open_handoffs(
        requests_visible_to(user).filter(
            status=RequestStatus.AWAITING_ANALYSIS,
            centre_id__in=centre_ids_for(user, [Role.COUNSELLOR]),
        )
    ).order_by("-urgency", "status_changed_at", "pk")


def requests_listed_for(user, *, status=None, urgency=None, centre=None):
    """The requests of the user's centres (coordinator, CIP), newest first, filtered."""
    queryset = requests_visible_to(user).select_related("person", "centre")
    if status:
        queryset = queryset.filter(status=status)
    if urgency:
        queryset = queryset.filter(urgency=urgency)
    if centre is not None:
        queryset = queryset.filter(centre=centre)
    return queryset.order_by("-created_at", "-pk")


def request_centres_of(user):
    """The centres whose requests the user reads: the choices of the centre filter."""
    from organisations.models import Centre

    return Centre.objects.filter(pk__in=centre_ids_for(user, REQUEST_READER_ROLES)).order_by(
        "position", "name"
    )


def counsellors_of(centre_id):
    """Who a coordinator may hand a request to: the CIPs serving that centre."""
    return (
        User.objects.filter(
            is_active=True,
            memberships__role=Role.COUNSELLOR,
            memberships__centre_id=centre_id,
            memberships__is_active=True,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )


def request_with_history(user, pk):
    """One request the user may see, with its transitions, hand-offs and the workshop
    enrolments made from it (four queries)."""
    from django.shortcuts import get_object_or_404

    from reception.models import RequestTransition
    from workshops.models import Enrolment

    queryset = (
        requests_visible_to(user)
        .select_related("person", "centre", "created_by", "renews")
        .prefetch_related(
            Prefetch(
                "transitions",
                queryset=RequestTransition.objects.select_related("by").order_by("-at", "-pk"),
            ),
            Prefetch(
                "handoffs",
                queryset=Handoff.objects.select_related(
                    "from_user", "to_user", "taken_by", "to_centre"
                ).order_by("-at", "-pk"),
            ),
            # Enrolments in a workshop made from this request (workshops.queue).
            Prefetch(
                "workshop_enrolments",
                queryset=Enrolment.objects.select_related("cycle", "by").order_by(
                    "-enrolled_at", "-pk"
                ),
            ),
        )
    )
    return get_object_or_404(queryset, pk=pk)


def expected_appointments_today(user):
    """Today's appointments at the sites of the user's reception centres, not cancelled:
    the queue's « Personnes attendues » (the agenda app owns appointments)."""
    from agenda.selectors import expected_today

    return expected_today(user)


def contact_requests_for_reception(user):
    from directory.selectors import contact_requests_for_centre

    return contact_requests_for_centre(centre_ids_for(user, [Role.RECEPTION]))


# --- Statistics: counts per centre, never a row ----------------------------------------


REQUEST_STATUS_ROWS = {
    RequestStatus.NEW: "Demandes nouvelles",
    RequestStatus.AWAITING_ANALYSIS: "Demandes en attente d’analyse",
    RequestStatus.IN_ACCOMPANIMENT: "Demandes en accompagnement",
    RequestStatus.CLOSED: "Demandes clôturées",
}


@dataclass(frozen=True)
class ReceptionActivity:
    """The reception's activity of some centres side by side: one column per centre."""

    columns: list[str]
    rows: list[tuple[str, list[int]]]


def reception_activity(centres, *, with_total=False) -> ReceptionActivity:
    """Visits (today, 7 and 30 days, of which anonymous), requests by status, open hand-offs.

    Three queries whatever the number of centres and however long the history: the
    centres, the visits per day of the last 30 days, the counters (reception/counters.py:
    both tables are kept exact by triggers). Only counts leave this function.
    "7 days" is today and the six days before it (local days), likewise "30 days".
    """
    centres = list(centres.order_by("position", "name"))
    ids = [centre.pk for centre in centres]
    today = timezone.localdate()
    week = today - datetime.timedelta(days=6)
    month = today - datetime.timedelta(days=29)
    visits = {
        row["centre_id"]: row
        for row in VisitDay.objects.filter(centre_id__in=ids, day__gte=month, day__lte=today)
        .values("centre_id")
        .annotate(
            today=Coalesce(Sum("visits", filter=Q(day=today)), 0),
            today_anonymous=Coalesce(Sum("anonymous", filter=Q(day=today)), 0),
            week=Coalesce(Sum("visits", filter=Q(day__gte=week)), 0),
            week_anonymous=Coalesce(Sum("anonymous", filter=Q(day__gte=week)), 0),
            month=Coalesce(Sum("visits"), 0),
            month_anonymous=Coalesce(Sum("anonymous"), 0),
        )
        .order_by()
    }
    counters = {
        (centre_id, key): value
        for centre_id, key, value in Counter.objects.filter(centre_id__in=ids).values_list(
            "centre_id", "key", "value"
        )
    }
    requests = {
        (pk, status): counters.get((pk, f"request:{status}"), 0)
        for pk in ids
        for status in REQUEST_STATUS_ROWS
    }
    handoffs = {pk: counters.get((pk, "handoff:open"), 0) for pk in ids}
    visit_rows = [
        ("Passages aujourd’hui", "today"),
        ("dont anonymes (aujourd’hui)", "today_anonymous"),
        ("Passages sur 7 jours", "week"),
        ("dont anonymes (7 jours)", "week_anonymous"),
        ("Passages sur 30 jours", "month"),
        ("dont anonymes (30 jours)", "month_anonymous"),
    ]
    rows = [(label, [visits.get(pk, {}).get(key, 0) for pk in ids]) for label, key in visit_rows]
    rows += [
        (label, [requests.get((pk, status), 0) for pk in ids])
        for status, label in REQUEST_STATUS_ROWS.items()
    ]
    rows.append(("Transmissions en attente", [handoffs.get(pk, 0) for pk in ids]))
    columns = [centre.name for centre in centres]
    if with_total and len(centres) > 1:
        columns.append("Ensemble des centres")
        rows = [(label, [*values, sum(values)]) for label, values in rows]
    return ReceptionActivity(columns=columns, rows=rows)
