"""Cleaning one caseload cell at a time: dates, phones, names, sex, e-mail (no database)."""

from datetime import date, datetime

import pytest

from people.importing.parsing import CleanRow, clean_row, normalise_name

TODAY = date(2026, 11, 25)


def messages(row: CleanRow) -> list[str]:
    return [problem.message for problem in row.problems]


# ---- One cell at a time ---------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [
        "14/03/1991",
        "14-03-1991",
        "14.03.91",
        "1991-03-14",
        "1991-03-14 00:00:00",
        " 14 / 3 / 1991 ",
        "14 mars 1991",
        "14031991",
        datetime(1991, 3, 14, 0, 0),
        date(1991, 3, 14),
        33311,
        "33311",
    ],
)
def test_birth_dates_are_read_in_every_usual_form(value):
    row = clean_row({"last_name": "Sy", "birth_date": value}, today=TODAY)
    assert (row.birth_date, row.problems) == (date(1991, 3, 14), [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("31/02/1990", "Date de naissance impossible : 31/02/1990"),
        ("13/13/1990", "Date de naissance impossible : 13/13/1990"),
        ("02/01/2031", "Date de naissance dans le futur : 02/01/2031"),
        ("12/05/1890", "Date de naissance antérieure à 1900 : 12/05/1890"),
        ("1985", "Date de naissance incomplète (année seule) : 1985"),
        ("vers 1980", "Date de naissance illisible : vers 1980"),
    ],
)
def test_wrong_birth_dates_are_errors_that_say_what_was_typed(value, message):
    row = clean_row({"last_name": "Sy", "birth_date": value}, today=TODAY)
    assert [(p.field, p.message, p.severity) for p in row.problems] == [
        ("birth_date", message, "error")
    ]
    assert not row.is_importable


def test_wrong_first_visit_date_is_only_a_warning():
    row = clean_row({"last_name": "Sy", "first_visit_date": "15/01/2027"}, today=TODAY)
    assert messages(row) == ["Date de premier accueil dans le futur : 15/01/2027"]
    assert row.is_importable and row.first_visit_date is None


@pytest.mark.parametrize(
    "value", ["06 12 34 56 78", "0612345678", "06.12.34.56.78", "+33 6 12 34 56 78", 612345678]
)
def test_french_phone_numbers_are_read_however_they_are_typed(value):
    row = clean_row({"last_name": "Sy", "phone": value}, today=TODAY)
    assert (row.phone, row.phone_display, row.problems) == ("+33612345678", "06 12 34 56 78", [])


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("06 12 34", "Numéro de téléphone incomplet : 06 12 34"),
        ("06 12 34 56 78 90 12", "Numéro de téléphone trop long : 06 12 34 56 78 90 12"),
        ("appeler la mère", "Numéro de téléphone invalide : appeler la mère"),
    ],
)
def test_wrong_phone_is_dropped_with_a_warning(value, message):
    row = clean_row({"last_name": "Sy", "phone": value}, today=TODAY)
    assert [(p.message, p.severity) for p in row.problems] == [(message, "warning")]
    assert row.phone == "" and row.is_importable


def test_cell_with_two_phone_numbers_keeps_the_first_and_says_so():
    row = clean_row({"last_name": "Sy", "phone": "06 12 34 56 78 / 01 48 70 00 00"}, today=TODAY)
    assert row.phone == "+33612345678"
    assert messages(row) == [
        "Plusieurs numéros de téléphone : seul le premier est repris (01 48 70 00 00)"
    ]


def test_cells_saying_nothing_nc_neant_are_empty():
    row = clean_row({"last_name": "Sy", "phone": "néant", "email": "-"}, today=TODAY)
    assert (row.phone, row.email, row.problems) == ("", "", [])


@pytest.mark.parametrize(
    ("value", "sex"),
    [("F", "F"), ("femme", "F"), ("Mme", "F"), ("M", "M"), ("H", "M"), ("Homme", "M"), ("M.", "M")],
)
def test_sex_is_read_from_the_usual_abbreviations(value, sex):
    assert clean_row({"last_name": "Sy", "sex": value}, today=TODAY).sex == sex


def test_unknown_sex_is_left_empty_with_a_warning():
    row = clean_row({"last_name": "Sy", "sex": "Autre"}, today=TODAY)
    assert (row.sex, messages(row)) == ("", ["Sexe non reconnu : Autre"])


def test_invalid_email_is_dropped_with_a_warning():
    row = clean_row({"last_name": "Sy", "email": "sy@@example"}, today=TODAY)
    assert (row.email, messages(row), row.is_importable) == (
        "",
        ["Adresse e-mail invalide : sy@@example"],
        True,
    )


def test_names_are_trimmed_and_written_naturally():
    row = clean_row({"last_name": "  DUPONT-MORETTI ", "first_name": "JEAN   PIERRE"})
    assert (row.last_name, row.first_name) == ("Dupont-Moretti", "Jean Pierre")
    assert clean_row({"last_name": "N'DIAYE"}).last_name == "N'Diaye"
    assert clean_row({"last_name": "LE GOFF"}).last_name == "Le Goff"
    assert clean_row({"last_name": "McDonald"}).last_name == "McDonald"


def test_row_without_any_name_is_an_error():
    row = clean_row({"last_name": "", "first_name": " ", "phone": "0612345678"})
    assert [(p.message, p.severity) for p in row.problems] == [("Nom et prénom manquants", "error")]
    assert not row.is_importable


@pytest.mark.parametrize("name", ["N'DIAYE", "Ndiaye", "N’Diaye", "ND'IAYE", " n diaye "])
def test_name_key_ignores_case_accents_punctuation_and_spaces(name):
    assert normalise_name(name) == "ndiaye"


def test_name_key_removes_accents_and_ligatures():
    assert normalise_name("Nguyễn") == "nguyen"
    assert normalise_name("Lévêque-Cœur") == "levequecoeur"
