"""The desk: log a visit in seconds, with or without a person, and see the day's visits."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from audit.services import log_reads
from organisations.models import Centre
from parcours.french import agreed, role_recipient
from parcours.idempotency import FIELD as IDEMPOTENCY_FIELD
from parcours.idempotency import AlreadySubmitted, submitted_once
from parcours.permissions import (
    DESK_ROLES,
    can_log_visit,
    centre_ids_for,
    get_person_for_user,
    role_required,
    visits_visible_to,
)
from reception import services
from reception.forms import VisitForm
from reception.selectors import visits_of_the_day, visits_today_counts

PAGE_SIZE = 25


def desk_centre(request):
    """The acting centre when the user keeps the desk there, else their first desk centre."""
    acting = request.acting_centre
    if acting is not None and can_log_visit(request.user, acting):
        return acting
    centre_ids = centre_ids_for(request.user, DESK_ROLES)
    return Centre.objects.filter(pk__in=centre_ids).order_by("position", "name").first()


@role_required(*DESK_ROLES)
def desk(request):
    centre = desk_centre(request)
    person = None
    person_pk = request.GET.get("person") or request.POST.get("person")
    if person_pk:
        if not str(person_pk).isdigit():
            return redirect("reception:desk")
        person = get_person_for_user(request.user, person_pk)
    form = VisitForm(request.POST or None, sites=centre.sites.order_by("position", "name"))
    if request.method == "POST" and form.is_valid():
        try:
            with submitted_once(request.user, form.cleaned_data.get(IDEMPOTENCY_FIELD)):
                services.record_visit(
                    by=request.user,
                    centre=centre,
                    site=form.cleaned_data["site"],
                    reason=form.cleaned_data["reason"],
                    outcome=form.cleaned_data["outcome"],
                    person=person,
                    note=form.cleaned_data["note"],
                )
        except AlreadySubmitted:
            messages.info(request, AlreadySubmitted.message)
            return redirect("reception:desk")
        who = person.full_name if person else "Passage anonyme"
        messages.success(request, f"Passage enregistré : {who}.")
        return redirect("reception:desk")
    visits = visits_of_the_day(request.user, centre)
    total, anonymous_count = visits_today_counts(centre)
    paginator = Paginator(visits, PAGE_SIZE)
    paginator.count = total  # the trigger-kept count of the day: no COUNT query
    page = paginator.get_page(request.GET.get("page"))
    log_reads(request, [*([person] if person else []), *page], what="Accueil : passages du jour")
    return render(
        request,
        "reception/desk.html",
        {
            "centre": centre,
            "person": person,
            "form": form,
            "page": page,
            "anonymous_count": anonymous_count,
        },
    )


@role_required(*DESK_ROLES)
@require_POST
def visit_handoff(request, pk):
    """Hand a visitor over to the coordination after the fact (the visit was logged first)."""
    visit = get_object_or_404(visits_visible_to(request.user).select_related("person"), pk=pk)
    if visit.person_id is None or not can_log_visit(request.user, visit.centre):
        raise PermissionDenied("Ce passage ne peut pas être transmis.")
    try:
        services.hand_visit_over(visit, by=request.user)
    except services.ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        sent = agreed("transmis", "transmise", visit.person.sex)
        messages.success(
            request,
            f"{visit.person.full_name} a été {sent} à "
            f"{role_recipient('coordinator', visit.centre.name)}.",
        )
    return redirect("reception:desk")
