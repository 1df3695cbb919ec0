"""The accompaniment story in a real browser, continuing the reception's: the CIP opens the
accompaniment, diagnoses, plans, orients a 22-year-old to the mission locale (which answers
through the e-mailed link, without an account), is refused by France Travail, diagnoses
again six months later and ends with "CDD ≥ 6 mois". Every page is checked with axe."""

import datetime
import re

import pytest
from django.utils import timezone

from accompaniment.models import Accompaniment, Orientation
from accounts.models import Role
from notifications.models import OutgoingEmail
from people.models import SharingConsent
from people.timeline import timeline_for
from tests.accompaniment.factories import load_services
from tests.browser.conftest import assert_accessible, login
from tests.factories import add_membership, make_user, organisation
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory

pytestmark = pytest.mark.browser


def _switch_to(page, user):
    page.context.clear_cookies()
    login(page, user)


def _heading(page):
    return page.get_by_role("heading", level=1).inner_text()


def _token_sent_to(address):
    body = OutgoingEmail.objects.filter(to=address).latest("pk").body
    return re.search(r"/orientations/lien/([^/\s]+)/", body).group(1)


def _diagnose(page, made_on, *, mobility, mobility_situation):
    page.get_by_label("Date du diagnostic").fill(made_on.strftime("%d/%m/%Y"))
    page.get_by_label("Niveau de qualification (code France Travail)").select_option("CFG")
    page.check("input[name=employment_assessment][value=need]")
    page.check("input[name=employment_situations][value=never_worked]")
    page.check(f"input[name=mobility_assessment][value={mobility}]")
    page.check(f"input[name=mobility_situations][value={mobility_situation}]")
    page.check("input[name=health_situations][value=no_constraint]")
    page.get_by_role("button", name="Enregistrer le diagnostic").click()


def _add_objective(page, dimension, title):
    page.get_by_role("link", name="Ajouter un objectif").click()
    assert_accessible(page)
    page.get_by_label("Dimension du diagnostic").select_option(label=dimension)
    page.get_by_label("Objectif du référentiel").select_option(label=title)
    page.get_by_role("button", name="Ajouter l’objectif").click()
    assert "Objectif ajouté au plan." in page.content()


def _add_action(page, objective, title, owner, due_on):
    page.get_by_role("link", name=f"Ajouter une action à « {objective} »").click()
    page.locator("#id_title").fill(title)
    page.get_by_label(owner).check()
    page.get_by_label("Échéance").fill(due_on.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Ajouter l’action").click()
    assert "Action ajoutée au plan." in page.content()


def _orient(page, service_label, reason, share_identity):
    page.get_by_role("link", name="Orienter vers un partenaire").click()
    assert_accessible(page)
    page.get_by_label("Service partenaire").select_option(label=service_label)
    page.get_by_label("Motif de l’orientation").fill(reason)
    if share_identity:
        page.get_by_label("Identité et coordonnées").check()
    page.get_by_role("button", name="Proposer l’orientation").click()
    assert_accessible(page)
    page.get_by_role("button", name="Envoyer au partenaire").click()
    assert "Orientation envoyée" in page.content()


def test_the_cip_accompanies_a_young_person_from_the_request_to_the_exit(browser_page):
    page = browser_page
    services = load_services()
    cip = make_user(Role.COUNSELLOR, "grand-air", first_name="Claire", last_name="Dubois")
    add_membership(cip, Role.COUNSELLOR, "esperanto", "epicerie-solidaire-aurore")
    france_travail = make_user(
        Role.PARTNER, organisation_slug="france-travail", first_name="Amélie", last_name="Roussel"
    )
    today = timezone.localdate()
    person = PersonFactory(
        first_name="Kevin",
        last_name="Lambert",
        birth_date=today.replace(year=today.year - 22) - datetime.timedelta(days=40),
    )
    SharingConsent.objects.create(
        person=person,
        partner=organisation("mission-locale"),
        shared=["identity", "situation"],
        agreed_on=today,
    )
    request_ = RequestFactory(person=person, awaiting=True)
    start = today - datetime.timedelta(days=190)

    # The CIP opens the accompaniment from the request awaiting analysis.
    login(page, cip)
    page.goto(f"/accueil/demandes/{request_.pk}/")
    page.get_by_role("link", name="Démarrer l’accompagnement").click()
    assert _heading(page) == "Démarrer l’accompagnement de Kevin Lambert"
    assert_accessible(page)
    page.get_by_label("Accompagnement individuel").check()
    page.get_by_label("Date de début").fill(start.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Démarrer l’accompagnement").click()
    assert _heading(page) == "Accompagnement de Kevin Lambert"
    assert "Accompagnement démarré." in page.content()
    assert_accessible(page)
    accompaniment = Accompaniment.objects.get(person=person)
    detail = f"/accompagnements/{accompaniment.pk}/"

    # A first diagnosis with the person.
    page.get_by_role("link", name="Faire le diagnostic").click()
    assert_accessible(page)
    _diagnose(page, start, mobility="need", mobility_situation="no_transport")
    assert "Diagnostic enregistré." in page.content()
    assert_accessible(page)

    # A plan: two objectives, three actions; one cannot be due before the start.
    page.goto(detail)
    _add_objective(page, "Emploi et expérience", "Trouver un emploi")
    _add_objective(page, "Mobilité", "Passer le permis B")
    soon = today + datetime.timedelta(days=14)
    _add_action(page, "Trouver un emploi", "Refaire le CV", "La personne", soon)
    _add_action(page, "Trouver un emploi", "Atelier entretien", "La ou le CIP", soon)
    page.get_by_role("link", name="Ajouter une action à « Passer le permis B »").click()
    assert_accessible(page)
    page.locator("#id_title").fill("Inscription au code")
    page.get_by_label("La personne").check()
    page.get_by_label("Échéance").fill((start - datetime.timedelta(days=1)).strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Ajouter l’action").click()
    assert "l’échéance ne peut pas être antérieure" in page.content()
    assert page.locator("#id_title").input_value() == "Inscription au code"
    assert_accessible(page)
    page.get_by_label("Échéance").fill(soon.strftime("%d/%m/%Y"))
    page.get_by_role("button", name="Ajouter l’action").click()
    assert "0 action réalisée sur 3" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name="Plan à imprimer pour la personne").click()
    assert _heading(page) == "Mon plan d’action"
    assert_accessible(page)

    # The mission locale is suggested for a 22-year-old; it answers through the link.
    page.goto(detail)
    page.get_by_role("link", name="Orienter vers un partenaire").click()
    assert "22 ans : public 16 à 25 ans" in page.content()
    page.goto(detail)
    mission_locale = services["mission-locale"]
    _orient(
        page,
        f"{mission_locale.name} – Mission locale",
        "Premier emploi, souhaite une formation.",
        share_identity=True,
    )
    token = _token_sent_to(mission_locale.contact_email)

    partner = page.context.browser.new_context(base_url=page.url.split("/accompagnements")[0])
    link_page = partner.new_page()
    link_page.goto(f"/orientations/lien/{token}/")
    assert link_page.url.endswith("/orientations/reponse/")  # the token left the address
    assert "Kevin Lambert" in link_page.content()
    assert_accessible(link_page)
    link_page.get_by_role("button", name="Accepter l’orientation").click()
    assert "Réponse enregistrée." in link_page.content()
    assert_accessible(link_page)
    # Later, back through the same link, the outcome.
    link_page.goto(f"/orientations/lien/{token}/")
    link_page.get_by_label("Ce qui a été fait (facultatif)").fill(
        "Entrée en formation qualifiante."
    )
    link_page.get_by_role("button", name="La personne a bénéficié du service").click()
    assert "ce lien ne donne plus accès à ses informations" in link_page.content()
    assert "Kevin" not in link_page.content()
    # A tampered link shows nothing.
    link_page.goto(f"/orientations/lien/{token[:-2]}xx/")
    assert "Ce lien n’est pas valide." in link_page.content()
    assert "Kevin" not in link_page.content()
    assert_accessible(link_page)
    partner.close()

    # France Travail, with an account, refuses a second orientation with a reason.
    page.goto(detail)
    _orient(
        page,
        f"{services['france-travail'].name} – France Travail",
        "Inscription comme demandeur d’emploi.",
        share_identity=False,
    )
    _switch_to(page, france_travail)
    page.get_by_role("link", name="Orientations reçues").click()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Orientation n°")).first.click()
    assert "La personne n’a pas accepté de partager son identité" in page.content()
    assert_accessible(page)
    page.get_by_label("Personne non éligible (ne répond pas aux prérequis)").check()
    page.get_by_label("Message à la ou au CIP").fill("Inscription préalable en ligne nécessaire.")
    page.get_by_role("button", name="Refuser l’orientation").click()
    assert "Réponse enregistrée" in page.content()
    assert_accessible(page)
    refused = Orientation.objects.get(organisation__slug="france-travail")
    assert refused.status == "refused"

    # Six months on, a second diagnosis shows what moved.
    _switch_to(page, cip)
    page.goto(f"/accompagnements/orientations/{refused.pk}/")
    assert "Inscription préalable en ligne nécessaire." in page.content()
    assert_accessible(page)
    page.goto(detail)
    page.get_by_role("link", name="Faire un nouveau diagnostic").click()
    _diagnose(page, today, mobility="support", mobility_situation="licence_in_progress")
    assert "Premier diagnostic" in page.content()
    assert page.locator(".moved-mark").count() == 1
    assert_accessible(page)

    # The accompaniment ends with a fixed-term contract of six months or more.
    page.goto(detail)
    page.get_by_role("link", name="Terminer l’accompagnement").click()
    assert_accessible(page)
    page.get_by_label("Emploi durable : CDD ≥ 6 mois").check()
    page.get_by_role("button", name="Terminer l’accompagnement").click()
    assert "Terminé – Emploi durable : CDD ≥ 6 mois" in page.content()
    assert_accessible(page)

    # Every step is on the person's timeline.
    page.goto(f"/personnes/{person.pk}/")
    assert "Accompagnement terminé : Emploi durable : CDD ≥ 6 mois" in page.content()
    assert_accessible(page)
    titles = [entry.title for entry in timeline_for(person, cip)]
    for expected in (
        "Accompagnement démarré",
        "Plan d’action : « Refaire le CV »",
        "Plan d’action : « Inscription au code »",
    ):
        assert expected in titles
    assert sum(title.startswith("Diagnostic du") for title in titles) == 2
    assert any("Mission locale) : acceptée" in title for title in titles)
    assert any("Mission locale) : réalisée" in title for title in titles)
    assert any("France Travail) : refusée" in title for title in titles)
    assert not any("Inscription préalable" in e.detail for e in timeline_for(person, cip))
