"""A membership that opens people's files, granted in the admin, needs a second administrator."""

from django.contrib import admin as django_admin
from django.urls import reverse

from accounts.models import Membership, MembershipApproval, Role
from tests.factories import centre, make_user, organisation


def _grant_in_admin(client, admin_user, member, role=Role.COORDINATOR, centre_slug="grand-air"):
    return client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": member.pk,
            "organisation": organisation("ville-de-montreuil").pk,
            "centre": centre(centre_slug).pk,
            "role": role,
            "is_active": "on",
        },
    )


def test_a_grant_waits_for_a_second_administrator(client, administrator, run_worker):
    from django.core import mail

    other_admin = make_user(Role.ADMINISTRATOR)
    member = make_user(Role.MODERATOR)
    client.force_login(administrator)
    response = _grant_in_admin(client, administrator, member)
    assert response.status_code == 302
    membership = Membership.objects.get(user=member, role=Role.COORDINATOR)
    assert not membership.is_active
    approval = MembershipApproval.objects.get(membership=membership)
    assert approval.status == MembershipApproval.Status.PENDING
    run_worker()
    assert [m.to for m in mail.outbox] == [[other_admin.email]]
    assert member.last_name not in mail.outbox[0].subject + mail.outbox[0].body

    # The one who asked cannot approve.
    page = client.get(reverse("accounts:approvals")).content.decode()
    assert "un·e autre administrateur·rice doit décider" in page
    decide = reverse("accounts:approval_decide", args=[approval.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403

    client.force_login(other_admin)
    response = client.post(decide, {"decision": "approve"}, follow=True)
    assert "approuvé" in response.content.decode()
    membership.refresh_from_db()
    assert membership.is_active
    # A second click (or a colleague's) changes nothing.
    again = client.post(decide, {"decision": "refuse"}, follow=True)
    assert "Action déjà effectuée." in again.content.decode()
    membership.refresh_from_db()
    assert membership.is_active


def test_granting_oneself_needs_another_administrator(client, administrator):
    other_admin = make_user(Role.ADMINISTRATOR)
    client.force_login(administrator)
    _grant_in_admin(client, administrator, administrator, role=Role.COUNSELLOR)
    approval = MembershipApproval.objects.get()
    decide = reverse("accounts:approval_decide", args=[approval.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 403
    client.force_login(other_admin)
    client.post(decide, {"decision": "refuse"})
    assert not Membership.objects.get(user=administrator, role=Role.COUNSELLOR).is_active


def test_a_grant_that_opens_no_file_takes_effect_at_once(client, administrator):
    member = make_user(Role.MODERATOR)
    client.force_login(administrator)
    client.post(
        reverse("admin:accounts_membership_add"),
        {
            "user": member.pk,
            "organisation": organisation("ville-de-montreuil").pk,
            "role": Role.STEERING,
            "is_active": "on",
        },
    )
    assert Membership.objects.get(user=member, role=Role.STEERING).is_active
    assert not MembershipApproval.objects.exists()


def test_approval_page_lists_history_with_constant_queries(
    client, administrator, django_assert_max_num_queries
):
    from accounts.approvals import decide, hold_for_approval

    other_admin = make_user(Role.ADMINISTRATOR)
    client.force_login(administrator)

    def grant(count):
        for _ in range(count):
            member = make_user(Role.MODERATOR)
            membership = Membership.objects.create(
                user=member,
                organisation=organisation("ville-de-montreuil"),
                centre=centre("grand-air"),
                role=Role.RECEPTION,
            )
            approval = hold_for_approval(membership, by=other_admin)
            decide(approval, by=administrator, approve=True)
            hold_for_approval(
                Membership.objects.create(
                    user=member,
                    organisation=organisation("ville-de-montreuil"),
                    centre=centre("esperanto"),
                    role=Role.RECEPTION,
                ),
                by=other_admin,
            )

    grant(2)
    with django_assert_max_num_queries(20) as few:
        assert client.get(reverse("accounts:approvals")).status_code == 200
    grant(25)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("accounts:approvals")).status_code == 200


def test_the_admin_shows_no_file_of_a_person():
    registered = {model._meta.app_label for model in django_admin.site._registry}
    assert not registered & {"people", "reception"}


def test_the_admin_never_shows_a_second_factor_secret():
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    assert not django_admin.site.is_registered(TOTPDevice)
    assert not django_admin.site.is_registered(StaticDevice)
