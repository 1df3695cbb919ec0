"""Predicates of the people app that are not yet in `parcours.permissions`.

Follow-up: move them into `parcours/permissions.py`, the one module that says who may do
what (it was being edited in parallel when they were written).
"""

from parcours.permissions import PERSON_CASE_ROLES, centre_ids_for


def can_assign_referent(user, person) -> bool:
    """The coordinators of the person's centre and the CIP serving it choose the person's
    referent (themselves or a colleague); reception agents and directors never do."""
    return person.centre_id in centre_ids_for(user, PERSON_CASE_ROLES)
