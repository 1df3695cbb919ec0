import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import add_membership, make_user


def test_home_shows_the_team_of_my_centre_only(client, coordinator_grand_air):
    colleague = make_user(Role.RECEPTION, "grand-air", first_name="Inès", last_name="Colin")
    outsider = make_user(Role.RECEPTION, "esperanto", first_name="Paul", last_name="Étrange")
    client.force_login(coordinator_grand_air)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "Inès Colin" in content
    assert colleague.email in content
    assert outsider.email not in content


def test_home_costs_the_same_queries_with_a_large_team(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    client.force_login(coordinator_grand_air)
    for _ in range(3):
        make_user(Role.RECEPTION, "grand-air")
    with django_assert_max_num_queries(15) as small:
        client.get(reverse("dashboard:home"))
    for _ in range(30):
        make_user(Role.RECEPTION, "grand-air")
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("dashboard:home"))


def test_partner_home_names_no_centre(client, partner_mission_locale):
    client.force_login(partner_mission_locale)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "Partenaire" in content
    assert "Mon équipe" not in content


@pytest.mark.parametrize(
    ("role", "centre_slug"),
    [
        (Role.RECEPTION, "grand-air"),
        (Role.COORDINATOR, "grand-air"),
        (Role.COUNSELLOR, "grand-air"),
        (Role.DIRECTOR, "grand-air"),
        (Role.STEERING, None),
        (Role.PARTNER, None),
        (Role.ADMINISTRATOR, None),
        (Role.MODERATOR, None),
    ],
)
def test_every_link_of_the_staff_menu_opens_for_the_role_that_sees_it(
    client, db, role, centre_slug
):
    import re

    user = make_user(role, centre_slug)
    client.force_login(user)
    home = client.get(reverse("dashboard:home")).content.decode()
    menu = re.search(r'(?s)<nav aria-label="Menu de l’espace professionnel".*?</nav>', home).group(
        0
    )
    for href in re.findall(r'href="([^"]+)"', menu):
        assert client.get(href).status_code == 200, (role, href)


def test_a_coordinator_who_is_also_the_counsellor_sees_her_agenda_and_accompaniments_once(
    client, db
):
    user = make_user(Role.COORDINATOR, "grand-air")
    add_membership(user, Role.COUNSELLOR, "grand-air", "epicerie-solidaire-aurore")
    client.force_login(user)
    content = client.get(reverse("dashboard:home")).content.decode()
    assert "File de la coordination" in content
    assert "Demandes à analyser" in content
    assert content.count("Mon agenda</a>") == 1
    assert content.count("Accompagnements en cours</a>") == 1
