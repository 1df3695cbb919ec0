from django.urls import reverse

from accounts.models import Membership
from organisations.models import Centre


def test_counsellor_serving_three_centres_chooses_the_one_she_acts_for(client, counsellor):
    client.force_login(counsellor)
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Centre : <strong>Grand Air</strong>" in home
    esperanto = Centre.objects.get(slug="esperanto")
    response = client.post(reverse("accounts:choose_centre"), {"centre": esperanto.pk})
    assert response.status_code == 302
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Centre : <strong>Espéranto</strong>" in home


def test_a_centre_one_does_not_serve_cannot_be_chosen(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    other = Centre.objects.get(slug="esperanto")
    response = client.post(reverse("accounts:choose_centre"), {"centre": other.pk})
    assert response.status_code == 200
    assert "Sélectionnez un choix valide" in response.content.decode()
    home = client.get(reverse("dashboard:home")).content.decode()
    assert "Centre : <strong>Grand Air</strong>" in home


def test_a_centre_role_cannot_exist_without_a_centre(db, coordinator_grand_air):
    import pytest
    from django.db import IntegrityError

    membership = Membership.objects.get(user=coordinator_grand_air)
    membership.centre = None
    with pytest.raises(IntegrityError):
        membership.save()
