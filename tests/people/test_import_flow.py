"""Upload → mapping → dry run → import, as a coordinator goes through it."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AccessLog
from people.import_flow import purge_stale_files
from people.models import ImportBatch, ImportColumnChoice, ImportStatus, Note, Person
from tests.factories import centre

pytestmark = pytest.mark.django_db

# Titles nobody wrote the code around: "Quand" must be mapped by hand, "N° sécu" is ignored.
CSV = (
    "NOM D'USAGE;Prénom(s);Né(e) le;Quand;Secteur;Motif de venue;N° sécu\n"
    "Diallo;Awa;12/03/1990;04/05/2021;Bel Air;Recherche d'emploi;2900375000000\n"
    "Diallo;Awa;07/11/1984;15/09/2022;Le Morillon;Cours de français, jardinage;2841175000000\n"
    "Martin;Jean;31/02/1980;01/01/2020;Montreau;Logement;1800275000000\n"
    ";Sans Nom;01/01/1990;;Grands Pêchers;;\n"
    "Camara;Issa;05/06/1975;03/03/2023;Les Hauts de Ville;Permis;1750675000000\n"
).encode()


def upload(client, user, data=CSV, name="file-active.csv", centre_slug="grand-air"):
    client.force_login(user)
    return client.post(
        reverse("people:import"),
        {"file": SimpleUploadedFile(name, data), "centre": centre(centre_slug).pk},
    )


def mapping_post(batch, **changes) -> dict[str, str]:
    data = {f"column_{index}": target for index, target in enumerate(batch.targets)}
    for title, target in changes.items():
        data[f"column_{batch.headers.index(title)}"] = target
    return data


def test_mapping_page_lists_every_column_with_its_first_values_and_a_labelled_select(
    client, coordinator_grand_air
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    assert batch.status == ImportStatus.UPLOADED
    assert not Person.objects.exists()
    page = client.get(response["Location"]).content.decode()
    for index, title in enumerate(batch.headers):
        assert f'<label for="id_column_{index}">{title}' in page.replace("&#x27;", "'")
    assert "Premières valeurs : 12/03/1990 ; 07/11/1984 ; 31/02/1980" in page
    assert batch.targets == [
        "last_name", "first_name", "birth_date", "", "neighbourhood", "request", "",
    ]  # fmt: skip
    assert '<option value="" selected>Ignorer cette colonne</option>' in page
    assert AccessLog.objects.filter(object_type="people.importbatch").exists()


def test_dry_run_lists_ignored_columns_and_refusals_before_anything_is_written(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    response = client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    assert response["Location"] == reverse("people:import_detail", kwargs={"pk": batch.pk})
    run_worker()
    page = client.get(response["Location"]).content.decode()
    assert "1 colonne ne sera pas importée" in page
    assert "« N° sécu »" in page
    assert "« Quand » → Date du premier contact" in page
    batch.refresh_from_db()
    refused = {row["line"]: row["reasons"] for row in batch.plan if row["action"] == "refuse"}
    assert refused == {
        4: ["Date de naissance impossible : 31/02/1980"],
        5: ["Nom manquant"],
    }
    assert "Date de naissance impossible : 31/02/1980" in page
    assert not Person.objects.exists()


def test_every_mapped_value_lands_on_the_file_or_in_the_note(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    people = {
        (p.last_name, p.birth_date): p for p in Person.objects.select_related("neighbourhood")
    }
    awa_1990 = people["Diallo", datetime.date(1990, 3, 12)]
    awa_1984 = people["Diallo", datetime.date(1984, 11, 7)]
    issa = people["Camara", datetime.date(1975, 6, 5)]
    assert awa_1990.first_contact_date == datetime.date(2021, 5, 4)
    assert awa_1990.neighbourhood.slug == "bel-air-grands-pechers"
    assert awa_1990.first_contact_needs == ["trouver-un-emploi"]
    assert awa_1984.neighbourhood.slug == "montreau-le-morillon"
    assert awa_1984.first_contact_needs == ["lecture-ecriture-calcul--maitriser-le-francais"]
    assert issa.neighbourhood is None
    assert issa.first_contact_needs == ["mobilite--preparer-un-permis"]
    [issa_note] = Note.objects.filter(person=issa).values_list("text", flat=True)
    assert "Quartier indiqué : Les Hauts de Ville" in issa_note
    [awa_note] = Note.objects.filter(person=awa_1984).values_list("text", flat=True)
    assert "Demande : jardinage" in awa_note
    assert not Note.objects.filter(person=awa_1990).exists()  # everything found its field
    # The social-security column was never imported, and the raw file is gone.
    assert not any("2900375000000" in text for text in Note.objects.values_list("text", flat=True))
    batch.refresh_from_db()
    assert batch.status == ImportStatus.IMPORTED
    assert bytes(batch.data) == b""


def test_first_contact_is_in_the_summary_and_dated_on_the_timeline(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    awa = Person.objects.get(birth_date=datetime.date(1990, 3, 12))
    page = client.get(reverse("people:file", kwargs={"pk": awa.pk})).content.decode()
    assert "Premier contact" in page
    assert "le 04/05/2021 (Trouver un emploi)" in page
    assert "Premier contact avec le centre" in page
    assert "Besoins exprimés : Trouver un emploi" in page


def test_the_mapping_is_remembered_for_the_centres_next_file_only(
    client, coordinator_grand_air, coordinator_esperanto
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    assert ImportColumnChoice.objects.filter(target="first_visit_date").count() == 1

    upload(client, coordinator_grand_air, name="mois-suivant.csv")
    again = ImportBatch.objects.get(filename="mois-suivant.csv")
    assert again.targets[again.headers.index("Quand")] == "first_visit_date"

    upload(client, coordinator_esperanto, name="autre-centre.csv", centre_slug="esperanto")
    other = ImportBatch.objects.get(filename="autre-centre.csv")
    assert other.targets[other.headers.index("Quand")] == ""


def test_columns_with_the_same_title_are_told_apart_by_their_position(
    client, coordinator_grand_air
):
    response = upload(client, coordinator_grand_air, "Nom;Tél;Tél\nSy;0612345678;\n".encode())
    page = client.get(response["Location"]).content.decode()
    assert '<label for="id_column_1">Tél (colonne 2)' in page
    assert '<label for="id_column_2">Tél (colonne 3)' in page


def test_two_columns_for_one_field_is_an_error_on_the_second_column(client, coordinator_grand_air):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    page = client.post(response["Location"], mapping_post(batch, Quand="birth_date"))
    assert page.status_code == 200
    content = page.content.decode()
    assert "« Date de naissance » est déjà choisi pour la colonne « Né(e) le »" in content
    assert 'id="id_column_3_error"' in content
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UPLOADED


def test_no_name_column_chosen_is_a_form_error(client, coordinator_grand_air):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    data = mapping_post(batch, **{"NOM D'USAGE": "", "Prénom(s)": ""})
    page = client.post(response["Location"], data)
    assert page.status_code == 200
    assert "Aucune colonne ne va vers « Nom », « Prénom »" in page.content.decode()
    assert ImportBatch.objects.get().status == ImportStatus.UPLOADED


def test_refused_rows_download_holds_every_column_and_its_reason_and_imports_alone(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()
    batch.refresh_from_db()
    download = client.get(reverse("people:import_refused", kwargs={"pk": batch.pk}))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(download.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == [*batch.headers, "Motif du refus"]
    assert rows[1][:3] == ["Martin", "Jean", "31/02/1980"]
    assert rows[1][6] == "1800275000000"
    assert rows[1][-1] == "Date de naissance impossible : 31/02/1980"
    assert rows[2][-1] == "Nom manquant"

    # Corrected, then imported alone: the reason column is left out by itself.
    sheet["C2"] = "28/02/1980"
    sheet["A3"] = "Nom-Retrouvé"
    buffer = io.BytesIO()
    sheet.parent.save(buffer)
    response = upload(client, coordinator_grand_air, buffer.getvalue(), name="corrigees.xlsx")
    fixed = ImportBatch.objects.get(filename="corrigees.xlsx")
    assert fixed.targets[-1] == ""
    client.post(response["Location"], mapping_post(fixed))
    run_worker()
    fixed.refresh_from_db()
    assert (fixed.created_count, fixed.refused_count) == (2, 0)
    assert "Motif du refus" in fixed.ignored_columns


def test_abandon_deletes_the_file_and_a_second_click_says_already_done(
    client, coordinator_grand_air
):
    upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    url = reverse("people:import_abandon", kwargs={"pk": batch.pk})
    client.post(url)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.ABANDONED
    assert bytes(batch.data) == b""
    assert batch.samples == []
    response = client.post(url, follow=True)
    assert "Action déjà effectuée" in response.content.decode()
    mapping = client.get(reverse("people:import_mapping", kwargs={"pk": batch.pk}))
    assert mapping["Location"] == reverse("people:import_detail", kwargs={"pk": batch.pk})


def test_files_left_at_the_dry_run_are_emptied_after_a_week(client, coordinator_grand_air):
    upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    assert purge_stale_files() == 0
    later = batch.uploaded_at + datetime.timedelta(days=8)
    assert purge_stale_files(now=later) == 1
    batch.refresh_from_db()
    assert (batch.status, bytes(batch.data)) == (ImportStatus.ABANDONED, b"")


def test_a_social_security_number_kept_in_the_note_refuses_its_row(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    post = mapping_post(batch, Quand="first_visit_date", **{"N° sécu": "note"})
    client.post(response["Location"], post)
    run_worker()
    batch.refresh_from_db()
    reasons = {row["line"]: row["reasons"] for row in batch.plan if row["action"] == "refuse"}
    assert reasons[2] == [
        "Numéro de sécurité sociale dans « N° sécu » : la CNIL interdit de l’enregistrer dans "
        "le suivi social, retirez-le du fichier"
    ]
    assert set(reasons) == {2, 3, 4, 5, 6}


def test_refused_rows_and_first_values_are_not_kept_after_the_import(
    client, coordinator_grand_air, run_worker
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    batch.refresh_from_db()
    assert (bytes(batch.data), batch.samples) == (b"", [])
    assert len(batch.refused_rows) == 2  # still downloadable for a week
    purge_stale_files(now=batch.imported_at + datetime.timedelta(days=8))
    batch.refresh_from_db()
    assert batch.refused_rows == []
    assert batch.status == ImportStatus.IMPORTED


@pytest.mark.parametrize("name", ["import_mapping", "import_refused", "import_abandon"])
def test_other_centre_and_other_roles_cannot_reach_a_batch(
    client, coordinator_grand_air, coordinator_esperanto, reception_grand_air, name
):
    upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    url = reverse(f"people:{name}", kwargs={"pk": batch.pk})
    client.force_login(coordinator_esperanto)
    assert client.post(url).status_code == 404
    client.force_login(reception_grand_air)
    assert client.post(url).status_code == 403
    client.logout()
    assert client.post(url).status_code == 302
    batch.refresh_from_db()
    assert batch.status == ImportStatus.UPLOADED


def test_mapping_page_costs_the_same_with_few_or_many_columns(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    def count(columns: int) -> int:
        titles = ["Nom", *(f"Colonne libre {n}" for n in range(columns))]
        data = ";".join(titles) + "\n" + ";".join(["Diallo", *("x" * columns)]) + "\n"
        upload(client, coordinator_grand_air, data.encode(), name=f"{columns}.csv")
        batch = ImportBatch.objects.get(filename=f"{columns}.csv")
        with django_assert_max_num_queries(10) as captured:
            response = client.get(reverse("people:import_mapping", kwargs={"pk": batch.pk}))
        assert response.status_code == 200
        return len(captured)

    assert count(3) == count(60)


def test_a_failed_import_gives_the_file_back_untouched_with_a_message(
    client, coordinator_grand_air, run_worker, monkeypatch
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()

    def broken(*args, **kwargs):
        raise RuntimeError("panne au milieu de l’import")

    monkeypatch.setattr(Note.objects, "bulk_create", broken)
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    with pytest.raises(RuntimeError):
        run_worker()
    batch.refresh_from_db()
    assert batch.status == ImportStatus.CHECKED
    assert not Person.objects.exists()
    page = client.get(reverse("people:import_detail", kwargs={"pk": batch.pk})).content.decode()
    assert "L’import n’a pas pu aboutir" in page
    assert "Importer maintenant" in page


def test_progress_page_costs_few_queries(
    client, coordinator_grand_air, django_assert_max_num_queries
):
    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch))
    with django_assert_max_num_queries(8):
        page = client.get(reverse("people:import_detail", kwargs={"pk": batch.pk}))
    assert "Vérification ligne par ligne : en cours" in page.content.decode().replace(
        "<strong>", ""
    ).replace("</strong>", "")


def test_worker_jobs_are_idempotent_and_skip_a_batch_given_up_meanwhile(
    client, coordinator_grand_air, run_worker
):
    from people.tasks import check_import_file, import_file

    response = upload(client, coordinator_grand_air)
    batch = ImportBatch.objects.get()
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    purge_stale_files(now=batch.uploaded_at + datetime.timedelta(days=8))
    run_worker()
    batch.refresh_from_db()
    assert (batch.status, batch.plan) == (ImportStatus.ABANDONED, [])

    response = upload(client, coordinator_grand_air, name="bis.csv")
    batch = ImportBatch.objects.get(filename="bis.csv")
    client.post(response["Location"], mapping_post(batch, Quand="first_visit_date"))
    run_worker()
    check_import_file(batch_id=batch.pk)  # a retried job: the batch is already checked
    client.post(reverse("people:import_run", kwargs={"pk": batch.pk}))
    run_worker()
    import_file(batch_id=batch.pk)  # a retried job: nothing is imported twice
    assert Person.objects.count() == 3
