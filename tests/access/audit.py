from accounts.models import Role
from tests.access import Rule

CASE_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})


def _person(user):
    from tests.people.factories import PersonFactory

    return {"pk": PersonFactory().pk}


def _rights_request(user):
    from audit.models import RightsRequest
    from tests.people.factories import PersonFactory

    return {"pk": RightsRequest.objects.create(person=PersonFactory(), kind="restriction").pk}


RULES = {
    "audit:person_access": Rule(roles=frozenset({Role.ADMINISTRATOR})),
    "audit:person_data_json": Rule(roles=CASE_ROLES, kwargs=_person),
    "audit:person_data_print": Rule(roles=CASE_ROLES, kwargs=_person),
    "audit:person_rights": Rule(roles=CASE_ROLES, kwargs=_person),
    "audit:restriction_lift": Rule(roles=CASE_ROLES, kwargs=_person, ok_status=(405,)),
    "audit:rights_decide": Rule(roles=CASE_ROLES, kwargs=_rights_request, ok_status=(405,)),
}
