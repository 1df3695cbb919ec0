"""What the privacy part adds to the person's file: the requests of erasure or restriction."""

from django.urls import reverse

from parcours.permissions import can_handle_rights
from people.timeline import TimelineEntry


def rights_entries(person, user):
    """For the integration team of the person's centre only (one query)."""
    if not can_handle_rights(user, person):
        return []
    url = reverse("audit:person_rights", kwargs={"pk": person.pk})
    entries = []
    for item in person.rights_requests.select_related("requested_by", "decided_by"):
        who = item.requested_by.get_full_name() if item.requested_by else "—"
        entries.append(
            TimelineEntry(
                date=item.requested_at,
                kind="rights",
                title=f"Demande de la personne : {item.get_kind_display().lower()}",
                detail=f"Enregistrée par {who}.",
                url=url,
            )
        )
        if item.decided_at:
            decider = item.decided_by.get_full_name() if item.decided_by else "—"
            entries.append(
                TimelineEntry(
                    date=item.decided_at,
                    kind="rights",
                    title=f"{item.get_kind_display()} : {item.get_status_display().lower()}",
                    detail=f"Décision de {decider}.",
                    url=url,
                )
            )
    return entries
