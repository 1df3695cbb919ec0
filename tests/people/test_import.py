import datetime
import io
import time

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from people.caseload_import import check_file, run_import
from people.models import ImportBatch, Note, Person
from people.selectors import parse_search, search_persons
from tests.factories import centre
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db

CSV = (
    "Liste des inscrits 2025;;;;\r\n"
    "N° dossier;NOM;Prénom;Né(e) le;Tél.;Demande\r\n"
    "GA-1;N'DIAYE;Élodie;03/04/1990;06 12 34 56 78;Trouver un emploi\r\n"
    "GA-2;Martin;Paul;31/02/1980;;\r\n"
    "GA-3;Ndiaye;Elodie;03/04/1990;;Formation\r\n"
    "GA-4;Traoré;Awa;1er mars 1975;01 48 70 00 00;\r\n"
)


def _recognised(batch) -> dict[str, str]:
    """The mapping form as proposed: every recognised column kept."""
    return {f"column_{index}": target for index, target in enumerate(batch.targets)}


def _upload(client, user, content: bytes, name="inscrits.csv"):
    client.force_login(user)
    return client.post(
        reverse("people:import"),
        {"file": SimpleUploadedFile(name, content), "centre": centre("grand-air").pk},
    )


def test_dry_run_shows_each_row_created_completed_or_refused_and_writes_no_person(
    client, coordinator_grand_air, run_worker
):
    response = _upload(client, coordinator_grand_air, CSV.encode("cp1252"))
    batch = ImportBatch.objects.get()
    assert response["Location"] == reverse("people:import_mapping", kwargs={"pk": batch.pk})
    response = client.post(response["Location"], _recognised(batch))
    assert response["Location"] == reverse("people:import_detail", kwargs={"pk": batch.pk})
    assert "Vérification en cours" in client.get(response["Location"]).content.decode()
    run_worker()
    assert not Person.objects.exists()
    batch.refresh_from_db()
    page = client.get(response["Location"]).content.decode()
    actions = {row["line"]: row["action"] for row in batch.plan}
    assert actions == {3: "create", 4: "refuse", 5: "complete", 6: "create"}
    assert "même n° de dossier" not in page
    assert "même nom, prénom et date de naissance que la ligne 3" in page
    assert "Refusée" in page


def test_import_matches_existing_people_with_the_search_normalisation(coordinator_grand_air):
    existing = PersonFactory(
        first_name="Élodie", last_name="N’Diaye", birth_date=datetime.date(1990, 4, 3), phone=""
    )
    batch = check_file(
        data=CSV.encode(),
        filename="inscrits.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    by_line = {row["line"]: row for row in batch.plan}
    assert by_line[3]["action"] == "complete"
    assert by_line[3]["person_id"] == existing.pk
    counts = run_import(batch, by=coordinator_grand_air)
    assert counts == {"create": 1, "complete": 2, "refuse": 1}
    existing.refresh_from_db()
    assert str(existing.phone) == "06 12 34 56 78"  # filled because it was empty
    assert existing.file_reference == "GA-1"
    assert Person.objects.filter(merged_into__isnull=True).count() == 2
    # "Trouver un emploi" is a thematique: it becomes the need of the first contact.
    assert existing.first_contact_needs == ["trouver-un-emploi"]


def test_imported_people_are_found_by_the_search(coordinator_grand_air):
    batch = check_file(
        data=CSV.encode(),
        filename="inscrits.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    run_import(batch, by=coordinator_grand_air)
    found = search_persons(coordinator_grand_air, parse_search("ndiay elodie"))
    assert [p.full_name for p in found] == ["Élodie N'Diaye"]


def test_real_import_is_all_or_nothing(coordinator_grand_air, monkeypatch):
    batch = check_file(
        data=CSV.encode(),
        filename="inscrits.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )

    def broken(*args, **kwargs):
        raise RuntimeError("panne au milieu de l’import")

    monkeypatch.setattr(Note.objects, "bulk_create", broken)
    with pytest.raises(RuntimeError):
        run_import(batch, by=coordinator_grand_air)
    assert not Person.objects.exists()
    batch.refresh_from_db()
    assert batch.status == "checked"


def test_a_file_is_imported_once(client, coordinator_grand_air, run_worker):
    batch = check_file(
        data=CSV.encode(),
        filename="inscrits.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    client.force_login(coordinator_grand_air)
    url = reverse("people:import_run", kwargs={"pk": batch.pk})
    client.post(url)
    assert "Import en cours" in client.get(url.replace("importer/", "")).content.decode()
    assert client.post(url, follow=True).content.decode().count("Action déjà effectuée") == 1
    run_worker()
    response = client.post(url, follow=True)
    assert "Action déjà effectuée" in response.content.decode()
    assert Person.objects.count() == 2


def test_xlsx_files_are_imported(coordinator_grand_air):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Nom", "Prénom", "Date de naissance"])
    sheet.append(["Dupont", "Léa", datetime.datetime(1988, 7, 14)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    batch = check_file(
        data=buffer.getvalue(),
        filename="file.xlsx",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    run_import(batch, by=coordinator_grand_air)
    assert Person.objects.get().birth_date == datetime.date(1988, 7, 14)


def test_a_file_that_is_not_a_spreadsheet_is_refused_on_the_field(client, coordinator_grand_air):
    response = _upload(client, coordinator_grand_air, b"%PDF-1.4 \x00\x01", name="scan.pdf")
    assert response.status_code == 200
    assert "id_file_error" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_coordinator_of_another_centre_cannot_read_or_run_the_import(
    client, coordinator_grand_air, coordinator_esperanto
):
    batch = check_file(
        data=CSV.encode(),
        filename="inscrits.csv",
        centre=centre("grand-air"),
        by=coordinator_grand_air,
    )
    client.force_login(coordinator_esperanto)
    assert client.get(reverse("people:import_detail", kwargs={"pk": batch.pk})).status_code == 404
    assert client.post(reverse("people:import_run", kwargs={"pk": batch.pk})).status_code == 404
    assert not Person.objects.exists()


def test_reception_agent_cannot_import(client, reception_grand_air):
    assert _upload(client, reception_grand_air, CSV.encode()).status_code == 403


def _big_csv(rows: int) -> bytes:
    lines = ["Nom;Prénom;Date de naissance;Téléphone;Adresse;Code postal;Ville;Demande"]
    for n in range(rows):
        lines.append(
            f"Nom{n:05d};Prénom{n % 997};{1 + n % 28:02d}/{1 + n % 12:02d}/{1950 + n % 50};"
            f"06 {n // 10000 % 100:02d} {n // 100 % 100:02d} {n % 100:02d} 1{n % 10};"
            f"{n} rue du Bel Air;93100;Montreuil;Recherche d’emploi"
        )
    return "\r\n".join(lines).encode("cp1252")


def test_ten_thousand_rows_import_in_one_go(coordinator_grand_air, capsys):
    """Correctness at the size the issue names; the timing lives in `make bench`."""
    PersonFactory.create_batch(200)  # some existing people to match against
    data = _big_csv(10_000)
    start = time.perf_counter()
    batch = check_file(
        data=data, filename="file.csv", centre=centre("grand-air"), by=coordinator_grand_air
    )
    checked = time.perf_counter()
    counts = run_import(batch, by=coordinator_grand_air)
    done = time.perf_counter()
    assert counts["create"] == 10_000
    assert Person.objects.filter(import_batch=batch).count() == 10_000
    with capsys.disabled():
        print(f"\n10,000 rows: dry run {checked - start:.1f} s, import {done - checked:.1f} s")


def test_import_detail_page_costs_the_same_whatever_the_file_size(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    client.force_login(coordinator_grand_air)
    small = check_file(
        data=_big_csv(10), filename="a.csv", centre=centre("grand-air"), by=coordinator_grand_air
    )
    big = check_file(
        data=_big_csv(1000), filename="b.csv", centre=centre("grand-air"), by=coordinator_grand_air
    )
    counts = []
    for batch in (small, big):
        with django_assert_max_num_queries(9) as captured:
            response = client.get(reverse("people:import_detail", kwargs={"pk": batch.pk}))
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]


def test_upload_page_costs_the_same_with_few_or_many_files(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    from tests.factories import make_user

    client.force_login(coordinator_grand_air)
    uploaders = [coordinator_grand_air, make_user("coordinator", "grand-air")]

    def add(count):
        for number in range(count):
            ImportBatch.objects.create(
                centre=centre("grand-air"),
                filename=f"inscrits-{number}.csv",
                data=CSV.encode() * 50,
                plan=[{"line": line, "action": "create"} for line in range(200)],
                uploaded_by=uploaders[number % 2],
            )

    def count():
        with django_assert_max_num_queries(8) as captured:
            response = client.get(reverse("people:import"))
        assert response.status_code == 200
        # The files' content and plan are never read to list them.
        assert not any('"people_importbatch"."data"' in q["sql"] for q in captured)
        assert not any('"people_importbatch"."plan"' in q["sql"] for q in captured)
        return len(captured)

    add(1)
    with_few = count()
    add(40)
    assert count() == with_few, with_few
