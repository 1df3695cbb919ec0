"""Each role's home page says how much waits in its queue, with a link to it."""

import pytest
from django.urls import reverse

from accounts.models import Role
from tests.factories import centre
from tests.reception.factories import HandoffFactory, PersonFactory, RequestFactory

pytestmark = pytest.mark.django_db
HOME = reverse("dashboard:home")


def test_reception_home_counts_the_people_expected(client, reception_grand_air):
    HandoffFactory()
    HandoffFactory(person=PersonFactory(centre=centre("esperanto")))
    client.force_login(reception_grand_air)
    page = client.get(HOME).content.decode()
    assert reverse("reception:reception_queue") in page
    assert "1 personne attendue ou demande de contact" in page


def test_coordinator_home_counts_handoffs_and_new_requests(client, coordinator_grand_air):
    HandoffFactory()
    RequestFactory()
    client.force_login(coordinator_grand_air)
    page = client.get(HOME).content.decode()
    assert "2 personnes transmises ou nouvelles demandes" in page


def test_cip_home_counts_the_requests_awaiting_analysis_of_all_her_centres(client, counsellor):
    RequestFactory(awaiting=True)
    RequestFactory(person=PersonFactory(centre=centre("esperanto")), awaiting=True)
    HandoffFactory(to_role=Role.COUNSELLOR)
    client.force_login(counsellor)
    page = client.get(HOME).content.decode()
    assert reverse("reception:counsellor_queue") in page
    assert "2 demandes en attente d’analyse" in page
