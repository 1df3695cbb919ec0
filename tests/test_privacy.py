"""Privacy rules that cut across apps: bad input, caches, URLs, scope."""

import json

from django.urls import reverse

from accounts.models import Role
from directory.models import Activity, ActivityKind, CentrePage
from parcours.validators import NIR_MESSAGE, contains_nir
from people.models import Note, Person
from tests.factories import add_membership, centre, make_user
from tests.people.factories import PersonFactory


def _nir(body: str) -> str:
    """A valid NIR from its 13 digits (the key is 97 − number mod 97)."""
    digits = body.replace(" ", "").replace("2A", "19").replace("2B", "18")
    return f"{body} {97 - int(digits) % 97:02d}"


NIR = _nir("1 85 05 78 006 084")


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


def test_nir_detection_checks_the_key():
    assert contains_nir(f"Son numéro : {NIR}.")
    assert contains_nir(NIR.replace(" ", ""))
    assert contains_nir(_nir("2 69 02 2A 341 732"))  # Corsica
    wrong_key = NIR[:-2] + f"{(int(NIR[-2:]) + 1) % 97:02d}"
    assert not contains_nir(wrong_key)
    assert not contains_nir("Téléphone 06 12 34 56 78, dossier 2026-000123")


def test_a_note_with_a_nir_is_refused_with_the_cnil_reason_and_kept(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    text = f"Attestation reçue, n° {NIR}, à rappeler."
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}),
        {"text": text, "visibility": "team"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "La CNIL interdit" in page
    assert "Attestation reçue" in page  # nothing typed is lost
    assert not Note.objects.filter(person=person).exists()


def test_a_request_description_and_an_address_with_a_nir_are_refused(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("reception:request_create", kwargs={"person_pk": person.pk}),
        {"needs": ["trouver-un-emploi"], "urgency": "normal", "description": NIR},
    )
    assert "La CNIL interdit" in response.content.decode()
    response = client.post(
        reverse("people:edit", kwargs={"pk": person.pk}),
        {"last_name": person.last_name, "address": NIR, "centre": centre("grand-air").pk},
    )
    assert "La CNIL interdit" in response.content.decode()
    assert Person.objects.get(pk=person.pk).address != NIR


def test_names_refuse_bidi_overrides_and_zero_width_characters(client, reception_grand_air):
    client.force_login(reception_grand_air)
    for name in ("Dupont\u202eeciffo", "Du\u200bpont", "\u2066Martin\u2069"):
        response = client.post(
            reverse("people:register"), {"last_name": name, "centre": centre("grand-air").pk}
        )
        assert response.status_code == 200
        assert "caractères invisibles" in response.content.decode()
    assert not Person.objects.exists()


def test_notes_have_a_length_limit(client, coordinator_grand_air):
    person = PersonFactory()
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("people:note_add", kwargs={"pk": person.pk}),
        {"text": "a" * 5001, "visibility": "team"},
    )
    assert "au plus 5000 caractères" in response.content.decode().replace("\u202f", " ")
    assert not Note.objects.exists()


def test_the_nir_validator_is_one_importable_function():
    import pytest
    from django.core.exceptions import ValidationError

    from parcours.validators import validate_free_text

    with pytest.raises(ValidationError) as error:
        validate_free_text(f"observation importée {NIR}")
    assert error.value.messages == [NIR_MESSAGE]


def test_open_data_carries_plain_text_never_raw_html(client, db):
    grand_air = centre("grand-air")
    CentrePage.objects.update_or_create(
        centre=grand_air,
        defaults={"presentation": 'Bienvenue <script>alert(1)</script><b onclick="x">ici</b>'},
    )
    Activity.objects.create(
        centre=grand_air,
        kind=ActivityKind.PLAYGROUP,
        title="Atelier <i>couture</i>",
        description="<p>Ouvert</p>",
    )
    for name in ("open_data:structures", "open_data:services"):
        body = client.get(reverse(name)).content.decode()
        text = json.dumps(json.loads(body), ensure_ascii=False)
        assert "<" not in text, name
        assert "alert(1)" not in text, name
    assert "Bienvenue ici" in client.get(reverse("open_data:structures")).content.decode()


def test_the_address_search_keeps_the_address_out_of_the_url(client, db):
    from directory.reference import load_public_site_reference

    load_public_site_reference()
    response = client.post(reverse("directory:find_centre"), {"address": "40 rue du Bel Air"})
    assert "centre social Grand Air</a>" in response.content.decode()
    page = client.get(reverse("directory:find_centre")).content.decode()
    assert 'method="post"' in page


def test_pages_seen_logged_in_are_never_stored_by_a_cache(client, reception_grand_air):
    client.force_login(reception_grand_air)
    response = client.get(reverse("people:search"))
    assert "no-store" in response["Cache-Control"]
    client.logout()
    public = client.get(reverse("directory:centre_list"))
    assert "no-store" not in public.get("Cache-Control", "")


def test_search_uses_the_file_roles_scope(client, db):
    """Director at Grand Air and reception at Espéranto: no Grand Air name in the desk search."""
    user = make_user(Role.DIRECTOR, "grand-air")
    add_membership(user, Role.RECEPTION, "esperanto")
    PersonFactory(last_name="Bouzid", first_name="Karim", centre=centre("grand-air"))
    seen = PersonFactory(last_name="Bouzid", first_name="Nadia", centre=centre("esperanto"))
    client.force_login(user)
    client.post(reverse("people:search"), {"q": "Bouzid"})
    page = client.get(reverse("people:search")).content.decode()
    assert "Nadia" in page and "Karim" not in page
    response = client.post(
        reverse("people:register"),
        {"last_name": "Bouzid", "first_name": "Karim", "centre": centre("esperanto").pk},
    )
    assert "Karim" not in response.content.decode().split("<form")[0]
    assert seen.pk
