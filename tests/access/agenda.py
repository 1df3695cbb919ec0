from accounts.models import Role
from parcours.permissions import AGENDA_READER_ROLES, AGENDA_ROLES, ARRIVAL_ROLES, FIGURES_ROLES
from tests.access import Rule
from tests.factories import centre


def _appointment(user):
    from tests.agenda.factories import AppointmentFactory

    return {"pk": AppointmentFactory().pk}


def _person(user):
    from tests.people.factories import PersonFactory

    return {"person_pk": PersonFactory(centre=centre("grand-air")).pk}


def _feed(user):
    from agenda.feeds import create_feed
    from tests.factories import make_user

    return {"token": create_feed(make_user(Role.COUNSELLOR, "grand-air"))}


def _absence(user):
    from tests.agenda.factories import AbsenceFactory

    return {"pk": AbsenceFactory(staff=user).pk}


RULES = {
    "agenda:my_agenda": Rule(roles=AGENDA_ROLES),
    "agenda:staff_agenda": Rule(roles=AGENDA_ROLES, kwargs=lambda user: {"pk": user.pk}),
    "agenda:site_agenda": Rule(
        roles=AGENDA_READER_ROLES,
        kwargs=lambda user: {"pk": centre("grand-air").sites.order_by("position").first().pk},
    ),
    "agenda:expected": Rule(roles=frozenset({Role.RECEPTION, Role.COORDINATOR})),
    "agenda:book": Rule(roles=AGENDA_ROLES, kwargs=_person),
    "agenda:preferences": Rule(roles=AGENDA_ROLES, kwargs=_person),
    "agenda:detail": Rule(roles=AGENDA_READER_ROLES, kwargs=_appointment),
    "agenda:set_status": Rule(roles=AGENDA_ROLES, kwargs=_appointment, ok_status=(405,)),
    "agenda:mark_arrived": Rule(roles=ARRIVAL_ROLES, kwargs=_appointment, ok_status=(405,)),
    "agenda:move": Rule(roles=AGENDA_ROLES, kwargs=_appointment),
    "agenda:letter": Rule(roles=AGENDA_ROLES, kwargs=_appointment),
    "agenda:letter_printed": Rule(roles=AGENDA_ROLES, kwargs=_appointment, ok_status=(405,)),
    "agenda:feed_settings": Rule(roles=AGENDA_ROLES),
    "agenda:feed": Rule(public=True, kwargs=_feed),
    "agenda:absence_create": Rule(roles=AGENDA_ROLES),
    "agenda:absence_detail": Rule(roles=AGENDA_ROLES, kwargs=_absence),
    "agenda:figures": Rule(roles=FIGURES_ROLES),
}
