from accounts.models import Role
from tests.access import Rule

FILE_ROLES = frozenset({Role.RECEPTION, Role.COORDINATOR, Role.COUNSELLOR})
CASE_ROLES = frozenset({Role.COORDINATOR, Role.COUNSELLOR})


def _person(user):
    from tests.people.factories import PersonFactory

    return {"pk": PersonFactory().pk}


def _consent(user):
    import datetime

    from organisations.models import Organisation
    from people.models import SharingConsent
    from tests.people.factories import PersonFactory

    consent = SharingConsent.objects.create(
        person=PersonFactory(),
        partner=Organisation.objects.filter(is_partner=True).first(),
        shared=["identity"],
        agreed_on=datetime.date(2026, 1, 5),
    )
    return {"pk": consent.person_id, "consent_pk": consent.pk}


def _two_persons(user):
    from tests.people.factories import PersonFactory

    return {"pk": PersonFactory().pk, "other_pk": PersonFactory().pk}


def _batch(user):
    from people.models import ImportBatch
    from tests.factories import centre

    batch = ImportBatch.objects.create(
        centre=centre("grand-air"), filename="inscrits.csv", data=b"Nom;Prenom\n", uploaded_by=user
    )
    return {"pk": batch.pk}


COORDINATOR = frozenset({Role.COORDINATOR})

RULES = {
    "people:merge_choose": Rule(roles=COORDINATOR, kwargs=_person),
    "people:merge": Rule(roles=COORDINATOR, kwargs=_two_persons),
    "people:import": Rule(roles=COORDINATOR),
    "people:import_detail": Rule(roles=COORDINATOR, kwargs=_batch),
    "people:import_run": Rule(roles=COORDINATOR, kwargs=_batch, ok_status=(405,)),
    "people:import_mapping": Rule(roles=COORDINATOR, kwargs=_batch),
    "people:import_abandon": Rule(roles=COORDINATOR, kwargs=_batch, ok_status=(405,)),
    "people:import_refused": Rule(roles=COORDINATOR, kwargs=_batch, ok_status=(302,)),
    "people:search": Rule(roles=FILE_ROLES),
    "people:register": Rule(roles=FILE_ROLES),
    "people:file": Rule(roles=FILE_ROLES, kwargs=_person),
    "people:edit": Rule(roles=FILE_ROLES, kwargs=_person),
    "people:note_add": Rule(roles=CASE_ROLES, kwargs=_person, ok_status=(405,)),
    "people:referent": Rule(roles=CASE_ROLES, kwargs=_person, ok_status=(405,)),
    "people:situation": Rule(roles=CASE_ROLES, kwargs=_person, ok_status=(405,)),
    "people:notice": Rule(roles=CASE_ROLES, kwargs=_person),
    "people:consents": Rule(roles=CASE_ROLES, kwargs=_person),
    "people:consent_withdraw": Rule(roles=CASE_ROLES, kwargs=_consent, ok_status=(405,)),
}
