"""Public site details: comment sent, share by title, print without JavaScript, replies."""

import importlib

import pytest
from django.core import mail
from django.urls import reverse

from accounts.models import Role
from directory.models import Comment, CommentReply
from tests.directory.factories import ArticleFactory, CommentFactory
from tests.factories import centre, make_user

pytestmark = pytest.mark.django_db
CENTRE_PAGE = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
COMMENT_URL = reverse("directory:comment_centre", kwargs={"slug": "grand-air"})


def test_after_a_comment_is_sent_the_form_is_not_shown_again(client, started):
    response = client.post(
        COMMENT_URL,
        {
            "author_name": "Nadia Benali",
            "author_email": "nadia@exemple.fr",
            "body": "Merci pour l’accueil du mercredi.",
            "website": "",
            "started": started,
        },
        follow=True,
    )
    page = response.content.decode()
    assert Comment.objects.count() == 1
    assert "Merci, votre commentaire est envoyé" in page
    assert "<form" not in page.split('<main id="contenu"')[1]
    assert "Revenir à la page « Centre social Grand Air »" in page


def test_the_share_form_names_the_page_by_its_title(client, started, run_worker):
    article = ArticleFactory(title="Fête de quartier au Bel Air")
    path = reverse("articles:detail", kwargs={"slug": article.slug})
    page = client.get(reverse("directory:share"), {"page": path}).content.decode()
    assert 'la page « <a href="' + path + '">Fête de quartier au Bel Air</a> »' in page
    page = client.get(reverse("directory:share"), {"page": CENTRE_PAGE}).content.decode()
    assert ">Centre social Grand Air</a> »" in page
    response = client.post(
        reverse("directory:share"),
        {
            "sender_name": "Inès Martin",
            "recipient": "ami@exemple.fr",
            "page": CENTRE_PAGE,
            "website": "",
            "started": started,
        },
        follow=True,
    )
    assert (
        "Le lien de la page « Centre social Grand Air » a été envoyé." in response.content.decode()
    )
    run_worker()
    body = mail.outbox[0].body
    assert "la page « Centre social Grand Air »" in body
    assert "à la demande d’Inès Martin" in body


def test_site_url_follows_the_port_in_development(monkeypatch):
    import parcours.settings.base as base

    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("PORT", "8123")
    try:
        assert importlib.reload(base).SITE_URL == "http://127.0.0.1:8123"
        monkeypatch.setenv("SITE_URL", "https://centres-sociaux.montreuil.fr/")
        assert importlib.reload(base).SITE_URL == "https://centres-sociaux.montreuil.fr"
    finally:
        monkeypatch.undo()
        importlib.reload(base)


def test_print_works_without_javascript_through_a_link_that_explains_ctrl_p(client):
    page = client.get(CENTRE_PAGE).content.decode()
    link = f"{reverse('directory:print_help')}?page=/centres-sociaux/grand-air/"
    assert f'<a class="js-print" href="{link}">Imprimer la page</a>' in page
    help_page = client.get(link).content.decode()
    assert "Imprimer la page « Centre social Grand Air »" in help_page
    assert "<kbd>Ctrl</kbd> et <kbd>P</kbd>" in help_page
    assert client.get(reverse("directory:print_help"), {"page": "/espace/"}).status_code == 404


def test_no_dash_left_after_the_directors_name_when_printed(client):
    page = client.get(CENTRE_PAGE).content.decode()
    # The dash is inside what print hides, with the link.
    assert (
        '<span class="no-print">– <a href="/centres-sociaux/grand-air/ecrire-a-la-direction/"'
        in page
    )


def test_the_director_answers_a_published_comment_signed_by_the_centre(client, director_grand_air):
    comment = CommentFactory(approved=True, author_name="Élodie Martin")
    client.force_login(director_grand_air)
    listing = client.get(reverse("directory:comment_list")).content.decode()
    assert 'Répondre<span class="visually-hidden"> au commentaire d’Élodie Martin' in listing
    url = reverse("directory:comment_reply", kwargs={"pk": comment.pk})
    response = client.post(url, {"body": "Merci, à mercredi !"}, follow=True)
    assert "Réponse au commentaire d’Élodie Martin publiée." in response.content.decode()
    reply = CommentReply.objects.get()
    assert reply.centre == centre("grand-air") and reply.written_by == director_grand_air
    client.logout()
    page = client.get(CENTRE_PAGE).content.decode()
    assert "<strong>Réponse du centre social Grand Air</strong>" in page
    assert "Merci, à mercredi !" in page
    client.force_login(director_grand_air)
    again = client.post(url, {"body": "Encore"}, follow=True).content.decode()
    assert "Action déjà effectuée" in again and CommentReply.objects.count() == 1


def test_a_reply_needs_text_and_keeps_it(client, moderator):
    comment = CommentFactory(approved=True)
    client.force_login(moderator)
    response = client.post(
        reverse("directory:comment_reply", kwargs={"pk": comment.pk}), {"body": "O"}
    )
    assert response.status_code == 400 and "O</textarea>" in response.content.decode()


def test_a_director_cannot_answer_another_centres_comment_nor_a_pending_one(client):
    director = make_user(Role.DIRECTOR, "esperanto")
    other = CommentFactory(approved=True)
    pending = CommentFactory()
    client.force_login(director)
    for comment in (other, pending):
        url = reverse("directory:comment_reply", kwargs={"pk": comment.pk})
        assert client.get(url).status_code == 404
    client.force_login(make_user(Role.RECEPTION, "grand-air"))
    assert client.get(reverse("directory:comment_list")).status_code == 403


def test_the_moderator_answers_an_article_comment_for_its_centre(client, moderator):
    article = ArticleFactory(centre=centre("esperanto"))
    comment = CommentFactory(approved=True, centre=None, article=article)
    client.force_login(moderator)
    client.post(
        reverse("directory:comment_reply", kwargs={"pk": comment.pk}), {"body": "Bien noté."}
    )
    assert CommentReply.objects.get().signature == "Réponse du centre social Espéranto"


def test_the_comment_list_costs_the_same_with_few_or_many_comments(client, moderator):
    from tests.reception.helpers import queries_for

    client.force_login(moderator)
    CommentFactory(approved=True)
    few = queries_for(client, reverse("directory:comment_list"))
    for _ in range(15):
        comment = CommentFactory(approved=True)
        CommentReply.objects.create(comment=comment, centre=centre("grand-air"), body="Merci")
    assert queries_for(client, reverse("directory:comment_list")) == few
