from django.urls import reverse

from accounts.models import Role
from audit.models import AccessLog
from directory.models import CentrePage, PageText
from directory.reference import INTRO_KEY
from tests.factories import centre, make_user

INTRO = reverse("directory:page_text_edit", kwargs={"key": INTRO_KEY})
CENTRES = reverse("directory:centre_list")


def _presentation(slug):
    return reverse("directory:centre_presentation", kwargs={"slug": slug})


def _centre_page(slug):
    return reverse("directory:centre_detail", kwargs={"slug": slug})


# --- The introduction of /centres-sociaux/: moderators and administrators ----------------


def test_the_introduction_is_the_seed_text_and_the_moderator_edits_it(client, moderator):
    client.force_login(moderator)
    response = client.get(INTRO)
    assert "Un centre social est un équipement de proximité" in response.content.decode()
    response = client.post(
        INTRO, {"title": "Qu’est-ce qu’un centre social ?", "body": "Un lieu **ouvert** à tous."}
    )
    assert response.status_code == 302
    assert AccessLog.objects.filter(actor=moderator, detail="texte « introduction »").exists()
    client.logout()
    html = client.get(CENTRES).content.decode()
    assert "Qu’est-ce qu’un centre social ?" in html and "<strong>ouvert</strong>" in html


def test_introduction_preview_saves_nothing(client, administrator):
    client.force_login(administrator)
    response = client.post(
        INTRO, {"title": "Titre essayé", "body": "[lien](javascript:alert(1))", "preview": "1"}
    )
    html = response.content.decode()
    assert "Aperçu du texte" in html and "Titre essayé" in html
    assert "javascript:" not in html.split("<form")[0]
    assert PageText.objects.get(key=INTRO_KEY).title != "Titre essayé"


def test_introduction_errors_keep_the_text(client, moderator):
    client.force_login(moderator)
    response = client.post(INTRO, {"title": "", "body": "Texte gardé"})
    assert response.status_code == 200
    assert 'id="id_title_error"' in response.content.decode()
    assert "Texte gardé" in response.content.decode()


def test_director_and_reception_agent_cannot_edit_the_introduction(
    client, director_grand_air, reception_grand_air
):
    for user in (director_grand_air, reception_grand_air):
        client.force_login(user)
        assert client.get(INTRO).status_code == 403
        assert client.post(INTRO, {"title": "x", "body": "y"}).status_code == 403
    assert PageText.objects.get(key=INTRO_KEY).title != "x"


def test_anonymous_visitor_is_sent_to_login_from_the_text_screens(client):
    for url in (INTRO, _presentation("grand-air")):
        assert client.get(url)["Location"].startswith(reverse("accounts:login"))


# --- A centre's presentation: its director, administrators ------------------------------


def test_director_edits_the_presentation_of_their_centre(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.post(
        _presentation("grand-air"),
        {"presentation": "Trois lieux, *une* équipe.", "integration_access": "Le mardi."},
    )
    assert response.status_code == 302
    assert CentrePage.objects.get(centre=centre("grand-air")).presentation.startswith("Trois")
    assert AccessLog.objects.filter(detail="présentation du centre").count() == 1
    client.logout()
    html = client.get(_centre_page("grand-air")).content.decode()
    assert "Trois lieux, <em>une</em> équipe." in html


def test_presentation_preview_shows_the_html_and_saves_nothing(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.post(
        _presentation("grand-air"),
        {"presentation": "Bonjour <script>alert(1)</script> **à tous**", "preview": "1"},
    )
    html = response.content.decode()
    assert "<strong>à tous</strong>" in html
    assert "<script>alert" not in html
    assert CentrePage.objects.get(centre=centre("grand-air")).presentation == ""


def test_director_of_another_centre_gets_404_on_the_presentation(client):
    client.force_login(make_user(Role.DIRECTOR, "esperanto"))
    assert client.get(_presentation("grand-air")).status_code == 404
    assert client.post(_presentation("grand-air"), {"presentation": "x"}).status_code == 404
    assert CentrePage.objects.get(centre=centre("grand-air")).presentation == ""


def test_moderator_and_reception_agent_cannot_edit_a_presentation(
    client, moderator, reception_grand_air
):
    for user in (moderator, reception_grand_air):
        client.force_login(user)
        assert client.get(_presentation("grand-air")).status_code == 403


def test_content_home_links_to_the_new_screens(client, administrator, director_grand_air):
    client.force_login(administrator)
    html = client.get(reverse("directory:content_home")).content.decode()
    assert reverse("directory:article_staff_list") in html and INTRO in html
    assert _presentation("esperanto") in html
    client.force_login(director_grand_air)
    html = client.get(reverse("directory:content_home")).content.decode()
    assert INTRO not in html and _presentation("grand-air") in html


def test_dashboard_panels_link_to_the_new_screens(client, moderator, director_grand_air):
    client.force_login(moderator)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("directory:article_staff_list") in html and INTRO in html
    client.force_login(director_grand_air)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert reverse("directory:article_staff_list") in html
