"""Privacy rules that cut across apps."""

from django.urls import reverse

from tests.factories import centre


def test_the_message_naming_a_new_person_never_travels_in_a_cookie(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("people:register"),
        {
            "last_name": "N'Diaye",
            "first_name": "Élodie",
            "birth_date": "03/04/1990",
            "centre": centre("grand-air").pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Diaye" in response.content.decode()  # the message is shown on the next page
    assert "messages" not in response.cookies
    assert "Diaye" not in str(client.cookies)
