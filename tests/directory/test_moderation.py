import pytest
from django.urls import reverse

from directory.models import CommentStatus
from tests.directory.factories import CommentFactory

QUEUE = reverse("directory:moderation_queue")


def _decide(client, comment, decision):
    return client.post(
        reverse("directory:moderate", kwargs={"pk": comment.pk}), {"decision": decision}
    )


def test_moderator_sees_pending_comments_with_their_email(client, moderator):
    CommentFactory(author_email="visible.au.moderateur@exemple.fr", body="À relire")
    CommentFactory(body="Déjà publié", approved=True)
    client.force_login(moderator)
    html = client.get(QUEUE).content.decode()
    assert "À relire" in html and "visible.au.moderateur@exemple.fr" in html
    assert "Déjà publié" not in html


def test_moderator_approves_and_the_comment_appears(client, moderator):
    comment = CommentFactory(body="Super atelier théâtre")
    client.force_login(moderator)
    response = _decide(client, comment, "approve")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED
    assert comment.moderated_by == moderator and comment.moderated_at is not None
    client.logout()
    html = client.get(reverse("directory:centre_detail", kwargs={"slug": "grand-air"})).content
    assert "Super atelier théâtre" in html.decode()


def test_moderator_rejects_and_the_comment_stays_hidden(client, moderator):
    comment = CommentFactory(body="Publicité")
    client.force_login(moderator)
    _decide(client, comment, "reject")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED


def test_second_decision_is_refused_politely(client, moderator):
    comment = CommentFactory()
    client.force_login(moderator)
    _decide(client, comment, "reject")
    response = _decide(client, comment, "approve")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED
    assert "Action déjà effectuée" in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize("who", ["reception_grand_air", "director_grand_air", "steering"])
def test_other_staff_cannot_moderate(client, request, who):
    comment = CommentFactory()
    client.force_login(request.getfixturevalue(who))
    assert client.get(QUEUE).status_code == 403
    assert _decide(client, comment, "approve").status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_anonymous_is_sent_to_login(client):
    comment = CommentFactory()
    assert _decide(client, comment, "approve").status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_moderation_queue_query_count_is_constant(client, moderator, django_assert_max_num_queries):
    client.force_login(moderator)
    CommentFactory.create_batch(3)
    with django_assert_max_num_queries(8):
        client.get(QUEUE)
    CommentFactory.create_batch(27)
    with django_assert_max_num_queries(8):
        client.get(QUEUE)


def test_moderator_home_panel_counts_pending_comments(client, moderator):
    CommentFactory.create_batch(2)
    client.force_login(moderator)
    html = client.get(reverse("dashboard:home")).content.decode()
    assert "2 commentaires en attente de modération" in html
