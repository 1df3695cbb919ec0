"""The demo shows accompaniments in every state, on the CIP's and the partners' homes."""

import pytest
from django.urls import reverse

from accompaniment import demo
from accompaniment.models import Accompaniment, Orientation
from accounts import demo as accounts_demo
from accounts.demo import DEMO_DOMAIN
from accounts.models import User
from reception import demo as reception_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded():
    accounts_demo.load()
    reception_demo.load()
    demo.load()


def test_loading_twice_creates_nothing_more(loaded):
    count = Accompaniment.objects.count()
    demo.load()
    assert Accompaniment.objects.count() == count == 3


def test_the_demo_homes_show_accompaniments_and_orientations(client, loaded):
    client.force_login(User.objects.get(email=f"cip@{DEMO_DOMAIN}"))
    page = client.get(reverse("dashboard:home")).content.decode()
    assert "Créer son adresse e-mail" in page  # a late action
    assert "Oumou Diallo" in page  # an orientation waiting, no contact for 70 days
    statuses = set(Orientation.objects.values_list("status", flat=True))
    assert statuses == {"refused", "accepted", "sent"}
    closed = Accompaniment.objects.get(status="closed")
    assert closed.get_exit_reason_display() == "Formation qualifiante"
    paulo = Accompaniment.objects.get(person__file_reference="DEMO-ACC-04")
    assert paulo.diagnoses.count() == 2
    client.force_login(User.objects.get(email=f"france-travail@{DEMO_DOMAIN}"))
    page = client.get(reverse("orientations:received_list")).content.decode()
    assert "Refusée" in page
