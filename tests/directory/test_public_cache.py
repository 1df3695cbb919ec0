"""Public pages are cached by browsers and shared caches, but an edit reaches the next
visitor at once: the ETag is the content's version, and every edit changes it."""

from django.urls import reverse

from directory.models import PageText
from directory.reference import INTRO_KEY
from directory.services import update_page_text
from tests.directory.factories import ArticleFactory
from tests.factories import centre

CENTRES = reverse("directory:centre_list")
NEWS = reverse("articles:list")


def test_the_version_is_dropped_only_once_the_edit_commits(
    client, moderator, django_capture_on_commit_callbacks
):
    etag = client.get(CENTRES)["ETag"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        update_page_text(PageText.objects.get(key=INTRO_KEY), title="T", body="B", by=moderator)
        # Not committed yet: a visitor now still gets the old version.
        assert _revalidate(client, CENTRES, etag).status_code == 304
    for callback in callbacks:
        callback()
    assert _revalidate(client, CENTRES, etag).status_code == 200


def _revalidate(client, url, etag):
    return client.get(url, headers={"if-none-match": etag})


def test_an_unchanged_page_is_revalidated_without_a_query(client, django_assert_num_queries):
    first = client.get(CENTRES)
    assert first.status_code == 200 and first["ETag"]
    assert "public" in first["Cache-Control"] and "no-cache" in first["Cache-Control"]
    with django_assert_num_queries(0):
        again = _revalidate(client, CENTRES, first["ETag"])
    assert again.status_code == 304


def test_an_edited_introduction_shows_to_the_next_visitor(
    client, moderator, django_capture_on_commit_callbacks
):
    etag = client.get(CENTRES)["ETag"]
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:page_text_edit", kwargs={"key": INTRO_KEY}),
            {"title": "Les centres sociaux", "body": "Texte tout neuf."},
        )
    client.logout()
    response = _revalidate(client, CENTRES, etag)
    assert response.status_code == 200
    assert "Texte tout neuf." in response.content.decode()


def test_a_published_article_shows_on_the_news_page_at_once(
    client, moderator, django_capture_on_commit_callbacks
):
    article = ArticleFactory(
        title="Vide-grenier du Morillon", is_published=False, published_at=None
    )
    etag = client.get(NEWS)["ETag"]
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:article_publication", kwargs={"pk": article.pk}),
            {"action": "publish"},
        )
    client.logout()
    response = _revalidate(client, NEWS, etag)
    assert response.status_code == 200
    assert "Vide-grenier du Morillon" in response.content.decode()


def test_an_edited_presentation_shows_on_the_centre_page_at_once(
    client, director_grand_air, django_capture_on_commit_callbacks
):
    url = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
    etag = client.get(url)["ETag"]
    client.force_login(director_grand_air)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:centre_presentation", kwargs={"slug": "grand-air"}),
            {"presentation": "Bienvenue au Grand Air.", "integration_access": ""},
        )
    client.logout()
    response = _revalidate(client, url, etag)
    assert response.status_code == 200 and "Bienvenue au Grand Air." in response.content.decode()
    assert centre("grand-air").page.presentation == "Bienvenue au Grand Air."


def test_a_visitor_with_a_session_is_never_answered_from_the_cache(client):
    etag = client.get(CENTRES)["ETag"]
    client.cookies["sessionid"] = "anything"
    response = _revalidate(client, CENTRES, etag)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]


def test_a_new_visitor_gets_the_kept_page_without_a_query(client, django_assert_num_queries):
    url = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)  # no If-None-Match: a browser without the page
    assert second.status_code == 200
    assert second.content == first.content and second["ETag"] == first["ETag"]
    assert "public" in second["Cache-Control"]


def test_a_kept_page_is_replaced_after_an_edit(
    client, director_grand_air, django_capture_on_commit_callbacks
):
    url = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})
    client.get(url)
    client.force_login(director_grand_air)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("directory:centre_presentation", kwargs={"slug": "grand-air"}),
            {"presentation": "Nouvelle présentation du centre.", "integration_access": ""},
        )
    client.logout()
    assert "Nouvelle présentation du centre." in client.get(url).content.decode()


def test_pages_with_a_query_string_are_not_kept(client, django_assert_max_num_queries):
    url = reverse("directory:activity_list")
    client.get(url, {"page": "1"})
    with django_assert_max_num_queries(50) as captured:
        client.get(url, {"page": "1"})
    assert len(captured) > 0
