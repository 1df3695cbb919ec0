"""The people URLs against their rules in tests/access/people.py (same checks as
tests/test_url_access.py, restricted to this app so they run on their own)."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.access.core import ROLE_CENTRE
from tests.access.people import RULES
from tests.factories import make_user


def _owner_and_url(name):
    rule = RULES[name]
    role = sorted(rule.roles)[0]
    owner = make_user(role, ROLE_CENTRE.get(role))
    kwargs = rule.kwargs(owner) if rule.kwargs else {}
    return owner, reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", sorted(RULES))
def test_anonymous_visitor_is_sent_to_login(client, db, name):
    _, url = _owner_and_url(name)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", sorted(RULES))
def test_allowed_role_gets_the_page(client, db, name):
    owner, url = _owner_and_url(name)
    client.force_login(owner)
    response = client.get(url)
    assert response.status_code in RULES[name].ok_status
    assert "INVALID" not in response.content.decode()


@pytest.mark.parametrize(
    ("name", "role"),
    [(name, role) for name in sorted(RULES) for role in Role if role not in RULES[name].roles],
)
def test_wrong_role_is_refused(client, db, name, role):
    _, url = _owner_and_url(name)
    client.force_login(make_user(role, ROLE_CENTRE.get(role)))
    assert client.get(url).status_code in (403, 404)
