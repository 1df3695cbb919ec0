from django.shortcuts import render

from accounts.models import Role
from dashboard.selectors import agenda_counts_for, centre_activity_for, team_of
from parcours.permissions import STAFF_ROLES, memberships_of, role_required


@role_required(*STAFF_ROLES)
def home(request):
    """Each role's home: what that role works on, then the centres and the team."""
    memberships = memberships_of(request.user)
    roles = {m.role for m in memberships}
    return render(
        request,
        "dashboard/home.html",
        {
            "roles": roles,
            "role_panels": [f"dashboard/panels/{role}.html" for role in sorted(roles)],
            "team": team_of(request.user),
            "centre_memberships": [m for m in memberships if m.centre_id],
            "director_activity": centre_activity_for(request.user, Role.DIRECTOR),
            "steering_activity": centre_activity_for(request.user, Role.STEERING),
            "agenda": agenda_counts_for(request.user),
        },
    )
