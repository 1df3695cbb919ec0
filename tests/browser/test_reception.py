"""The seed's story in a real browser: Espace 40's desk, Grand Air's coordinator, the CIP."""

import re

import pytest

from accounts.models import Role
from reception.models import IntegrationRequest
from tests.browser.conftest import assert_accessible, login
from tests.factories import add_membership, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.browser


def _switch_to(page, user):
    page.context.clear_cookies()
    login(page, user)


def test_a_visitor_at_espace_40_goes_from_the_desk_to_the_cip(browser_page):
    page = browser_page
    reception = make_user(Role.RECEPTION, "grand-air", first_name="Nadia", last_name="Benali")
    coordinator = make_user(Role.COORDINATOR, "grand-air", first_name="Karim", last_name="Haddad")
    cip = make_user(Role.COUNSELLOR, "grand-air", first_name="Claire", last_name="Dubois")
    add_membership(cip, Role.COUNSELLOR, "esperanto", "epicerie-solidaire-aurore")
    outsider = make_user(Role.COORDINATOR, "esperanto")
    person = PersonFactory(elodie=True)

    # Reception at Espace 40 logs the visit from the person's file and hands her over.
    login(page, reception)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Noter un passage").first.click()
    expect_heading(page, "Accueil du centre Grand Air")
    assert_accessible(page)
    page.get_by_label("Site").select_option(label="Espace 40")
    page.get_by_label("Demande d’accompagnement insertion").check()
    page.get_by_label("Transmis à la coordination").check()
    page.get_by_label("Note pour la coordination (facultatif)").fill("Cherche du travail")
    page.get_by_role("button", name="Enregistrer le passage").click()
    assert "Passage enregistré : Élodie N'Diaye." in page.content()
    assert_accessible(page)
    page.goto("/accueil/file-accueil/")
    assert "Élodie N'Diaye" in page.content()
    assert_accessible(page)

    # The coordinator of Grand Air records the request and hands it to the CIP.
    _switch_to(page, coordinator)
    page.goto("/accueil/file-coordination/")
    assert "Transmis par Nadia Benali le" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Enregistrer la demande")).click()
    assert_accessible(page)
    page.get_by_label("Trouver un emploi (en général)").check()
    page.get_by_label("Description de la demande").fill("Recherche d’emploi dans la vente.")
    page.get_by_role("button", name="Enregistrer la demande").click()
    expect_heading(page, "Demande d’Élodie N'Diaye")
    assert_accessible(page)
    submit_form = page.locator("form").filter(
        has=page.get_by_role("button", name="Transmettre à la CIP")
    )
    submit_form.get_by_label("Transmettre à").select_option(label="Claire Dubois")
    submit_form.get_by_role("button", name="Transmettre à la CIP").click()
    assert "Demande d’Élodie N'Diaye transmise à Claire Dubois." in page.content()
    assert "En attente d’analyse" in page.content()

    # The CIP sees it in her list and opens the file.
    _switch_to(page, cip)
    page.goto("/accueil/file-analyse/")
    assert "Transmis par Karim Haddad le" in page.content()
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("Ouvrir le dossier")).click()
    assert page.url.endswith(f"/personnes/{person.pk}/")
    assert "Demande d’accompagnement enregistrée" in page.content()
    assert_accessible(page)

    # A coordinator of Espéranto cannot open it.
    _switch_to(page, outsider)
    response = page.goto(f"/personnes/{person.pk}/")
    assert response.status == 404
    request_ = IntegrationRequest.objects.get(person=person)
    assert page.goto(f"/accueil/demandes/{request_.pk}/").status == 404


def expect_heading(page, text):
    assert page.get_by_role("heading", level=1).inner_text() == text
