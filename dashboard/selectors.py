from accounts.models import Membership, Role
from parcours.permissions import centres_with_reception_statistics_for, has_role, memberships_of
from reception.selectors import ReceptionActivity, reception_activity
from reports.registry import default_age_bands
from reports.secrecy import protect
from reports.selectors import current_year_bounds, scope_of
from reports.snapshots import figures_for
from reports.tables import FigureTable


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
    centre) reads on their home; None for a user without that role. Counts only, under
    statistical secrecy (reports.secrecy): a count from 1 to 4 reads "< 5", and the
    "Ensemble des centres" column hides what would let it be found by subtraction."""
    if not has_role(user, role):
        return None
    activity = reception_activity(
        centres_with_reception_statistics_for(user, role), with_total=role == Role.STEERING
    )
    table = FigureTable(
        columns=activity.columns,
        has_total_column=len(activity.columns) > 1 and role == Role.STEERING,
    )
    for label, values in activity.rows:
        table.add(label, values)
    return ReceptionActivity(
        columns=activity.columns,
        rows=[(row["label"], [cell["display"] for cell in row["cells"]]) for row in protect(table)],
    )


YEAR_FIGURE = ("reception.visits",)


def year_figure_for(user, role) -> dict | None:
    """The year's passages and people received (reports' "reception.visits" indicator) for
    the centres this director or steering reads, protected; read from its snapshot while
    the data has not changed (reports.snapshots)."""
    if not has_role(user, role):
        return None
    centres = list(centres_with_reception_statistics_for(user, role).order_by("position", "name"))
    if not centres:
        return None
    start, end = current_year_bounds()
    result = figures_for(scope_of(centres, start, end, default_age_bands()), YEAR_FIGURE)
    figure = result.figures[0]
    return {
        **figure,
        "title": f"{figure['title']}, depuis le 1er janvier {start.year}",
        "note": "",
        "chart": None,
        "as_of": result.as_of,
        "current": result.current,
    }


def agenda_counts_for(user) -> dict[str, int] | None:
    """Today's appointments, those « À renseigner » and arrivals (own agenda), people
    expected at the desk (reception): one query; None for roles without an agenda."""
    from agenda.selectors import dashboard_counts
    from parcours.permissions import AGENDA_READER_ROLES

    if not has_role(user, *AGENDA_READER_ROLES):
        return None
    return dashboard_counts(user)
