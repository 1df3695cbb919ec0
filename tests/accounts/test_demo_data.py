import pytest
from django.core.management import CommandError, call_command

from accounts.models import Membership, User


def test_demo_command_refuses_to_run_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="développement"):
        call_command("load_demo_data")
    assert not User.objects.filter(email__endswith="@demo.parcours.test").exists()


def test_demo_command_creates_one_account_per_role_and_is_idempotent(db, settings):
    settings.DEBUG = True
    call_command("load_demo_data", verbosity=0)
    counts = (User.objects.count(), Membership.objects.count())
    call_command("load_demo_data", verbosity=0)
    assert (User.objects.count(), Membership.objects.count()) == counts
    cip = User.objects.get(email="cip@demo.parcours.test")
    assert sorted(cip.memberships.values_list("centre__slug", flat=True)) == [
        "esperanto",
        "grand-air",
        "lounes-matoub",
    ]
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {
        "reception",
        "coordinator",
        "counsellor",
        "director",
        "steering",
        "partner",
        "administrator",
        "moderator",
    }
