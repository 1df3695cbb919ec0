from django.urls import reverse

from directory.models import ContactRequest, ContactRequestStatus
from directory.selectors import contact_requests_for_centre
from organisations.models import Neighbourhood
from tests.factories import centre

URL = reverse("directory:contact_request")


def _data(started, **overrides):
    return {
        "name": "Fatou Diallo",
        "phone": "06 12 34 56 78",
        "email": "",
        "neighbourhood": Neighbourhood.objects.get(slug="republique").pk,
        "availability": "Le matin",
        "consent": "on",
        "website": "",
        "started": started,
        **overrides,
    }


def test_request_lands_at_the_neighbourhood_centre_and_says_what_happens_next(client, started):
    response = client.post(URL, _data(started))
    assert response.status_code == 302
    request = ContactRequest.objects.get()
    assert request.centre == centre("lounes-matoub")
    assert request.status == ContactRequestStatus.NEW
    assert str(request.phone.as_e164) == "+33612345678"
    page = client.get(response["Location"]).content.decode()
    assert "Lounès Matoub" in page
    assert "Et maintenant ?" in page and "vous rappelle ou vous écrit" in page
    assert "Fatou" not in page  # nothing personal on a guessable URL


def test_reception_selector_returns_only_the_centres_requests(client, started):
    client.post(URL, _data(started))
    client.post(
        URL,
        _data(started, neighbourhood=Neighbourhood.objects.get(slug="bel-air-grands-pechers").pk),
    )
    mine = list(contact_requests_for_centre({centre("grand-air").pk}))
    assert [r.centre.slug for r in mine] == ["grand-air"]


def test_phone_or_email_is_required_and_input_is_kept(client, started):
    response = client.post(URL, _data(started, phone=""))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Indiquez un téléphone ou un e-mail" in html
    assert 'value="Fatou Diallo"' in html
    assert not ContactRequest.objects.exists()


def test_email_alone_is_enough(client, started):
    client.post(URL, _data(started, phone="", email="fatou@exemple.fr"))
    assert ContactRequest.objects.get().email == "fatou@exemple.fr"


def test_consent_is_required(client, started):
    data = _data(started)
    del data["consent"]
    assert client.post(URL, data).status_code == 200
    assert not ContactRequest.objects.exists()


def test_invalid_phone_is_refused(client, started):
    response = client.post(URL, _data(started, phone="01 23"))
    assert response.status_code == 200
    assert not ContactRequest.objects.exists()


def test_branly_boissiere_residents_are_told_their_centre_and_their_request_goes_there(
    client, started
):
    """SFM Montreuil has no integration sector: its residents are sent to Espéranto."""
    sfm = Neighbourhood.objects.get(slug="branly-boissiere")
    page = client.get(URL).content.decode()
    assert "Vous habitez le quartier Branly – Boissière ?" in page
    assert "votre demande ira au centre social Espéranto" in page
    assert f'<option value="{sfm.pk}">Branly – Boissière</option>' in page
    response = client.post(URL, _data(started, neighbourhood=sfm.pk))
    assert response["Location"] == "/centres-sociaux/etre-accompagne/envoyee/esperanto/"
    assert ContactRequest.objects.get().centre == centre("esperanto")
    sfm_page = client.get("/centres-sociaux/sfm-montreuil/").content.decode()
    assert "Contactez le centre social" in sfm_page and "Espéranto" in sfm_page


def test_a_resident_who_left_an_email_gets_a_plain_acknowledgement(client, started, run_worker):
    from django.core import mail

    client.post(URL, _data(started, email="fatou@exemple.fr", availability="Le mardi"))
    run_worker()
    [message] = mail.outbox
    assert message.to == ["fatou@exemple.fr"]
    assert message.subject == "Votre demande au centre social a bien été reçue"
    assert "centre social Lounès Matoub" in message.body and "01 71 89 25 09" in message.body
    assert "Fatou" not in message.body and "mardi" not in message.body


def test_no_acknowledgement_without_an_email(client, started, run_worker):
    from django.core import mail

    client.post(URL, _data(started))
    run_worker()
    assert mail.outbox == []


def test_rate_limited_after_five_requests(client, started):
    for _ in range(5):
        client.post(URL, _data(started))
    response = client.post(URL, _data(started, name="Sixième Personne"))
    assert response.status_code == 429
    assert 'value="Sixième Personne"' in response.content.decode()
    assert ContactRequest.objects.count() == 5


def test_honeypot_saves_nothing(client, started):
    client.post(URL, _data(started, website="x"))
    assert not ContactRequest.objects.exists()
