from django.core import mail
from django.urls import reverse

URL = reverse("directory:director_message", kwargs={"slug": "lounes-matoub"})


def test_message_reaches_the_director_whose_address_stays_hidden(client, started, run_worker):
    html = client.get(URL).content.decode()
    assert "montreuil.fr" not in html
    response = client.post(
        URL,
        {
            "sender_name": "Paul Durand",
            "sender_email": "paul@exemple.fr",
            "message": "Bonjour, quels sont vos horaires d’été ?",
            "website": "",
            "started": started,
        },
    )
    assert response.status_code == 302
    run_worker()
    assert mail.outbox[0].to == ["xavier.acakpovi@montreuil.fr"]
    assert mail.outbox[0].reply_to == ["paul@exemple.fr"]
    assert "horaires d’été" in mail.outbox[0].body


def test_centre_without_director_address_has_no_form(client):
    url = reverse("directory:director_message", kwargs={"slug": "sfm-montreuil"})
    assert client.get(url).status_code == 404
