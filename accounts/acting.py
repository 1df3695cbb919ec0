from django.utils.functional import SimpleLazyObject

from parcours.permissions import memberships_of

SESSION_KEY = "parcours_acting_centre"


def centres_of(user):
    """Distinct centres of the user's memberships, in display order."""
    seen = {}
    for membership in memberships_of(user):
        if membership.centre_id and membership.centre_id not in seen:
            seen[membership.centre_id] = membership.centre
    return sorted(seen.values(), key=lambda centre: (centre.position, centre.name))


def _resolve(request):
    centres = centres_of(request.user)
    if not centres:
        return None
    chosen = request.session.get(SESSION_KEY)
    for centre in centres:
        if centre.pk == chosen:
            return centre
    return centres[0]


def acting_centre_for(request):
    return SimpleLazyObject(lambda: _resolve(request))


def set_acting_centre(request, centre) -> None:
    request.session[SESSION_KEY] = centre.pk
