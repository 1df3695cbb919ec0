from accounts.models import Membership, Role
from parcours.permissions import centres_with_reception_statistics_for, has_role, memberships_of
from reception.selectors import ReceptionActivity, reception_activity


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


def centre_activity_for(user, role) -> ReceptionActivity | None:
    """The reception counts a director (their centres) or city steering (every municipal
    centre) reads on their home; None for a user without that role. Counts only."""
    if not has_role(user, role):
        return None
    return reception_activity(
        centres_with_reception_statistics_for(user, role), with_total=role == Role.STEERING
    )


def agenda_counts_for(user) -> dict[str, int] | None:
    """Today's appointments, those « À renseigner » and arrivals (own agenda), people
    expected at the desk (reception): one query; None for roles without an agenda."""
    from agenda.selectors import dashboard_counts
    from parcours.permissions import AGENDA_READER_ROLES

    if not has_role(user, *AGENDA_READER_ROLES):
        return None
    return dashboard_counts(user)
