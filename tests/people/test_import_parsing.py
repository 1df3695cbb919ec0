"""Reading caseload spreadsheets as the centres keep them (no database needed)."""

import codecs
import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from people.importing.headers import FULL_NAME, header_field
from people.importing.parsing import (
    FIELDS,
    CleanRow,
    ImportFileError,
    clean_row,
    find_duplicates_in_file,
    map_headers,
    normalise_name,
    parse_file,
    read_table,
)

# Copies of the centres' sample files.
SAMPLES = Path(__file__).resolve().parents[1] / "fixtures" / "import"
TODAY = date(2026, 11, 25)


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def row_at(parsed, line_number: int) -> CleanRow:
    return next(row for row in parsed.rows if row.line_number == line_number)


def messages(row: CleanRow) -> list[str]:
    return [problem.message for problem in row.problems]


def xlsx_bytes(rows: list[list[object]]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ---- The Grand Air CSV: Windows-1252, ";" ----------------------------------------------


@pytest.fixture(scope="module")
def grand_air():
    return parse_file(sample("suivi-insertion-grand-air.csv"), "suivi.csv", today=TODAY)


def test_grand_air_csv_keeps_every_filled_row_and_drops_the_empty_last_one(grand_air):
    table = grand_air.table
    assert (table.file_format, table.encoding, table.delimiter) == ("csv", "cp1252", ";")
    assert table.header_line == 1
    assert len(grand_air.rows) == 185
    assert grand_air.rows[0].line_number == 2
    assert grand_air.rows[-1].line_number == 186  # line 187 is ";;;;;;" and is dropped


def test_grand_air_columns_are_all_recognised(grand_air):
    assert set(grand_air.mapping) == set(FIELDS) - {"birth_name", "situation"}
    assert grand_air.not_imported_headers == []
    assert grand_air.columns["first_visit_date"] == "Date 1er accueil"


def test_windows_1252_accents_come_out_right(grand_air):
    assert row_at(grand_air, 2).first_name == "Françoise"
    assert row_at(grand_air, 3).first_name == "Hélène"
    assert row_at(grand_air, 3).referred_by == "Épicerie solidaire"
    assert (row_at(grand_air, 185).last_name, row_at(grand_air, 185).first_name) == (
        "Traoré",
        "Aïssata",
    )


def test_person_typed_twice_is_reported_as_a_duplicate_of_the_first_line(grand_air):
    # "N'DIAYE Élodie 14/03/1991" then "Ndiaye Elodie 14/03/91", same phone written apart.
    assert [group.line_numbers for group in grand_air.duplicates] == [(182, 183)]
    assert row_at(grand_air, 183).warnings[0].message.startswith("Doublon de la ligne 182 (")
    assert row_at(grand_air, 183).is_importable
    assert not row_at(grand_air, 182).problems


def test_namesakes_born_on_different_days_are_not_duplicates(grand_air):
    namesakes = [row.line_number for row in grand_air.rows if row.last_name == "Bouzid"]
    namesakes = [line for line in namesakes if row_at(grand_air, line).first_name == "Moussa"]
    assert namesakes == [26, 38, 111]
    assert not any(messages(row_at(grand_air, line)) for line in namesakes)


def test_impossible_birth_date_blocks_its_row(grand_air):
    row = row_at(grand_air, 185)
    assert messages(row) == ["Date de naissance impossible : 31/02/1979"]
    assert not row.is_importable
    assert row.birth_date is None


def test_missing_last_name_refuses_the_row(grand_air):
    row = row_at(grand_air, 184)
    assert (row.last_name, row.first_name) == ("", "Moussa")
    assert messages(row) == ["Nom manquant"]
    assert not row.is_importable


def test_short_phone_is_a_warning_and_the_row_is_imported_without_it(grand_air):
    row = row_at(grand_air, 186)
    assert [(p.field, p.message, p.severity) for p in row.problems] == [
        ("phone", "Numéro de téléphone incomplet : 06 12", "warning")
    ]
    assert row.is_importable
    assert row.phone == ""


def test_only_the_four_known_defects_are_reported_in_grand_air(grand_air):
    assert [row.line_number for row in grand_air.rows if row.problems] == [183, 184, 185, 186]


def test_two_digit_year_of_birth_is_read_in_the_right_century(grand_air):
    assert row_at(grand_air, 183).birth_date == date(1991, 3, 14)


def test_last_names_typed_in_capitals_are_written_naturally(grand_air):
    assert row_at(grand_air, 5).last_name == "Baudry"
    assert row_at(grand_air, 6).last_name == "N'Diaye"
    assert row_at(grand_air, 11).last_name == "Lévêque"
    assert row_at(grand_air, 180).last_name == "de La Fontaine"  # typed with care: kept


def test_phones_are_stored_international_and_shown_the_french_way(grand_air):
    row = row_at(grand_air, 7)  # "+33 7 26 71 47 51"
    assert (row.phone, row.phone_display) == ("+33726714751", "07 26 71 47 51")


def test_reunion_mobile_keeps_its_own_country_code(grand_air):
    row = row_at(grand_air, 181)  # "0692410804"
    assert (row.phone, row.phone_display) == ("+262692410804", "0692 41 08 04")


# ---- The Espéranto XLSX: a title above the header, mixed date cells --------------------


@pytest.fixture(scope="module")
def esperanto():
    return parse_file(sample("inscrits-esperanto-2025.xlsx"), "inscrits.xlsx", today=TODAY)


def test_esperanto_title_row_above_the_header_is_skipped(esperanto):
    assert esperanto.table.sheet_name == "Inscrits 2025"
    assert esperanto.table.header_line == 3
    assert len(esperanto.rows) == 122
    assert (esperanto.rows[0].line_number, esperanto.rows[-1].line_number) == (4, 125)


def test_esperanto_headers_in_capitals_and_abbreviations_are_recognised(esperanto):
    assert esperanto.columns == {
        "last_name": "NOM",
        "first_name": "PRENOM",
        "birth_date": "Né(e) le",
        "phone": "Tél. portable",
        "address": "Adresse",
        "first_visit_date": "Date inscription",
        "notes": "Commentaire",
    }
    assert esperanto.not_imported_headers == ["Atelier collectif", "Assiduité"]


def test_esperanto_date_cells_and_dates_typed_as_text_both_read(esperanto):
    assert row_at(esperanto, 4).birth_date == date(1978, 2, 26)  # a date cell
    assert row_at(esperanto, 11).birth_date == date(1996, 4, 13)  # the text "13/04/1996"
    assert not any(row.problems for row in esperanto.rows)


def test_postal_code_and_town_are_taken_out_of_a_full_address(esperanto):
    row = row_at(esperanto, 4)
    assert (row.address, row.postal_code, row.city) == ("54 rue du Bel Air", "93100", "Montreuil")


def test_same_person_in_both_samples_gets_the_same_name_key(grand_air, esperanto):
    in_grand_air, in_esperanto = row_at(grand_air, 182), row_at(esperanto, 125)  # ND'IAYE
    assert normalise_name(in_grand_air.last_name) == normalise_name(in_esperanto.last_name)
    assert normalise_name(in_grand_air.first_name) == normalise_name(in_esperanto.first_name)
    assert in_grand_air.birth_date == in_esperanto.birth_date


# ---- Files built here -----------------------------------------------------------------


def test_title_row_above_header_is_skipped_in_a_workbook_with_mixed_date_cells():
    data = xlsx_bytes(
        [
            ["Liste des inscrits — atelier couture"],
            [],
            ["Nom de famille", "Prénom", "Date de naissance", "Portable", "CP"],
            ["DUPONT-MORETTI", "Anne", datetime(1980, 5, 17), 612345678, 93100],
            ["LE GOFF", "Yann", 33311, "06 98 76 54 32", 1000],
            [None, None, None, None, None],
            ["Martin", "Léa", "07/11/1968", None, "93100"],
            [None, None, None, None, None],
        ]
    )
    parsed = parse_file(data, "couture.xlsx", today=TODAY)
    assert parsed.table.header_line == 3
    assert [row.line_number for row in parsed.rows] == [4, 5, 7]
    dupont, le_goff, martin = parsed.rows
    assert (dupont.last_name, dupont.birth_date) == ("Dupont-Moretti", date(1980, 5, 17))
    assert dupont.phone_display == "06 12 34 56 78"  # the number cell lost its leading 0
    assert (le_goff.last_name, le_goff.birth_date) == ("Le Goff", date(1991, 3, 14))  # serial
    assert le_goff.postal_code == "01000"
    assert martin.birth_date == date(1968, 11, 7)
    assert not any(row.problems for row in parsed.rows)


def test_utf8_csv_with_bom_and_commas_is_read():
    text = (
        "Nom de famille,Prénom,DDN,Tél,E-mail,Adresse,CP,Commune,Genre,Référence\n"
        'Hélène,Zoé,1985-01-30,01 48 70 00 00,ZOE@Example.org,"12, rue de Paris",93100,'
        "Montreuil,femme,R-1\n"
    )
    parsed = parse_file(codecs.BOM_UTF8 + text.encode("utf-8"), "liste.csv", today=TODAY)
    assert (parsed.table.encoding, parsed.table.delimiter) == ("utf-8-sig", ",")
    [row] = parsed.rows
    assert (row.last_name, row.first_name, row.birth_date) == ("Hélène", "Zoé", date(1985, 1, 30))
    assert (row.address, row.postal_code, row.city) == ("12, rue de Paris", "93100", "Montreuil")
    assert (row.email, row.sex, row.file_reference) == ("zoe@example.org", "F", "R-1")
    assert row.phone == "+33148700000"


def test_tab_separated_utf8_file_announcing_its_delimiter_is_read():
    data = "sep=\t\nNom\tPrénom\tVille\nSy\tDylan\tMontreuil\n".encode()
    table = read_table(data, "export.csv")
    assert (table.delimiter, table.header_line, table.headers) == (
        "\t",
        2,
        ("Nom", "Prénom", "Ville"),
    )
    assert [row.line_number for row in table.rows] == [3]


def test_unknown_headers_are_reported_and_the_rest_imported():
    mapping, not_imported = map_headers(["Nom", "Prénom", "Atelier", "Assiduité", "", "Tél"])
    assert mapping == {"last_name": 0, "first_name": 1, "phone": 5}
    assert not_imported == ["Atelier", "Assiduité"]


def test_a_second_column_for_the_same_field_is_reported_not_mixed_in():
    mapping, not_imported = map_headers(["Nom", "Téléphone", "Portable"])
    assert mapping == {"last_name": 0, "phone": 1}
    assert not_imported == ["Portable"]


def test_file_without_name_columns_is_refused_with_a_clear_message():
    data = "Date de naissance;Téléphone;Ville\n01/02/1990;0612345678;Montreuil\n".encode()
    with pytest.raises(ImportFileError, match="ni colonne « Nom » ni colonne « Prénom »"):
        parse_file(data, "sans-nom.csv")


def test_file_without_any_row_of_titles_is_refused():
    with pytest.raises(ImportFileError, match="Aucune ligne de titres de colonnes"):
        read_table(b"1;2;3\n4;5;6\n", "chiffres.csv")


def test_unknown_titles_are_read_as_a_header_but_need_a_name_column():
    table = read_table(b"a;b;c\n1;2;3\n", "lettres.csv")
    assert table.headers == ("a", "b", "c")
    with pytest.raises(ImportFileError, match="ni colonne « Nom » ni colonne « Prénom »"):
        parse_file(b"a;b;c\n1;2;3\n", "lettres.csv")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97-2003 \\(.xls\\)"),
        (b"%PDF-1.7\n\0\0\0binary", "ni un tableau CSV ni un classeur Excel"),
    ],
)
def test_files_that_are_not_caseload_spreadsheets_are_refused(data, message):
    with pytest.raises(ImportFileError, match=message):
        read_table(data, "fichier")


def test_single_name_column_file_is_read():
    table = read_table("Nom\nBaudry\nCissé\n".encode(), "noms.csv")
    assert [row.cells for row in table.rows] == [("Baudry",), ("Cissé",)]


def test_full_name_column_is_split_into_last_and_first_name():
    mapping, _ = map_headers(["NOM Prénom", "Date de naissance"])
    assert mapping == {FULL_NAME: 0, "birth_date": 1}
    row = clean_row({FULL_NAME: "LE GOFF Marie-Anne"}, today=TODAY)
    assert (row.last_name, row.first_name, row.problems) == ("Le Goff", "Marie-Anne", [])
    unclear = clean_row({FULL_NAME: "Dupont Marie"}, today=TODAY)
    assert (unclear.last_name, unclear.first_name) == ("Dupont", "Marie")
    assert "à vérifier" in messages(unclear)[0]


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Nom de famille", "last_name"),
        ("NOM", "last_name"),
        ("Nom d'usage", "last_name"),
        ("Prénom", "first_name"),
        ("prenoms", "first_name"),
        ("Date de naissance", "birth_date"),
        ("Né(e) le", "birth_date"),
        ("DDN", "birth_date"),
        ("Téléphone", "phone"),
        ("Tél", "phone"),
        ("Portable", "phone"),
        ("N° de téléphone", "phone"),
        ("Courriel", "email"),
        ("E-mail", "email"),
        ("Email", "email"),
        ("Adresse mail", "email"),
        ("Adresse", "address"),
        ("Code postal", "postal_code"),
        ("CP", "postal_code"),
        ("Ville", "city"),
        ("Commune", "city"),
        ("Quartier", "neighbourhood"),
        ("Sexe", "sex"),
        ("Genre", "sex"),
        ("N° dossier", "file_reference"),
        ("Référence", "file_reference"),
        ("Date 1er accueil", "first_visit_date"),
        ("Date d'inscription", "first_visit_date"),
        ("Orienté par", "referred_by"),
        ("Prescripteur", "referred_by"),
        ("Demande", "request"),
        ("Besoin", "request"),
        ("Ressources", "resources"),
        ("Observations", "notes"),
        ("Commentaire", "notes"),
        ("Lieu de naissance", None),
        ("Tél. du prescripteur", None),
        ("Date de sortie", None),
        ("Suivi des inscrits — secteur insertion Espéranto", None),
    ],
)
def test_column_titles_are_recognised_whatever_the_wording(header, field):
    assert header_field(header) == field


# ---- Duplicates -----------------------------------------------------------------------


def test_duplicates_chain_through_birth_date_then_phone():
    rows = [
        clean_row({"last_name": "Sy", "first_name": "Awa", "birth_date": "01/02/1990"}),
        clean_row({"last_name": "SY", "first_name": "Awa", "birth_date": "01/02/1990",
                   "phone": "0612345678"}, line_number=9),
        clean_row({"last_name": "Sy", "first_name": "Awa", "phone": "06 12 34 56 78"}),
        clean_row({"last_name": "Sy", "first_name": "Awa", "birth_date": "03/04/1995"}),
    ]  # fmt: skip
    for line_number, row in zip([7, 9, 12, 15], rows, strict=True):
        row.line_number = line_number
    [group] = find_duplicates_in_file(rows)
    assert group.line_numbers == (7, 9, 12)
    assert group.message == (
        "Doublon de la ligne 7 (même nom, prénom et date de naissance ; "
        "même nom, prénom et téléphone)"
    )


# ---- Volume ---------------------------------------------------------------------------


def test_ten_thousand_row_csv_is_parsed():
    lines = ["N° dossier;Nom;Prénom;Date de naissance;Téléphone;Email;Code postal;Ville"]
    lines += [
        f"D-{n};NOM{n};Prénom{n};{n % 28 + 1:02d}/{n % 12 + 1:02d}/{1940 + n % 60};"
        f"06 {n % 100:02d} 34 56 78;p{n}@example.org;93100;Montreuil"
        for n in range(10_000)
    ]
    data = "\r\n".join(lines).encode("cp1252")
    parsed = parse_file(data, "gros.csv", today=TODAY)
    assert len(parsed.rows) == 10_000
    assert parsed.rows[-1].line_number == 10_001
    assert all(row.is_importable for row in parsed.rows)
