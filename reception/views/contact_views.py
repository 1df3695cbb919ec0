"""A public-site contact request at the desk: call back, then find or register the person."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from audit.services import log_reads
from parcours.french import de
from parcours.permissions import get_person_for_user, role_required
from people.selectors import parse_search, search_persons
from reception.contact_calls import (
    CONTACT_ROLES,
    contact_requests_visible_to,
    link_person,
    record_call,
)
from reception.forms import ContactCallForm
from reception.services import ActionAlreadyDone

MATCHES_SHOWN = 5


def get_contact_for_user(user, pk):
    """The contact request if it belongs to one of the user's centres, else 404."""
    queryset = contact_requests_visible_to(user).select_related(
        "neighbourhood", "centre", "handled_by", "person"
    )
    return get_object_or_404(queryset, pk=pk)


def _render(request, contact, form=None, status=200):
    calls = list(contact.calls.select_related("by").order_by("at", "pk"))
    matches = []
    if contact.person_id is None:
        matches = list(search_persons(request.user, parse_search(contact.name))[:MATCHES_SHOWN])
    # The resident's name and phone are personal data: every read is logged.
    log_reads(request, [contact, *matches], what=f"Demande de contact n° {contact.pk}")
    return render(
        request,
        "reception/contact_detail.html",
        {
            "contact": contact,
            "calls": calls,
            "form": form or ContactCallForm(initial={"expected_calls": contact.call_count}),
            "matches": matches,
            "register_url": reverse("people:register") + f"?depuis=contact&demande={contact.pk}",
        },
        status=status,
    )


@role_required(*CONTACT_ROLES)
def contact_detail(request, pk):
    contact = get_contact_for_user(request.user, pk)
    return _render(request, contact)


@role_required(*CONTACT_ROLES)
@require_POST
def contact_call(request, pk):
    """Record one call back; a form with errors shows the page again (status 400)."""
    contact = get_contact_for_user(request.user, pk)
    form = ContactCallForm(request.POST)
    if not form.is_valid():
        return _render(request, contact, form, status=400)
    try:
        call = record_call(
            contact,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
            expected_calls=form.cleaned_data["expected_calls"],
        )
    except ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    else:
        messages.success(
            request,
            f"Appel n° {contact.call_count + 1} à {contact.name} enregistré : "
            f"{call.get_outcome_display().lower()}.",
        )
    return redirect("reception:contact_detail", pk=contact.pk)


@role_required(*CONTACT_ROLES)
@require_POST
def contact_link(request, pk):
    """ "C’est cette personne": the request is about a file found by the search."""
    contact = get_contact_for_user(request.user, pk)
    person_pk = request.POST.get("person", "")
    if not person_pk.isdigit():
        return redirect("reception:contact_detail", pk=contact.pk)
    person = get_person_for_user(request.user, person_pk)
    try:
        link_person(contact, person, by=request.user)
    except ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
    except ValueError as error:
        raise PermissionDenied("Cette personne n’est pas suivie par votre centre.") from error
    else:
        messages.success(
            request, f"Demande de contact rattachée au dossier {de(person.full_name)}."
        )
    return redirect("people:file", pk=person.pk)
