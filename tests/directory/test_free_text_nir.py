"""A social-security number typed in a public comment or a contact request is refused, with
the CNIL's reason next to the field and what was typed kept."""

from django.urls import reverse

from directory.models import Comment, ContactRequest
from organisations.models import Neighbourhood
from parcours.validators import NIR_MESSAGE
from tests.test_free_text_nir import error_next_to
from tests.test_privacy import NIR


def test_a_public_comment_holding_a_nir_is_refused_next_to_the_field(client, started):
    response = client.post(
        reverse("directory:comment_centre", kwargs={"slug": "grand-air"}),
        {
            "author_name": "Nadia Benali",
            "author_email": "nadia.benali@exemple.fr",
            "body": f"Mon numéro de sécu : {NIR}",
            "website": "",
            "started": started,
        },
    )
    page = response.content.decode()
    assert error_next_to(page, "id_body") == NIR_MESSAGE
    assert f"Mon numéro de sécu : {NIR}" in page
    assert not Comment.objects.exists()


def test_a_contact_request_holding_a_nir_is_refused_next_to_the_field(client, started):
    response = client.post(
        reverse("directory:contact_request"),
        {
            "name": "Fatou Diallo",
            "phone": "06 12 34 56 78",
            "email": "",
            "neighbourhood": Neighbourhood.objects.get(slug="republique").pk,
            "availability": f"Le matin ; sécu {NIR}",
            "consent": "on",
            "website": "",
            "started": started,
        },
    )
    page = response.content.decode()
    assert error_next_to(page, "id_availability") == NIR_MESSAGE
    assert 'value="Fatou Diallo"' in page
    assert not ContactRequest.objects.exists()
