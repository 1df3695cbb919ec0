"""One session's page: when and where (its slot in the agenda), its status, the links to
attendance, sign-in sheet and evaluation; reschedule it (date, time, reason) or cancel it."""

from django.contrib import messages
from django.shortcuts import redirect, render

from parcours.permissions import WORKSHOP_ROLES, role_required
from workshops import scheduling, selectors
from workshops.models import EnrolmentStatus
from workshops.session_forms import CancelCycleForm, CancelSessionForm, RescheduleForm

ALREADY_DONE = "Action déjà effectuée."


@role_required(*WORKSHOP_ROLES)
def session_detail(request, pk, number):
    session = selectors.get_session_for_user(request.user, pk, number)
    action = request.POST.get("action") if request.method == "POST" else None
    reschedule = RescheduleForm(
        request.POST if action == "reschedule" else None,
        session=session,
        prefix="deplacer",
        initial={"on": session.on, "start_time": session.start_time, "duration": session.duration},
    )
    cancel = CancelSessionForm(request.POST if action == "cancel" else None, prefix="annuler")
    form = reschedule if action == "reschedule" else cancel if action == "cancel" else None
    if form is not None and form.is_valid():
        try:
            if form is reschedule:
                scheduling.reschedule_session(by=request.user, session=session, **form.cleaned_data)
                text = f"Séance {session.number} déplacée : l’agenda est à jour."
            else:
                scheduling.cancel_session(by=request.user, session=session, **form.cleaned_data)
                text = f"Séance {session.number} annulée : l’agenda est à jour."
        except scheduling.AlreadyDone:
            messages.info(request, ALREADY_DONE)
            return redirect("workshops:session_detail", pk=pk, number=number)
        except scheduling.SchedulingRefused as refused:
            field = refused.field if refused.field in form.fields else None
            form.add_error(field, refused.message)
        else:
            messages.success(request, text)
            return redirect("workshops:session_detail", pk=pk, number=number)
    return render(
        request,
        "workshops/session_detail.html",
        {
            "session": session,
            "cycle": session.cycle,
            "appointment": session.appointment,
            "facilitators": session.cycle.facilitators.all(),
            "enrolled": session.cycle.enrolments.filter(status=EnrolmentStatus.ENROLLED).count(),
            "reschedule_form": reschedule,
            "cancel_form": cancel,
        },
        status=400 if form is not None and form.errors else 200,
    )


@role_required(*WORKSHOP_ROLES)
def cycle_cancel(request, pk):
    """Cancel a cycle: its sessions to come leave the agenda (cancelled, with the reason)."""
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if cycle.cancelled_at is not None:
        messages.info(request, ALREADY_DONE)
        return redirect("workshops:cycle_detail", pk=cycle.pk)
    form = CancelCycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            count = scheduling.cancel_cycle(by=request.user, cycle=cycle, **form.cleaned_data)
        except scheduling.AlreadyDone:
            messages.info(request, ALREADY_DONE)
        except scheduling.SchedulingRefused as refused:
            form.add_error("reason", refused.message)
            return render(
                request, "workshops/cycle_cancel.html", {"cycle": cycle, "form": form}, status=400
            )
        else:
            messages.success(
                request,
                f"Cycle annulé : {count} séance{'s' if count > 1 else ''} à venir "
                f"annulée{'s' if count > 1 else ''} dans l’agenda.",
            )
        return redirect("workshops:cycle_detail", pk=cycle.pk)
    return render(
        request,
        "workshops/cycle_cancel.html",
        {"cycle": cycle, "form": form},
        status=400 if form.errors else 200,
    )
