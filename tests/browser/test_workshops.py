"""Workshops in a real browser at 360 px: attendance taken in a few taps without JavaScript
needed, and every page of the app passes axe with no horizontal scroll."""

import pytest

from accounts.models import Role
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.workshops.factories import ActionItemFactory, CycleFactory, MeetingFactory
from workshops import services
from workshops.models import Attendance, MeetingPerson, Theme

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
    MeetingPerson.objects.create(
        meeting=meeting, person=people[1], note="Proposer la séance CV", added_by=coordinator
    )
    other_centre = PersonFactory(centre=centre("grand-air"))
    MeetingPerson.objects.create(meeting=meeting, person=other_centre, added_by=coordinator)

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
        f"/ateliers/reunions/{meeting.pk}/personnes/",
    ]:
        _check(page, url)

    # People discussed: found by name (POSTed), linked with a note.
    page.get_by_label("Nom, date de naissance ou téléphone").fill("Nom2")
    page.get_by_role("button", name="Rechercher").click()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name=f"Lier à la réunion : {people[2].full_name}").click()
    assert page.get_by_text("1 personne d’un autre centre (fiche non accessible)").is_visible()
    assert MeetingPerson.objects.filter(meeting=meeting, person=people[2]).exists()


def test_a_participant_gives_feedback_on_a_phone_without_a_name(phone_page):
    """The public form: the code typed, a score by radio buttons, a comment; no login."""
    import datetime

    from django.utils import timezone

    from workshops import feedback
    from workshops.models import Feedback

    page = phone_page
    coordinator = make_user(Role.COORDINATOR, "esperanto")
    cycle = CycleFactory(
        centre=centre("esperanto"),
        by=coordinator,
        session_count=2,
        starts_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    session = cycle.sessions.get(number=1)
    code = feedback.code_for(session)

    page.goto("/ateliers/avis/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("Code de la séance").fill("ZZZZZZ" if code != "ZZZZZZ" else "AAAAAA")
    page.get_by_role("button", name="Continuer").click()
    assert page.get_by_text("Ce code ne correspond à aucune séance").first.is_visible()
    assert_accessible(page)
    page.get_by_label("Code de la séance").fill(f"{code[:3].lower()} {code[3:]}")
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url("**/ateliers/avis/seance/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_label("3 – bien").check()
    page.get_by_label("Un commentaire ?").fill("Le tour de table m’a aidé")
    page.wait_for_timeout(3200)  # the form's minimum fill time
    page.get_by_role("button", name="Envoyer mon avis").click()
    page.wait_for_url("**/ateliers/avis/merci/")
    assert_accessible(page)
    row = Feedback.objects.get(session=session)
    assert (row.score, row.comment, row.by_id) == (3, "Le tour de table m’a aidé", None)


def test_coordinator_enrols_a_request_from_her_queue(phone_page):
    import datetime

    from django.utils import timezone

    from tests.reception.factories import RequestFactory
    from workshops.models import Enrolment

    page = phone_page
    coordinator = make_user(Role.COORDINATOR, "esperanto")
    esperanto = centre("esperanto")
    cycle = CycleFactory(
        centre=esperanto,
        by=coordinator,
        session_count=3,
        starts_on=timezone.localdate() - datetime.timedelta(days=7),
    )
    person = PersonFactory(centre=esperanto, first_name="Inès", last_name="Haddad")
    RequestFactory(person=person)

    login(page, coordinator)
    page.goto("/accueil/file-coordination/")
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("button", name="Inscrire Inès Haddad à l’atelier choisi").click()
    assert page.get_by_text("Inès Haddad : inscrit·e au cycle").is_visible()
    assert_accessible(page)
    assert Enrolment.objects.filter(cycle=cycle, person=person).exists()
