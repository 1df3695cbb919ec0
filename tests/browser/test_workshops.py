"""Workshops in a real browser at 360 px: a cycle opened with its time and duration,
attendance taken in a few taps without JavaScript needed, and every page of the app (the
session's page, its place in the agenda) passes axe with no horizontal scroll."""

import datetime

import pytest
from django.utils import timezone

from accounts.models import Role
from tests.agenda.factories import future_slot
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.workshops.factories import ActionItemFactory, CycleFactory, MeetingFactory
from workshops import services
from workshops.models import Attendance, Cycle, MeetingPerson, Theme

pytestmark = pytest.mark.browser


def future_working_day(days):
    return future_slot(days=days).date()


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

    # Open a cycle from the form: the proposed 14:00 is changed, the sessions last 1 h 30.
    first_day = future_working_day(days=30)
    page.goto("/ateliers/nouveau/")
    assert page.get_by_label("Heure de début").input_value() == "14:00"
    page.get_by_label("Centre social").select_option(str(esperanto.pk))
    page.get_by_label("Lieu").select_option(str(esperanto.sites.order_by("position")[0].pk))
    page.get_by_label("Titre du cycle").fill("Cycle du soir")
    page.get_by_label("Date de la première séance").fill(first_day.isoformat())
    page.get_by_label("Nombre de places").fill("10")
    page.get_by_label("Nombre de séances").fill("2")
    page.get_by_label("Heure de début").fill("17:30")
    page.get_by_label("Durée").select_option("90")
    page.get_by_role("button", name="Ouvrir le cycle").click()
    page.wait_for_url("**/themes/")
    evening = Cycle.objects.get(title="Cycle du soir")
    starts = [
        timezone.localtime(s.appointment.starts_at)
        for s in evening.sessions.select_related("appointment").order_by("number")
    ]
    assert [(d.date(), d.time()) for d in starts] == [
        (first_day, datetime.time(17, 30)),
        (first_day + datetime.timedelta(weeks=1), datetime.time(17, 30)),
    ]

    # The sessions are in the agenda: the facilitator's week shows them.
    _check(page, f"/agenda/?vue=semaine&jour={first_day.isoformat()}")
    assert page.get_by_text("Atelier : Cycle du soir – séance 1").count() == 1

    for url in [
        "/ateliers/",
        "/ateliers/nouveau/",
        "/ateliers/themes/",
        f"/ateliers/themes/{themes[0].pk}/",
        f"/ateliers/{cycle.pk}/",
        f"/ateliers/{draft.pk}/themes/",
        f"/ateliers/{cycle.pk}/seances/2/",
        f"/ateliers/{cycle.pk}/annuler/",
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
