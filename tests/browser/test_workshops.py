"""Workshops in a real browser at 360 px: attendance taken in a few taps without JavaScript
needed, and every page of the app passes axe with no horizontal scroll."""

import pytest

from accounts.models import Role
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.workshops.factories import ActionItemFactory, CycleFactory, MeetingFactory
from workshops import services
from workshops.models import Attendance, Theme

pytestmark = pytest.mark.browser


@pytest.fixture
def phone_page(_browser, live_server, transactional_db):
    from organisations.reference import load_reference_data

    load_reference_data()
    context = _browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 360, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def _check(page, url):
    page.goto(url)
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_workshop_pages_on_a_phone(phone_page):
    if not Theme.objects.exists():  # transactional_db flushes the seeded catalogue
        for index, title in enumerate(["Le CV", "La lettre de motivation", "La mobilité"]):
            Theme.objects.create(title=title, goals="Objectifs", outline="Déroulé", position=index)
    page = phone_page
    coordinator = make_user(Role.COORDINATOR, "esperanto")
    esperanto = centre("esperanto")
    cycle = CycleFactory(centre=esperanto, by=coordinator, session_count=3)
    themes = list(Theme.objects.all())
    sessions = list(cycle.sessions.order_by("number"))
    services.set_themes(
        by=coordinator,
        cycle=cycle,
        themes_by_session={s.pk: themes[i % len(themes)] for i, s in enumerate(sessions)},
        validate=True,
    )
    people = [PersonFactory(centre=esperanto, last_name=f"Nom{i}") for i in range(3)]
    for person in people:
        services.enrol(by=coordinator, cycle=cycle, person=person)
    draft = CycleFactory(centre=esperanto, by=coordinator, session_count=2)
    meeting = MeetingFactory(centre=esperanto, by=coordinator)
    ActionItemFactory(meeting)

    login(page, coordinator)
    page.goto(f"/ateliers/{cycle.pk}/seances/1/presences/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    for index in range(3):
        page.locator("fieldset").nth(index).get_by_label("Présent·e").check()
    page.get_by_role("button", name="Enregistrer les présences").click()
    assert Attendance.objects.filter(session=sessions[0], status="present").count() == 3

    for url in [
        "/ateliers/",
        "/ateliers/nouveau/",
        "/ateliers/themes/",
        f"/ateliers/themes/{themes[0].pk}/",
        f"/ateliers/{cycle.pk}/",
        f"/ateliers/{draft.pk}/themes/",
        f"/ateliers/{cycle.pk}/seances/2/theme/",
        f"/ateliers/{cycle.pk}/seances/1/emargement/",
        f"/ateliers/{cycle.pk}/seances/1/evaluation/",
        f"/ateliers/{cycle.pk}/bilan/",
        f"/ateliers/personnes/{people[0].pk}/inscrire/",
        "/ateliers/reunions/",
        "/ateliers/reunions/nouvelle/",
        f"/ateliers/reunions/{meeting.pk}/",
    ]:
        _check(page, url)
