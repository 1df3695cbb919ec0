"""Figures for the reports: counts only, never a row."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from agenda.forms import parse_day
from agenda.selectors import appointment_figures
from parcours.permissions import FIGURES_ROLES, appointment_figure_centres_for, role_required


@role_required(*FIGURES_ROLES)
def figures(request):
    today = timezone.localdate()
    first = parse_day(request.GET.get("du")) or today.replace(day=1) - datetime.timedelta(days=90)
    last = parse_day(request.GET.get("au")) or today
    if last < first:
        first, last = last, first
    centres = appointment_figure_centres_for(request.user)
    return render(
        request,
        "agenda/figures.html",
        {
            "first": first,
            "last": last,
            "centres": list(centres.order_by("position", "name")),
            "figures": appointment_figures(centres, first, last + datetime.timedelta(days=1)),
        },
    )
