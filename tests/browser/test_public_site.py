"""The public site in a real Chromium: every page axe-clean, usable at 320 px and without
JavaScript; comments wait for a moderator; send-to-a-friend refuses abuse."""

import json
import re

import pytest
from data_inclusion.schema.v1 import Service, Structure

from accounts.models import Role
from directory.models import Comment, CommentStatus, ContactRequest
from directory.reference import ARTICLE_SLUG, load_public_site_reference
from notifications.models import OutgoingEmail
from organisations.reference import load_reference_data
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    "/centres-sociaux/",
    "/centres-sociaux/grand-air/",
    "/centres-sociaux/esperanto/",
    "/centres-sociaux/lounes-matoub/",
    "/centres-sociaux/sfm-montreuil/",
    "/centres-sociaux/activites/",
    "/centres-sociaux/activites/?kind=insertion",
    "/centres-sociaux/mon-centre/",
    "/centres-sociaux/etre-accompagne/",
    "/centres-sociaux/etre-accompagne/envoyee/grand-air/",
    "/centres-sociaux/envoyer-a-un-ami/?page=/centres-sociaux/grand-air/",
    "/centres-sociaux/grand-air/commenter/",
    "/centres-sociaux/esperanto/ecrire-a-la-direction/",
    "/actualites/",
    f"/actualites/{ARTICLE_SLUG}/",
    "/open-data/",
    "/accessibilite/",
]
PLAIN_MONTREUIL_ADDRESS = re.compile(r"[\w.+-]+@montreuil\.fr")


@pytest.fixture
def public_site(transactional_db, monkeypatch):
    from django.core.cache import cache

    from directory import antispam, demo

    cache.clear()
    load_reference_data()
    monkeypatch.setattr(antispam, "MIN_SECONDS", 0)  # people type slowly; tests do not
    load_public_site_reference()
    demo.load()


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_is_accessible_and_hides_directors_addresses(browser_page, public_site, url):
    response = browser_page.goto(url)
    assert response.status == 200
    assert browser_page.locator("h1").count() == 1
    assert not PLAIN_MONTREUIL_ADDRESS.search(browser_page.content())
    assert_accessible(browser_page)


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_page_fits_a_320_pixel_screen(narrow_page, public_site, url):
    narrow_page.goto(url)
    assert_no_horizontal_scroll(narrow_page)


def test_a_comment_appears_only_once_a_moderator_approves_it(browser_page, public_site):
    page = browser_page
    page.goto("/centres-sociaux/lounes-matoub/")
    assert page.get_by_text("Pas de commentaire").is_visible()
    page.get_by_role("link", name="Commenter cette page").click()
    page.get_by_label("Nom").fill("Amina Traoré")
    page.get_by_label("E-mail").fill("amina@exemple.fr")
    page.get_by_label("Commentaire").fill("Merci pour la permanence du lundi.")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    assert "publié sous la page « Centre social Lounès Matoub » après relecture" in page.content()
    assert page.locator("main form").count() == 0  # the form is not shown again
    assert_accessible(page)

    page.goto("/centres-sociaux/lounes-matoub/")
    assert "Merci pour la permanence du lundi." not in page.content()

    login(page, make_user(Role.MODERATOR))
    page.goto("/centres-sociaux/moderation/")
    assert_accessible(page)
    page.get_by_role("button", name="Publier le commentaire d’Amina Traoré").click()
    assert Comment.objects.get(author_name="Amina Traoré").status == CommentStatus.APPROVED

    page.goto("/centres-sociaux/lounes-matoub/")
    assert "Merci pour la permanence du lundi." in page.content()
    assert "amina@exemple.fr" not in page.content()


def test_comment_errors_are_tied_to_fields_and_keep_the_text(browser_page, public_site):
    page = browser_page
    page.goto("/centres-sociaux/grand-air/commenter/")
    page.get_by_label("Commentaire").fill("Un avis sans nom")
    page.get_by_role("button", name="Envoyer le commentaire").click()
    assert page.get_by_role("alert").is_visible()
    assert page.get_by_label("Commentaire").input_value() == "Un avis sans nom"
    assert page.get_by_label("Nom").get_attribute("aria-describedby")
    assert_accessible(page)


def test_send_to_a_friend_refuses_a_second_recipient_and_header_injection(
    browser_page, public_site
):
    page = browser_page
    page.goto("/centres-sociaux/grand-air/")
    page.get_by_role("link", name="Envoyer à un ami").click()
    page.get_by_label("Votre nom").fill("Jeanne Martin")
    page.get_by_label("E-mail de la personne à qui vous l’envoyez").fill(
        "a@exemple.fr, b@exemple.fr"
    )
    page.get_by_role("button", name="Envoyer le lien").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)

    # A browser strips line breaks from e-mail inputs: swap it for a textarea, as a robot would.
    page.evaluate(
        "const i = document.getElementById('id_recipient');"
        "const t = document.createElement('textarea'); t.name = i.name; t.id = i.id;"
        "i.replaceWith(t);"
    )
    page.locator("#id_recipient").fill("a@exemple.fr\nBcc: spam@exemple.fr")
    page.get_by_role("button", name="Envoyer le lien").click()
    assert page.get_by_role("alert").is_visible()
    assert not OutgoingEmail.objects.exists()

    page.get_by_label("E-mail de la personne à qui vous l’envoyez").fill("ami@exemple.fr")
    page.get_by_role("button", name="Envoyer le lien").click()
    assert "Le lien de la page « Centre social Grand Air » a été envoyé" in page.content()
    email = OutgoingEmail.objects.get()
    assert email.to == "ami@exemple.fr" and "/centres-sociaux/grand-air/" in email.body


def test_contact_request_reaches_the_centre_and_tells_what_happens_next(browser_page, public_site):
    page = browser_page
    page.goto("/centres-sociaux/etre-accompagne/")
    page.get_by_label("Nom et prénom").fill("Moussa Keita")
    page.get_by_label("Téléphone").fill("06 11 22 33 44")
    page.get_by_label("Votre quartier").select_option(label="Montreau – Le Morillon")
    page.get_by_label("J’accepte que le centre social me rappelle").check()
    page.get_by_role("button", name="Envoyer ma demande").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Votre demande a bien été envoyée"
    assert "Espéranto" in page.content() and "Et maintenant ?" in page.content()
    assert_accessible(page)
    assert ContactRequest.objects.get().centre.slug == "esperanto"


def test_the_site_works_without_javascript(_browser, live_server, public_site):
    context = _browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/centres-sociaux/mon-centre/")
    page.get_by_label("Votre adresse").fill("56 rue des Blancs Vilains")
    page.get_by_role("button", name="Trouver mon centre").click()
    assert page.get_by_role("link", name="centre social Espéranto").is_visible()
    page.goto("/centres-sociaux/grand-air/")
    assert not page.get_by_role("button", name="Imprimer la page").is_visible()
    assert page.get_by_role("link", name="Envoyer à un ami").is_visible()
    context.close()


def test_print_button_appears_with_javascript_and_print_hides_navigation(browser_page, public_site):
    page = browser_page
    page.goto("/centres-sociaux/grand-air/")
    assert page.get_by_role("button", name="Imprimer la page").is_visible()
    page.emulate_media(media="print")
    assert not page.locator(".site-nav").is_visible()
    assert not page.get_by_role("link", name="Commenter cette page").is_visible()
    assert page.get_by_role("heading", name="Lieux d’accueil").is_visible()


def test_open_data_validates_with_the_schema_package(browser_page, public_site):
    structures = json.loads(
        browser_page.request.get("/open-data/data-inclusion/structures.json").text()
    )
    services = json.loads(
        browser_page.request.get("/open-data/data-inclusion/services.json").text()
    )
    assert len([Structure.model_validate(row) for row in structures]) == 4
    assert len([Service.model_validate(row) for row in services]) >= 10


def test_director_edits_hours_on_accessible_staff_pages(browser_page, public_site):
    page = browser_page
    login(page, make_user(Role.DIRECTOR, "grand-air"))
    page.goto("/centres-sociaux/gestion/")
    assert_accessible(page)
    page.get_by_role("link", name="Modifier les horaires d’Espace 18").click()
    page.get_by_label("Horaires d’accueil").fill("n'importe quoi")
    page.get_by_role("button", name="Enregistrer").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    page.get_by_label("Horaires d’accueil").fill("Mo-Fr 09:00-12:00")
    page.get_by_role("button", name="Enregistrer").click()
    assert "Du lundi au vendredi : 9 h – 12 h" in page.content()
