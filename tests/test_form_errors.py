"""Errors as RGAA asks: the summary first in the main content, "Erreur : " in the title."""

import re

import pytest
from django.urls import reverse

from tests.directory.conftest import started  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _main(page: str) -> str:
    return page[page.index('<main id="contenu"') :]


def test_a_public_form_with_errors_says_so_in_the_title_and_first_in_the_main_content(
    client,
    started,  # noqa: F811  (the fixture imported above)
):
    from organisations.models import Neighbourhood

    response = client.post(
        reverse("directory:contact_request"),
        {
            "name": "Fatou Diallo",
            "phone": "06 12 34 56 78",
            "neighbourhood": Neighbourhood.objects.get(slug="republique").pk,
            "website": "",
            "started": started,
        },
    )
    page = response.content.decode()
    assert re.search(r"<title>Erreur : Demander de l’aide", page)
    main = _main(page)
    assert main.index('class="error-summary" role="alert" tabindex="-1"') < main.index("<h1>")
    assert page.count('class="error-summary"') == 1  # gathered once, not per form
    assert "Cochez cette case pour continuer." in page
    assert 'value="Fatou Diallo"' in page  # nothing typed is lost


def test_a_staff_form_with_errors_too(client, coordinator_grand_air):
    from tests.reception.factories import RequestFactory

    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("reception:request_transition", kwargs={"pk": request_.pk, "name": "close"}),
        {"close-expected_status": "new", "close-comment": ""},
    )
    page = response.content.decode()
    assert page.count("<title>Erreur : Demande n°") == 1
    main = _main(page)
    assert main.index('id="erreurs"') < main.index("<h1>")
    assert '<a href="#id_close-comment">Motif de clôture : Ce champ est obligatoire.</a>' in page


def test_a_page_without_errors_has_a_plain_title(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    page = client.get(reverse("reception:request_list"), {"centre": "999"}).content.decode()
    assert "<title>Erreur" not in page and "error-summary" not in page


def test_the_focus_script_is_on_every_page(client):
    page = client.get(reverse("directory:centre_list")).content.decode()
    assert '<script src="/static/js/parcours.js" defer></script>' in page
