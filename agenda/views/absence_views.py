"""Absences: record one, then decide in one go for each of the appointments it covers."""

from django import forms as django_forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from agenda import absences
from agenda.forms import AbsenceDecisionForm, AbsenceForm
from agenda.models import Absence
from audit.services import log_reads
from parcours.permissions import AGENDA_ROLES, agenda_staff_visible_to, role_required

ABSENCE_REASON = "Absence de l’agent"


@role_required(*AGENDA_ROLES)
def absence_create(request):
    staff = agenda_staff_visible_to(request.user).order_by("last_name", "first_name")
    form = AbsenceForm(request.POST or None, staff=staff, initial={"staff": request.user.pk})
    if request.method == "POST" and form.is_valid():
        absence = absences.record_absence(by=request.user, **form.cleaned_data)
        return redirect("agenda:absence_detail", pk=absence.pk)
    recent = (
        Absence.objects.filter(staff__in=staff)
        .select_related("staff")
        .order_by("-starts_on", "-pk")[:20]
    )
    return render(request, "agenda/absence_create.html", {"form": form, "recent": recent})


@role_required(*AGENDA_ROLES)
def absence_detail(request, pk):
    visible_staff = agenda_staff_visible_to(request.user)
    absence = get_object_or_404(
        Absence.objects.filter(staff__in=visible_staff).select_related("staff"), pk=pk
    )
    appointments = list(absences.appointments_in(absence, request.user))
    colleagues = list(
        visible_staff.exclude(pk=absence.staff_id).order_by("last_name", "first_name")
    )
    DecisionFormSet = django_forms.formset_factory(AbsenceDecisionForm, extra=0)
    formset = DecisionFormSet(
        request.POST or None,
        initial=[{"appointment": a.pk, "action": "keep"} for a in appointments],
        form_kwargs={"colleagues": colleagues},
        prefix="rdv",
    )
    if request.method == "POST" and formset.is_valid():
        by_pk = {a.pk: a for a in appointments}
        decisions = []
        for form in formset:
            appointment = by_pk.get(form.cleaned_data.get("appointment"))
            if appointment is not None:
                decisions.append(
                    (
                        appointment,
                        form.cleaned_data["action"],
                        form.cleaned_data.get("colleague"),
                        form.cleaned_data.get("starts_at"),
                    )
                )
        try:
            changed = absences.apply_decisions(decisions, by=request.user, reason=ABSENCE_REASON)
        except absences.DecisionRefused as refused:
            formset.forms[refused.index].add_error(refused.field, refused.message)
            messages.error(request, "Rien n’a été modifié : corrigez la ligne signalée.")
        else:
            messages.success(
                request,
                f"{changed} rendez-vous modifié{'s' if changed > 1 else ''} ; les personnes "
                "dont le rendez-vous est déplacé ou annulé sont prévenues.",
            )
            return redirect("agenda:absence_detail", pk=absence.pk)
    rows = list(zip(appointments, formset.forms, strict=False))
    log_reads(request, appointments, what="Rendez-vous d’une absence")
    return render(
        request,
        "agenda/absence_detail.html",
        {"absence": absence, "formset": formset, "rows": rows},
    )
