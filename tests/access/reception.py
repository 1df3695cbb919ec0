from accounts.models import Role
from tests.access import Rule
from tests.factories import centre


def _request(user, **traits):
    from tests.reception.factories import RequestFactory

    return RequestFactory(**traits)


def _contact(user):
    from directory.models import ContactRequest

    home = centre("grand-air")
    return ContactRequest.objects.create(
        name="Awa Traoré",
        phone="+33612345678",
        neighbourhood=home.neighbourhoods.first(),
        centre=home,
        consent=True,
    )


def _visit(user):
    from tests.reception.factories import VisitFactory

    return VisitFactory()


def _person_kwargs(user):
    from tests.reception.factories import PersonFactory

    return {"person_pk": PersonFactory(centre=centre("grand-air")).pk}


RULES = {
    "reception:desk": Rule(roles=frozenset({Role.RECEPTION, Role.COORDINATOR})),
    "reception:visit_handoff": Rule(
        roles=frozenset({Role.RECEPTION, Role.COORDINATOR}),
        kwargs=lambda user: {"pk": _visit(user).pk},
        ok_status=(405,),
    ),
    "reception:reception_queue": Rule(roles=frozenset({Role.RECEPTION})),
    "reception:contact_detail": Rule(
        roles=frozenset({Role.RECEPTION, Role.COORDINATOR}),
        kwargs=lambda user: {"pk": _contact(user).pk},
    ),
    "reception:contact_call": Rule(
        roles=frozenset({Role.RECEPTION, Role.COORDINATOR}),
        kwargs=lambda user: {"pk": _contact(user).pk},
        ok_status=(405,),
    ),
    "reception:contact_link": Rule(
        roles=frozenset({Role.RECEPTION, Role.COORDINATOR}),
        kwargs=lambda user: {"pk": _contact(user).pk},
        ok_status=(405,),
    ),
    "reception:coordinator_queue": Rule(roles=frozenset({Role.COORDINATOR})),
    "reception:counsellor_queue": Rule(roles=frozenset({Role.COUNSELLOR})),
    "reception:handoff_take": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        kwargs=lambda user: {"pk": 1},
        ok_status=(405,),
    ),
    "reception:request_create": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}), kwargs=_person_kwargs
    ),
    "reception:request_list": Rule(roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR})),
    "reception:request_detail": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        kwargs=lambda user: {"pk": _request(user).pk},
    ),
    "reception:request_renew": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        kwargs=lambda user: {"pk": _request(user, closed=True).pk},
    ),
    "reception:request_colleague_handoff": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        kwargs=lambda user: {"pk": _request(user).pk},
        ok_status=(405,),
    ),
    "reception:request_transition": Rule(
        roles=frozenset({Role.COORDINATOR, Role.COUNSELLOR}),
        kwargs=lambda user: {"pk": _request(user).pk, "name": "submit"},
        ok_status=(405,),
    ),
}
