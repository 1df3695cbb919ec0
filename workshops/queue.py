"""Enrol a person in a workshop from the request queues (coordination, analysis).

Each request card of a queue offers the open cycles of the person's centre (a session still
to come, in a centre whose mode includes collective time) that the user may see; enrolling
goes through `services.enrol` (capacity, waiting list) and links the enrolment to the
request. The request keeps its status: none of reception's lifecycle fits a workshop (the
"start" transition opens an individual accompaniment, CIP only). The request's page lists
the enrolment in its history, the person's timeline shows it like any enrolment.

The queue pays two queries per page, whatever the number of requests and cycles.
"""

from collections import defaultdict

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Window
from django.db.models.functions import RowNumber
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.views.decorators.http import require_POST

from parcours.french import de
from parcours.permissions import (
    WORKSHOP_ROLES,
    can_enrol_in_workshops,
    cycles_visible_to,
    requests_visible_to,
    role_required,
)
from workshops import services
from workshops.models import Enrolment, EnrolmentStatus, Session

QUEUES = {"coordinator_queue", "counsellor_queue"}
# A request card offers the soonest open cycles of the person's centre, not all of them: the
# page stays readable and its cost flat; the others are offered on the person's file.
CYCLES_OFFERED_PER_CENTRE = 8


def open_cycles_for(user, centre_ids):
    """The cycles of these centres the user may enrol people in, with their free places."""
    to_come = Session.objects.filter(cycle=OuterRef("pk"), on__gte=timezone.localdate())
    return (
        cycles_visible_to(user)
        .filter(
            Exists(to_come),
            centre_id__in=centre_ids,
            centre__integration_mode__in=services.COLLECTIVE_MODES,
        )
        .annotate(taken=Count("enrolments", filter=Q(enrolments__status=EnrolmentStatus.ENROLLED)))
        .order_by("starts_on", "pk")
    )


def _soonest_open(user, centre_ids) -> list[int]:
    """The ids of the `CYCLES_OFFERED_PER_CENTRE` soonest open cycles of each centre (one
    query): the open ones found through the sessions to come (their index, hashed), ranked
    per centre; the places taken are counted afterwards, for these cycles only."""
    to_come = Session.objects.filter(on__gte=timezone.localdate()).values("cycle_id")
    soonest = Window(
        RowNumber(), partition_by=[F("centre_id")], order_by=[F("starts_on").asc(), F("pk").asc()]
    )
    return list(
        cycles_visible_to(user)
        .filter(
            centre_id__in=centre_ids,
            centre__integration_mode__in=services.COLLECTIVE_MODES,
            pk__in=to_come,
        )
        .annotate(soonest=soonest)
        .filter(soonest__lte=CYCLES_OFFERED_PER_CENTRE)
        .values_list("pk", flat=True)
    )


def attach_workshop_choices(user, page):
    """Give each request of the page `workshop_cycles` (where the person may be enrolled)
    and `workshop_enrolled` (the open cycles the person is already in or waiting for)."""
    page.object_list = requests = list(page.object_list)
    for integration_request in requests:
        integration_request.workshop_cycles = []
        integration_request.workshop_enrolled = []
    allowed = [r for r in requests if can_enrol_in_workshops(user, r.person)]
    if not allowed:
        return
    centre_ids = sorted({r.person.centre_id for r in allowed})
    cycles = list(open_cycles_for(user, centre_ids).filter(pk__in=_soonest_open(user, centre_ids)))
    if not cycles:
        return
    for cycle in cycles:
        cycle.free = max(cycle.capacity - cycle.taken, 0)
    taken = set(
        Enrolment.objects.filter(
            cycle__in=[c.pk for c in cycles], person__in=[r.person_id for r in allowed]
        )
        .exclude(status=EnrolmentStatus.WITHDRAWN)
        .values_list("person_id", "cycle_id")
    )
    by_centre = defaultdict(list)
    for cycle in cycles:
        by_centre[cycle.centre_id].append(cycle)
    for integration_request in allowed:
        for cycle in by_centre[integration_request.person.centre_id]:
            if (integration_request.person_id, cycle.pk) in taken:
                integration_request.workshop_enrolled.append(cycle)
            else:
                integration_request.workshop_cycles.append(cycle)


@role_required(*WORKSHOP_ROLES)
@require_POST
def enrol_from_request(request, request_pk):
    integration_request = get_object_or_404(
        requests_visible_to(request.user).select_related("person"), pk=request_pk
    )
    person = integration_request.person
    if not can_enrol_in_workshops(request.user, person):
        raise PermissionDenied("Vous ne pouvez pas inscrire cette personne à un atelier.")
    back = request.POST.get("back")
    if back in QUEUES:
        back_to = redirect(f"reception:{back}")
    else:
        back_to = redirect("reception:request_detail", pk=integration_request.pk)
    name = person.full_name or str(person)
    cycle_pk = request.POST.get("cycle", "")
    cycle = (
        open_cycles_for(request.user, [person.centre_id]).filter(pk=cycle_pk).first()
        if cycle_pk.isdigit()
        else None
    )
    if cycle is None:
        messages.error(
            request,
            f"Inscription {de(name)} : choisissez un cycle d’ateliers encore ouvert dans la liste.",
        )
        return back_to
    try:
        with transaction.atomic():
            enrolment = services.enrol(by=request.user, cycle=cycle, person=person)
            Enrolment.objects.filter(pk=enrolment.pk).update(request=integration_request)
    except services.AlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    except services.WorkshopRefused as refused:
        messages.error(request, f"Inscription {de(name)} : {refused.message}")
    else:
        if enrolment.status == EnrolmentStatus.ENROLLED:
            messages.success(request, f"{name} : inscrit·e au cycle « {cycle.title} ».")
        else:
            messages.success(
                request,
                f"{name} : le cycle « {cycle.title} » est complet, "
                "personne placée en liste d’attente.",
            )
    return back_to
