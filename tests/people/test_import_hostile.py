"""Hostile and broken files: a French error next to the file field, never a 500."""

import io
import zipfile

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.caseload_import import check_file, run_import
from people.models import ImportBatch, Person
from tests.factories import centre

pytestmark = pytest.mark.django_db


def upload(client, user, data: bytes, name: str):
    client.force_login(user)
    return client.post(
        reverse("people:import"),
        {"file": SimpleUploadedFile(name, data), "centre": centre("grand-air").pk},
    )


def assert_refused(response, message: str) -> None:
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_file_error"' in page
    assert message in page.replace("&#x27;", "'")
    assert not ImportBatch.objects.exists()


def xlsx(rows) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def rewrite_member(data: bytes, name: str, change) -> bytes:
    """The same workbook with one of its XML parts changed."""
    source = zipfile.ZipFile(io.BytesIO(data))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            target.writestr(item.filename, change(content) if item.filename == name else content)
    return buffer.getvalue()


def test_zip_bomb_workbook_is_refused_before_parsing(client, coordinator_grand_air):
    # 2 MB of blanks in the sheet compress a thousandfold: the ratio gives it away.
    data = rewrite_member(
        xlsx([["Nom", "Prénom"], ["Diallo", "Awa"]]),
        "xl/worksheets/sheet1.xml",
        lambda content: content.replace(b"<sheetData>", b"<sheetData>" + b" " * 2_000_000),
    )
    assert len(data) < 50_000
    response = upload(client, coordinator_grand_air, data, "bombe.xlsx")
    assert_refused(response, "anormalement volumineux une fois décompressé")


def test_workbook_with_a_dtd_is_refused(client, coordinator_grand_air):
    doctype = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>'
    data = rewrite_member(
        xlsx([["Nom", "Prénom"], ["Diallo", "Awa"]]),
        "xl/worksheets/sheet1.xml",
        lambda content: doctype + content,
    )
    response = upload(client, coordinator_grand_air, data, "dtd.xlsx")
    assert_refused(response, "déclarations XML (DTD)")


def test_broken_workbook_is_refused(client, coordinator_grand_air):
    data = xlsx([["Nom"], ["Diallo"]])[:-200]
    response = upload(client, coordinator_grand_air, data, "coupé.xlsx")
    assert_refused(response, "abîmé ou incomplet")


def test_csv_cell_over_128_kb_is_refused(client, coordinator_grand_air):
    data = b'Nom;Observations\nDiallo;"' + b"x" * 200_000 + b'"\n'
    response = upload(client, coordinator_grand_air, data, "long.csv")
    assert_refused(response, "ni un tableau CSV ni un classeur Excel")


def test_csv_header_of_100000_columns_is_refused(client, coordinator_grand_air):
    data = ("Nom;" + ";".join(f"c{n}" for n in range(100_000)) + "\nDiallo\n").encode()
    response = upload(client, coordinator_grand_air, data, "large.csv")
    assert_refused(response, "plus de 500 colonnes")


def test_more_than_50000_rows_is_refused_by_the_worker_and_said_on_the_mapping_screen(
    client, coordinator_grand_air, run_worker
):
    data = ("Nom;Prénom\n" + "Diallo;Awa\n" * 50_001).encode()
    response = upload(client, coordinator_grand_air, data, "enorme.csv")
    mapping = response["Location"]
    batch = ImportBatch.objects.get()
    client.post(mapping, {f"column_{i}": t for i, t in enumerate(batch.targets)})
    run_worker()
    batch.refresh_from_db()
    assert batch.status == "uploaded"
    page = client.get(reverse("people:import_detail", kwargs={"pk": batch.pk}), follow=True)
    assert "plus de 50\u202f000 lignes" in page.content.decode()
    assert not Person.objects.exists()


def test_one_windows_byte_in_a_utf8_file_keeps_the_accents_and_says_which_line(
    client, coordinator_grand_air, run_worker
):
    data = (
        "Nom;Prénom;Date de naissance\n".encode()
        + "Lefèvre;Hélène;01/02/1980\n".encode()
        + "Bérard;Zoé;03/04/1985\n".encode("cp1252")
        + "Noël;Anaïs;05/06/1990\n".encode()
    )
    response = upload(client, coordinator_grand_air, data, "melange.csv")
    batch = ImportBatch.objects.get()
    assert batch.headers == ["Nom", "Prénom", "Date de naissance"]
    response = client.post(
        response["Location"], {f"column_{i}": t for i, t in enumerate(batch.targets)}
    )
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "Windows-1252 dans un fichier UTF-8 (ligne(s) 3)" in page
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    names = sorted(Person.objects.values_list("last_name", "first_name"))
    assert names == [("Bérard", "Zoé"), ("Lefèvre", "Hélène"), ("Noël", "Anaïs")]


def test_a_150_character_name_is_refused_by_the_dry_run_not_the_database(coordinator_grand_air):
    data = "Nom;Prénom;N° dossier\n" + "D" * 150 + ";Awa;A-1\nSy;Issa;" + "9" * 41 + "\n"
    batch = check_file(
        data=data.encode(),
        filename="long.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    reasons = {row["line"]: row["reasons"] for row in batch.plan}
    assert reasons[2] == ["Nom trop long (150 caractères, 100 au plus)"]
    assert reasons[3] == ["N° de dossier trop long (41 caractères, 40 au plus)"]
    assert run_import(batch, by=coordinator_grand_air) == {"create": 0, "complete": 0, "refuse": 2}


def test_a_cell_of_a_whole_page_refuses_its_row(coordinator_grand_air):
    data = "Nom;Prénom;Observations\nSy;Awa;" + "blabla " * 1000 + "\nSy;Issa;RAS\n"
    batch = check_file(
        data=data.encode(), filename="obs.csv", centre=centre("grand-air"), by=coordinator_grand_air
    )
    actions = {row["line"]: row["action"] for row in batch.plan}
    assert actions == {2: "refuse", 3: "create"}
    assert "Cellule « Observations » trop longue" in batch.plan[0]["reasons"][0]


def test_a_file_too_heavy_for_the_memory_limit_is_refused_by_the_worker(
    client, coordinator_grand_air, run_worker, monkeypatch
):
    from people.importing import isolated

    rows = "".join(f"Nom{n};P{n};{'y' * 3000}\n" for n in range(5_000))
    data = ("Nom;Prénom;Observations\n" + rows).encode()
    response = upload(client, coordinator_grand_air, data, "lourd.csv")
    batch = ImportBatch.objects.get()
    monkeypatch.setattr(isolated, "MEMORY_LIMIT_BYTES", 60 * 1024 * 1024)
    client.post(response["Location"], {f"column_{i}": t for i, t in enumerate(batch.targets)})
    run_worker()
    batch.refresh_from_db()
    assert batch.status == "uploaded"
    assert batch.error.startswith("La lecture de ce fichier demande trop de mémoire")
    page = client.get(response["Location"]).content.decode()
    assert "La vérification du fichier n’a pas pu se faire" in page
