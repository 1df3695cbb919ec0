from django.shortcuts import render

from accompaniment.selectors import attention_for, orientations_to_answer
from accounts.models import Role
from dashboard.selectors import agenda_counts_for, centre_activity_for, team_of, year_figure_for
from parcours.permissions import (
    ACCOMPANIMENT_ROLES,
    STAFF_ROLES,
    has_role,
    memberships_of,
    role_required,
)


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
            "director_year": year_figure_for(request.user, Role.DIRECTOR),
            "steering_year": year_figure_for(request.user, Role.STEERING),
            # Accompaniments that need attention (CIP: her three centres; coordinator: hers).
            "accompaniment_attention": (
                attention_for(request.user)
                if has_role(request.user, *ACCOMPANIMENT_ROLES)
                else None
            ),
            # Orientations the partner's organisation has to answer.
            "orientations_to_answer": (
                orientations_to_answer(request.user)
                if has_role(request.user, Role.PARTNER)
                else None
            ),
            "agenda": agenda_counts_for(request.user),
        },
    )
