"""Staff side of orientations (propose, send, cancel, re-orient) and contacts with partners."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from accompaniment import orientations as orientation_services
from accompaniment import services
from accompaniment.forms import ContactForm, OrientationForm
from accompaniment.selectors import (
    accompaniment_for,
    active_services,
    contacts_listed_for,
    orientation_for,
    partner_organisations,
    suggested_services,
)
from accompaniment.views.accompaniments import ALREADY_DONE
from accompaniment.views.plan import _closed
from audit.services import log_access, log_reads
from organisations.models import Centre
from parcours.permissions import ACCOMPANIMENT_ROLES, centre_ids_for, role_required
from people.selectors import active_consents

CONTACT_PAGE_SIZE = 25


def _orientation_form(request, accompaniment, *, reorients=None):
    consents = {c.partner_id: list(c.shared) for c in active_consents(accompaniment.person)}
    initial = {}
    if reorients is not None:
        initial = {"objective": reorients.objective_id, "reason": reorients.reason}
    return (
        OrientationForm(
            request.POST or None,
            services=active_services().order_by("organisation__name", "name"),
            objectives=accompaniment.objectives.all(),
            consents=consents,
            initial=initial,
        ),
        consents,
    )


def _create(request, accompaniment, reorients=None):
    if (response := _closed(request, accompaniment)) is not None:
        return response
    form, consents = _orientation_form(request, accompaniment, reorients=reorients)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            orientation = orientation_services.propose(
                accompaniment,
                by=request.user,
                service=data["service"],
                objective=data["objective"],
                reason=data["reason"],
                shared=data["shared"],
                reorients=reorients,
                submission=data["submission"],
            )
        except orientation_services.ActionAlreadyDone:
            messages.info(request, ALREADY_DONE)
            return redirect("accompaniment:detail", pk=accompaniment.pk)
        messages.success(request, "Orientation proposée : vérifiez-la, puis envoyez-la.")
        return redirect("accompaniment:orientation_detail", pk=orientation.pk)
    log_reads(request, accompaniment, what="Orientation à proposer")
    partner_names = {c.partner_id: c.partner.name for c in active_consents(accompaniment.person)}
    return render(
        request,
        "accompaniment/orientation_form.html",
        {
            "accompaniment": accompaniment,
            "person": accompaniment.person,
            "form": form,
            "suggestions": suggested_services(accompaniment.person),
            "consents": [(partner_names[pk], shared) for pk, shared in consents.items()],
            "reorients": reorients,
        },
        status=400 if form.errors else 200,
    )


@role_required(*ACCOMPANIMENT_ROLES)
def orientation_create(request, pk):
    return _create(request, accompaniment_for(request.user, pk))


@role_required(*ACCOMPANIMENT_ROLES)
def orientation_reorient(request, pk):
    """A new orientation after a refusal, an expiry or no follow-up; the old one stays."""
    previous = orientation_for(request.user, pk)
    if previous.status not in orientation_services.REORIENTABLE:
        messages.info(request, ALREADY_DONE)
        return redirect("accompaniment:orientation_detail", pk=previous.pk)
    return _create(request, accompaniment_for(request.user, previous.accompaniment_id), previous)


@role_required(*ACCOMPANIMENT_ROLES)
def orientation_detail(request, pk):
    orientation = orientation_for(request.user, pk)
    log_access(actor=request.user, obj=orientation.accompaniment.person, detail="Orientation")
    links = list(orientation.links.all())
    return render(
        request,
        "accompaniment/orientation_detail.html",
        {
            "orientation": orientation,
            "accompaniment": orientation.accompaniment,
            "person": orientation.accompaniment.person,
            "events": list(orientation.events.all()),
            "links": links,
            "has_usable_link": any(link.is_usable for link in links),
            "reorientable": orientation.status in orientation_services.REORIENTABLE,
        },
    )


def _post_action(request, pk, action, done_message):
    orientation = orientation_for(request.user, pk)
    try:
        action(orientation)
    except orientation_services.ActionAlreadyDone:
        messages.info(request, ALREADY_DONE)
    else:
        messages.success(request, done_message)
    return redirect("accompaniment:orientation_detail", pk=orientation.pk)


@role_required(*ACCOMPANIMENT_ROLES)
@require_POST
def orientation_send(request, pk):
    expected = request.POST.get("expected_status", "")
    return _post_action(
        request,
        pk,
        lambda o: orientation_services.send(o, by=request.user, expected_status=expected),
        "Orientation envoyée : le partenaire a reçu un lien par e-mail.",
    )


@role_required(*ACCOMPANIMENT_ROLES)
@require_POST
def orientation_cancel(request, pk):
    expected = request.POST.get("expected_status", "")
    return _post_action(
        request,
        pk,
        lambda o: orientation_services.cancel(o, by=request.user, expected_status=expected),
        "Orientation annulée.",
    )


@role_required(*ACCOMPANIMENT_ROLES)
@require_POST
def orientation_revoke(request, pk):
    return _post_action(
        request,
        pk,
        lambda o: orientation_services.revoke_links(o, by=request.user),
        "Lien désactivé : il ne permet plus de consulter l’orientation.",
    )


# ---- Contacts with partners --------------------------------------------------------------


@role_required(*ACCOMPANIMENT_ROLES)
def contact_list(request):
    """Contacts with partners across the user's centres (general ones and about people)."""
    page = Paginator(contacts_listed_for(request.user), CONTACT_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    log_reads(request, page, what="Contacts avec les partenaires")
    return render(request, "accompaniment/contact_list.html", {"page": page})


def _save_contact(request, form, *, centre, person=None):
    data = form.cleaned_data
    try:
        services.record_contact(
            by=request.user,
            centre=centre,
            person=person,
            organisation=data["organisation"],
            channel=data["channel"],
            happened_on=data["happened_on"],
            with_whom=data["with_whom"],
            summary=data["summary"],
            visibility=data["visibility"],
            submission=data["submission"],
        )
    except services.ActionAlreadyDone:
        messages.info(request, ALREADY_DONE)
    else:
        messages.success(request, "Contact enregistré.")


@role_required(*ACCOMPANIMENT_ROLES)
def contact_create(request):
    """A contact with a partner about no one in particular."""
    centres = Centre.objects.filter(pk__in=centre_ids_for(request.user, ACCOMPANIMENT_ROLES))
    form = ContactForm(request.POST or None, partners=partner_organisations(), centres=centres)
    if request.method == "POST" and form.is_valid():
        _save_contact(request, form, centre=form.cleaned_data["centre"])
        return redirect("accompaniment:contact_list")
    return render(
        request,
        "accompaniment/contact_form.html",
        {"form": form, "person": None, "accompaniment": None},
        status=400 if form.errors else 200,
    )


@role_required(*ACCOMPANIMENT_ROLES)
def accompaniment_contact_create(request, pk):
    """A contact with a partner about the accompanied person."""
    accompaniment = accompaniment_for(request.user, pk)
    form = ContactForm(request.POST or None, partners=partner_organisations())
    if request.method == "POST" and form.is_valid():
        _save_contact(
            request, form, centre=accompaniment.person.centre, person=accompaniment.person
        )
        return redirect(f"{accompaniment.get_absolute_url()}#contacts")
    log_reads(request, accompaniment, what="Nouveau contact partenaire")
    return render(
        request,
        "accompaniment/contact_form.html",
        {"form": form, "person": accompaniment.person, "accompaniment": accompaniment},
        status=400 if form.errors else 200,
    )
