from django.urls import reverse

from directory.models import Comment, CommentStatus
from tests.directory.factories import ArticleFactory, CommentFactory
from tests.factories import centre

CENTRE_PAGE = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
COMMENT_URL = reverse("directory:comment_centre", kwargs={"slug": "grand-air"})


def _data(started, **overrides):
    return {
        "author_name": "Nadia Benali",
        "author_email": "nadia.benali@exemple.fr",
        "body": "La halte-jeux est formidable.",
        "website": "",
        "started": started,
        **overrides,
    }


def test_page_without_comments_says_so_with_a_zero_count(client):
    html = client.get(CENTRE_PAGE).content.decode()
    assert "(0)" in html
    assert "Pas de commentaire" in html
    assert COMMENT_URL in html


def test_form_marks_required_fields_and_explains_the_star(client):
    html = client.get(COMMENT_URL).content.decode()
    assert html.count('<span class="required" aria-hidden="true">*</span>') >= 3
    assert "champ obligatoire" in html


def test_posted_comment_waits_for_moderation_and_is_not_shown(client, started):
    response = client.post(COMMENT_URL, _data(started))
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.centre == centre("grand-air")
    html = client.get(CENTRE_PAGE).content.decode()
    assert "La halte-jeux est formidable." not in html
    assert "Pas de commentaire" in html
    assert "publié après relecture" in client.get(COMMENT_URL).content.decode()


def test_approved_comment_is_shown_without_the_email(client):
    CommentFactory(author_email="secret@exemple.fr", body="Très bon accueil.", approved=True)
    html = client.get(CENTRE_PAGE).content.decode()
    assert "Très bon accueil." in html
    assert "(1)" in html
    assert "secret@exemple.fr" not in html


def test_rejected_and_pending_comments_stay_hidden(client):
    CommentFactory(body="En attente")
    CommentFactory(body="Refusé", status=CommentStatus.REJECTED)
    html = client.get(CENTRE_PAGE).content.decode()
    assert "En attente" not in html and "Refusé" not in html


def test_missing_fields_are_refused_and_what_was_typed_is_kept(client, started):
    response = client.post(COMMENT_URL, _data(started, author_email=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "La halte-jeux est formidable." in html
    assert 'value="Nadia Benali"' in html
    assert 'aria-describedby="id_author_email_error"' in html or "id_author_email_error" in html
    assert not Comment.objects.exists()


def test_honeypot_filled_pretends_success_and_saves_nothing(client, started):
    response = client.post(COMMENT_URL, _data(started, website="http://spam.example"))
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_too_fast_post_is_refused_and_keeps_the_text(client):
    from directory.antispam import new_token

    response = client.post(COMMENT_URL, _data(new_token()))
    assert response.status_code == 200
    assert "Envoi trop rapide" in response.content.decode()
    assert "La halte-jeux est formidable." in response.content.decode()
    assert not Comment.objects.exists()


def test_forged_token_is_refused(client):
    response = client.post(COMMENT_URL, _data("1:forged"))
    assert "n’a pas pu être vérifié" in response.content.decode()
    assert not Comment.objects.exists()


def test_over_long_comment_is_refused(client, started):
    response = client.post(COMMENT_URL, _data(started, body="x" * 2001))
    assert response.status_code == 200
    assert not Comment.objects.exists()


def test_sixth_comment_within_the_hour_is_rate_limited_and_keeps_the_text(client, started):
    for i in range(5):
        client.post(COMMENT_URL, _data(started, body=f"Commentaire numéro {i}"))
    response = client.post(COMMENT_URL, _data(started, body="Encore un commentaire"))
    assert response.status_code == 429
    assert "Encore un commentaire" in response.content.decode()
    assert Comment.objects.count() == 5


def test_article_comments_work_the_same_way(client, started):
    article = ArticleFactory()
    url = reverse("articles:comment", kwargs={"slug": article.slug})
    client.post(url, _data(started))
    assert Comment.objects.get().article == article
    html = client.get(reverse("articles:detail", kwargs={"slug": article.slug})).content.decode()
    assert "Pas de commentaire" in html


def test_comment_on_unknown_page_is_404(client):
    assert client.get(reverse("directory:comment_centre", kwargs={"slug": "x"})).status_code == 404
