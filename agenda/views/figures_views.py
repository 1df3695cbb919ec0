"""The appointments' figures (the bilans' "Rendez-vous" indicators) over any period: counts
only, never a row, under statistical secrecy like every figure that leaves the team."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from agenda.forms import parse_day
from parcours.permissions import FIGURES_ROLES, appointment_figure_centres_for, role_required
from reports.registry import default_age_bands
from reports.selectors import scope_of
from reports.snapshots import figures_for

INDICATORS = ("agenda.first_appointment", "agenda.appointments")


@role_required(*FIGURES_ROLES)
def figures(request):
    today = timezone.localdate()
    first = parse_day(request.GET.get("du")) or today.replace(day=1) - datetime.timedelta(days=90)
    last = parse_day(request.GET.get("au")) or today
    if last < first:
        first, last = last, first
    centres = list(appointment_figure_centres_for(request.user).order_by("position", "name"))
    figures, computed = [], None
    if centres:
        # Read from their snapshot while the data has not changed (reports.snapshots).
        computed = figures_for(scope_of(centres, first, last, default_age_bands()), INDICATORS)
        figures = [{**figure, "chart": None} for figure in computed.figures]
    return render(
        request,
        "agenda/figures.html",
        {
            "first": first,
            "last": last,
            "centres": centres,
            "figures": figures,
            "computed": computed,
        },
    )
