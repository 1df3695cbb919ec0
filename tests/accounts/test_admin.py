from django.urls import reverse

from accounts.models import Role
from tests.factories import make_user


def test_administrator_opens_the_admin(client, administrator):
    client.force_login(administrator)
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:organisations_centre_changelist")).status_code == 200


def test_staff_flag_alone_does_not_open_the_admin(client, db):
    coordinator = make_user(Role.COORDINATOR, "grand-air", is_staff=True, is_superuser=True)
    client.force_login(coordinator)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_visitor_cannot_open_the_admin(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302


def test_the_administrator_reads_no_residents_contact_request_in_the_admin(client, administrator):
    """Contact requests (a resident's name, phone and message) are the reception's work, read in
    its logged queue; administrators keep reference data and accounts only."""
    from django.contrib import admin

    from directory.models import ContactRequest

    assert not admin.site.is_registered(ContactRequest)
    client.force_login(administrator)
    assert client.get("/admin/directory/contactrequest/").status_code == 404
