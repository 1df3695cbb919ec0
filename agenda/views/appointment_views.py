"""One appointment: book it, read it, say what happened, print its letter; the person's
channel preference; reception's « Personnes attendues » and « Arrivé·e »."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from accounts.models import Role
from agenda import messaging, selectors, services
from agenda.forms import AppointmentForm, ContactPreferenceForm, MoveForm, StatusForm
from agenda.models import (
    AppointmentMessage,
    AppointmentStatus,
    ContactPreference,
    MessageChannel,
)
from audit.models import AccessAction
from audit.services import log_access, log_reads
from parcours.permissions import (
    AGENDA_READER_ROLES,
    AGENDA_ROLES,
    ARRIVAL_ROLES,
    PERSON_CASE_ROLES,
    agenda_sites_visible_to,
    can_book_appointment,
    can_change_appointment,
    can_mark_arrived,
    centre_ids_for,
    persons_visible_to,
    role_required,
)


def _bookable_person(user, person_pk):
    person = get_object_or_404(
        persons_visible_to(user, PERSON_CASE_ROLES).select_related("centre"), pk=person_pk
    )
    if not can_book_appointment(user, person):
        raise PermissionDenied
    return person


def _booking_choices(user):
    from accounts.models import User
    from organisations.models import Site

    centre_ids = centre_ids_for(user, AGENDA_ROLES)
    sites = Site.objects.filter(centre_id__in=centre_ids).select_related("centre")
    staff = (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=AGENDA_ROLES,
            memberships__centre_id__in=centre_ids,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    return sites.order_by("centre__position", "position", "name"), staff


@role_required(*AGENDA_ROLES)
def book(request, person_pk):
    person = _bookable_person(request.user, person_pk)
    sites, staff = _booking_choices(request.user)
    form = AppointmentForm(
        request.POST or None,
        sites=sites,
        staff=staff,
        initial={"staff": request.user.pk, "duration": 60},
    )
    warning = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            appointment = services.book_appointment(
                by=request.user,
                person=person,
                staff=data["staff"],
                centre=data["site"].centre,
                site=data["site"],
                room=data["room"],
                kind=data["kind"],
                starts_at=data["starts_at"],
                duration=data["duration"],
                accept_warnings=data["accept_warnings"],
            )
        except (services.SlotProblem, services.SlotTaken) as problem:
            warning = getattr(problem, "warning", False)
            form.add_problem(problem)
        else:
            messages.success(request, "Rendez-vous enregistré. La convocation va partir.")
            return redirect("agenda:detail", pk=appointment.pk)
    log_reads(request, person, what="Prise de rendez-vous")
    return render(request, "agenda/book.html", {"person": person, "form": form, "warning": warning})


def _workshop_detail(request, appointment):
    """A workshop session: what, when, where, its history; managed from the session's
    page (no status form, no messages: nobody to write to)."""
    from parcours.permissions import cycles_visible_to

    session = getattr(appointment, "workshop_session", None)
    log_reads(request, [], what="Séance d’atelier dans l’agenda")
    return render(
        request,
        "agenda/workshop_detail.html",
        {
            "appointment": appointment,
            "session": session,
            "session_visible": session is not None
            and cycles_visible_to(request.user).filter(pk=session.cycle_id).exists(),
            "can_change": can_change_appointment(request.user, appointment),
            "events": appointment.events.select_related("by").order_by("-at", "-pk"),
        },
    )


def _not_for_workshops(request, appointment):
    """Status, move and letters of a workshop session belong to the session's page."""
    if appointment.is_workshop:
        messages.info(request, services.WORKSHOP_STATUS_FOLLOWS)
        return redirect("agenda:detail", pk=appointment.pk)
    return None


@role_required(*AGENDA_READER_ROLES)
def detail(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    if appointment.is_workshop:
        return _workshop_detail(request, appointment)
    log_access(actor=request.user, obj=appointment.person, detail="rendez-vous")
    can_change = can_change_appointment(request.user, appointment)
    context = {
        "appointment": appointment,
        "can_change": can_change,
        "can_mark_arrived": can_mark_arrived(request.user, appointment)
        and appointment.status == AppointmentStatus.PLANNED
        and appointment.arrived_at is None,
        "events": appointment.events.select_related("by").order_by("-at", "-pk"),
    }
    if can_change:
        context["messages_log"] = Paginator(
            appointment.messages.order_by("-created_at", "-pk"), 20
        ).get_page(request.GET.get("messages"))
        if not appointment.is_cancelled:
            context["status_form"] = StatusForm(initial={"expected_status": appointment.status})
    return render(request, "agenda/detail.html", context)


@role_required(*AGENDA_ROLES)
@require_POST
def set_status(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    if not can_change_appointment(request.user, appointment):
        raise PermissionDenied
    if refused := _not_for_workshops(request, appointment):
        return refused
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.record_status(
                appointment,
                form.cleaned_data["status"],
                by=request.user,
                expected_status=form.cleaned_data["expected_status"],
                reason=form.cleaned_data["reason"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, "Action déjà effectuée.")
            return redirect("agenda:detail", pk=pk)
        except services.SlotProblem as problem:
            form.add_error(problem.field if problem.field in form.fields else None, problem.message)
        else:
            messages.success(request, "Statut enregistré.")
            return redirect("agenda:detail", pk=pk)
    log_reads(request, appointment, what="rendez-vous")
    return render(
        request,
        "agenda/detail.html",
        {
            "appointment": appointment,
            "can_change": True,
            "status_form": form,
            "events": appointment.events.select_related("by").order_by("-at", "-pk"),
            "messages_log": Paginator(
                appointment.messages.order_by("-created_at", "-pk"), 20
            ).get_page(1),
        },
        status=400,
    )


@role_required(*AGENDA_ROLES)
def move(request, pk):
    """Another slot and/or a colleague; the person is told of a new slot by their channel."""
    from accounts.models import User

    appointment = selectors.appointment_for(request.user, pk)
    if not can_change_appointment(request.user, appointment):
        raise PermissionDenied
    if refused := _not_for_workshops(request, appointment):
        return refused
    if appointment.status != AppointmentStatus.PLANNED:
        messages.info(request, "Action déjà effectuée.")
        return redirect("agenda:detail", pk=pk)
    staff = (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=AGENDA_ROLES,
            memberships__centre_id=appointment.centre_id,
        )
        .distinct()
        .order_by("last_name", "first_name")
    )
    form = MoveForm(request.POST or None, staff=staff, initial={"staff": appointment.staff_id})
    warning = False
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unchanged = data.get("starts_at") in (None, appointment.starts_at) and (
            data["staff"].pk == appointment.staff_id
        )
        try:
            if unchanged:
                raise services.SlotProblem(
                    "Rien n’a changé : choisissez un autre créneau ou un·e collègue."
                )
            services.move_appointment(
                appointment,
                by=request.user,
                starts_at=data.get("starts_at"),
                staff=data["staff"],
                accept_warnings=data["accept_warnings"],
            )
        except services.ActionAlreadyDone:
            messages.info(request, "Action déjà effectuée.")
            return redirect("agenda:detail", pk=pk)
        except (services.SlotProblem, services.SlotTaken) as problem:
            warning = getattr(problem, "warning", False)
            form.add_problem(problem)
        else:
            messages.success(request, "Rendez-vous modifié ; la personne est prévenue.")
            return redirect("agenda:detail", pk=pk)
    log_reads(request, appointment, what="Déplacer un rendez-vous")
    return render(
        request,
        "agenda/move.html",
        {"appointment": appointment, "form": form, "warning": warning},
    )


@role_required(*AGENDA_ROLES)
def letter(request, pk):
    """The printable convocation for people with neither e-mail nor mobile phone."""
    appointment = selectors.appointment_for(request.user, pk)
    if not can_change_appointment(request.user, appointment):
        raise PermissionDenied
    if refused := _not_for_workshops(request, appointment):
        return refused
    log_access(actor=request.user, obj=appointment.person, detail="courrier de rendez-vous")
    letter_message = (
        appointment.messages.filter(channel=MessageChannel.LETTER).order_by("-created_at").first()
    )
    subject, body = messaging.message_text(
        appointment, letter_message.kind if letter_message else "invitation"
    )
    return render(
        request,
        "agenda/letter.html",
        {"appointment": appointment, "subject": subject, "body": body, "letter": letter_message},
    )


@role_required(*AGENDA_ROLES)
@require_POST
def letter_printed(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    if not can_change_appointment(request.user, appointment):
        raise PermissionDenied
    message_pk = request.POST.get("message", "")
    message = get_object_or_404(
        AppointmentMessage,
        appointment=appointment,
        pk=int(message_pk) if message_pk.isdigit() else 0,
    )
    if messaging.mark_letter_printed(message, by=request.user):
        messages.success(request, "Courrier noté comme imprimé.")
    else:
        messages.info(request, "Action déjà effectuée.")
    return redirect("agenda:detail", pk=pk)


@role_required(*AGENDA_ROLES)
def preferences(request, person_pk):
    person = _bookable_person(request.user, person_pk)
    current = ContactPreference.objects.filter(person=person).first()
    initial = (
        {"channel": current.channel, "no_sms": current.no_sms, "reminders": current.reminders}
        if current
        else {"channel": "all", "no_sms": False, "reminders": True}
    )
    form = ContactPreferenceForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            ContactPreference.objects.update_or_create(
                person=person, defaults={**form.cleaned_data, "updated_by": request.user}
            )
            log_access(
                actor=request.user,
                obj=person,
                action=AccessAction.CHANGE,
                detail="préférence de contact",
            )
        messages.success(request, "Préférence enregistrée.")
        return redirect("people:file", pk=person.pk)
    log_reads(request, person, what="Préférence de contact")
    return render(request, "agenda/preferences.html", {"person": person, "form": form})


@role_required(Role.RECEPTION, Role.COORDINATOR)
def expected(request):
    """Reception's day list per site: « Personnes attendues », and « Arrivé·e »."""
    sites = list(
        agenda_sites_visible_to(request.user)
        .filter(centre_id__in=centre_ids_for(request.user, [Role.RECEPTION, Role.COORDINATOR]))
        .select_related("centre")
        .order_by("centre__position", "position", "name")
    )
    site = next((s for s in sites if str(s.pk) == request.GET.get("site")), None)
    page = Paginator(selectors.expected_today(request.user, site), 50).get_page(
        request.GET.get("page")
    )
    log_reads(request, page, what="Personnes attendues")
    return render(request, "agenda/expected.html", {"sites": sites, "site": site, "page": page})


@role_required(*ARRIVAL_ROLES)
@require_POST
def mark_arrived(request, pk):
    appointment = selectors.appointment_for(request.user, pk)
    if refused := _not_for_workshops(request, appointment):
        return refused
    try:
        services.mark_arrived(appointment, by=request.user)
    except services.ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        messages.success(
            request,
            f"Arrivée notée : {appointment.staff.get_full_name()} le voit sur son agenda.",
        )
    next_url = request.POST.get("next", "")
    if next_url in ("reception", "expected"):
        return redirect(
            "reception:reception_queue" if next_url == "reception" else "agenda:expected"
        )
    return redirect("agenda:detail", pk=pk)
