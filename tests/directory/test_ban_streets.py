"""The commune's streets from the national address base (BAN), in its published CSV format."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from directory.models import Street
from directory.streets import BanFormatError, load_streets

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
BAN = FIXTURES / "ban-93048-extrait.csv"
MAPPING = FIXTURES / "ban-93048-quartiers.csv"
FIND = reverse("directory:find_centre")


def _load(*args):
    out = StringIO()
    call_command("load_ban_streets", str(BAN), *args, stdout=out)
    return out.getvalue()


def test_one_street_per_ban_street_of_the_commune_only(client):
    before = Street.objects.count()
    output = _load()
    # 7 streets of Montreuil in the sample; Romainville's own "rue de Romainville" is left out.
    names = set(Street.objects.values_list("name", flat=True))
    assert {"Rue de Romainville", "Rue de Paris", "Allée Hélène Boucher"} <= names
    assert Street.objects.filter(name__iexact="rue de romainville").count() == 1
    assert Street.objects.get(name="Rue de Romainville").fantoir == "93048_7980"
    # "rue du Bel Air" of the reference data is completed, not duplicated.
    assert Street.objects.filter(name__iexact="rue du bel air").count() == 1
    assert Street.objects.get(name__iexact="rue du bel air").fantoir == "93048_0560"
    assert Street.objects.count() == before + 4
    assert "4 créées, 3 complétées" in output and "sans quartier" in output


def test_loading_twice_changes_nothing():
    _load("--quartiers", str(MAPPING))
    rows = sorted(Street.objects.values_list("name", "fantoir", "neighbourhood_id"))
    output = _load("--quartiers", str(MAPPING))
    assert sorted(Street.objects.values_list("name", "fantoir", "neighbourhood_id")) == rows
    assert "0 créées, 0 complétées" in output


def test_the_mapping_assigns_new_streets_but_never_moves_an_assigned_one(client):
    _load("--quartiers", str(MAPPING))
    assert Street.objects.get(name="Rue de Romainville").neighbourhood.slug == (
        "bel-air-grands-pechers"
    )
    # The mapping file says Montreau for rue du Bel Air: already assigned, it stays.
    assert Street.objects.get(name__iexact="rue du bel air").neighbourhood.slug == (
        "bel-air-grands-pechers"
    )
    assert Street.objects.get(name="Rue de Paris").neighbourhood is None


def test_rue_de_romainville_finds_its_centre_once_the_sample_is_loaded(client):
    before = client.post(FIND, {"address": "12 rue de Romainville"}).content.decode()
    assert "<strong>Rue de Romainville</strong>" not in before
    _load("--quartiers", str(MAPPING))
    page = client.post(FIND, {"address": "12 rue de Romainville"}).content.decode()
    assert "<strong>Rue de Romainville</strong> (quartier Bel Air – Grands Pêchers" in page
    assert "centre social Grand Air</a>" in page


def test_a_street_without_neighbourhood_lists_the_neighbourhoods(client):
    _load()
    page = client.post(FIND, {"address": "2 rue de Paris"}).content.decode()
    assert "nous ne savons pas encore dans quel quartier est cette voie" in page
    assert "<strong>Montreau – Le Morillon</strong>" in page


def test_branly_residents_are_told_which_municipal_centre_helps_them_find_a_job(client):
    _load("--quartiers", str(MAPPING))
    page = client.post(FIND, {"address": "10 rue Édouard Branly"}).content.decode()
    assert "centre social SFM Montreuil</a>" in page
    assert "Pour trouver un emploi ou une formation" in page and "Espéranto" in page


def test_a_file_that_is_not_a_ban_csv_is_refused_plainly(tmp_path):
    wrong = tmp_path / "adresses.csv"
    wrong.write_text("nom,prenom\nNdiaye,Élodie\n", encoding="utf-8")
    with pytest.raises(BanFormatError):
        load_streets(wrong)
    with pytest.raises(CommandError, match="colonnes manquantes"):
        call_command("load_ban_streets", str(wrong))
    with pytest.raises(CommandError, match="Fichier introuvable"):
        call_command("load_ban_streets", str(tmp_path / "absent.csv"))


def test_administrators_assign_a_street_in_the_admin(client, administrator):
    _load()
    street = Street.objects.get(name="Rue de Paris")
    client.force_login(administrator)
    changelist = reverse("admin:directory_street_changelist")
    assert (
        "Rue de Paris" in client.get(changelist, {"neighbourhood__isnull": "True"}).content.decode()
    )
    from organisations.models import Neighbourhood

    republique = Neighbourhood.objects.get(slug="republique")
    response = client.post(
        reverse("admin:directory_street_change", args=[street.pk]),
        {"name": "Rue de Paris", "neighbourhood": republique.pk, "postal_code": "93100"},
    )
    assert response.status_code == 302
    street.refresh_from_db()
    assert street.neighbourhood == republique


def test_the_finder_costs_the_same_with_few_or_many_streets(client, django_assert_num_queries):
    from organisations.models import Neighbourhood

    neighbourhood = Neighbourhood.objects.get(slug="republique")
    client.post(FIND, {"address": "rue inconnue"})
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.post(FIND, {"address": "rue inconnue"})
    Street.objects.bulk_create(
        Street(name=f"Rue numéro {i}", neighbourhood=neighbourhood) for i in range(200)
    )
    with CaptureQueriesContext(connection) as many:
        client.post(FIND, {"address": "rue inconnue"})
    assert len(many.captured_queries) == len(few.captured_queries)
