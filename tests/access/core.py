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
}

# Roles used to build a "wrong role" user, with the centre they are tied to.
ROLE_CENTRE = {
    Role.RECEPTION: "grand-air",
    Role.COORDINATOR: "grand-air",
    Role.COUNSELLOR: "grand-air",
    Role.DIRECTOR: "grand-air",
}
