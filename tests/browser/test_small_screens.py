"""Every page a role reaches from its home, on a 320 px phone: axe-clean, no sideways scroll.

Runs on the demo data, so that lists, files and queues have content.
"""

from importlib import import_module

import pytest
from django.test import override_settings

from accounts.demo import DEMO_PASSWORD, demo_email
from people.models import Person
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login

pytestmark = pytest.mark.browser

DEMO_APPS = ["accounts", "people", "reception", "directory", "accompaniment"]


@pytest.fixture
def demo_data(transactional_db):
    with override_settings(DEBUG=True):
        for app in DEMO_APPS:
            import_module(f"{app}.demo").load()


def _internal_links(page) -> list[str]:
    hrefs = page.eval_on_selector_all(
        "main a[href], header nav a[href]", "els => els.map(e => e.getAttribute('href'))"
    )
    return sorted(
        {
            href.split("#")[0]
            for href in hrefs
            if href.startswith("/")
            and not href.startswith(("/admin/", "/static/", "/open-data/"))
            and href.split("#")[0]
        }
    )


@pytest.mark.parametrize(
    "account",
    [
        "accueil.grandair",
        "coordination.grandair",
        "cip",
        "direction.grandair",
        "pilotage",
        "france-travail",
    ],
)
def test_pages_reached_from_each_home_work_on_a_small_phone(narrow_page, demo_data, account):
    from accounts.models import User

    login(narrow_page, User.objects.get(email=demo_email(account)), DEMO_PASSWORD)
    pages = ["/espace/", *_internal_links(narrow_page)]
    # A person's file, reached the way staff reach it.
    elodie = Person.objects.filter(first_name="Élodie", last_name="N'Diaye").first()
    if account in {"accueil.grandair", "coordination.grandair", "cip"} and elodie:
        pages.append(f"/personnes/{elodie.pk}/")
    visited = []
    for url in pages:
        response = narrow_page.goto(url)
        if response.status in (403, 404):
            continue  # a public link or a page of another role: access is tested elsewhere
        assert response.status == 200, url
        assert_accessible(narrow_page)
        assert_no_horizontal_scroll(narrow_page)
        visited.append(url)
    assert len(visited) >= 3, visited
