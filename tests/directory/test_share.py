from django.core import mail
from django.urls import reverse

from notifications.models import OutgoingEmail

URL = reverse("directory:share")
PAGE = reverse("directory:centre_detail", kwargs={"slug": "grand-air"})


def _data(started, **overrides):
    return {
        "sender_name": "Jeanne Martin",
        "recipient": "ami@exemple.fr",
        "page": PAGE,
        "website": "",
        "started": started,
        **overrides,
    }


def test_link_is_sent_in_the_fixed_template_through_the_queue(client, started, run_worker):
    response = client.post(URL, _data(started))
    assert response.status_code == 302
    run_worker()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ami@exemple.fr"]
    assert message.subject == "Une page du site des centres sociaux de Montreuil"
    assert "Jeanne Martin vous recommande" in message.body
    assert f"{PAGE}" in message.body
    assert not message.cc and not message.bcc


def test_header_injection_in_the_recipient_is_refused(client, started):
    response = client.post(URL, _data(started, recipient="ami@exemple.fr\nBcc: spam@exemple.fr"))
    assert response.status_code == 200
    assert not OutgoingEmail.objects.exists()


def test_header_injection_in_the_name_is_refused(client, started):
    response = client.post(URL, _data(started, sender_name="Jeanne\r\nBcc: spam@exemple.fr"))
    assert response.status_code == 200
    assert not OutgoingEmail.objects.exists()


def test_a_second_recipient_is_refused(client, started):
    for recipients in ("a@exemple.fr, b@exemple.fr", "a@exemple.fr;b@exemple.fr"):
        response = client.post(URL, _data(started, recipient=recipients))
        assert response.status_code == 200
        assert "adresse" in response.content.decode()
    assert not OutgoingEmail.objects.exists()


def test_a_link_in_the_name_is_refused(client, started):
    client.post(URL, _data(started, sender_name="Gagnez www.spam.example"))
    assert not OutgoingEmail.objects.exists()


def test_only_pages_of_this_site_that_anyone_may_open_can_be_sent(client, started):
    for page in ("https://spam.example/", "//spam.example/", "/espace/", "/nulle-part/"):
        assert client.post(URL, _data(started, page=page)).status_code == 404
    assert not OutgoingEmail.objects.exists()


def test_sixth_send_within_the_hour_is_refused(client, started):
    for _ in range(5):
        client.post(URL, _data(started))
    response = client.post(URL, _data(started))
    assert response.status_code == 429
    assert OutgoingEmail.objects.count() == 5


def test_form_shows_the_page_and_required_marks(client):
    html = client.get(URL, {"page": PAGE}).content.decode()
    assert PAGE in html and "champ obligatoire" in html
