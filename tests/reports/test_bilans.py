"""Bilan documents: creation, written parts in versions, the final version frozen."""

import pytest
from django.urls import reverse

from audit.models import AccessLog
from reception.models import Visit
from reports.models import Bilan, BilanVersion
from tests.factories import centre
from tests.reports.dataset import at, known_year
from tests.reports.factories import draft_bilan
from tests.reports.helpers import figure_row, xlsx_value

pytestmark = pytest.mark.django_db
TEXTS = {
    "worked": "L'atelier CV a bien marché : 7 séances.",
    "difficulties": "Absence de la CIP en mars.",
    "improvements": "",
    "outlook": "Un second poste de CIP.",
}


def _detail(pk):
    return reverse("reports:bilan_detail", kwargs={"pk": pk})


def _write(client, bilan, base, **texts):
    data = {"base_version": base, **TEXTS, **texts}
    return client.post(reverse("reports:bilan_edit", kwargs={"pk": bilan.pk}), data)


def test_coordinator_creates_their_centre_bilan(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    form_page = client.get(reverse("reports:bilan_create")).content.decode()
    assert "Le service d’insertion (tous les centres municipaux)" in form_page
    assert f'value="{centre("esperanto").pk}"' not in form_page
    response = client.post(
        reverse("reports:bilan_create"),
        {
            "title": "Bilan 2025 de Grand Air",
            "scope": centre("grand-air").pk,
            "start": "2025-01-01",
            "end": "2025-12-31",
            "ages": "0-25, 26+",
        },
    )
    bilan = Bilan.objects.get()
    assert response.status_code == 302 and response["Location"] == _detail(bilan.pk)
    assert (bilan.centre.slug, bilan.created_by, bilan.age_bands) == (
        "grand-air",
        coordinator_grand_air,
        "0-25, 26+",
    )
    assert AccessLog.objects.filter(object_id=str(bilan.pk), action="change").exists()


def test_creation_refuses_another_centre_and_a_bad_period(client, coordinator_grand_air):
    client.force_login(coordinator_grand_air)
    data = {"title": "B", "start": "2025-12-31", "end": "2025-01-01", "ages": "0-25, 26+"}
    page = client.post(
        reverse("reports:bilan_create"), {**data, "scope": centre("esperanto").pk}
    ).content.decode()
    assert "Sélectionnez un choix valide" in page
    assert "La fin de la période doit être après son début." in page
    assert 'value="B"' in page
    assert not Bilan.objects.exists()


def test_each_save_adds_a_version_and_old_ones_stay_readable(client, coordinator_grand_air):
    bilan = draft_bilan()
    client.force_login(coordinator_grand_air)
    assert _write(client, bilan, 0).status_code == 302
    assert _write(client, bilan, 1, outlook="Deux postes de CIP.").status_code == 302
    assert list(bilan.versions.values_list("number", "outlook")) == [
        (2, "Deux postes de CIP."),
        (1, "Un second poste de CIP."),
    ]
    page = client.get(_detail(bilan.pk)).content.decode()
    assert "Deux postes de CIP." in page and "Version 2</strong> (affichée)" in page
    assert "L’atelier CV a bien marché\u00a0: 7 séances." in page  # French typography
    old = client.get(_detail(bilan.pk) + "?version=1").content.decode()
    assert "Un second poste de CIP." in old and "(ancienne version)" in old
    assert client.get(_detail(bilan.pk) + "?version=9").status_code == 404


def test_a_colleagues_save_in_between_is_not_overwritten(client, coordinator_grand_air, counsellor):
    bilan = draft_bilan()
    client.force_login(counsellor)
    _write(client, bilan, 0, worked="Texte de la CIP")
    client.force_login(coordinator_grand_air)
    response = _write(client, bilan, 0, worked="Texte de la coordination")  # opened before
    page = response.content.decode()
    assert response.status_code == 409
    assert "Une autre version a été enregistrée depuis" in page
    assert "Texte de la coordination" in page  # nothing typed is lost
    assert BilanVersion.objects.get().worked == "Texte de la CIP"
    assert _write(client, bilan, 1, worked="Texte de la coordination").status_code == 302


def test_the_final_version_freezes_the_figures(client, director_grand_air):
    known_year()
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    row = figure_row("Passages à l’accueil", "10")
    assert row in client.get(_detail(bilan.pk)).content.decode()
    response = client.post(
        reverse("reports:bilan_finalise", kwargs={"pk": bilan.pk}), {"expected_status": "draft"}
    )
    assert response.status_code == 302
    bilan.refresh_from_db()
    assert bilan.is_final and bilan.finalised_by == director_grand_air
    # New data for 2025 arrives, and some old data is deleted: the final bilan does not move.
    site = centre("grand-air").sites.first()
    for day in range(1, 8):
        Visit.objects.create(
            centre=centre("grand-air"), site=site, reason="information",
            outcome="information_given", at=at(2025, 9, day),
        )  # fmt: skip
    Visit.objects.filter(at__month=6, at__year=2025).delete()
    page = client.get(_detail(bilan.pk)).content.decode()
    assert row in page
    assert "Version finale" in page and "les chiffres sont figés" in page
    xlsx = client.get(
        reverse("reports:bilan_export", kwargs={"pk": bilan.pk, "file_format": "xlsx"})
    )
    assert xlsx_value(xlsx.content, "Passages à l’accueil") == 10
    # A new draft over the same period sees the new data.
    other = draft_bilan()
    assert (
        figure_row("Passages à l’accueil", "13") in client.get(_detail(other.pk)).content.decode()
    )


def test_only_the_director_makes_a_centre_bilan_final(client, coordinator_grand_air):
    bilan = draft_bilan()
    client.force_login(coordinator_grand_air)
    assert "Valider la version finale" not in client.get(_detail(bilan.pk)).content.decode()
    url = reverse("reports:bilan_finalise", kwargs={"pk": bilan.pk})
    assert client.post(url, {"expected_status": "draft"}).status_code == 404
    bilan.refresh_from_db()
    assert not bilan.is_final


def test_finalising_twice_or_writing_after_says_already_done(client, director_grand_air):
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    url = reverse("reports:bilan_finalise", kwargs={"pk": bilan.pk})
    client.post(url, {"expected_status": "draft"})
    frozen = Bilan.objects.get(pk=bilan.pk).figures_as_of
    response = client.post(url, {"expected_status": "draft"}, follow=True)
    assert "Action déjà effectuée." in response.content.decode()
    assert Bilan.objects.get(pk=bilan.pk).figures_as_of == frozen
    response = _write(client, bilan, 0)
    assert response.status_code == 302
    assert not BilanVersion.objects.exists()


def test_outsiders_get_404(client, coordinator_esperanto, director_grand_air):
    bilan = draft_bilan()
    client.force_login(coordinator_esperanto)
    assert client.get(_detail(bilan.pk)).status_code == 404
    assert _write(client, bilan, 0).status_code == 404
    export = reverse("reports:bilan_export", kwargs={"pk": bilan.pk, "file_format": "pdf"})
    assert client.get(export).status_code == 404
    assert not AccessLog.objects.filter(action="export").exists()


def test_steering_reads_every_bilan_but_writes_none(client, steering):
    bilan = draft_bilan()
    service = draft_bilan(None, title="Bilan du service 2025")
    client.force_login(steering)
    page = client.get(reverse("reports:bilan_list")).content.decode()
    assert "Bilan du service 2025" in page and "Bilan 2025" in page
    detail = client.get(_detail(bilan.pk)).content.decode()
    assert "Rédiger les textes" not in detail and "Valider la version finale" not in detail
    assert "Valider la version finale" in client.get(_detail(service.pk)).content.decode()
    assert client.get(reverse("reports:bilan_edit", kwargs={"pk": bilan.pk})).status_code == 403


def test_bilan_exports_are_logged(client, director_grand_air):
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    for file_format in ("csv", "xlsx"):
        url = reverse("reports:bilan_export", kwargs={"pk": bilan.pk, "file_format": file_format})
        assert client.get(url).status_code == 200
    logs = AccessLog.objects.filter(action="export", object_type="reports.bilan")
    assert logs.count() == 2 and {log.object_id for log in logs} == {str(bilan.pk)}


def test_bilan_pages_cost_the_same_queries_with_more_rows(
    client, director_grand_air, django_assert_max_num_queries
):
    bilan = draft_bilan()
    client.force_login(director_grand_air)
    BilanVersion.objects.create(bilan=bilan, number=1, worked="a")
    with django_assert_max_num_queries(30) as detail:
        client.get(_detail(bilan.pk))
    with django_assert_max_num_queries(12) as listing:
        client.get(reverse("reports:bilan_list"))
    for number in range(2, 30):
        BilanVersion.objects.create(bilan=bilan, number=number, worked="a")
    for _ in range(25):
        draft_bilan()
    known_year()
    with django_assert_max_num_queries(len(detail.captured_queries)):
        client.get(_detail(bilan.pk))
    with django_assert_max_num_queries(len(listing.captured_queries)):
        client.get(reverse("reports:bilan_list"))
