from parcours.permissions import PERSON_CASE_ROLES, WORKSHOP_ROLES
from tests.access import Rule
from tests.factories import centre


def _cycle(user):
    from tests.workshops.factories import CycleFactory

    return {"pk": CycleFactory(centre=centre("grand-air"), facilitators=[user]).pk}


def _session(user):
    return {**_cycle(user), "number": 1}


def _theme(user):
    from workshops.models import Theme

    return {"pk": Theme.objects.first().pk}


def _person(user):
    from tests.people.factories import PersonFactory

    return {"person_pk": PersonFactory(centre=centre("grand-air")).pk}


def _enrolment(user):
    from tests.workshops.factories import CycleFactory, EnrolmentFactory

    cycle = CycleFactory(centre=centre("grand-air"), facilitators=[user])
    return {"pk": EnrolmentFactory(cycle=cycle).pk}


RULES = {
    "workshops:cycle_list": Rule(roles=WORKSHOP_ROLES, object_scoped=False),
    "workshops:cycle_create": Rule(roles=WORKSHOP_ROLES, object_scoped=False),
    "workshops:theme_list": Rule(roles=WORKSHOP_ROLES, object_scoped=False),
    "workshops:theme_edit": Rule(roles=WORKSHOP_ROLES, kwargs=_theme, object_scoped=False),
    "workshops:cycle_detail": Rule(roles=WORKSHOP_ROLES, kwargs=_cycle),
    "workshops:cycle_themes": Rule(roles=WORKSHOP_ROLES, kwargs=_cycle),
    "workshops:cycle_report": Rule(roles=WORKSHOP_ROLES, kwargs=_cycle),
    "workshops:session_detail": Rule(roles=WORKSHOP_ROLES, kwargs=_session),
    "workshops:cycle_cancel": Rule(roles=WORKSHOP_ROLES, kwargs=_cycle),
    "workshops:session_theme": Rule(roles=WORKSHOP_ROLES, kwargs=_session),
    "workshops:session_attendance": Rule(roles=WORKSHOP_ROLES, kwargs=_session),
    "workshops:session_sheet": Rule(roles=WORKSHOP_ROLES, kwargs=_session),
    "workshops:session_evaluation": Rule(roles=WORKSHOP_ROLES, kwargs=_session),
    "workshops:enrol_person": Rule(roles=PERSON_CASE_ROLES, kwargs=_person),
    "workshops:withdraw": Rule(roles=WORKSHOP_ROLES, kwargs=_enrolment, ok_status=(405,)),
}


def _meeting(user):
    from tests.workshops.factories import MeetingFactory

    return {"pk": MeetingFactory(centre=centre("grand-air"), by=user).pk}


def _action_item(user):
    from tests.workshops.factories import ActionItemFactory, MeetingFactory

    return {"pk": ActionItemFactory(MeetingFactory(centre=centre("grand-air"), by=user)).pk}


RULES |= {
    "workshops:meeting_list": Rule(roles=WORKSHOP_ROLES, object_scoped=False),
    "workshops:meeting_create": Rule(roles=WORKSHOP_ROLES, object_scoped=False),
    "workshops:meeting_detail": Rule(roles=WORKSHOP_ROLES, kwargs=_meeting),
    "workshops:action_done": Rule(roles=WORKSHOP_ROLES, kwargs=_action_item, ok_status=(405,)),
}


def _meeting_person(user):
    from tests.people.factories import PersonFactory
    from tests.workshops.factories import MeetingFactory
    from workshops.models import MeetingPerson

    meeting = MeetingFactory(centre=centre("grand-air"), by=user)
    person = PersonFactory(centre=centre("grand-air"))
    return {"pk": MeetingPerson.objects.create(meeting=meeting, person=person, added_by=user).pk}


def _request(user):
    from tests.people.factories import PersonFactory
    from tests.reception.factories import RequestFactory

    return {"request_pk": RequestFactory(person=PersonFactory(centre=centre("grand-air"))).pk}


RULES |= {
    "workshops:meeting_people": Rule(roles=WORKSHOP_ROLES, kwargs=_meeting),
    "workshops:meeting_person_unlink": Rule(
        roles=WORKSHOP_ROLES, kwargs=_meeting_person, ok_status=(405,)
    ),
    "workshops:enrol_request": Rule(roles=WORKSHOP_ROLES, kwargs=_request, ok_status=(405,)),
    # The participants' feedback form: public, no person shown.
    "workshops:public_feedback": Rule(public=True),
    "workshops:public_feedback_form": Rule(public=True, ok_status=(302,)),
    "workshops:public_feedback_thanks": Rule(public=True),
}
