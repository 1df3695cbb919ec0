"""Workshop rows written as the services write them."""

import datetime
import itertools

from accounts.models import Role
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from workshops import services

_SLOTS = itertools.count()


def _next_slot(day_given: bool):
    """Each cycle its own slot, so that cycles of one facilitator never overlap in the
    agenda: seven days of the first week × seven start times, or, when the test fixes the
    day, seven start times on that day."""
    n = next(_SLOTS)
    if day_given:
        return None, datetime.time(8 + 2 * (n % 7))
    return datetime.date(2026, 3, 2) + datetime.timedelta(days=n % 7), datetime.time(
        8 + 2 * ((n // 7) % 7)
    )


def CycleFactory(  # noqa: N802
    *,
    centre=None,
    facilitators=None,
    capacity=8,
    session_count=7,
    by=None,
    starts_on=None,
    start_time=None,
    duration=120,
    room=None,
):
    from tests.factories import centre as centre_of

    centre = centre or centre_of("grand-air")
    by = by or make_user(Role.COORDINATOR, centre.slug)
    slot_day, slot_time = _next_slot(starts_on is not None)
    return services.open_cycle(
        by=by,
        centre=centre,
        site=room.site if room else centre.sites.order_by("position").first(),
        title="Remobilisation vers l’emploi",
        facilitators=facilitators or [by],
        starts_on=starts_on or slot_day,
        capacity=capacity,
        session_count=session_count,
        start_time=start_time or slot_time,
        duration=duration,
        room=room,
    )


def EnrolmentFactory(*, cycle, person=None, by=None):  # noqa: N802
    person = person or PersonFactory(centre=cycle.centre)
    return services.enrol(by=by or cycle.created_by, cycle=cycle, person=person)


__all__ = ["CycleFactory", "EnrolmentFactory", "PersonFactory", "centre"]


def MeetingFactory(*, centre, by, held_on=datetime.date(2026, 3, 2)):  # noqa: N802
    from workshops.models import Meeting

    meeting = Meeting.objects.create(centre=centre, held_on=held_on, created_by=by)
    meeting.participants.set([by])
    return meeting


def ActionItemFactory(meeting, title="Appeler la Mission locale", due_on=None):  # noqa: N802
    from workshops.models import ActionItem

    return ActionItem.objects.create(
        meeting=meeting,
        title=title,
        owner=meeting.created_by,
        due_on=due_on or meeting.held_on + datetime.timedelta(days=14),
    )
