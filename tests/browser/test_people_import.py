"""The caseload import in a browser: upload, map the columns, dry run, import; axe on each."""

import pytest

from accounts.models import Role
from people.models import Person
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user

CSV = (
    "NOM;Prénom(s);Date naiss.;Quand;Secteur;N° sécu\n"
    "Diallo;Awa;12/03/1990;04/05/2021;Bel Air;2900375000000\n"
    "Diallo;Awa;07/11/1984;15/09/2022;Montreau;2841175000000\n"
    "Martin;Jean;31/02/1980;;;\n"
)


@pytest.fixture
def caseload(tmp_path):
    path = tmp_path / "file-active.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_import_with_an_unforeseen_column_mapped_by_hand(browser_page, caseload, run_worker):
    page = browser_page
    login(page, make_user(Role.COORDINATOR, "grand-air"))
    page.goto("/personnes/import/")
    page.get_by_label("Fichier (CSV ou Excel .xlsx)").set_input_files(str(caseload))
    page.get_by_role("button", name="Déposer le fichier").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Que devient chaque")
    assert page.get_by_label("Date naiss.").input_value() == "birth_date"
    assert page.get_by_label("Quand").input_value() == ""
    assert_accessible(page)
    # Two columns for one field: the error is tied to the select, the other choices stay.
    page.get_by_label("Quand").select_option("birth_date")
    page.get_by_role("button", name="Vérifier le fichier avec ces choix").click()
    page.wait_for_load_state()
    assert "est déjà choisi pour la colonne « Date naiss. »" in page.content()
    assert page.get_by_label("Secteur").input_value() == "neighbourhood"
    assert_accessible(page)
    page.get_by_label("Quand").select_option("first_visit_date")
    page.get_by_role("button", name="Vérifier le fichier avec ces choix").click()
    page.wait_for_load_state()
    # The task worker checks the file; the page says so until it is done.
    assert page.get_by_role("heading", level=1).inner_text().startswith("Vérification en cours")
    assert_accessible(page)
    run_worker()
    page.get_by_role("link", name="Actualiser la page").click()
    page.wait_for_load_state()
    assert "1 colonne ne sera pas importée" in page.content()
    assert "« N° sécu »" in page.content()
    assert "Date de naissance impossible : 31/02/1980" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Importer maintenant").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Import en cours")
    run_worker()
    page.get_by_role("link", name="Actualiser la page").click()
    page.wait_for_load_state()
    assert "Import terminé : 2 fiches créées" in page.content()
    assert_accessible(page)
    awa = Person.objects.get(birth_date__year=1990)
    page.goto(f"/personnes/{awa.pk}/")
    assert page.get_by_text("Premier contact avec le centre").count() == 1
    assert_accessible(page)


def test_mapping_screen_fits_a_small_phone(narrow_page, caseload):
    page = narrow_page
    login(page, make_user(Role.COORDINATOR, "grand-air"))
    page.goto("/personnes/import/")
    page.get_by_label("Fichier (CSV ou Excel .xlsx)").set_input_files(str(caseload))
    page.get_by_role("button", name="Déposer le fichier").click()
    page.wait_for_load_state()
    assert_no_horizontal_scroll(page)
