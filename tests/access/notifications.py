from parcours.permissions import STAFF_ROLES
from tests.access import Rule

RULES = {
    "notifications:inbox": Rule(roles=STAFF_ROLES),
    "notifications:open": Rule(roles=STAFF_ROLES, kwargs=lambda user: {"pk": 1}, ok_status=(405,)),
    "notifications:mark_all_read": Rule(roles=STAFF_ROLES, ok_status=(405,)),
    "notifications:digest_preference": Rule(roles=STAFF_ROLES, ok_status=(405,)),
}
