import json

from data_inclusion.schema.v1 import Service, Structure
from data_inclusion.schema.v1.score_qualite import score
from django.urls import reverse

from directory.models import ActivityKind, SiteDetails
from tests.directory.factories import ActivityFactory
from tests.factories import centre


def _get(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_structures_validate_with_the_schema_package(client):
    SiteDetails.objects.filter(site__slug="espace-40").update(opening_hours="Mo-Fr 09:00-18:00")
    rows = _get(client, "open_data:structures")
    structures = [Structure.model_validate(row) for row in rows]
    assert {s.nom for s in structures} == {
        "Centre social Grand Air",
        "Centre social Espéranto",
        "Centre social Lounès Matoub",
        "Centre social SFM Montreuil",
    }
    grand_air = next(s for s in structures if s.id.endswith("--grand-air"))
    assert grand_air.telephone == "+33171868010"
    assert grand_air.horaires_accueil == "Mo-Fr 09:00-18:00"
    assert grand_air.adresse == "40 rue du Bel Air" and grand_air.code_insee == "93048"
    assert "montreuil.fr" not in json.dumps(rows)  # no director address published


def test_every_activity_kind_is_published_as_a_valid_service(client):
    for kind in ActivityKind:
        ActivityFactory(kind=kind, title=f"Service {kind.label}", price="")
    ActivityFactory(kind=ActivityKind.ARTS, title="Payant", price="Adhésion : 10 €")
    ActivityFactory(title="Brouillon", is_published=False)
    rows = _get(client, "open_data:services")
    services = [Service.model_validate(row) for row in rows]
    assert len(services) == len(ActivityKind) + 1
    assert all(s.thematiques and s.publics and s.type for s in services)
    paid = next(s for s in services if s.nom == "Payant")
    assert paid.frais == "payant" and paid.frais_precisions == "Adhésion : 10 €"
    structure_ids = {row["id"] for row in _get(client, "open_data:structures")}
    assert {s.structure_id for s in services} <= structure_ids


def test_services_score_well_on_the_schema_quality_score(client):
    ActivityFactory(
        kind=ActivityKind.INTEGRATION,
        description="Rendez-vous individuels avec la conseillère en insertion. " * 5,
    )
    service = Service.model_validate(_get(client, "open_data:services")[0])
    assert score(service)[0] >= 0.8


def test_open_data_query_count_is_constant(client, django_assert_max_num_queries):
    ActivityFactory.create_batch(3, centre=centre("esperanto"))
    with django_assert_max_num_queries(4):
        client.get(reverse("open_data:services"))
    ActivityFactory.create_batch(27, centre=centre("esperanto"))
    with django_assert_max_num_queries(4):
        rows = _get(client, "open_data:services")
    assert len(rows) == 30
    with django_assert_max_num_queries(4):
        client.get(reverse("open_data:structures"))
