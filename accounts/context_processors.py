from accounts.acting import centres_of
from parcours.permissions import can_use_admin, memberships_of, roles_of


def memberships(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"staff": None}
    return {
        "staff": {
            "memberships": memberships_of(user),
            "roles": roles_of(user),
            "centres": centres_of(user),
            "acting_centre": getattr(request, "acting_centre", None),
            "can_use_admin": can_use_admin(user),
        }
    }
