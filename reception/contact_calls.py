"""Contact requests of the public site, once they reach the desk: calls, then the person's file.

Reception (or the coordinator) calls the resident back and records each call: reached,
not reached (the request stays in the queue, the number of tries grows), appointment set,
not interested. From the request, the agent finds the person's file or registers them
prefilled with what the resident typed; the request then shows on the file's timeline.
Every change is dated, signed and written to the audit log in the same transaction.
"""

from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from audit.models import AccessAction
from audit.services import log_access
from directory.models import (
    CLOSING_OUTCOMES,
    ContactCall,
    ContactRequest,
    ContactRequestStatus,
)
from parcours.permissions import centre_ids_for
from reception.services import ActionAlreadyDone

# Who calls residents back: the desk, and the coordinator of small teams.
CONTACT_ROLES = (Role.RECEPTION, Role.COORDINATOR)


def contact_requests_visible_to(user):
    """Contact requests of the centres where the user keeps the desk or coordinates."""
    return ContactRequest.objects.filter(centre_id__in=centre_ids_for(user, CONTACT_ROLES))


@transaction.atomic
def record_call(contact_request, *, by, outcome: str, note: str = "", expected_calls: int):
    """One call back, with its outcome. `expected_calls` is the count the agent saw: if a
    colleague recorded a call meanwhile (or the form is sent twice), `ActionAlreadyDone`."""
    locked = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
    if not locked.is_open or locked.call_count != expected_calls:
        raise ActionAlreadyDone
    call = ContactCall.objects.create(
        contact_request=locked, by=by, outcome=outcome, note=note.strip()
    )
    locked.call_count += 1
    fields = ["call_count"]
    if outcome in CLOSING_OUTCOMES:
        locked.status = ContactRequestStatus.HANDLED
        locked.outcome = outcome
        locked.handled_at = timezone.now()
        locked.handled_by = by
        fields += ["status", "outcome", "handled_at", "handled_by"]
    locked.save(update_fields=fields)
    log_access(
        actor=by,
        obj=locked,
        action=AccessAction.CHANGE,
        detail=f"appel n° {locked.call_count} : {call.get_outcome_display().lower()}",
    )
    return call


@transaction.atomic
def link_person(contact_request, person, *, by) -> ContactRequest:
    """The request is about this person's file (found by the search, or just registered)."""
    locked = ContactRequest.objects.select_for_update().get(pk=contact_request.pk)
    if locked.person_id is not None:
        raise ActionAlreadyDone
    if person.centre_id not in centre_ids_for(by, CONTACT_ROLES):
        raise ValueError("The person is not in one of the user's centres.")
    locked.person = person
    locked.save(update_fields=["person"])
    log_access(actor=by, obj=locked, action=AccessAction.CHANGE, detail="rattachée à un dossier")
    return locked


def registration_prefill(contact_request) -> dict:
    """What the resident typed, as the registration form's initial values.

    The name field is one box ("Nom et prénom"): the first word is taken as the first name
    here because residents write "Awa Traoré"; the form offers to swap the two.
    """
    words = contact_request.name.split()
    initial = {
        "first_name": words[0] if len(words) > 1 else "",
        "last_name": " ".join(words[1:]) if len(words) > 1 else contact_request.name,
        "email": contact_request.email,
        "neighbourhood": contact_request.neighbourhood_id,
    }
    if contact_request.phone:
        initial["phone"] = contact_request.phone
    return initial
