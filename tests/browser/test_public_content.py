"""Staff write the public site's words in a real Chromium: an article written, previewed
(no JavaScript needed), published and read on /actualites/; every page axe-clean and usable
at 320 px."""

import re

import pytest

from accounts.models import Role
from directory.models import Article
from directory.reference import load_public_site_reference
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import make_user

pytestmark = pytest.mark.browser

BODY = "Le **samedi 14 juin**, de 14 h à 18 h.\n\n## Au programme\n\n- jeux\n- goûter partagé"


@pytest.fixture
def public_content(transactional_db):
    from django.core.cache import cache

    cache.clear()
    load_public_site_reference()


def _write_article(page):
    page.goto("/centres-sociaux/gestion/articles/")
    assert_accessible(page)
    page.get_by_role("link", name="Écrire un article").click()
    page.get_by_label(re.compile(r"^Titre\b")).fill("Fête de quartier au Grand Air")
    page.get_by_label("Chapeau").fill("Tout le quartier est invité.")
    page.get_by_label("Texte (Markdown)").fill(BODY)
    page.get_by_label("Signature").fill("L’équipe du centre social Grand Air")
    page.get_by_label("Centre social concerné").select_option(label="Grand Air")


def test_moderator_writes_previews_and_publishes_an_article(browser_page, public_content):
    page = browser_page
    login(page, make_user(Role.MODERATOR))
    _write_article(page)
    page.get_by_role("button", name="Prévisualiser").click()
    preview = page.get_by_role("region", name="Aperçu de l’article")
    assert preview.locator("strong", has_text="samedi 14 juin").is_visible()
    assert preview.get_by_role("heading", name="Au programme").is_visible()
    assert not Article.objects.filter(title="Fête de quartier au Grand Air").exists()
    assert page.locator("h1").count() == 1
    assert_accessible(page)

    page.get_by_label("Publié : visible de tous").check()
    page.get_by_role("button", name="Enregistrer").click()
    assert "publié" in page.get_by_role("status").inner_text()
    assert_accessible(page)

    page.context.clear_cookies()  # a resident, not logged in
    page.goto("/actualites/")
    page.get_by_role("link", name="Fête de quartier au Grand Air").click()
    assert page.get_by_role("heading", level=2, name="Au programme").is_visible()
    assert "L’équipe du centre social Grand Air" in page.content()
    assert_accessible(page)


STAFF_PAGES = [
    "/centres-sociaux/gestion/articles/",
    "/centres-sociaux/gestion/articles/nouveau/",
    "/centres-sociaux/gestion/textes/introduction/",
    "/centres-sociaux/gestion/grand-air/presentation/",
    "/centres-sociaux/gestion/",
]


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_staff_writing_page_is_accessible_and_fits_320_pixels(narrow_page, public_content, url):
    page = narrow_page
    login(page, make_user(Role.ADMINISTRATOR))
    page.goto(url)
    assert page.locator("h1").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    if page.get_by_role("button", name="Prévisualiser").count():
        page.get_by_role("button", name="Prévisualiser").click()
        assert_no_horizontal_scroll(page)
        assert_accessible(page)


def test_the_preview_fits_320_pixels_with_a_long_link(narrow_page, public_content):
    page = narrow_page
    login(page, make_user(Role.MODERATOR))
    page.goto("/centres-sociaux/gestion/textes/introduction/")
    page.get_by_label("Texte (Markdown)").fill(
        "Voir https://www.montreuil.fr/une-adresse-tres-longue-sans-espace-du-tout-pour-tester"
        "\n\n[lien](https://www.montreuil.fr/)"
    )
    page.get_by_role("button", name="Prévisualiser").click()
    assert page.get_by_role("region", name="Aperçu du texte").is_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
