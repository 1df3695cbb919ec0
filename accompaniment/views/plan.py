"""Diagnosis (dated, never overwritten, compared with the first) and the action plan."""

from django.contrib import messages
from django.shortcuts import redirect, render

from accompaniment import services
from accompaniment.forms import (
    ActionForm,
    ActionStatusForm,
    DiagnosisForm,
    ObjectiveForm,
    ObjectiveStatusForm,
)
from accompaniment.reference import Dimension, derived_level
from accompaniment.selectors import (
    accompaniment_for,
    action_for,
    diagnosis_for,
    first_diagnosis,
    objective_for,
    partner_organisations,
)
from accompaniment.views.accompaniments import ALREADY_DONE
from audit.services import log_access, log_reads
from parcours.permissions import ACCOMPANIMENT_ROLES, role_required


def _closed(request, accompaniment):
    """A form on a closed accompaniment saves nothing."""
    if accompaniment.is_open:
        return None
    messages.info(request, ALREADY_DONE)
    return redirect("accompaniment:detail", pk=accompaniment.pk)


@role_required(*ACCOMPANIMENT_ROLES)
def diagnosis_create(request, pk):
    accompaniment = accompaniment_for(request.user, pk)
    if (response := _closed(request, accompaniment)) is not None:
        return response
    diagnoses = list(accompaniment.diagnoses.all())
    previous = diagnoses[-1] if diagnoses else None
    if previous is not None:
        previous = diagnosis_for(request.user, previous.pk)
    form = DiagnosisForm(request.POST or None, previous=previous)
    if request.method == "POST" and form.is_valid():
        try:
            diagnosis = services.record_diagnosis(
                accompaniment,
                by=request.user,
                made_on=form.cleaned_data["made_on"],
                qualification_level=form.cleaned_data["qualification_level"],
                dimensions=form.dimensions(),
                submission=form.cleaned_data["submission"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
            return redirect("accompaniment:detail", pk=accompaniment.pk)
        messages.success(request, "Diagnostic enregistré.")
        return redirect("accompaniment:diagnosis_detail", pk=diagnosis.pk)
    log_reads(request, accompaniment, what="Nouveau diagnostic")
    return render(
        request,
        "accompaniment/diagnosis_form.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "form": form,
            "previous": previous,
        },
        status=400 if form.errors else 200,
    )


def _rows(diagnosis, first):
    """One row per dimension: this diagnosis, the first one, and whether it moved."""
    now = {d.dimension: d for d in diagnosis.dimensions.all()}
    before = {d.dimension: d for d in first.dimensions.all()} if first else {}
    rows = []
    for dimension in Dimension:
        current, earlier = now.get(dimension), before.get(dimension)
        moved = bool(
            first
            and current
            and earlier
            and (
                current.assessment != earlier.assessment
                or sorted(current.situations) != sorted(earlier.situations)
            )
        )
        rows.append({"label": dimension.label, "now": current, "before": earlier, "moved": moved})
    return rows


@role_required(*ACCOMPANIMENT_ROLES)
def diagnosis_detail(request, pk):
    diagnosis = diagnosis_for(request.user, pk)
    accompaniment = diagnosis.accompaniment
    log_access(actor=request.user, obj=accompaniment.person, detail="Diagnostic")
    first = first_diagnosis(diagnosis)
    qualification_moved = bool(first and first.qualification_level != diagnosis.qualification_level)
    return render(
        request,
        "accompaniment/diagnosis_detail.html",
        {
            "diagnosis": diagnosis,
            "first": first,
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "rows": _rows(diagnosis, first),
            "level_now": derived_level(diagnosis.qualification_level),
            "level_before": derived_level(first.qualification_level) if first else "",
            "qualification_moved": qualification_moved,
        },
    )


@role_required(*ACCOMPANIMENT_ROLES)
def objective_create(request, pk):
    accompaniment = accompaniment_for(request.user, pk)
    if (response := _closed(request, accompaniment)) is not None:
        return response
    form = ObjectiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_objective(
                accompaniment,
                by=request.user,
                dimension=form.cleaned_data["dimension"],
                title=form.cleaned_data["title"],
                submission=form.cleaned_data["submission"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(request, "Objectif ajouté au plan.")
        return redirect(f"{accompaniment.get_absolute_url()}#plan")
    log_reads(request, accompaniment, what="Nouvel objectif")
    return render(
        request,
        "accompaniment/objective_form.html",
        {"accompaniment": accompaniment, "person": accompaniment.person, "form": form},
        status=400 if form.errors else 200,
    )


@role_required(*ACCOMPANIMENT_ROLES)
def objective_status(request, pk):
    objective = objective_for(request.user, pk)
    accompaniment = objective.accompaniment
    if (response := _closed(request, accompaniment)) is not None:
        return response
    form = ObjectiveStatusForm(
        request.POST or None,
        initial={"expected_status": objective.status, "status": objective.status},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_objective_status(
                objective,
                by=request.user,
                status=form.cleaned_data["status"],
                expected_status=form.cleaned_data["expected_status"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(request, "Statut de l’objectif enregistré.")
        return redirect(f"{accompaniment.get_absolute_url()}#plan")
    return _form_page(
        request,
        accompaniment,
        form,
        what="Statut d’un objectif",
        title=f"Objectif : {objective.title}",
        button="Enregistrer le statut",
    )


@role_required(*ACCOMPANIMENT_ROLES)
def action_create(request, pk):
    objective = objective_for(request.user, pk)
    accompaniment = objective.accompaniment
    if (response := _closed(request, accompaniment)) is not None:
        return response
    form = ActionForm(
        request.POST or None,
        partners=partner_organisations(),
        start_date=accompaniment.start_date,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.add_action(
                objective,
                by=request.user,
                title=data["title"],
                owner=data["owner"],
                partner=data["partner"],
                due_on=data["due_on"],
                submission=data["submission"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(request, "Action ajoutée au plan.")
        return redirect(f"{accompaniment.get_absolute_url()}#plan")
    return _form_page(
        request,
        accompaniment,
        form,
        what="Nouvelle action",
        title=f"Nouvelle action – {objective.title}",
        button="Ajouter l’action",
    )


@role_required(*ACCOMPANIMENT_ROLES)
def action_status(request, pk):
    action = action_for(request.user, pk)
    accompaniment = action.objective.accompaniment
    if (response := _closed(request, accompaniment)) is not None:
        return response
    form = ActionStatusForm(
        request.POST or None,
        initial={
            "expected_status": action.status,
            "status": action.status,
            "done_on": action.done_on,
        },
        start_date=accompaniment.start_date,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.set_action_status(
                action,
                by=request.user,
                status=form.cleaned_data["status"],
                expected_status=form.cleaned_data["expected_status"],
                done_on=form.cleaned_data["done_on"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(request, "Statut de l’action enregistré.")
        return redirect(f"{accompaniment.get_absolute_url()}#plan")
    return _form_page(
        request,
        accompaniment,
        form,
        what="Statut d’une action",
        title=f"Action : {action.title}",
        button="Enregistrer le statut",
    )


@role_required(*ACCOMPANIMENT_ROLES)
def plan_print(request, pk):
    """The one-page plan handed to the person, in plain French (print stylesheet)."""
    accompaniment = accompaniment_for(request.user, pk)
    log_access(actor=request.user, obj=accompaniment.person, detail="Impression du plan d’action")
    objectives = list(accompaniment.objectives.all())
    done, counted = services.plan_progress(objectives)
    return render(
        request,
        "accompaniment/plan_print.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "objectives": objectives,
            "progress": {"done": done, "counted": counted},
        },
    )


def _form_page(request, accompaniment, form, *, what, title, button):
    """A small form about one accompaniment (status, action): logged, re-shown with 400."""
    log_reads(request, accompaniment, what=what)
    return render(
        request,
        "accompaniment/simple_form.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "form": form,
            "title": title,
            "button": button,
        },
        status=400 if form.errors else 200,
    )
