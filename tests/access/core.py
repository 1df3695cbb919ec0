from accounts.models import Role
from parcours.permissions import STAFF_ROLES
from tests.access import Rule

RULES = {
    "home": Rule(public=True, ok_status=(302,)),
    "directory:centre_list": Rule(public=True),
    "accounts:login": Rule(public=True),
    "accounts:logout": Rule(roles=STAFF_ROLES, ok_status=(405,)),  # POST only
    "accounts:password_change": Rule(roles=STAFF_ROLES),
    "accounts:password_reset": Rule(public=True),
    "accounts:password_reset_done": Rule(public=True),
    "accounts:password_reset_confirm": Rule(
        public=True, kwargs=lambda user: {"uidb64": "MQ", "token": "invalide"}
    ),
    "accounts:choose_centre": Rule(roles=STAFF_ROLES),
    "dashboard:home": Rule(roles=STAFF_ROLES),
    "accounts:security": Rule(roles=STAFF_ROLES),
    # ProConnect: public, and 404 while OIDC_ENABLED is off (tests/accounts/test_oidc.py).
    "oidc_authentication_init": Rule(public=True, ok_status=(404,)),
    "oidc_authentication_callback": Rule(public=True, ok_status=(404,)),
    # Already verified (the test client passes the second factor): back to where one was.
    "accounts:second_factor_verify": Rule(roles=STAFF_ROLES, ok_status=(302,)),
    "accounts:second_factor_setup": Rule(roles=STAFF_ROLES),
    "accounts:recovery_codes": Rule(roles=STAFF_ROLES, ok_status=(405,)),  # POST only
    "accounts:reauthenticate": Rule(roles=STAFF_ROLES),
    "accounts:email_change": Rule(roles=STAFF_ROLES),
    "accounts:approvals": Rule(roles=frozenset({Role.ADMINISTRATOR})),
    "accounts:approval_decide": Rule(
        roles=frozenset({Role.ADMINISTRATOR}), ok_status=(405,), kwargs=lambda user: {"pk": 1}
    ),
}

# Roles used to build a "wrong role" user, with the centre they are tied to.
ROLE_CENTRE = {
    Role.RECEPTION: "grand-air",
    Role.COORDINATOR: "grand-air",
    Role.COUNSELLOR: "grand-air",
    Role.DIRECTOR: "grand-air",
}
