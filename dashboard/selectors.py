from accounts.models import Membership
from parcours.permissions import memberships_of


def team_of(user) -> list[Membership]:
    """Active colleagues in the user's centres: who to call when someone is absent."""
    centre_ids = {m.centre_id for m in memberships_of(user) if m.centre_id}
    if not centre_ids:
        return []
    return list(
        Membership.objects.filter(centre_id__in=centre_ids, is_active=True, user__is_active=True)
        .exclude(user=user)
        .select_related("user", "centre")
        .order_by("centre__position", "role", "user__last_name")
    )
