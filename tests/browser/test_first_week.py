"""What new users tripped on in their first week, walked again in a real browser."""

import datetime
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import Role
from directory.models import ContactRequest
from notifications.digest import send_digests
from notifications.models import OutgoingEmail
from organisations.models import Neighbourhood
from reception import services
from reception.models import VisitOutcome, VisitReason
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import centre, make_user
from tests.people.factories import PersonFactory
from tests.reception.factories import RequestFactory, VisitFactory

pytestmark = pytest.mark.browser
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _focused_id(page) -> str:
    return page.evaluate("document.activeElement && document.activeElement.id")


def test_a_contact_request_is_called_reached_at_the_second_try_and_registered(browser_page):
    page = browser_page
    reception = make_user(Role.RECEPTION, "grand-air", first_name="Nadia", last_name="Benali")
    neighbourhood = Neighbourhood.objects.get(slug="bel-air-grands-pechers")
    ContactRequest.objects.create(
        name="Traoré Awa",
        phone="+33612345678",
        email="awa@exemple.fr",
        neighbourhood=neighbourhood,
        centre=neighbourhood.centre,
        availability="Le matin",
        consent=True,
    )
    login(page, reception)
    page.goto("/accueil/file-accueil/")
    page.get_by_role("link", name="Appeler et noter l’appel : Traoré Awa").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Demande de contact de Traoré Awa"
    assert_accessible(page)

    # A call without its outcome: the focus goes to the error summary, the title says so.
    page.get_by_label("Note (facultatif)").fill("messagerie")
    page.get_by_role("button", name="Enregistrer l’appel").click()
    assert page.title().startswith("Erreur : ")
    assert _focused_id(page) == "erreurs"
    assert page.get_by_label("Note (facultatif)").input_value() == "messagerie"
    assert_accessible(page)

    page.get_by_label("Pas de réponse (à rappeler)").check()
    page.get_by_role("button", name="Enregistrer l’appel").click()
    assert "Appel n° 1 à Traoré Awa enregistré : pas de réponse (à rappeler)." in page.content()
    page.get_by_label("Personne jointe").check()
    page.get_by_role("button", name="Enregistrer l’appel").click()
    assert "Appel n° 2 à Traoré Awa enregistré : personne jointe." in page.content()
    assert_accessible(page)

    page.get_by_role("link", name="Inscrire la personne").click()
    assert page.locator("#id_last_name").input_value() == "Awa"
    page.get_by_role("button", name="Inverser nom et prénom").click()
    assert page.locator("#id_last_name").input_value() == "Traoré"
    assert page.locator("#id_first_name").input_value() == "Awa"
    assert_accessible(page)
    page.get_by_label("Femme").check()
    page.get_by_role("button", name="Créer la fiche").click()
    assert "La fiche d’Awa Traoré est créée." in page.content()
    assert "Demande de contact reçue sur le site public" in page.content()
    assert "2 appels, personne jointe (Nadia Benali)." in page.content()
    assert_accessible(page)


def test_the_coordinator_is_told_of_a_hand_over_and_the_digest_holds_no_name(browser_page):
    page = browser_page
    reception = make_user(Role.RECEPTION, "grand-air", first_name="Nadia", last_name="Benali")
    coordinator = make_user(Role.COORDINATOR, "grand-air")
    person = PersonFactory(elodie=True)
    grand_air = centre("grand-air")
    services.record_visit(
        by=reception,
        centre=grand_air,
        site=grand_air.sites.first(),
        reason=VisitReason.INTEGRATION_REQUEST,
        outcome=VisitOutcome.HANDED_TO_COORDINATOR,
        person=person,
    )
    login(page, coordinator)
    page.get_by_role("link", name="Nouveautés pour moi 1 non lue").click()
    assert "Nadia Benali a transmis une personne à la coordination du centre Grand Air." in (
        page.content()
    )
    assert_accessible(page)
    page.get_by_role("button", name="Ouvrir").click()
    assert page.get_by_role("heading", level=1).inner_text() == "File de la coordination"
    assert "Élodie N'Diaye" in page.content()
    assert page.get_by_role("link", name="Nouveautés pour moi").inner_text() == (
        "Nouveautés pour moi"
    )
    assert_accessible(page)

    services.hand_visit_over(VisitFactory(person=PersonFactory(centre=grand_air)), by=reception)
    assert send_digests(datetime.date(2026, 12, 2)) == 1
    email = OutgoingEmail.objects.get(to=coordinator.email)
    for word in ("Élodie", "N'Diaye", "Benali", "Grand Air"):
        assert word not in email.body and word not in email.subject
    assert "/espace/nouveautes/" in email.body


def test_rue_de_romainville_finds_its_centre_once_the_ban_sample_is_loaded(browser_page):
    from directory.reference import load_public_site_reference

    page = browser_page
    load_public_site_reference()
    call_command(
        "load_ban_streets",
        str(FIXTURES / "ban-93048-extrait.csv"),
        "--quartiers",
        str(FIXTURES / "ban-93048-quartiers.csv"),
    )
    page.goto("/centres-sociaux/mon-centre/")
    page.get_by_label("Votre adresse").fill("12 rue de Romainville")
    page.get_by_role("button", name="Trouver mon centre").click()
    assert page.get_by_role("link", name="centre social Grand Air").first.is_visible()
    assert "Rue de Romainville" in page.content()
    assert_accessible(page)
    page.get_by_label("Votre adresse").fill("2 rue de Paris")
    page.get_by_role("button", name="Trouver mon centre").click()
    assert "Branly – Boissière" in page.content() and "Espéranto" in page.content()
    assert_accessible(page)


def test_the_desk_at_320_px_and_the_needs_filter(browser_page, narrow_page):
    reception = make_user(Role.RECEPTION, "grand-air")
    VisitFactory(person=PersonFactory(last_name="Belair"))
    page = narrow_page
    login(page, reception)
    page.goto("/accueil/")
    assert _focused_id(page) == "id_site"
    button = page.get_by_role("button", name="Transmettre à la coordination")
    box = button.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    coordinator = make_user(Role.COORDINATOR, "grand-air")
    request_ = RequestFactory()
    wide = browser_page
    login(wide, coordinator)
    wide.goto(f"/accueil/personnes/{request_.person_id}/demande/")
    wide.get_by_label("Filtrer les besoins").fill("permis")
    visible = wide.locator(".grouped-choices__option:visible")
    assert 0 < visible.count() < 10
    assert "Permis" in visible.first.inner_text() or "permis" in visible.first.inner_text()
    assert_accessible(wide)
    wide.goto(f"/accueil/demandes/{request_.pk}/")
    assert not wide.get_by_label("Motif de clôture").is_visible()
    wide.get_by_text("Clôturer la demande").first.click()
    assert wide.get_by_label("Motif de clôture").is_visible()
    assert_accessible(wide)


def test_print_and_comment_replies_on_the_public_site(browser_page):
    from directory.models import CommentReply
    from tests.directory.factories import CommentFactory

    comment = CommentFactory(approved=True, author_name="Inès Martin")
    CommentReply.objects.create(comment=comment, centre=centre("grand-air"), body="Merci Inès !")
    page = browser_page
    page.goto("/centres-sociaux/grand-air/")
    assert "Réponse du centre social Grand Air" in page.content()
    assert page.get_by_role("button", name="Imprimer la page").is_visible()
    assert_accessible(page)
    page.goto("/centres-sociaux/imprimer/?page=/centres-sociaux/grand-air/")
    assert_accessible(page)
