"""Messy caseloads, titled and filled as centres do: refusals, warnings, and what is kept."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.caseload_import import check_file, run_import
from people.models import ImportBatch, Person
from people.selectors import parse_search, search_persons
from tests.factories import centre

pytestmark = pytest.mark.django_db


def dry_run(text: str, user, name="f.csv"):
    return check_file(data=text.encode(), filename=name, centre=centre("grand-air"), by=user)


def by_line(batch) -> dict[int, tuple[str, list[str]]]:
    return {row["line"]: (row["action"], row["reasons"]) for row in batch.plan}


def test_impossible_unreadable_and_nameless_rows_are_refused_with_line_and_reason(
    coordinator_grand_air,
):
    batch = dry_run(
        "Nom;Prénom;DDN\n"
        "Sy;Awa;30/02/1990\n"
        "Sy;Issa;bientôt\n"
        ";Moussa;01/01/1980\n"
        "Sy;Binta;2091-01-01\n"
        "Sy;Fatou;03/04/1991\n",
        coordinator_grand_air,
    )
    assert by_line(batch) == {
        2: ("refuse", ["Date de naissance impossible : 30/02/1990"]),
        3: ("refuse", ["Date de naissance illisible : bientôt"]),
        4: ("refuse", ["Nom manquant"]),
        5: ("refuse", ["Date de naissance dans le futur : 2091-01-01"]),
        6: ("create", []),
    }


def test_unusual_but_possible_values_are_imported_with_a_warning(coordinator_grand_air):
    batch = dry_run(
        "Nom;Prénom;Né(e) le;GSM\n"
        "Sy;Awa;02/03/1915;+44 20 7946 0958\n"
        "Sy;Issa;02/03/1985;06 12 34 56 78\n",
        coordinator_grand_air,
    )
    rows = by_line(batch)
    assert rows[2][0] == "create"
    assert rows[2][1][0].startswith("Date de naissance inhabituelle (")
    assert rows[2][1][1] == "Numéro de téléphone d’un autre pays : +44 20 7946 0958, à vérifier"
    assert rows[3] == ("create", [])
    run_import(batch, by=coordinator_grand_air)
    awa = Person.objects.get(first_name="Awa")
    assert awa.birth_date == datetime.date(1915, 3, 2)
    assert str(awa.phone.as_e164) == "+442079460958"


def test_excel_serials_short_years_and_trailing_empty_rows(coordinator_grand_air):
    batch = dry_run(
        "Nom;Prénom;Date naiss.;1er contact\n"
        "Sy;Awa;33311;45000\n"  # Excel serials pasted as numbers
        "Sy;Issa;01/02/03;01/02/24\n"  # French order, two-digit years
        ";;;\n"
        ";;;\n"
        "\n",
        coordinator_grand_air,
    )
    assert set(by_line(batch)) == {2, 3}
    run_import(batch, by=coordinator_grand_air)
    awa = Person.objects.get(first_name="Awa")
    issa = Person.objects.get(first_name="Issa")
    assert awa.birth_date == datetime.date(1991, 3, 14)
    assert awa.first_contact_date == datetime.date(2023, 3, 15)
    assert issa.birth_date == datetime.date(2003, 2, 1)
    assert issa.first_contact_date == datetime.date(2024, 2, 1)


def test_workbook_date_cells_and_text_dates_are_both_kept(coordinator_grand_air):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Suivi 2025 — ne pas diffuser"])
    sheet.append([])
    sheet.append(["Nom de naissance", "Prénom", "Date de naiss", "Première venue"])
    sheet.append(["Sy", "Awa", datetime.datetime(1990, 3, 12), "04/05/2021"])
    sheet.append(["Sy", "Issa", "12 mars 1990", datetime.datetime(2022, 9, 15)])
    sheet.append([None, None, None, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = check_file(
        data=buffer.getvalue(),
        filename="suivi.xlsx",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    run_import(batch, by=coordinator_grand_air)
    kept = sorted(Person.objects.values_list("last_name", "birth_date", "first_contact_date"))
    assert kept == [
        ("Sy", datetime.date(1990, 3, 12), datetime.date(2021, 5, 4)),
        ("Sy", datetime.date(1990, 3, 12), datetime.date(2022, 9, 15)),
    ]


# Titles this code was not written around: variants made up for the test, and a column
# nobody could guess, which must be listed as ignored.
MESSY = (
    "Liste active — Espace 40;;;;;;;;\n"
    ";;;;;;;;\n"
    "NOM USUEL;Prénom usuel;Dte naiss.;Date 1ère venue;Tél. portable;Adresse courriel;"
    "Quartier d'habitation;Besoin(s);Atelier préféré\n"
    "DIALLO;Awa;12/03/1990;04/05/2021;06 11 22 33 44;awa@example.org;Grands Pêchers;"
    "Formation;Couture\n"
    "Diallo;Awa;07/11/1984;15/09/2022;06 55 66 77 88;;Montreau;Logement;Cuisine\n"
    "Diallo;Awa;12-03-1990;;;;;;\n"  # the same Awa again, as a second line
    "N'Diaye;Élodie;31/04/1988;01/01/2020;;;;;\n"
    ";;;;;;;;\n"
)


def test_messy_file_keeps_birth_dates_and_first_contacts_and_the_desk_tells_namesakes_apart(
    client, coordinator_grand_air, reception_grand_air, run_worker
):
    client.force_login(coordinator_grand_air)
    response = client.post(
        reverse("people:import"),
        {
            "file": SimpleUploadedFile("active.csv", MESSY.encode()),
            "centre": centre("grand-air").pk,
        },
    )
    batch = ImportBatch.objects.get()
    assert batch.targets == [
        "last_name", "first_name", "birth_date", "first_visit_date", "phone", "email",
        "neighbourhood", "request", "",
    ]  # fmt: skip
    response = client.post(
        response["Location"], {f"column_{i}": t for i, t in enumerate(batch.targets)}
    )
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "1 colonne ne sera pas importée" in page
    assert "« Atelier préféré »" in page
    batch.refresh_from_db()
    assert by_line(batch)[7] == ("refuse", ["Date de naissance impossible : 31/04/1988"])
    assert by_line(batch)[6][0] == "complete"

    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    kept = sorted(Person.objects.values_list("birth_date", "first_contact_date"))
    assert kept == [
        (datetime.date(1984, 11, 7), datetime.date(2022, 9, 15)),
        (datetime.date(1990, 3, 12), datetime.date(2021, 5, 4)),
    ]

    both = search_persons(reception_grand_air, parse_search("diallo awa"))
    assert both.count() == 2
    [one] = search_persons(reception_grand_air, parse_search("Diallo Awa 12/03/1990"))
    assert one.birth_date == datetime.date(1990, 3, 12)
    assert one.neighbourhood.slug == "bel-air-grands-pechers"
    assert one.first_contact_needs == ["se-former"]
    [other] = search_persons(reception_grand_air, parse_search("awa diallo 07/11/1984"))
    assert other.first_contact_date == datetime.date(2022, 9, 15)


def test_needs_with_the_longest_thematique_codes_are_stored(coordinator_grand_air):
    batch = dry_run(
        "Nom;Prénom;Besoin\n"
        "Sy;Awa;Démarches administratives\n"
        "Sy;Issa;Accès aux droits / CV\n"
        "Sy;Binta;Aide pour remplir le dossier MDPH\n",
        coordinator_grand_air,
    )
    run_import(batch, by=coordinator_grand_air)
    needs = dict(Person.objects.values_list("first_name", "first_contact_needs"))
    assert needs["Awa"] == [
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
    ]
    assert needs["Issa"] == [
        "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
        "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation",
    ]
    assert needs["Binta"] == []
    binta = Person.objects.get(first_name="Binta")
    assert "Demande : Aide pour remplir le dossier MDPH" in binta.notes.get().text


def test_an_existing_file_is_completed_and_each_filled_field_historised(coordinator_grand_air):
    from people.models import PersonChange
    from tests.people.factories import PersonFactory

    awa = PersonFactory(first_name="Awa", last_name="Sy", birth_date=datetime.date(1990, 3, 12))
    batch = dry_run(
        "Nom d'usage;Nom de jeune fille;Prénom;DDN;Quartier;1er contact;Situation\n"
        "SY;Camara;Awa;12/03/1990;Grands Pêchers;04/05/2021;En formation\n",
        coordinator_grand_air,
    )
    assert run_import(batch, by=coordinator_grand_air)["complete"] == 1
    awa.refresh_from_db()
    assert awa.birth_name == "Camara"
    assert awa.neighbourhood.slug == "bel-air-grands-pechers"
    assert awa.first_contact_date == datetime.date(2021, 5, 4)
    assert awa.employment_situation == "in_training"
    changes = dict(PersonChange.objects.filter(person=awa).values_list("field", "new_value"))
    assert changes["first_contact_date"] == "04/05/2021"
    assert changes["neighbourhood"] == "Bel Air – Grands Pêchers – Ernest Renan"
    assert changes["birth_name"] == "Camara"
    # Found at the desk by the birth name too.
    found = search_persons(coordinator_grand_air, parse_search("camara awa"))
    assert [p.pk for p in found] == [awa.pk]


@pytest.mark.parametrize(
    ("observation", "refused"),
    [
        ("NIR 2 90 03 75 123 456 78", True),
        ("sécu : 1850675000123", True),
        ("né en Corse, 1 85 06 2A 123 456", True),
        ("Rappeler au 06 12 34 56 78", False),
        ("Dossier CAF 1234567", False),
        ("RDV le 12/03/2025 à 14 h", False),
    ],
)
def test_a_social_security_number_in_an_observation_refuses_the_row(
    coordinator_grand_air, observation, refused
):
    batch = dry_run(f"Nom;Prénom;Observations\nSy;Awa;{observation}\n", coordinator_grand_air)
    assert (batch.plan[0]["action"] == "refuse") is refused
