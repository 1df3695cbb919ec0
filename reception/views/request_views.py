"""Requests: the coordinator records one; coordinator and CIP move it through its lifecycle."""

from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Role
from audit.services import log_reads
from parcours.french import de
from parcours.idempotency import FIELD as IDEMPOTENCY_FIELD
from parcours.idempotency import AlreadySubmitted, submitted_once
from parcours.paging import LimitPage
from parcours.permissions import (
    can_hand_request_to_colleague,
    can_record_request,
    can_transition_request,
    get_person_for_user,
    role_required,
)
from reception import services
from reception.forms import ColleagueHandoffForm, RequestFilterForm, RequestForm, TransitionForm
from reception.lifecycle import TRANSITIONS, available_from
from reception.models import RequestStatus
from reception.selectors import (
    colleagues_for_request,
    counsellors_of,
    request_centres_of,
    request_with_history,
    requests_listed_for,
)

REQUEST_ROLES = (Role.COORDINATOR, Role.COUNSELLOR)
LIST_PAGE_SIZE = 25


@role_required(*REQUEST_ROLES)
def request_list(request):
    """Every request of the user's centres, newest first; filters in the query string."""
    form = RequestFilterForm(request.GET, centres=request_centres_of(request.user))
    requests = requests_listed_for(request.user, **form.filters())
    # No COUNT over years of requests: the page and one row more ("Page suivante").
    page = LimitPage(requests, request.GET.get("page"), LIST_PAGE_SIZE)
    log_reads(request, page.object_list, what="Liste des demandes")
    return render(request, "reception/request_list.html", {"form": form, "page": page})


@role_required(*REQUEST_ROLES)
def request_create(request, person_pk):
    person = get_person_for_user(request.user, person_pk)
    if not can_record_request(request.user, person):
        raise Http404
    form = RequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            with submitted_once(request.user, values.pop(IDEMPOTENCY_FIELD, None)) as done:
                created = services.record_request(person, by=request.user, **values)
                done.result_url = reverse("reception:request_detail", kwargs={"pk": created.pk})
        except AlreadySubmitted as already:
            messages.info(request, AlreadySubmitted.message)
            return redirect(already.url or "reception:request_list")
        messages.success(request, f"Demande {de(person.full_name or str(person))} enregistrée.")
        return redirect("reception:request_detail", pk=created.pk)
    log_reads(request, person, what="Nouvelle demande")
    return render(
        request, "reception/request_form.html", {"person": person, "form": form, "renews": None}
    )


@role_required(*REQUEST_ROLES)
def request_renew(request, pk):
    previous = request_with_history(request.user, pk)
    form = RequestForm(request.POST or None, initial={"needs": previous.needs})
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        try:
            with submitted_once(request.user, values.pop(IDEMPOTENCY_FIELD, None)) as done:
                created = services.renew_request(previous, by=request.user, **values)
                done.result_url = reverse("reception:request_detail", kwargs={"pk": created.pk})
        except AlreadySubmitted as already:
            messages.info(request, AlreadySubmitted.message)
            return redirect(already.url or "reception:request_list")
        whose = de(previous.person.full_name or str(previous.person))
        messages.success(request, f"Demande {whose} renouvelée.")
        return redirect("reception:request_detail", pk=created.pk)
    log_reads(request, previous, what="Renouvellement de demande")
    return render(
        request,
        "reception/request_form.html",
        {"person": previous.person, "form": form, "renews": previous},
    )


def _ends_with_accompaniment(integration_request, transition) -> bool:
    """A request in accompaniment is closed by ending its accompaniment (exit reason)."""
    return (
        transition.name == "close"
        and integration_request.status == RequestStatus.IN_ACCOMPANIMENT
        and bool(_accompaniment_url(integration_request))
    )


def _transition_forms(user, integration_request):
    counsellors = counsellors_of(integration_request.centre_id)
    return [
        TransitionForm(
            transition=transition,
            counsellors=counsellors,
            prefix=transition.name,
            initial={"expected_status": integration_request.status},
        )
        for transition in available_from(integration_request.status)
        if can_transition_request(user, integration_request, transition)
        and not transition.page
        and not _ends_with_accompaniment(integration_request, transition)
    ]


def _transition_pages(user, integration_request):
    """Transitions with a page of their own ("Démarrer l’accompagnement"): a link."""
    return [
        (transition, reverse(transition.page, kwargs={"request_pk": integration_request.pk}))
        for transition in available_from(integration_request.status)
        if can_transition_request(user, integration_request, transition) and transition.page
    ]


def _accompaniment_url(integration_request) -> str:
    """The accompaniment opened from this request, if any (accompaniment app)."""
    try:
        accompaniment = integration_request.accompaniment
    except ObjectDoesNotExist:
        return ""
    return reverse("accompaniment:detail", kwargs={"pk": accompaniment.pk})


def _colleague_form(user, integration_request, data=None):
    if not can_hand_request_to_colleague(user, integration_request):
        return None
    return ColleagueHandoffForm(
        data,
        colleagues=colleagues_for_request(integration_request, exclude=user),
        prefix="colleague",
    )


def _render_detail(request, integration_request, *, transition_forms=None, colleague_form=None):
    """The request page; a form bound with errors replaces its blank twin (status 400)."""
    status = 400 if transition_forms or colleague_form else 200
    log_reads(request, integration_request, what="Demande")
    return render(
        request,
        "reception/request_detail.html",
        {
            "integration_request": integration_request,
            "transition_forms": transition_forms
            or _transition_forms(request.user, integration_request),
            "colleague_form": colleague_form or _colleague_form(request.user, integration_request),
            "transition_pages": _transition_pages(request.user, integration_request),
            "accompaniment_url": _accompaniment_url(integration_request),
        },
        status=status,
    )


@role_required(*REQUEST_ROLES)
def request_detail(request, pk):
    return _render_detail(request, request_with_history(request.user, pk))


@role_required(*REQUEST_ROLES)
@require_POST
def request_colleague_handoff(request, pk):
    """ "Transmettre à un·e collègue": to a named coordinator or CIP of the request's centre."""
    integration_request = request_with_history(request.user, pk)
    if not integration_request.is_open:
        messages.info(request, "Action déjà effectuée.")
        return redirect("reception:request_detail", pk=integration_request.pk)
    form = _colleague_form(request.user, integration_request, request.POST)
    if form is None:
        raise PermissionDenied("Vous ne pouvez pas transmettre cette demande.")
    if not form.is_valid():
        return _render_detail(request, integration_request, colleague_form=form)
    colleague = form.cleaned_data["colleague"]
    try:
        services.hand_request_to_colleague(
            integration_request,
            by=request.user,
            membership=colleague,
            note=form.cleaned_data["note"],
        )
    except services.ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        whose = de(integration_request.person.full_name or str(integration_request.person))
        messages.success(request, f"Demande {whose} transmise à {colleague.user.get_full_name()}.")
    return redirect("reception:request_detail", pk=integration_request.pk)


@role_required(*REQUEST_ROLES)
@require_POST
def request_transition(request, pk, name):
    integration_request = request_with_history(request.user, pk)
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise Http404
    if integration_request.status not in transition.sources:
        messages.info(request, "Action déjà effectuée.")
        return redirect("reception:request_detail", pk=integration_request.pk)
    if not can_transition_request(request.user, integration_request, transition):
        raise PermissionDenied("Vous ne pouvez pas effectuer cette action sur cette demande.")
    if transition.page:
        return redirect(transition.page, request_pk=integration_request.pk)
    if _ends_with_accompaniment(integration_request, transition):
        return redirect("accompaniment:step", pk=integration_request.accompaniment.pk, name="fin")
    form = TransitionForm(
        request.POST,
        transition=transition,
        counsellors=counsellors_of(integration_request.centre_id),
        prefix=name,
    )
    if not form.is_valid():
        # Closing without a reason: show the page again with the error on the field.
        forms = [
            form if other.transition.name == name else other
            for other in _transition_forms(request.user, integration_request)
        ]
        return _render_detail(request, integration_request, transition_forms=forms)
    try:
        services.transition_request(
            integration_request,
            name,
            by=request.user,
            expected_status=form.cleaned_data["expected_status"],
            comment=form.cleaned_data["comment"],
            to_user=form.cleaned_data.get("to_user"),
        )
    except services.ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        messages.success(
            request,
            _done_message(name, integration_request.person, form.cleaned_data.get("to_user")),
        )
    return redirect("reception:request_detail", pk=integration_request.pk)


def _done_message(name, person, to_user) -> str:
    """What happened to whom: "Demande transmise à Claire Dubois", "Demande d’Inès clôturée"."""
    whose = f"Demande {de(person.full_name or str(person))}"
    if name == "submit":
        to = to_user.get_full_name() if to_user else "la CIP du centre"
        return f"{whose} transmise à {to}."
    return {
        "start": f"Accompagnement {de(person.full_name or str(person))} démarré.",
        "close": f"{whose} clôturée.",
        "reopen": f"{whose} rouverte.",
    }.get(name, "Action enregistrée.")
