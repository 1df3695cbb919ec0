"""Private iCalendar feeds (RFC 5545) of a staff member's appointments.

The address carries a random token; only its SHA-256 is stored, so a database leak gives
no working address. Revoking keeps the row (who, when) and the old address answers 404.
Events carry no personal data unless the staff member turns initials on; their UID is the
appointment's, so an appointment handed to a colleague moves between feeds unchanged.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from icalendar import Calendar, Event

from agenda.models import FREEING_STATUSES, Appointment, CalendarFeed
from agenda.selectors import with_staff

PAST_DAYS = 31


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def create_feed(user, *, include_initials=False) -> str:
    """Revoke the current address and return a new token (shown once, never stored)."""
    revoke_feeds(user)
    token = secrets.token_urlsafe(32)
    CalendarFeed.objects.create(
        user=user, token_hash=token_hash(token), include_initials=include_initials
    )
    return token


def revoke_feeds(user) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def active_feed_for_token(token: str) -> CalendarFeed | None:
    return (
        CalendarFeed.objects.filter(token_hash=token_hash(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )


def _initials(person) -> str:
    return "".join(f"{part[:1].upper()}." for part in (person.first_name, person.last_name) if part)


def calendar_for(feed: CalendarFeed) -> bytes:
    since = timezone.now() - datetime.timedelta(days=PAST_DAYS)
    appointments = (
        Appointment.objects.filter(with_staff(feed.user), ends_at__gte=since)
        .select_related("site", "centre", "person", "room", "workshop_session__cycle")
        .order_by("starts_at", "pk")
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Parcours – Ville de Montreuil//Agenda//FR")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "Parcours – mes rendez-vous")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    now = timezone.now()
    for appointment in appointments:
        event = Event()
        event.add("uid", f"{appointment.uid}@parcours")
        event.add("dtstamp", now)
        event.add("dtstart", timezone.localtime(appointment.starts_at))
        event.add("dtend", timezone.localtime(appointment.ends_at))
        if appointment.is_workshop:
            summary = appointment.workshop_label
        else:
            summary = f"Rendez-vous – {appointment.get_kind_display()}"
            if feed.include_initials and appointment.person is not None:
                summary += f" – {_initials(appointment.person)}"
        event.add("summary", summary)
        room = f", salle {appointment.room.name}" if appointment.room else ""
        event.add("location", f"{appointment.site.name}{room}, {appointment.site.address}")
        event.add("sequence", appointment.version)
        event.add("status", "CANCELLED" if appointment.status in FREEING_STATUSES else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical()
