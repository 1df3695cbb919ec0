"""Every URL is either declared public or refuses the anonymous visitor and the wrong roles."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import Role
from parcours.permissions import STAFF_ROLES
from tests.access import all_rules
from tests.access.core import ROLE_CENTRE
from tests.factories import make_user

RULES = all_rules()
# Django's admin has its own gate (parcours.apps: administrators only), tested in test_admin.py.
SKIPPED_NAMESPACES = {"admin"}


def walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace or namespace
            if ns in SKIPPED_NAMESPACES:
                continue
            full = f"{namespace}:{entry.namespace}" if namespace and entry.namespace else ns
            yield from walk(entry.url_patterns, full)
        elif isinstance(entry, URLPattern):
            if entry.name is None:
                continue
            yield f"{namespace}:{entry.name}" if namespace else entry.name


URL_NAMES = sorted(set(walk(get_resolver().url_patterns)))


def test_every_url_has_an_access_rule():
    missing = [name for name in URL_NAMES if name not in RULES]
    assert not missing, f"URLs without an access rule in tests/access/: {missing}"


def test_no_rule_for_a_url_that_does_not_exist():
    assert sorted(set(RULES) - set(URL_NAMES)) == []


def _url(name, rule, user):
    kwargs = rule.kwargs(user) if rule.kwargs else {}
    return reverse(name, kwargs=kwargs)


@pytest.mark.parametrize("name", [n for n in URL_NAMES if not RULES[n].public])
def test_anonymous_visitor_is_sent_to_login(client, db, name):
    rule = RULES[name]
    allowed = make_user(sorted(rule.roles)[0], ROLE_CENTRE.get(sorted(rule.roles)[0]))
    url = _url(name, rule, allowed)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize("name", [n for n in URL_NAMES if RULES[n].public])
def test_public_page_opens_without_login(client, db, name):
    rule = RULES[name]
    response = client.get(_url(name, rule, None))
    assert response.status_code in rule.ok_status
    assert "INVALID" not in response.content.decode()


ALLOWED_CASES = [
    (name, role)
    for name in URL_NAMES
    if not RULES[name].public
    for role in sorted(RULES[name].roles)
]


@pytest.mark.parametrize(("name", "role"), ALLOWED_CASES)
def test_every_allowed_role_gets_the_page(client, db, name, role):
    rule = RULES[name]
    user = make_user(role, ROLE_CENTRE.get(role))
    url = _url(name, rule, user)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code in rule.ok_status
    assert "INVALID" not in response.content.decode()


WRONG_ROLE_CASES = [
    (name, role)
    for name in URL_NAMES
    if not RULES[name].public
    for role in Role
    if role not in RULES[name].roles
]


@pytest.mark.parametrize(("name", "role"), WRONG_ROLE_CASES)
def test_wrong_role_is_refused(client, db, name, role):
    rule = RULES[name]
    allowed_role = sorted(rule.roles)[0]
    owner = make_user(allowed_role, ROLE_CENTRE.get(allowed_role))
    url = _url(name, rule, owner)
    intruder = make_user(role, ROLE_CENTRE.get(role))
    client.force_login(intruder)
    response = client.get(url)
    assert response.status_code in (403, 404)


def test_user_without_any_membership_is_refused_everywhere(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    for name in URL_NAMES:
        rule = RULES[name]
        if rule.public:
            continue
        owner = make_user(sorted(rule.roles)[0], ROLE_CENTRE.get(sorted(rule.roles)[0]))
        response = client.get(_url(name, rule, owner))
        assert response.status_code in (403, 404, 405), name
        if response.status_code == 405:
            assert rule.ok_status == (405,)


# --- POST as well as GET; outsiders of another centre; the decorators against the matrix ---

# The same role held in another centre than the objects the rules build (Grand Air).
OTHER_CENTRE = {
    Role.RECEPTION: ("esperanto", None),
    Role.COORDINATOR: ("esperanto", None),
    Role.COUNSELLOR: ("esperanto", "epicerie-solidaire-aurore"),
    Role.DIRECTOR: ("esperanto", None),
}


@pytest.mark.parametrize("name", [n for n in URL_NAMES if not RULES[n].public])
def test_anonymous_post_is_sent_to_login(client, db, name):
    rule = RULES[name]
    allowed = make_user(sorted(rule.roles)[0], ROLE_CENTRE.get(sorted(rule.roles)[0]))
    response = client.post(_url(name, rule, allowed), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.parametrize(("name", "role"), WRONG_ROLE_CASES)
def test_wrong_role_post_is_refused(client, db, name, role):
    rule = RULES[name]
    allowed_role = sorted(rule.roles)[0]
    url = _url(name, rule, make_user(allowed_role, ROLE_CENTRE.get(allowed_role)))
    client.force_login(make_user(role, ROLE_CENTRE.get(role)))
    assert client.post(url, {}).status_code in (403, 404)


@pytest.mark.parametrize(("name", "role"), ALLOWED_CASES)
def test_allowed_role_post_never_fails(client, db, name, role):
    """An empty or foreign POST from an allowed role: a form error, a refusal, never a 500."""
    rule = RULES[name]
    user = make_user(role, ROLE_CENTRE.get(role))
    url = _url(name, rule, user)
    client.force_login(user)
    assert client.post(url, {}).status_code < 500


OUTSIDER_CASES = [
    (name, role)
    for name in URL_NAMES
    if not RULES[name].public and RULES[name].kwargs is not None and RULES[name].object_scoped
    for role in sorted(RULES[name].roles)
    if role in OTHER_CENTRE
]


@pytest.mark.parametrize(("name", "role"), OUTSIDER_CASES)
def test_same_role_in_another_centre_gets_404_on_get_and_post(client, db, name, role):
    """Objects built by the rules belong to Grand Air: the same role at Espéranto never
    reaches them, neither reading (GET) nor acting (POST)."""
    rule = RULES[name]
    owner = make_user(role, ROLE_CENTRE.get(role))
    url = _url(name, rule, owner)
    centre_slug, organisation_slug = OTHER_CENTRE[role]
    outsider = make_user(role, centre_slug, organisation_slug)
    client.force_login(outsider)
    assert client.get(url).status_code in (403, 404, 405), "GET"
    assert client.post(url, {}).status_code in (403, 404), "POST"


@pytest.mark.parametrize("name", [n for n in URL_NAMES if not RULES[n].public])
def test_the_roles_a_view_declares_are_the_roles_of_the_matrix(db, name):
    """`@role_required(...)` (wrapper.parcours_roles) says the same as tests/access/."""
    from django.urls import resolve

    rule = RULES[name]
    owner = make_user(sorted(rule.roles)[0], ROLE_CENTRE.get(sorted(rule.roles)[0]))
    view = resolve(_url(name, rule, owner)).func
    declared = getattr(view, "parcours_roles", None)
    if declared is None:
        # Pages for every logged-in role (account, home) need no role decorator.
        assert rule.roles == STAFF_ROLES, f"{name}: no @role_required on the view"
    else:
        assert set(declared) == set(rule.roles), name
