"""Each role's work list: reception, coordination, analysis (CIP). Paginated, constant queries."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.services import log_reads
from parcours.permissions import (
    can_take_handoff,
    centre_ids_for,
    handoffs_visible_to,
    role_required,
)
from reception import services
from reception.forms import TakeOverForm
from reception.selectors import (
    colleague_handoffs_to,
    contact_requests_for_reception,
    expected_appointments_today,
    new_requests_for_coordinator,
    open_handoffs_to,
    requests_awaiting_analysis,
)
from workshops.queue import attach_workshop_choices

PAGE_SIZE = 20


def _page(request, queryset, param):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))


@role_required(Role.RECEPTION)
def reception_queue(request):
    """Today's appointments (« Personnes attendues », « Arrivé·e »); people handed over, still
    waiting for the coordination; contact requests of the site."""
    waiting = _page(request, open_handoffs_to_desk(request.user), "attente")
    expected = _page(request, expected_appointments_today(request.user), "attendus")
    log_reads(request, [*waiting, *expected], what="File d’accueil")
    return render(
        request,
        "reception/reception_queue.html",
        {
            "expected": expected,
            "waiting": waiting,
            "contacts": _page(request, contact_requests_for_reception(request.user), "contacts"),
        },
    )


def _contacts_for(user, role):
    from directory.selectors import contact_requests_for_centre

    return contact_requests_for_centre(centre_ids_for(user, [role]))


def open_handoffs_to_desk(user):
    """What reception hands to the coordination of its centres and is not taken over yet."""
    return (
        handoffs_visible_to(user)
        .filter(
            to_role=Role.COORDINATOR,
            to_centre_id__in=centre_ids_for(user, [Role.RECEPTION]),
            taken_at__isnull=True,
        )
        .select_related("person", "from_user", "visit__site")
        .order_by("at", "pk")
    )


@role_required(Role.COORDINATOR)
def coordinator_queue(request):
    return _coordinator_page(request)


def _coordinator_page(request, *, take_form=None, take_pk=None, status=200):
    """The coordinator's queue; a "sans demande" form with errors shows on its own card."""
    requests = _page(request, new_requests_for_coordinator(request.user), "demandes")
    attach_workshop_choices(request.user, requests)
    context = {
        "handoffs": _page(
            request, open_handoffs_to(request.user, Role.COORDINATOR), "transmissions"
        ),
        "requests": requests,
        "colleague_handoffs": _page(request, colleague_handoffs_to(request.user), "collegues"),
        # Small teams: the coordinator may call residents back too.
        "contacts": _page(request, _contacts_for(request.user, Role.COORDINATOR), "contacts"),
    }
    log_reads(
        request, [row for page in context.values() for row in page], what="File de coordination"
    )
    context.update(
        take_form=take_form,
        take_pk=take_pk,
        reasons=TakeOverForm.base_fields["reason"].choices,
    )
    return render(request, "reception/coordinator_queue.html", context, status=status)


@role_required(Role.COUNSELLOR)
def counsellor_queue(request):
    requests = _page(request, requests_awaiting_analysis(request.user), "page")
    attach_workshop_choices(request.user, requests)
    context = {
        "requests": requests,
        "colleague_handoffs": _page(request, colleague_handoffs_to(request.user), "collegues"),
    }
    log_reads(request, [row for page in context.values() for row in page], what="File d’analyse")
    return render(request, "reception/counsellor_queue.html", context)


@role_required(Role.COORDINATOR, Role.COUNSELLOR)
@require_POST
def handoff_take(request, pk):
    """The receiver marks a hand-off as taken over."""
    handoff = get_object_or_404(
        handoffs_visible_to(request.user).filter(
            to_centre_id__in=centre_ids_for(request.user, [Role.COORDINATOR, Role.COUNSELLOR])
        ),
        pk=pk,
    )
    if not can_take_handoff(request.user, handoff):
        raise PermissionDenied("Cette transmission est adressée à quelqu’un d’autre.")
    form = TakeOverForm(request.POST)
    valid = form.is_valid()
    # Taken over "sans demande" from the coordinator's queue: the reason is asked.
    if handoff.request_id is None and handoff.taken_at is None and not valid:
        return _coordinator_page(request, take_form=form, take_pk=handoff.pk, status=400)
    try:
        services.take_over_handoff(
            handoff, by=request.user, reason=form.cleaned_data["reason"] if valid else ""
        )
    except services.ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        what = (
            "transmission prise en charge"
            if handoff.request_id
            else ("prise en charge sans demande enregistrée")
        )
        messages.success(request, f"{handoff.person.full_name} : {what}.")
    if handoff.to_role == Role.COUNSELLOR:
        return redirect("reception:counsellor_queue")
    return redirect("reception:coordinator_queue")
