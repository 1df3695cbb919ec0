from accounts.models import Role
from tests.access import Rule

CASE = frozenset({Role.COORDINATOR, Role.COUNSELLOR})


def _accompaniment(user=None):
    from tests.accompaniment.factories import AccompanimentFactory

    return AccompanimentFactory()


def _pk(build):
    return lambda user: {"pk": build().pk}


def _objective():
    from tests.accompaniment.factories import ObjectiveFactory

    return ObjectiveFactory()


def _action():
    from tests.accompaniment.factories import ActionFactory

    return ActionFactory()


def _diagnosis():
    from accompaniment.models import Diagnosis

    return Diagnosis.objects.create(accompaniment=_accompaniment(), made_on="2026-01-05")


def _orientation():
    from tests.accompaniment.factories import OrientationFactory

    return OrientationFactory()


def _refused_orientation():
    from tests.accompaniment.factories import OrientationFactory

    return OrientationFactory(status="refused")


def _awaiting_request(user):
    from tests.reception.factories import RequestFactory

    return {"request_pk": RequestFactory(awaiting=True).pk}


RULES = {
    "accompaniment:list": Rule(roles=CASE),
    "accompaniment:open": Rule(roles=frozenset({Role.COUNSELLOR}), kwargs=_awaiting_request),
    "accompaniment:detail": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    "accompaniment:step": Rule(
        roles=CASE, kwargs=lambda user: {"pk": _accompaniment().pk, "name": "pause"}
    ),
    "accompaniment:diagnosis_create": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    "accompaniment:diagnosis_detail": Rule(roles=CASE, kwargs=_pk(_diagnosis)),
    "accompaniment:objective_create": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    "accompaniment:objective_status": Rule(roles=CASE, kwargs=_pk(_objective)),
    "accompaniment:action_create": Rule(roles=CASE, kwargs=_pk(_objective)),
    "accompaniment:action_status": Rule(roles=CASE, kwargs=_pk(_action)),
    "accompaniment:plan_print": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    "accompaniment:orientation_create": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    "accompaniment:orientation_detail": Rule(roles=CASE, kwargs=_pk(_orientation)),
    "accompaniment:orientation_send": Rule(roles=CASE, kwargs=_pk(_orientation), ok_status=(405,)),
    "accompaniment:orientation_cancel": Rule(
        roles=CASE, kwargs=_pk(_orientation), ok_status=(405,)
    ),
    "accompaniment:orientation_revoke": Rule(
        roles=CASE, kwargs=_pk(_orientation), ok_status=(405,)
    ),
    "accompaniment:orientation_reorient": Rule(roles=CASE, kwargs=_pk(_refused_orientation)),
    "accompaniment:contact_list": Rule(roles=CASE),
    "accompaniment:contact_create": Rule(roles=CASE),
    "accompaniment:accompaniment_contact_create": Rule(roles=CASE, kwargs=_pk(_accompaniment)),
    # The partner: only the orientations sent to its organisation (mission locale here).
    "orientations:received_list": Rule(roles=frozenset({Role.PARTNER})),
    "orientations:received_detail": Rule(roles=frozenset({Role.PARTNER}), kwargs=_pk(_orientation)),
    "orientations:received_answer": Rule(
        roles=frozenset({Role.PARTNER}),
        kwargs=lambda user: {"pk": _orientation().pk, "name": "accept"},
        ok_status=(405,),
    ),
    # The e-mailed link: public, and says in French that a wrong token shows nothing.
    "orientations:link_open": Rule(
        public=True, kwargs=lambda user: {"token": "invalide"}, ok_status=(404,)
    ),
    "orientations:link_renew": Rule(
        public=True, kwargs=lambda user: {"token": "invalide"}, ok_status=(405,)
    ),
    "orientations:link_page": Rule(public=True, ok_status=(404,)),
    "orientations:link_answer": Rule(
        public=True, kwargs=lambda user: {"name": "accept"}, ok_status=(405,)
    ),
}
