"""Reads of the reports: scopes built from what the user may read, bilans, public years."""

import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone

from parcours.permissions import bilans_visible_to, service_centres
from reports.models import Bilan, BilanStatus
from reports.registry import ReportScope, parse_age_bands


def current_year_bounds(today=None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return datetime.date(today.year, 1, 1), datetime.date(today.year, 12, 31)


def scope_of(centres, start, end, age_bands) -> ReportScope:
    """A scope over these centres (a queryset or list, shown in their order)."""
    return ReportScope(
        centres=tuple((centre.pk, centre.name) for centre in centres),
        start=start,
        end=end,
        age_bands=tuple(age_bands),
    )


def bilan_centres(bilan):
    """The centres a bilan covers: its centre, or every municipal centre for the service."""
    if bilan.centre_id:
        return [bilan.centre]
    return list(service_centres().order_by("position", "name"))


def live_scope(bilan) -> ReportScope:
    return scope_of(
        bilan_centres(bilan),
        bilan.period_start,
        bilan.period_end,
        parse_age_bands(bilan.age_bands),
    )


def bilan_figures(bilan) -> tuple[list[dict], list[str], datetime.datetime]:
    """(figures, centre names, computed at): the stored ones for a final bilan — never
    recomputed —, for a draft the current ones (reports.snapshots)."""
    from reports.snapshots import figures_for

    if bilan.is_final:
        return bilan.figures, [name for _, name in bilan.frozen_centres], bilan.figures_as_of
    scope = live_scope(bilan)
    result = figures_for(scope)
    return result.figures, [name for _, name in scope.centres], result.as_of


def get_bilan_for_user(user, pk) -> Bilan:
    """A bilan this user may read, else 404."""
    return get_object_or_404(
        bilans_visible_to(user).select_related("centre", "created_by", "finalised_by"), pk=pk
    )


def bilans_listed_for(user):
    return bilans_visible_to(user).select_related("centre").order_by("-period_end", "-pk")


def latest_version(bilan):
    return bilan.versions.select_related("written_by").order_by("-number").first()


def public_bilans():
    """Final service bilans whose figures were published, most recent period first."""
    return Bilan.objects.filter(
        centre__isnull=True, status=BilanStatus.FINAL, is_public=True
    ).order_by("-period_end", "-pk")
