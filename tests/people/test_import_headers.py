"""Column titles as centres write them, title by title (no database needed)."""

import pytest

from people.importing.headers import (
    FULL_NAME,
    IGNORE,
    KNOWN_TITLES,
    header_field,
    suggest_targets,
    title_key,
)

# Every title of the one table is recognised as its field.
TABLE = [(title, name) for name, titles in KNOWN_TITLES.items() for title in titles]


@pytest.mark.parametrize(("title", "field"), TABLE)
def test_every_title_of_the_table_is_recognised(title, field):
    assert header_field(title) == field


# The same titles as they come out of real spreadsheets: other case, accents lost or
# added, stray punctuation and spaces, plurals, "(s)" and "(e)".
VARIANTS = [
    # Birth date
    ("Date naiss.", "birth_date"),
    ("DATE NAISS", "birth_date"),
    ("date de naiss", "birth_date"),
    ("Date de naiss.", "birth_date"),
    ("Né(e) le", "birth_date"),
    ("NE(E) LE", "birth_date"),
    ("né.e le", "birth_date"),
    ("Née le :", "birth_date"),
    ("DDN", "birth_date"),
    ("D.D.N", "birth_date"),
    ("Naissance", "birth_date"),
    ("  date   de  naissance ", "birth_date"),
    ("Date de naissance (jj/mm/aaaa)", "birth_date"),
    ("Dates de naissance", "birth_date"),
    # Phone
    ("Tél.", "phone"),
    ("TEL", "phone"),
    ("Tél :", "phone"),
    ("Portable", "phone"),
    ("Portables", "phone"),
    ("Mobile", "phone"),
    ("GSM", "phone"),
    ("Téléphone fixe", "phone"),
    ("Téléphones", "phone"),
    ("N° de tél", "phone"),
    ("Tél. perso", "phone"),
    # E-mail
    ("Mail", "email"),
    ("MAIL", "email"),
    ("Courriel", "email"),
    ("E-mail", "email"),
    ("e.mail", "email"),
    ("Adresse mail", "email"),
    ("Adresse e-mail", "email"),
    ("Adresse courriel", "email"),
    # First contact
    ("1er contact", "first_visit_date"),
    ("1er Contact", "first_visit_date"),
    ("Date 1er contact", "first_visit_date"),
    ("Date 1er accueil", "first_visit_date"),
    ("Première venue", "first_visit_date"),
    ("PREMIERE VENUE", "first_visit_date"),
    ("Date d'entrée", "first_visit_date"),
    ("Date d’entrée", "first_visit_date"),
    ("Date de 1ère venue", "first_visit_date"),
    ("Date premier accueil", "first_visit_date"),
    ("Inscrit(e) le", "first_visit_date"),
    # Names
    ("Nom d'usage", "last_name"),
    ("Nom d’usage", "last_name"),
    ("NOM DE FAMILLE", "last_name"),
    ("Nom de naissance", "birth_name"),
    ("Nom de jeune fille", "birth_name"),
    ("Prénom(s)", "first_name"),
    ("Prénoms", "first_name"),
    ("PRENOM", "first_name"),
    ("prénom usuel", "first_name"),
    ("NOM Prénom", FULL_NAME),
    ("Nom et prénom(s)", FULL_NAME),
    # Where they live
    ("Quartier", "neighbourhood"),
    ("Quartiers", "neighbourhood"),
    ("Secteur", "neighbourhood"),
    ("QPV", "neighbourhood"),
    ("Quartier d’habitation", "neighbourhood"),
    ("Adresse", "address"),
    ("ADRESSE POSTALE", "address"),
    ("CP", "postal_code"),
    ("C.P.", "postal_code"),
    ("Code postal", "postal_code"),
    ("Ville", "city"),
    ("Commune", "city"),
    # Sex
    ("Sexe", "sex"),
    ("Genre", "sex"),
    ("Civilité", "sex"),
    ("H / F", "sex"),
    # Need, notes, situation
    ("Besoin", "request"),
    ("Besoins", "request"),
    ("Besoin(s)", "request"),
    ("Demande", "request"),
    ("Motif", "request"),
    ("Motif de venue", "request"),
    ("Observations", "notes"),
    ("Commentaire", "notes"),
    ("Commentaires", "notes"),
    ("Remarques", "notes"),
    ("Situation", "situation"),
    ("Situation professionnelle", "situation"),
    ("Ressources", "resources"),
    ("Revenus", "resources"),
    ("Orienté(e) par", "referred_by"),
    ("Prescripteur·rice", "referred_by"),
    ("N° dossier", "file_reference"),
    ("N° de dossier", "file_reference"),
]


@pytest.mark.parametrize(("title", "field"), VARIANTS)
def test_titles_as_centres_write_them_are_recognised(title, field):
    assert header_field(title) == field


@pytest.mark.parametrize(
    "title",
    [
        "Lieu de naissance",
        "Pays de naissance",
        "Tél. du prescripteur",
        "Mail du référent",
        "Date de sortie",
        "Date du dernier rendez-vous",
        "N° de sécurité sociale",
        "Atelier collectif",
        "Suivi des inscrits — secteur insertion Espéranto",
        "",
    ],
)
def test_titles_that_are_not_the_persons_data_are_not_guessed(title):
    assert header_field(title) is None


def test_title_key_drops_case_accents_punctuation_inclusive_endings_and_plurals():
    assert title_key("Prénom(s)") == title_key("PRENOMS") == "prenom"
    assert title_key("Né(e) le") == title_key("ne le") == "ne le"
    assert title_key("  Date   naiss. ") == "date nais"
    assert title_key("Pays") == "pays"


def test_a_second_column_for_a_field_is_not_preselected():
    assert suggest_targets(["Nom", "Portable", "Téléphone fixe", "Colonne X"]) == [
        "last_name",
        "phone",
        IGNORE,
        IGNORE,
    ]
