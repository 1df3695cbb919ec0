"""The seed's story, file side: the desk finds Élodie, her file is accessible, scope holds."""

import pytest

from accounts.models import Role
from tests.browser.conftest import assert_accessible, login
from tests.factories import centre, make_user
from tests.people.factories import NoteFactory, PersonFactory

pytestmark = pytest.mark.browser


def _search(page, text):
    """Search as the desk does; what was typed never shows in the address bar."""
    page.goto("/personnes/")
    page.get_by_label("Nom, date de naissance ou téléphone").fill(text)
    page.get_by_role("button", name="Rechercher", exact=True).click()
    page.wait_for_load_state()
    assert page.url.endswith("/personnes/"), page.url


def test_the_desk_finds_elodie_and_her_file_keeps_notes_to_the_team(browser_page):
    page = browser_page
    reception = make_user(Role.RECEPTION, "grand-air")
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    elodie = PersonFactory(elodie=True)
    PersonFactory(first_name="Marc", last_name="Durand")
    NoteFactory(person=elodie, author=coordinator, text="Cherche un emploi dans l’aide à domicile.")

    login(page, reception)
    for spelling in ("elodie ndiaye", "ndiay elodie", "Elodi Ndiaye"):
        _search(page, spelling)
        assert page.get_by_role("link", name="N'DIAYE Élodie").count() == 1, spelling
        assert "DURAND" not in page.content()
    assert_accessible(page)
    # The register link carries no personal data; the birth date searched is prefilled.
    _search(page, "ndiaye 03/04/1990")
    page.get_by_role("link", name="Inscrire une nouvelle personne").click()
    page.wait_for_load_state()
    assert page.url.endswith("/personnes/inscrire/?depuis=recherche"), page.url
    assert page.get_by_label("Date de naissance").input_value() == "03/04/1990"
    page.go_back()
    page.get_by_role("button", name="Nouvelle recherche").click()
    page.wait_for_load_state()
    assert page.url.endswith("/personnes/")
    assert page.get_by_label("Nom, date de naissance ou téléphone").input_value() == ""
    _search(page, "elodie ndiaye")

    page.get_by_role("link", name="N'DIAYE Élodie").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text() == "N'DIAYE Élodie"
    assert "Cherche un emploi" not in page.content()
    assert "Situation" not in page.content()  # the desk never sees the situation
    assert "Ajouter une note" not in page.content()
    assert_accessible(page)

    page.context.clear_cookies()
    login(page, coordinator)
    page.goto(f"/personnes/{elodie.pk}/")
    assert "Cherche un emploi dans l’aide à domicile." in page.content()
    assert page.get_by_text("Pas d’informations de santé", exact=False).count() >= 1
    assert_accessible(page)
    page.get_by_role("textbox", name="Note").fill("Inscrite à l’atelier CV de jeudi.")
    page.get_by_role("button", name="Enregistrer la note").click()
    page.wait_for_load_state()
    assert "Inscrite à l’atelier CV de jeudi." in page.content()
    # The situation: the team fills it in, the summary says it, the history keeps it.
    page.get_by_text("Mettre à jour la situation").click()
    page.get_by_label("Demandeur·se d’emploi inscrit·e à France Travail").check()
    page.get_by_label("RSA").check()
    page.get_by_label("Aucune ressource").check()
    page.get_by_role("button", name="Enregistrer la situation").click()
    page.wait_for_load_state()
    assert "ne peut pas être cochée avec une autre ressource" in page.content()
    assert page.get_by_label("RSA").is_checked()  # what was ticked is kept
    assert_accessible(page)
    page.get_by_label("Aucune ressource").uncheck()
    page.get_by_label("Hébergé·e chez un tiers").check()
    page.get_by_role("button", name="Enregistrer la situation").click()
    page.wait_for_load_state()
    assert "La situation est mise à jour." in page.content()
    assert page.get_by_text("Logement : — → Hébergé·e chez un tiers", exact=False).count() == 1
    assert_accessible(page)
    page.get_by_role("button", name="Devenir référent·e").click()
    page.wait_for_load_state()
    assert "Vous êtes désormais référent·e de cette personne." in page.content()
    assert page.get_by_text("Référent·e : ", exact=False).count() >= 1
    assert_accessible(page)


def test_a_coordinator_of_esperanto_cannot_open_a_grand_air_file(browser_page):
    page = browser_page
    elodie = PersonFactory(elodie=True)
    login(page, make_user(Role.COORDINATOR, "esperanto"))
    response = page.goto(f"/personnes/{elodie.pk}/")
    assert response.status == 404
    _search(page, "elodie ndiaye")
    assert page.get_by_role("link", name="N'DIAYE Élodie").count() == 0


def test_register_form_and_import_screen_are_accessible(browser_page):
    page = browser_page
    login(page, make_user(Role.COORDINATOR, "grand-air"))
    page.goto("/personnes/inscrire/")
    page.get_by_role("button", name="Créer la fiche").click()
    page.wait_for_load_state()
    assert "Le formulaire contient" in page.content()
    assert_accessible(page)
    # A file of the same person at Espéranto: a neutral warning, accessible, nothing more.
    PersonFactory(elodie=True, centre=centre("esperanto"))
    page.locator("#id_last_name").fill("N'Diaye")
    page.locator("#id_first_name").fill("Élodie")
    page.locator("#id_birth_date").fill("03/04/1990")
    page.get_by_role("button", name="Créer la fiche").click()
    page.wait_for_load_state()
    assert page.get_by_text("existe dans un autre centre social", exact=False).count() == 1
    assert "Espéranto" not in page.content()
    assert_accessible(page)
    page.goto("/personnes/import/")
    assert_accessible(page)
