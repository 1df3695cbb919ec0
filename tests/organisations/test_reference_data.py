from django.core.management import call_command

from organisations.models import Centre, IntegrationMode, Organisation, Site
from organisations.reference import load_reference_data


def test_the_four_centres_of_the_seed_with_their_kind_and_mode(db):
    centres = {c.name: c for c in Centre.objects.all()}
    assert set(centres) == {"Grand Air", "Espéranto", "Lounès Matoub", "SFM Montreuil"}
    assert centres["Grand Air"].integration_mode == IntegrationMode.BOTH
    assert centres["Espéranto"].integration_mode == IntegrationMode.COLLECTIVE
    assert centres["Lounès Matoub"].integration_mode == IntegrationMode.INDIVIDUAL
    assert centres["SFM Montreuil"].integration_mode == IntegrationMode.NONE
    assert [c.kind for c in Centre.objects.filter(kind="municipal")].__len__() == 3
    assert centres["SFM Montreuil"].kind == "associative"


def test_directors_and_phones_are_those_of_the_city_page(db):
    grand_air = Centre.objects.get(slug="grand-air")
    assert grand_air.director_name == "Omar Somi"
    assert grand_air.phone.as_national == "01 71 86 80 10"
    assert Centre.objects.get(slug="esperanto").director_name == "Aurélien Lautard"
    lounes = Centre.objects.get(slug="lounes-matoub")
    assert lounes.director_name == "Xavier Acakpovi"
    assert lounes.phone.as_national == "01 71 89 25 09"


def test_sites_and_addresses_of_the_seed(db):
    addresses = {s.name: s.address for s in Site.objects.all()}
    assert addresses == {
        "Espace 40": "40 rue du Bel Air",
        "Espace 18": "18 rue des Grands Pêchers",
        "Antenne Bel Pêche": "12 rue Paul Doumer",
        "Espace Le Morillon": "14 allée Roland Martin – Place Le Morillon",
        "Espace Romain Rolland": "56 rue des Blancs Vilains",
        "Centre social Lounès Matoub": "4-6 place de la République",
    }
    morillon = Site.objects.get(slug="espace-le-morillon")
    assert morillon.contact_phone.as_national == "01 71 89 25 20"
    # Grand Air's sites have no number of their own: the centre's is used.
    assert Site.objects.get(slug="espace-18").contact_phone.as_national == "01 71 86 80 10"


def test_sfm_montreuil_has_nothing_invented(db):
    sfm = Centre.objects.get(slug="sfm-montreuil")
    assert sfm.director_name == ""
    assert not sfm.phone
    assert not sfm.sites.exists()
    assert sfm.neighbourhood_label == "Branly – Boissière"


def test_partners_named_by_the_seed_are_present(db):
    names = set(Organisation.objects.filter(is_partner=True).values_list("name", flat=True))
    assert {"France Travail", "Mission locale", "Service social départemental"} <= names
    grocery = Organisation.objects.get(slug="epicerie-solidaire-aurore")
    assert grocery.parent.name == "Association Aurore"


def test_loading_twice_changes_nothing(db):
    before = (Organisation.objects.count(), Centre.objects.count(), Site.objects.count())
    assert load_reference_data() == {
        "organisations": 0,
        "centres": 0,
        "sites": 0,
        "neighbourhoods": 0,
    }
    call_command("load_reference_data", verbosity=0)
    assert (Organisation.objects.count(), Centre.objects.count(), Site.objects.count()) == before
