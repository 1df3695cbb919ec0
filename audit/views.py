"""Privacy pages: a file's access history (administrators), the person's rights."""

import json

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from audit import rights
from audit.forms import FileNumberForm, RightsRequestForm
from audit.models import AccessAction, RightsRequest, RightsRequestStatus, UnusualReadingAlert
from audit.services import access_history_of, log_reads
from parcours.permissions import (
    ACCESS_HISTORY_ROLES,
    RIGHTS_ROLES,
    can_decide_rights_request,
    can_handle_rights,
    get_person_for_user,
    role_required,
)
from reception.services import ActionAlreadyDone

PAGE_SIZE = 50


@role_required(*ACCESS_HISTORY_ROLES)
def person_access(request):
    """Who opened a file, when, from which page: by file number (no name is shown)."""
    form = FileNumberForm(request.GET or None)
    page = None
    if form.is_valid():
        rows = access_history_of(form.cleaned_data["fiche"])
        log_reads(request, [form.cleaned_data["fiche"]], what="Journal des accès de la fiche")
        page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    alerts = UnusualReadingAlert.objects.order_by("-hour")[:10]
    return render(
        request, "audit/person_access.html", {"form": form, "page": page, "alerts": alerts}
    )


def _person_for_rights(request, pk):
    person = get_person_for_user(request.user, pk)
    if not can_handle_rights(request.user, person):
        raise Http404
    return person


@role_required(*RIGHTS_ROLES)
def person_data_json(request, pk):
    """Right of access: everything recorded about the person, as a JSON file."""
    person = _person_for_rights(request, pk)
    log_reads(request, person, what="Droit d’accès : export JSON", action=AccessAction.EXPORT)
    content = json.dumps(
        {
            "fiche": person.pk,
            "exporte_le": timezone.now().isoformat(),
            **rights.person_data(person),
        },
        ensure_ascii=False,
        indent=2,
    )
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="fiche-{person.pk}.json"'
    return response


@role_required(*RIGHTS_ROLES)
def person_data_print(request, pk):
    """Right of access: the same, as a page to print and hand over."""
    person = _person_for_rights(request, pk)
    log_reads(request, person, what="Droit d’accès : impression", action=AccessAction.EXPORT)
    return render(
        request,
        "audit/person_data.html",
        {"person": person, "data": rights.person_data(person), "today": timezone.localdate()},
    )


@role_required(*RIGHTS_ROLES)
def person_rights(request, pk):
    """Record a request of erasure or restriction; see and decide the pending ones."""
    person = _person_for_rights(request, pk)
    form = RightsRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            rights.request_right(person, by=request.user, **form.cleaned_data)
        except ActionAlreadyDone:
            messages.info(request, "Action déjà effectuée.")
        else:
            messages.success(
                request, "La demande est enregistrée : un·e collègue doit maintenant la valider."
            )
        return redirect("audit:person_rights", pk=person.pk)
    log_reads(request, person, what="Droits de la personne")
    requests = person.rights_requests.select_related("requested_by", "decided_by")
    return render(
        request,
        "audit/person_rights.html",
        {
            "person": person,
            "form": form,
            "requests": [
                (
                    r,
                    r.status == RightsRequestStatus.PENDING
                    and can_decide_rights_request(request.user, r),
                )
                for r in requests
            ],
        },
    )


@role_required(*RIGHTS_ROLES)
@require_POST
def rights_decide(request, pk):
    rights_request = get_object_or_404(RightsRequest.objects.select_related("person"), pk=pk)
    person = _person_for_rights(request, rights_request.person_id)
    if not can_decide_rights_request(request.user, rights_request):
        messages.error(request, rights.SamePerson.message)
        return redirect("audit:person_rights", pk=person.pk)
    approve = request.POST.get("decision") == "approve"
    try:
        rights.decide_right(rights_request, by=request.user, approve=approve)
    except ActionAlreadyDone:
        messages.info(request, "Action déjà effectuée.")
        return redirect("audit:person_rights", pk=person.pk)
    if approve and rights_request.kind == "erasure":
        messages.success(request, f"La fiche n° {person.pk} est désormais anonyme.")
        return redirect("people:search")
    messages.success(request, "Décision enregistrée.")
    return redirect("audit:person_rights", pk=person.pk)


@role_required(*RIGHTS_ROLES)
@require_POST
def restriction_lift(request, pk):
    person = _person_for_rights(request, pk)
    if rights.lift_restriction(person, by=request.user):
        messages.success(request, "La limitation du traitement est levée.")
    else:
        messages.info(request, "Action déjà effectuée.")
    return redirect("audit:person_rights", pk=person.pk)
