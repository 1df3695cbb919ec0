"""Thin views of the workshops: scoped reads from selectors, writes through services."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from audit.services import log_reads
from organisations.models import Site
from parcours.permissions import (
    PERSON_CASE_ROLES,
    WORKSHOP_ROLES,
    agenda_staff_visible_to,
    cycles_visible_to,
    persons_visible_to,
    role_required,
    workshop_centres_for,
)
from workshops import feedback as public_feedback
from workshops import selectors, services
from workshops.forms import (
    AdjustThemeForm,
    CycleForm,
    EnrolForm,
    EvaluationForm,
    FeedbackForm,
    ThemeForm,
    ThemesForm,
)
from workshops.models import AttendanceStatus, Enrolment, EnrolmentStatus, Theme

ALREADY_DONE = "Action déjà effectuée."


@role_required(*WORKSHOP_ROLES)
def theme_list(request):
    form = ThemeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.save_theme(by=request.user, form=form)
        messages.success(request, "Thème ajouté au catalogue.")
        return redirect("workshops:theme_list")
    return render(
        request, "workshops/theme_list.html", {"themes": Theme.objects.all(), "form": form}
    )


@role_required(*WORKSHOP_ROLES)
def theme_edit(request, pk):
    theme = get_object_or_404(Theme, pk=pk)
    form = ThemeForm(request.POST or None, instance=theme)
    if request.method == "POST" and form.is_valid():
        services.save_theme(by=request.user, form=form)
        messages.success(request, "Thème enregistré.")
        return redirect("workshops:theme_list")
    return render(request, "workshops/theme_edit.html", {"theme": theme, "form": form})


@role_required(*WORKSHOP_ROLES)
def cycle_list(request):
    cycles = (
        cycles_visible_to(request.user)
        .select_related("centre", "site")
        .order_by("-starts_on", "-pk")
    )
    page = Paginator(cycles, 25).get_page(request.GET.get("page"))
    return render(request, "workshops/cycle_list.html", {"page": page})


@role_required(*WORKSHOP_ROLES)
def cycle_create(request):
    centres = workshop_centres_for(request.user)
    form = CycleForm(
        request.POST or None,
        centres=centres,
        sites=Site.objects.filter(centre__in=centres).select_related("centre"),
        staff=agenda_staff_visible_to(request.user).order_by("last_name", "first_name"),
        initial={"facilitators": [request.user.pk], "session_count": 7},
    )
    if request.method == "POST" and form.is_valid():
        try:
            cycle = services.open_cycle(by=request.user, **form.cleaned_data)
        except services.WorkshopRefused as refused:
            form.add_error(refused.field, refused.message)
        else:
            messages.success(request, "Cycle ouvert : proposez maintenant les thèmes.")
            return redirect("workshops:cycle_themes", pk=cycle.pk)
    return render(request, "workshops/cycle_create.html", {"form": form})


@role_required(*WORKSHOP_ROLES)
def cycle_detail(request, pk):
    cycle = selectors.get_cycle_for_user(request.user, pk)
    participants = list(selectors.participants_of(cycle))
    waiting = list(selectors.enrolments_of(cycle, EnrolmentStatus.WAITING))
    log_reads(request, participants + waiting, what="Cycle d’ateliers")
    return render(
        request,
        "workshops/cycle_detail.html",
        {
            "cycle": cycle,
            "sessions": selectors.sessions_with_figures(cycle),
            "participants": participants,
            "waiting": waiting,
            "facilitators": cycle.facilitators.all(),
        },
    )


@role_required(*WORKSHOP_ROLES)
def cycle_themes(request, pk):
    cycle = selectors.get_cycle_for_user(request.user, pk)
    if cycle.themes_validated_on:
        messages.info(request, "Les thèmes sont validés : ajustez-les séance par séance.")
        return redirect("workshops:cycle_detail", pk=cycle.pk)
    sessions = list(cycle.sessions.select_related("theme").order_by("number"))
    form = ThemesForm(request.POST or None, sessions=sessions, themes=Theme.objects.all())
    if request.method == "POST" and form.is_valid():
        validate = "validate" in request.POST
        try:
            services.set_themes(
                by=request.user,
                cycle=cycle,
                themes_by_session=form.themes_by_session(),
                validate=validate,
            )
        except services.AlreadyDone:
            messages.info(request, ALREADY_DONE)
        else:
            messages.success(
                request,
                "Thèmes validés avec le groupe." if validate else "Thèmes proposés enregistrés.",
            )
        return redirect("workshops:cycle_detail", pk=cycle.pk)
    return render(request, "workshops/cycle_themes.html", {"cycle": cycle, "form": form})


@role_required(*WORKSHOP_ROLES)
def session_theme(request, pk, number):
    session = selectors.get_session_for_user(request.user, pk, number)
    form = AdjustThemeForm(request.POST or None, themes=Theme.objects.all())
    if request.method == "POST" and form.is_valid():
        try:
            services.adjust_theme(by=request.user, session=session, **form.cleaned_data)
        except services.AlreadyDone:
            messages.info(request, ALREADY_DONE)
        except services.WorkshopRefused as refused:
            form.add_error(refused.field, refused.message)
            return render(
                request, "workshops/session_theme.html", {"session": session, "form": form}
            )
        else:
            messages.success(request, "Thème de la séance ajusté.")
        return redirect("workshops:cycle_detail", pk=session.cycle_id)
    return render(request, "workshops/session_theme.html", {"session": session, "form": form})


@role_required(*PERSON_CASE_ROLES)
def enrol_person(request, person_pk):
    person = get_object_or_404(persons_visible_to(request.user, PERSON_CASE_ROLES), pk=person_pk)
    cycles = (
        cycles_visible_to(request.user)
        .filter(centre_id=person.centre_id, cancelled_at__isnull=True)
        .order_by("-starts_on")
    )
    form = EnrolForm(request.POST or None, cycles=cycles)
    if request.method == "POST" and form.is_valid():
        try:
            enrolment = services.enrol(
                by=request.user, cycle=form.cleaned_data["cycle"], person=person
            )
        except services.AlreadyDone:
            messages.info(request, ALREADY_DONE)
        except services.WorkshopRefused as refused:
            form.add_error("cycle", refused.message)
            return render(request, "workshops/enrol.html", {"person": person, "form": form})
        else:
            if enrolment.status == EnrolmentStatus.ENROLLED:
                messages.success(request, "Personne inscrite au cycle.")
            else:
                messages.success(request, "Le cycle est complet : personne en liste d’attente.")
        return redirect("workshops:cycle_detail", pk=form.cleaned_data["cycle"].pk)
    log_reads(request, person, what="Inscription à un atelier")
    return render(request, "workshops/enrol.html", {"person": person, "form": form})


@role_required(*WORKSHOP_ROLES)
@require_POST
def withdraw(request, pk):
    enrolment = get_object_or_404(
        Enrolment.objects.filter(cycle__in=cycles_visible_to(request.user).values("pk")), pk=pk
    )
    try:
        promoted = services.withdraw(by=request.user, enrolment=enrolment)
    except services.AlreadyDone:
        messages.info(request, ALREADY_DONE)
    except services.WorkshopRefused as refused:
        messages.error(request, refused.message)
    else:
        text = "Personne désinscrite."
        if promoted:
            text += " La première personne en attente obtient la place."
        messages.success(request, text)
    return redirect("workshops:cycle_detail", pk=enrolment.cycle_id)


@role_required(*WORKSHOP_ROLES)
def session_attendance(request, pk, number):
    session = selectors.get_session_for_user(request.user, pk, number)
    participants = list(selectors.participants_of(session.cycle))
    current = {a.enrolment_id: a.status for a in session.attendances.all()}
    if request.method == "POST":
        statuses = {}
        for enrolment in participants:
            value = request.POST.get(f"p{enrolment.pk}")
            if value in AttendanceStatus.values:
                statuses[enrolment.pk] = value
        # A restricted file's row has no choices: its attendance is not recorded.
        missing = [e for e in participants if e.pk not in statuses and not e.person.restricted_at]
        if missing:
            messages.error(
                request, "Indiquez la présence de chaque participant·e (lignes signalées)."
            )
            current.update(statuses)
        else:
            try:
                services.record_attendance(by=request.user, session=session, statuses=statuses)
            except services.WorkshopRefused as refused:
                messages.error(request, refused.message)
                current.update(statuses)
            else:
                messages.success(request, f"Présences de la séance {session.number} enregistrées.")
                return redirect("workshops:cycle_detail", pk=session.cycle_id)
    else:
        missing = []
    missing_pks = {e.pk for e in missing}
    rows = [(e, current.get(e.pk), e.pk in missing_pks) for e in participants]
    log_reads(request, participants, what="Présences d’une séance d’atelier")
    return render(
        request,
        "workshops/session_attendance.html",
        {"session": session, "rows": rows, "choices": AttendanceStatus.choices},
    )


@role_required(*WORKSHOP_ROLES)
def session_sheet(request, pk, number):
    session = selectors.get_session_for_user(request.user, pk, number)
    participants = list(selectors.participants_of(session.cycle))
    log_reads(request, participants, what="Feuille d’émargement")
    return render(
        request,
        "workshops/session_sheet.html",
        {
            "session": session,
            "participants": participants,
            "public_form": public_feedback.public_form_context(request, session),
        },
    )


@role_required(*WORKSHOP_ROLES)
def session_evaluation(request, pk, number):
    session = selectors.get_session_for_user(request.user, pk, number)
    evaluation = EvaluationForm(
        request.POST if "evaluation" in request.POST else None, instance=session
    )
    feedback = FeedbackForm(request.POST if "feedback" in request.POST else None)
    if request.method == "POST":
        if evaluation.is_bound and evaluation.is_valid():
            services.record_evaluation(by=request.user, session=session, **evaluation.cleaned_data)
            messages.success(request, "Évaluation enregistrée.")
            return redirect("workshops:session_evaluation", pk=pk, number=number)
        if feedback.is_bound and feedback.is_valid():
            services.add_feedback(by=request.user, session=session, **feedback.cleaned_data)
            messages.success(request, "Avis enregistré : saisissez le suivant.")
            return redirect("workshops:session_evaluation", pk=pk, number=number)
    return render(
        request,
        "workshops/session_evaluation.html",
        {
            "session": session,
            "evaluation": evaluation,
            "feedback_form": feedback,
            "feedback": session.feedback.all(),
            "public_form": public_feedback.public_form_context(request, session),
        },
    )


@role_required(*WORKSHOP_ROLES)
def cycle_report(request, pk):
    cycle = selectors.get_cycle_for_user(request.user, pk)
    sessions = list(selectors.sessions_with_figures(cycle))
    participants = list(selectors.participants_of(cycle))
    enrolled = len(participants)
    for session in sessions:
        session.rate = (
            round(100 * session.present / enrolled) if enrolled and session.recorded else None
        )
    changes = (
        services.ThemeChange.objects.filter(session__cycle=cycle, kind="adjusted")
        .select_related("session", "old_theme", "new_theme", "by")
        .order_by("at")
    )
    feedback = (
        services.Feedback.objects.filter(session__cycle=cycle)
        .exclude(comment="")
        .select_related("session")
        .order_by("session__number", "pk")
    )
    log_reads(request, participants, what="Bilan d’un cycle d’ateliers")
    return render(
        request,
        "workshops/cycle_report.html",
        {
            "cycle": cycle,
            "sessions": sessions,
            "enrolled": enrolled,
            "changes": changes,
            "feedback": feedback,
            "exits": selectors.exits_of(request.user, [e.person_id for e in participants]),
        },
    )
