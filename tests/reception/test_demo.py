"""The demo data gives every demo role a queue with something in it, and the seed's story."""

import pytest

from accounts import demo as accounts_demo
from accounts.demo import DEMO_DOMAIN
from accounts.models import Role, User
from reception import demo
from reception.models import IntegrationRequest, RequestStatus, Visit
from reception.selectors import (
    new_requests_for_coordinator,
    open_handoffs_to,
    requests_awaiting_analysis,
)
from reception.views.queue_views import open_handoffs_to_desk

pytestmark = pytest.mark.django_db


def _user(local_part):
    return User.objects.get(email=f"{local_part}@{DEMO_DOMAIN}")


@pytest.fixture
def loaded():
    accounts_demo.load()
    demo.load()


def test_loading_twice_creates_nothing_more(loaded):
    counts = (Visit.objects.count(), IntegrationRequest.objects.count())
    demo.load()
    assert (Visit.objects.count(), IntegrationRequest.objects.count()) == counts


def test_requests_exist_in_every_status_and_visits_at_every_site_of_the_municipal_centres(loaded):
    assert set(IntegrationRequest.objects.values_list("status", flat=True)) == set(RequestStatus)
    assert IntegrationRequest.objects.filter(renews__isnull=False).exists()
    for slug in ("grand-air", "esperanto", "lounes-matoub"):
        assert Visit.objects.filter(centre__slug=slug, person__isnull=True).exists()


def test_each_demo_role_has_work_in_its_queue(loaded):
    for slug in ("grandair", "esperanto", "lounesmatoub"):
        assert open_handoffs_to_desk(_user(f"accueil.{slug}")).exists()
        coordinator = _user(f"coordination.{slug}")
        assert open_handoffs_to(coordinator, Role.COORDINATOR).exists()
        assert new_requests_for_coordinator(coordinator).exists()
    centres = set(requests_awaiting_analysis(_user("cip")).values_list("centre__slug", flat=True))
    assert centres == {"grand-air", "esperanto", "lounes-matoub"}


def test_the_seed_story_waits_for_the_coordinator_of_grand_air(loaded):
    (handoff,) = [
        h
        for h in open_handoffs_to(_user("coordination.grandair"), Role.COORDINATOR)
        if h.person.first_name == "Élodie"
    ]
    assert handoff.visit.site.name == "Espace 40"
    assert handoff.from_user == _user("accueil.grandair")
