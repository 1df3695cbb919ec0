"""The accompaniment: opened from a request, its page, its steps (pause, resume, renew, end)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render

from accompaniment import services
from accompaniment.choices import AccompanimentStatus, Mode
from accompaniment.forms import CloseForm, OpenForm, PauseForm, RenewForm, ResumeForm
from accompaniment.selectors import (
    accompaniment_for,
    accompaniments_listed_for,
    contacts_listed_for,
)
from audit.services import log_access, log_reads
from parcours.paging import LimitPage
from parcours.permissions import (
    ACCOMPANIMENT_OPENER_ROLES,
    ACCOMPANIMENT_ROLES,
    can_open_accompaniment,
    centre_ids_for,
    role_required,
)
from people.selectors import referent_candidates
from reception.selectors import request_with_history

LIST_PAGE_SIZE = 25
ALREADY_DONE = "Action déjà effectuée."


@role_required(*ACCOMPANIMENT_ROLES)
def accompaniment_list(request):
    """Every accompaniment of the user's centres; filter by status in the query string."""
    status = request.GET.get("statut", "")
    if status not in AccompanimentStatus.values:
        status = ""
    rows = accompaniments_listed_for(request.user, status=status)
    # A page and one row more, never a COUNT of every accompaniment (parcours.paging).
    page = LimitPage(rows, request.GET.get("page"), LIST_PAGE_SIZE)
    log_reads(request, page, what="Accompagnements")
    return render(
        request,
        "accompaniment/list.html",
        {"page": page, "status": status, "statuses": AccompanimentStatus.choices},
    )


@role_required(*ACCOMPANIMENT_OPENER_ROLES)
def accompaniment_open(request, request_pk):
    """ "Démarrer l’accompagnement" from a request awaiting analysis."""
    integration_request = request_with_history(request.user, request_pk)
    if hasattr(integration_request, "accompaniment"):
        messages.info(request, ALREADY_DONE)
        return redirect("accompaniment:detail", pk=integration_request.accompaniment.pk)
    if not can_open_accompaniment(request.user, integration_request):
        if request.method == "POST":
            messages.info(request, ALREADY_DONE)
            return redirect("reception:request_detail", pk=integration_request.pk)
        raise PermissionDenied("Seule la ou le CIP démarre un accompagnement.")
    modes = [
        (mode, Mode(mode).label) for mode in services.modes_offered_by(integration_request.centre)
    ]
    form = OpenForm(
        request.POST or None,
        candidates=referent_candidates(integration_request.person),
        modes=modes,
        initial={"expected_status": integration_request.status, "referent": request.user.pk},
    )
    if request.method == "POST" and form.is_valid():
        try:
            accompaniment = services.open_accompaniment(
                integration_request,
                by=request.user,
                referent=form.cleaned_data["referent"],
                mode=form.cleaned_data["mode"],
                start_date=form.cleaned_data["start_date"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
            return redirect("reception:request_detail", pk=integration_request.pk)
        except services.AlreadyAccompanied:
            form.add_error(
                None,
                "Cette personne est déjà accompagnée : "
                "terminez d’abord son accompagnement en cours.",
            )
        else:
            messages.success(request, "Accompagnement démarré.")
            return redirect("accompaniment:detail", pk=accompaniment.pk)
    log_reads(request, integration_request, what="Démarrer l’accompagnement")
    return render(
        request,
        "accompaniment/open.html",
        {"integration_request": integration_request, "form": form, "modes": modes},
        status=400 if form.errors else 200,
    )


@role_required(*ACCOMPANIMENT_ROLES)
def accompaniment_detail(request, pk):
    from workshops.selectors import enrolments_of_accompaniment

    accompaniment = accompaniment_for(request.user, pk)
    log_access(actor=request.user, obj=accompaniment.person, detail="Accompagnement")
    objectives = list(accompaniment.objectives.all())
    done, counted = services.plan_progress(objectives)
    return render(
        request,
        "accompaniment/detail.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "objectives": objectives,
            "diagnoses": list(accompaniment.diagnoses.all()),
            "orientations": list(accompaniment.orientations.all()),
            "contacts": list(contacts_listed_for(request.user, person=accompaniment.person)[:10]),
            "enrolments": list(enrolments_of_accompaniment(request.user, accompaniment)),
            "progress": {"done": done, "counted": counted},
        },
    )


STEPS = {
    "pause": ("Mettre en pause", PauseForm),
    "reprise": ("Reprendre l’accompagnement", ResumeForm),
    "renouvellement": ("Renouveler l’accompagnement", RenewForm),
    "fin": ("Terminer l’accompagnement", CloseForm),
}


def _step_allowed(name, accompaniment) -> bool:
    return {
        "pause": accompaniment.status == AccompanimentStatus.ACTIVE,
        "reprise": accompaniment.status == AccompanimentStatus.PAUSED,
        "renouvellement": accompaniment.is_open,
        "fin": accompaniment.is_open,
    }[name]


@role_required(*ACCOMPANIMENT_ROLES)
def accompaniment_step(request, pk, name):
    """Pause, resume, renew or end: a form of its own, a stale one saves nothing."""
    accompaniment = accompaniment_for(request.user, pk)
    if name not in STEPS:
        raise Http404
    if accompaniment.centre_id not in centre_ids_for(request.user, ACCOMPANIMENT_ROLES):
        raise Http404
    title, form_class = STEPS[name]
    if not _step_allowed(name, accompaniment):
        messages.info(request, ALREADY_DONE)
        return redirect("accompaniment:detail", pk=accompaniment.pk)
    kwargs = {"start_date": accompaniment.start_date} if form_class is CloseForm else {}
    initial = {
        "expected_status": accompaniment.status,
        "expected_review_on": accompaniment.review_on,
    }
    form = form_class(request.POST or None, initial=initial, **kwargs)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if name == "pause":
                services.pause(
                    accompaniment,
                    by=request.user,
                    expected_status=data["expected_status"],
                    on=data["on"],
                    reason=data["reason"],
                    comment=data["comment"],
                )
            elif name == "reprise":
                services.resume(
                    accompaniment,
                    by=request.user,
                    expected_status=data["expected_status"],
                    on=data["on"],
                    comment=data["comment"],
                )
            elif name == "renouvellement":
                services.renew(
                    accompaniment,
                    by=request.user,
                    expected_review_on=data["expected_review_on"],
                    on=data["on"],
                    comment=data["comment"],
                )
            else:
                services.close(
                    accompaniment,
                    by=request.user,
                    expected_status=data["expected_status"],
                    on=data["on"],
                    exit_reason=data["exit_reason"],
                    comment=data["comment"],
                )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(request, f"{title} : c’est fait.")
        return redirect("accompaniment:detail", pk=accompaniment.pk)
    log_reads(request, accompaniment, what=title)
    return render(
        request,
        "accompaniment/step.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "form": form,
            "title": title,
            "name": name,
        },
        status=400 if form.errors else 200,
    )
