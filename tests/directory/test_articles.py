from django.urls import reverse

from directory.reference import ARTICLE_SLUG
from tests.directory.factories import ArticleFactory, CommentFactory


def test_the_city_article_is_published_with_its_author_line(client):
    html = client.get(reverse("articles:detail", kwargs={"slug": ARTICLE_SLUG})).content.decode()
    assert "Article rédigé par Mohamed Maiga" in html
    assert "Ancien apprenti au Centre Social Esperanto" in html
    assert "<h2>Des expériences antérieures" in html


def test_markdown_is_sanitised(client):
    article = ArticleFactory(body="Bonjour <script>alert(1)</script> [lien](javascript:alert(1))")
    html = client.get(reverse("articles:detail", kwargs={"slug": article.slug})).content.decode()
    assert "<script>alert" not in html
    assert "javascript:" not in html


def test_unpublished_article_is_404(client):
    article = ArticleFactory(is_published=False, published_at=None)
    assert client.get(reverse("articles:detail", kwargs={"slug": article.slug})).status_code == 404
    assert article.title not in client.get(reverse("articles:list")).content.decode()


def test_article_list_query_count_is_constant(client, django_assert_max_num_queries):
    for article in ArticleFactory.create_batch(3):
        CommentFactory(centre=None, article=article, approved=True)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("articles:list"))
    assert response.content.decode().count("– 1 commentaire") == 3
    ArticleFactory.create_batch(27)
    with django_assert_max_num_queries(3):
        response = client.get(reverse("articles:list"))
    assert "Page 1 sur 4" in response.content.decode()


def test_article_page_query_count_is_constant(client, django_assert_max_num_queries):
    article = ArticleFactory()
    url = reverse("articles:detail", kwargs={"slug": article.slug})
    CommentFactory.create_batch(3, centre=None, article=article, approved=True)
    with django_assert_max_num_queries(3):
        client.get(url)
    CommentFactory.create_batch(27, centre=None, article=article, approved=True)
    with django_assert_max_num_queries(3):
        assert "(30)" in client.get(url).content.decode()
