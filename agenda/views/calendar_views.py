"""Day and week views: the user's own agenda (every centre on one screen), a colleague's,
a site's. Bounded by the period and paginated; constant queries."""

import datetime

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from agenda import selectors
from agenda.forms import parse_day
from audit.services import log_reads
from parcours.permissions import (
    AGENDA_READER_ROLES,
    AGENDA_ROLES,
    agenda_sites_visible_to,
    agenda_staff_visible_to,
    role_required,
)

PAGE_SIZE = 50


def _period(request):
    view = "semaine" if request.GET.get("vue") == "semaine" else "jour"
    day = parse_day(request.GET.get("jour")) or timezone.localdate()
    first, after = selectors.period_bounds(day, view)
    step = datetime.timedelta(days=7 if view == "semaine" else 1)
    return {
        "view": view,
        "day": day,
        "first": first,
        "last": after - datetime.timedelta(days=1),
        "previous": (day - step).isoformat(),
        "next": (day + step).isoformat(),
        "today": timezone.localdate().isoformat(),
    }, (first, after)


def _page(request, queryset, param="page"):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get(param))


@role_required(*AGENDA_ROLES)
def my_agenda(request):
    """The user's own day or week, every centre together; what is « À renseigner »; who has
    arrived at the desk."""
    return _staff_page(request, request.user, own=True)


@role_required(*AGENDA_ROLES)
def staff_agenda(request, pk):
    staff = get_object_or_404(agenda_staff_visible_to(request.user), pk=pk)
    return _staff_page(request, staff, own=staff.pk == request.user.pk)


def _staff_page(request, staff, *, own):
    period, (first, after) = _period(request)
    context = {
        "staff": staff,
        "own": own,
        "period": period,
        "page": _page(request, selectors.staff_agenda(request.user, staff, first, after)),
        "to_fill_in": _page(request, selectors.to_fill_in(request.user, staff), "a-renseigner"),
        "colleagues": agenda_staff_visible_to(request.user).order_by("last_name", "first_name"),
        "sites": agenda_sites_visible_to(request.user).select_related("centre"),
    }
    if own:
        context["arrived"] = list(selectors.arrived_today(request.user))
    log_reads(
        request,
        [*context["page"], *context["to_fill_in"], *context.get("arrived", [])],
        what="Agenda d’un·e professionnel·le",
    )
    return render(request, "agenda/staff_agenda.html", context)


@role_required(*AGENDA_READER_ROLES)
def site_agenda(request, pk):
    site = get_object_or_404(agenda_sites_visible_to(request.user).select_related("centre"), pk=pk)
    period, (first, after) = _period(request)
    page = _page(request, selectors.site_agenda(request.user, site, first, after))
    log_reads(request, page, what="Agenda d’un site")
    return render(
        request,
        "agenda/site_agenda.html",
        {
            "site": site,
            "period": period,
            "page": page,
            "sites": agenda_sites_visible_to(request.user).select_related("centre"),
        },
    )
