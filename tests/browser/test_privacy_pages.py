"""The privacy pages in Chromium: axe-clean, usable at 320 px, without JavaScript."""

from accounts.models import Role
from audit.models import RightsRequest
from audit.services import log_reads
from people.models import Note
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user
from tests.people.factories import PersonFactory


def _file_with_history():
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    person = PersonFactory(last_name="Benali", first_name="Amina")
    Note.objects.create(person=person, author=coordinator, text="Atelier CV le 3 mars.")
    RightsRequest.objects.create(person=person, kind="erasure", requested_by=coordinator)
    return coordinator, person


def test_the_access_history_page_is_accessible(browser_page):
    page = browser_page
    coordinator, person = _file_with_history()
    log_reads(coordinator, [person], what="Fiche")
    administrator = make_user(Role.ADMINISTRATOR)
    login(page, administrator)
    page.goto("/confidentialite/journal-des-acces/")
    page.get_by_label("N° de fiche").fill(str(person.pk))
    page.get_by_role("button", name="Afficher l’historique").click()
    page.wait_for_url("**/journal-des-acces/?fiche=*")
    assert page.get_by_role("cell", name="Fiche", exact=True).first.is_visible()
    assert_accessible(page)


def test_the_rights_and_data_pages_are_accessible_and_fit_320px(narrow_page):
    page = narrow_page
    _, person = _file_with_history()
    counsellor = make_user(Role.COUNSELLOR, "grand-air")
    login(page, counsellor)
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Droits de la personne").click()
    page.wait_for_url("**/droits/")
    assert page.get_by_role("button", name="Valider et appliquer").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)
    page.get_by_role("link", name="page à imprimer").click()
    page.wait_for_url("**/donnees/")
    assert page.get_by_text("Atelier CV le 3 mars.").is_visible()
    assert_accessible(page)
    assert_no_horizontal_scroll(page)


def test_erasure_is_approved_without_javascript(_browser, live_server, transactional_db):
    from organisations.reference import load_reference_data

    load_reference_data()
    _, person = _file_with_history()
    context = _browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    login(page, make_user(Role.COUNSELLOR, "grand-air"))
    page.goto(f"/confidentialite/personnes/{person.pk}/droits/")
    page.get_by_role("button", name="Valider et appliquer").click()
    assert page.get_by_text(f"La fiche n° {person.pk} est désormais anonyme.").is_visible()
    person.refresh_from_db()
    assert person.anonymised_at is not None
    context.close()


def test_two_browsers_saving_one_file_the_second_is_told_what_changed(
    _browser, live_server, transactional_db
):
    from organisations.reference import load_reference_data

    load_reference_data()
    person = PersonFactory(last_name="Benali", address="")
    pages = []
    for role in (Role.COORDINATOR, Role.RECEPTION):
        context = _browser.new_context(base_url=live_server.url, locale="fr-FR")
        page = context.new_page()
        login(page, make_user(role, "grand-air"))
        page.goto(f"/personnes/{person.pk}/modifier/")
        pages.append(page)
    first, second = pages
    first.get_by_label("Adresse").fill("3 rue de Paris")
    first.get_by_role("button", name="Enregistrer").click()
    first.wait_for_url(f"**/personnes/{person.pk}/")
    second.get_by_label("Adresse").fill("8 avenue Pasteur")
    second.get_by_role("button", name="Enregistrer").click()
    second.wait_for_load_state()
    assert second.get_by_text("Cette fiche a été modifiée par").is_visible()
    assert second.get_by_label("Adresse").input_value() == "8 avenue Pasteur"
    assert_accessible(second)
    person.refresh_from_db()
    assert person.address == "3 rue de Paris"
    for page in pages:
        page.context.close()
