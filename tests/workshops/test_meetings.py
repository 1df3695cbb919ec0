"""Coordination meetings: action items carried to the next meeting until done."""

import datetime

import pytest
from django.urls import reverse

from tests.factories import centre
from tests.workshops.factories import ActionItemFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def test_open_action_items_appear_in_the_next_meeting_until_done(client, coordinator_esperanto):
    esperanto = centre("esperanto")
    first = MeetingFactory(centre=esperanto, by=coordinator_esperanto)
    item = ActionItemFactory(first, title="Contacter l’AFPA pour la séance 6")
    client.force_login(coordinator_esperanto)

    response = client.post(
        reverse("workshops:meeting_create"),
        {
            "centre": esperanto.pk,
            "held_on": "2026-03-16",
            "participants": [coordinator_esperanto.pk],
            "guests": "Mission locale",
            "agenda": "Bilan de la séance 2",
        },
    )
    assert response.status_code == 302
    second_url = response["Location"]
    assert "Contacter l’AFPA pour la séance 6" in client.get(second_url).content.decode()

    done = client.post(reverse("workshops:action_done", kwargs={"pk": item.pk}), follow=True)
    assert "Action marquée comme faite." in done.content.decode()
    item.refresh_from_db()
    assert item.done_at is not None
    third = MeetingFactory(
        centre=esperanto, by=coordinator_esperanto, held_on=datetime.date(2026, 3, 30)
    )
    page = client.get(reverse("workshops:meeting_detail", kwargs={"pk": third.pk}))
    assert "Contacter l’AFPA" not in page.content.decode()
    again = client.post(reverse("workshops:action_done", kwargs={"pk": item.pk}), follow=True)
    assert "Action déjà effectuée." in again.content.decode()


def test_meeting_of_another_centre_is_not_found(
    client, coordinator_esperanto, coordinator_grand_air
):
    meeting = MeetingFactory(centre=centre("grand-air"), by=coordinator_grand_air)
    client.force_login(coordinator_esperanto)
    url = reverse("workshops:meeting_detail", kwargs={"pk": meeting.pk})
    assert client.get(url).status_code == 404


def test_meeting_detail_query_count_does_not_grow_with_action_items(
    client, coordinator_esperanto, django_assert_max_num_queries
):
    esperanto = centre("esperanto")
    meeting = MeetingFactory(centre=esperanto, by=coordinator_esperanto)
    ActionItemFactory(meeting)
    client.force_login(coordinator_esperanto)
    url = reverse("workshops:meeting_detail", kwargs={"pk": meeting.pk})
    with django_assert_max_num_queries(20) as few:
        assert client.get(url).status_code == 200
    for index in range(30):
        ActionItemFactory(meeting, title=f"Action {index}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
