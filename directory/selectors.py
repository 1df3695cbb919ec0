from django.db.models import Prefetch

from directory.models import ContactRequest, ContactRequestStatus
from organisations.models import Centre, Site


def centres_for_directory():
    """Every centre with its sites and neighbourhoods, in three queries whatever the data."""
    return list(
        Centre.objects.prefetch_related(
            Prefetch("sites", queryset=Site.objects.order_by("position", "name")),
            "neighbourhoods",
        ).order_by("position", "name")
    )


def contact_requests_for_centre(centre_ids, *, status=ContactRequestStatus.NEW):
    """The contact requests left on the public site for these centres, newest first.

    For the reception queue: pass the centres the agent works for
    (`permissions.centre_ids_for(user, [Role.RECEPTION, ...])`); `status=None` gives all.
    """
    queryset = ContactRequest.objects.filter(centre_id__in=centre_ids).select_related(
        "neighbourhood", "centre", "handled_by"
    )
    if status is not None:
        queryset = queryset.filter(status=status)
    return queryset.order_by("-created_at", "-pk")
