"""Is this slot acceptable? Errors refuse it; warnings need the user's confirmation.

- in the past: refused (what happened is recorded on the appointment itself);
- a French public holiday (the `holidays` package, Metropolitan France): refused;
- outside the site's opening hours (OpenStreetMap syntax, directory.SiteDetails): a warning;
- a local time that does not exist (the spring DST change in Europe/Paris): refused, by
  `local_datetime`, before any check.
"""

import datetime
import zoneinfo
from functools import lru_cache

import holidays
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format

PARIS = zoneinfo.ZoneInfo(settings.TIME_ZONE)


class SlotProblem(Exception):
    """A slot refused (or a warning not yet accepted), with the form field it belongs to."""

    def __init__(self, message: str, field: str = "__all__", warning: bool = False):
        super().__init__(message)
        self.message = message
        self.field = field
        self.warning = warning


def local_datetime(day: datetime.date, at: datetime.time) -> datetime.datetime:
    """The aware datetime of a Paris wall-clock time; refuses a time the DST change skips.

    In the autumn the hour 02:00–03:00 happens twice: the first one (summer time) is taken.
    """
    naive = datetime.datetime.combine(day, at)
    aware = naive.replace(tzinfo=PARIS, fold=0)
    # A wall time in the spring gap does not survive a round trip through UTC.
    back = aware.astimezone(datetime.UTC).astimezone(PARIS).replace(tzinfo=None)
    if back != naive:
        raise SlotProblem(
            f"{at:%H:%M} n’existe pas le {date_format(day, 'j F Y')} : c’est le passage à "
            "l’heure d’été. Choisissez une autre heure.",
            field="start_time",
        )
    return aware


def end_of(starts_at: datetime.datetime, minutes: int) -> datetime.datetime:
    """Start plus a real duration. Computed in UTC: adding to a Europe/Paris datetime adds
    wall-clock time, which is an hour off across a DST change."""
    return starts_at.astimezone(datetime.UTC) + datetime.timedelta(minutes=minutes)


@lru_cache(maxsize=8)
def _french_holidays(year: int):
    return holidays.country_holidays("FR", years=year, language="fr")


def holiday_name(day: datetime.date) -> str | None:
    return _french_holidays(day.year).get(day)


def _opening_spans(site, weekday: int, is_holiday: bool):
    """The spans of this site on this weekday; None when the site has no hours recorded."""
    from directory.models import SiteDetails
    from directory.opening_hours import parse

    value = SiteDetails.objects.filter(site=site).values_list("opening_hours", flat=True).first()
    if not value:
        return None
    try:
        rules = parse(value)
    except ValueError:
        return None
    spans = ()
    for rule in rules:  # later rules override earlier ones, as in OpenStreetMap
        if weekday in rule.days or (is_holiday and rule.public_holidays):
            spans = rule.spans
    return spans


def within_opening_hours(site, start: datetime.datetime, end: datetime.datetime) -> bool | None:
    start, end = timezone.localtime(start), timezone.localtime(end)
    spans = _opening_spans(site, start.weekday(), False)
    if spans is None:
        return None
    begin, finish = f"{start:%H:%M}", f"{end:%H:%M}" if end.date() == start.date() else "24:00"
    return any(low <= begin and finish <= high for low, high in spans)


def check_slot(*, centre, site, staff, room, starts_at, duration, accept_warnings) -> None:
    """Raise `SlotProblem` for the first error, then for a warning not accepted."""
    from accounts.models import Membership
    from parcours.permissions import AGENDA_ROLES

    if site.centre_id != centre.pk:
        raise SlotProblem("Ce site n’appartient pas au centre choisi.", field="site")
    if room is not None and room.site_id != site.pk:
        raise SlotProblem("Cette salle n’est pas dans le site choisi.", field="room")
    if not 5 <= duration <= 8 * 60:
        raise SlotProblem("La durée va de 5 minutes à 8 heures.", field="duration")
    if not Membership.objects.filter(
        user=staff, centre=centre, role__in=AGENDA_ROLES, is_active=True
    ).exists():
        raise SlotProblem(
            f"{staff.get_full_name()} n’intervient pas au centre {centre.name}.", field="staff"
        )
    if starts_at < timezone.now():
        raise SlotProblem(
            "Ce créneau est passé. Pour un rendez-vous qui a eu lieu, renseignez son statut "
            "depuis sa fiche.",
            field="start_date",
        )
    local = timezone.localtime(starts_at)
    name = holiday_name(local.date())
    if name:
        raise SlotProblem(
            f"Le {date_format(local, 'l j F Y')} est un jour férié ({name}) : "
            "les centres sont fermés.",
            field="start_date",
        )
    end = end_of(starts_at, duration)
    if not accept_warnings and within_opening_hours(site, starts_at, end) is False:
        raise SlotProblem(
            f"Ce créneau est en dehors des horaires d’accueil de {site.name}. Cochez « Confirmer "
            "malgré l’avertissement » pour le garder.",
            warning=True,
        )
