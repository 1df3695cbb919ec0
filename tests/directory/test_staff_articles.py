import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit.models import AccessLog
from directory import services
from directory.models import Article
from tests.directory.factories import ArticleFactory
from tests.factories import centre, make_user

LIST = reverse("directory:article_staff_list")
CREATE = reverse("directory:article_create")
PUBLIC_LIST = reverse("articles:list")


def _edit(article):
    return reverse("directory:article_edit", kwargs={"pk": article.pk})


def _publication(article):
    return reverse("directory:article_publication", kwargs={"pk": article.pk})


def _data(**overrides):
    data = {
        "title": "Fête de la Bel Air",
        "summary": "Samedi, tout le quartier est invité.",
        "body": "Venez **nombreux** !\n\n## Programme\n\n- jeux\n- goûter",
        "author_line": "L’équipe du centre Grand Air",
        "centre": str(centre("grand-air").pk),
        "status": "draft",
        "publication_date": "",
    }
    data.update(overrides)
    return data


# --- The person who may: moderator, administrator, director of the article's centre ------


def test_moderator_writes_a_draft_then_publishes_it_with_audit_rows(client, moderator):
    client.force_login(moderator)
    response = client.post(CREATE, _data(centre=""))
    assert response.status_code == 302
    article = Article.objects.get(title="Fête de la Bel Air")
    assert article.slug == "fete-de-la-bel-air"
    assert not article.is_published and article.created_by == moderator
    assert "Fête de la Bel Air" not in Client().get(PUBLIC_LIST).content.decode()

    response = client.post(_publication(article), {"action": "publish"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published and article.published_at is not None
    assert list(
        AccessLog.objects.filter(object_id=str(article.pk), actor=moderator)
        .order_by("pk")
        .values_list("detail", flat=True)
    ) == ["article créé", "article publié"]
    client.logout()
    assert "Fête de la Bel Air" in client.get(PUBLIC_LIST).content.decode()


def test_publishing_twice_says_it_was_already_done(client, moderator):
    article = ArticleFactory()
    client.force_login(moderator)
    response = client.post(_publication(article), {"action": "publish"}, follow=True)
    assert "Action déjà effectuée." in response.content.decode()


def test_unpublish_takes_the_article_off_the_site_and_keeps_its_date(client, administrator):
    article = ArticleFactory()
    published_at = article.published_at
    client.force_login(administrator)
    client.post(_publication(article), {"action": "unpublish"})
    article.refresh_from_db()
    assert not article.is_published and article.published_at == published_at
    assert AccessLog.objects.filter(object_id=str(article.pk), detail="article dépublié").exists()
    client.logout()
    url = reverse("articles:detail", kwargs={"slug": article.slug})
    assert client.get(url).status_code == 404


def test_director_publishes_an_article_about_their_centre(client, director_grand_air):
    client.force_login(director_grand_air)
    response = client.post(CREATE, _data(status="published"))
    assert response.status_code == 302
    article = Article.objects.get(title="Fête de la Bel Air")
    assert article.is_published and article.centre == centre("grand-air")
    client.logout()
    html = client.get(reverse("articles:detail", kwargs={"slug": article.slug})).content.decode()
    assert "<strong>nombreux</strong>" in html and "<h2>Programme</h2>" in html


def test_changing_the_title_of_a_published_article_keeps_its_address(client, moderator):
    article = ArticleFactory(title="Ancien titre", slug="ancien-titre")
    client.force_login(moderator)
    response = client.post(_edit(article), _data(title="Nouveau titre", status="published"))
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Nouveau titre" and article.slug == "ancien-titre"


def test_a_draft_follows_its_title_and_slugs_stay_unique(client, moderator):
    ArticleFactory(title="Fête de la Bel Air", slug="fete-de-la-bel-air")
    client.force_login(moderator)
    client.post(CREATE, _data(title="Brouillon"))
    draft = Article.objects.get(title="Brouillon")
    assert draft.slug == "brouillon"
    client.post(_edit(draft), _data())
    draft.refresh_from_db()
    assert draft.slug == "fete-de-la-bel-air-2"


def test_a_past_publication_date_is_kept_a_future_one_refused(client, moderator):
    client.force_login(moderator)
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client.post(CREATE, _data(status="published", publication_date=str(tomorrow)))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Choisissez la date du jour ou une date passée." in html
    assert 'value="Fête de la Bel Air"' in html  # what was typed is kept
    assert not Article.objects.filter(title="Fête de la Bel Air").exists()

    client.post(CREATE, _data(status="published", publication_date="2024-03-08"))
    article = Article.objects.get(title="Fête de la Bel Air")
    assert timezone.localdate(article.published_at) == datetime.date(2024, 3, 8)
    # Saved again unchanged: the date does not move.
    client.post(_edit(article), _data(status="published", publication_date="2024-03-08"))
    assert Article.objects.get(pk=article.pk).published_at == article.published_at
    assert not AccessLog.objects.filter(detail="date de publication modifiée").exists()


def test_errors_sit_next_to_their_field_and_keep_the_text(client, moderator):
    client.force_login(moderator)
    response = client.post(CREATE, _data(title=""))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_title_error"' in html
    assert "Venez **nombreux** !" in html


# --- Preview: rendered as the public page, nothing saved, no JavaScript needed -----------


def test_preview_renders_the_public_html_and_saves_nothing(client, moderator):
    client.force_login(moderator)
    response = client.post(CREATE, _data(preview="1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Aperçu de l’article" in html
    assert "<strong>nombreux</strong>" in html and "<h2>Programme</h2>" in html
    assert 'value="Fête de la Bel Air"' in html
    assert not Article.objects.filter(title="Fête de la Bel Air").exists()
    assert not AccessLog.objects.filter(detail__startswith="article").exists()


def test_preview_of_an_existing_article_leaves_it_unchanged(client, moderator):
    article = ArticleFactory(body="Ancien texte")
    client.force_login(moderator)
    client.post(_edit(article), _data(body="Nouveau texte", preview="1"))
    article.refresh_from_db()
    assert article.body == "Ancien texte"


@pytest.mark.parametrize(
    "body",
    [
        "Bonjour <script>alert('x')</script>",
        "[cliquez](javascript:alert(1))",
        '<a href="javascript:alert(1)">ici</a> <img src=x onerror="alert(1)">',
    ],
)
def test_script_typed_by_staff_never_reaches_the_preview_nor_the_page(client, moderator, body):
    client.force_login(moderator)
    preview = client.post(CREATE, _data(body=body, status="published", preview="1"))
    client.post(CREATE, _data(body=body, status="published"))
    article = Article.objects.get(title="Fête de la Bel Air")
    client.logout()
    page = client.get(reverse("articles:detail", kwargs={"slug": article.slug}))
    # The preview region only: the form's textarea rightly shows the source, escaped.
    shown = preview.content.decode().split('id="apercu"')[1].split('<form method="post"')[0]
    for html in (shown, page.content.decode()):
        assert "<script>alert" not in html
        assert "javascript:" not in html
        assert "onerror" not in html


# --- A director of another centre, a reception agent, the anonymous visitor ---------------


def test_director_of_another_centre_cannot_reach_the_article(client):
    article = ArticleFactory(centre=centre("grand-air"))
    client.force_login(make_user(Role.DIRECTOR, "esperanto"))
    assert client.get(_edit(article)).status_code == 404
    assert client.post(_publication(article), {"action": "unpublish"}).status_code == 404
    assert article.title not in client.get(LIST).content.decode()
    article.refresh_from_db()
    assert article.is_published


def test_director_cannot_write_about_another_centre_nor_about_no_centre(client, director_grand_air):
    client.force_login(director_grand_air)
    for other in (str(centre("esperanto").pk), ""):
        response = client.post(CREATE, _data(centre=other))
        assert response.status_code == 200
        assert 'id="id_centre_error"' in response.content.decode()
    assert not Article.objects.filter(title="Fête de la Bel Air").exists()


def test_director_cannot_reach_an_article_about_no_centre(client, director_grand_air):
    article = ArticleFactory(centre=None)
    client.force_login(director_grand_air)
    assert client.get(_edit(article)).status_code == 404


def test_reception_agent_is_refused(client, reception_grand_air):
    article = ArticleFactory(centre=centre("grand-air"))
    client.force_login(reception_grand_air)
    assert client.get(LIST).status_code == 403
    assert client.post(CREATE, _data()).status_code == 403
    assert client.post(_publication(article), {"action": "unpublish"}).status_code == 403
    assert Article.objects.get(pk=article.pk).is_published


def test_anonymous_visitor_is_sent_to_login(client):
    article = ArticleFactory()
    for url in (LIST, CREATE, _edit(article)):
        response = client.get(url)
        assert response.status_code == 302 and "/compte/connexion/" in response["Location"]


def test_publication_is_post_only(client, moderator):
    client.force_login(moderator)
    assert client.get(_publication(ArticleFactory())).status_code == 405


# --- The list: drafts and published, newest first, constant query count ------------------


def test_list_shows_drafts_and_published_newest_first(client, moderator):
    older = ArticleFactory(title="Plus ancien")
    newer = ArticleFactory(title="Plus récent", is_published=False, published_at=None)
    client.force_login(moderator)
    html = client.get(LIST).content.decode()
    assert html.index(newer.title) < html.index(older.title)
    assert "Brouillon" in html


def test_list_query_count_is_constant(client, moderator, django_assert_max_num_queries):
    ArticleFactory.create_batch(3, centre=centre("grand-air"))
    client.force_login(moderator)
    with django_assert_max_num_queries(10):
        client.get(LIST)
    ArticleFactory.create_batch(40, centre=centre("esperanto"))
    with django_assert_max_num_queries(10):
        response = client.get(LIST)
    assert "Page 1 sur 3" in response.content.decode()


def test_services_refuse_a_second_unpublish(moderator):
    article = ArticleFactory()
    services.unpublish_article(article, by=moderator)
    with pytest.raises(services.AlreadyDone):
        services.unpublish_article(article, by=moderator)
