"""Less typing and fewer key presses at the desk."""

import re

import pytest
from django.urls import reverse

from tests.reception.factories import RequestFactory

pytestmark = pytest.mark.django_db


def test_the_registration_form_is_prefilled_with_the_searched_names(client, reception_grand_air):
    client.force_login(reception_grand_air)
    client.post(reverse("people:search"), {"q": "N'Diaye Élodie 03/04/1990"})
    page = client.get(f"{reverse('people:register')}?depuis=recherche").content.decode()
    assert 'name="last_name" value="N&#x27;Diaye"' in page
    assert 'name="first_name" value="Élodie"' in page
    assert 'value="03/04/1990"' in page
    assert ">Inverser nom et prénom</button>" in page
    assert 'name="inverser"' in page and "formnovalidate" in page


def test_the_swap_button_works_without_javascript(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = client.post(
        reverse("people:register"),
        {
            "last_name": "Élodie",
            "first_name": "N'Diaye",
            "birth_date": "03/04/1990",
            "inverser": "",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "error-summary" not in page
    assert 'name="last_name" value="N&#x27;Diaye"' in page
    assert 'name="first_name" value="Élodie"' in page and 'value="03/04/1990"' in page


def test_the_search_box_and_the_desk_form_have_the_focus(client, reception_grand_air):
    client.force_login(reception_grand_air)
    search = client.get(reverse("people:search")).content.decode()
    assert re.search(r'<input type="search" name="q"[^>]*autofocus', search)
    desk = client.get(reverse("reception:desk")).content.decode()
    assert re.search(r'<select name="site"[^>]*autofocus', desk)


def test_the_needs_are_grouped_by_theme_in_fieldsets(client, coordinator_grand_air):
    from reception.needs import need_choices

    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    page = client.get(
        reverse("reception:request_create", kwargs={"person_pk": request_.person_id})
    ).content.decode()
    groups = need_choices()
    assert page.count('<fieldset class="grouped-choices__group">') == len(groups)
    assert "<legend>Trouver un emploi</legend>" in page
    assert 'data-filter-label="Filtrer les besoins' in page
    assert sum(len(options) for _, options in groups) > 50


def test_close_and_hand_to_a_colleague_are_folded_under_the_main_action(
    client, coordinator_grand_air
):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    page = client.get(
        reverse("reception:request_detail", kwargs={"pk": request_.pk})
    ).content.decode()
    main = page.index(">Transmettre à la CIP</button>")
    assert page.index("<summary>Clôturer la demande</summary>") > main
    assert page.index("<summary>Transmettre à un·e collègue</summary>") > main


def test_closing_without_a_reason_opens_the_disclosure_with_the_error(
    client, coordinator_grand_air
):
    request_ = RequestFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("reception:request_transition", kwargs={"pk": request_.pk, "name": "close"}),
        {"close-expected_status": "new", "close-comment": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert '<details class="disclosure" open>' in page
