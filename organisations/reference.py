"""The reference data of the City of Montreuil, as its public page gives it.

Source: shared/seed (the city's page about its social centres). Nothing here is
invented: what the page does not give (SFM Montreuil's sites and director, opening
hours) is left empty for staff to fill in.
"""

from django.db import transaction

from organisations.models import (
    Centre,
    CentreKind,
    IntegrationMode,
    Neighbourhood,
    Organisation,
    OrganisationKind,
    Site,
)

ORGANISATIONS = [
    # slug, name, kind, parent slug, is_partner, description
    (
        "ville-de-montreuil",
        "Ville de Montreuil",
        OrganisationKind.CITY,
        None,
        False,
        "Gère les trois centres sociaux municipaux et leurs secteurs insertion.",
    ),
    ("aurore", "Association Aurore", OrganisationKind.ASSOCIATION, None, False, ""),
    (
        "epicerie-solidaire-aurore",
        "Épicerie solidaire d’Aurore à Montreuil",
        OrganisationKind.ASSOCIATION_STRUCTURE,
        "aurore",
        False,
        "Ouverte depuis 2013, elle accompagne les familles en situation de fragilité sociale. "
        "Sa conseillère en insertion socioprofessionnelle intervient dans les trois centres "
        "sociaux municipaux dans le cadre d’un contrat avec la Ville (fin 2015).",
    ),
    (
        "ccas-montreuil",
        "Centre communal d’action sociale (CCAS) de Montreuil",
        OrganisationKind.CCAS,
        None,
        True,
        "",
    ),
    (
        "service-social-departemental",
        "Service social départemental",
        OrganisationKind.SOCIAL_SERVICES,
        None,
        True,
        "",
    ),
    (
        "france-travail",
        "France Travail",
        OrganisationKind.EMPLOYMENT_SERVICE,
        None,
        True,
        "Anciennement Pôle emploi.",
    ),
    (
        "mission-locale",
        "Mission locale",
        OrganisationKind.YOUTH_SERVICE,
        None,
        True,
        "Accompagne les jeunes de 16 à 25 ans.",
    ),
    (
        "projet-rsa-ville",
        "Projet RSA de la Ville de Montreuil",
        OrganisationKind.CITY_PROGRAMME,
        "ville-de-montreuil",
        True,
        "",
    ),
]

# Neighbourhoods in a priority area of the city policy (QPV). To check against the official
# list (sig.ville.gouv.fr) when a neighbourhood is added; administrators can correct it.
QPV_NEIGHBOURHOODS = frozenset(
    {"bel-air-grands-pechers", "montreau-le-morillon", "branly-boissiere"}
)

CENTRES = [
    {
        "slug": "grand-air",
        "name": "Grand Air",
        "kind": CentreKind.MUNICIPAL,
        "managed_by": "ville-de-montreuil",
        "director_name": "Omar Somi",
        "director_title": "directeur",
        "director_email": "omar.somi@montreuil.fr",
        "phone": "+33171868010",
        "integration_mode": IntegrationMode.BOTH,
        "position": 1,
        "neighbourhoods": [("bel-air-grands-pechers", "Bel Air – Grands Pêchers – Ernest Renan")],
        "sites": [
            ("espace-40", "Espace 40", "40 rue du Bel Air", ""),
            ("espace-18", "Espace 18", "18 rue des Grands Pêchers", ""),
            ("antenne-bel-peche", "Antenne Bel Pêche", "12 rue Paul Doumer", ""),
        ],
    },
    {
        "slug": "esperanto",
        "name": "Espéranto",
        "kind": CentreKind.MUNICIPAL,
        "managed_by": "ville-de-montreuil",
        "director_name": "Aurélien Lautard",
        "director_title": "directeur",
        "director_email": "aurelien.lautard@montreuil.fr",
        "phone": "+33171892520",
        "integration_mode": IntegrationMode.COLLECTIVE,
        "position": 2,
        "neighbourhoods": [("montreau-le-morillon", "Montreau – Le Morillon")],
        "sites": [
            (
                "espace-le-morillon",
                "Espace Le Morillon",
                "14 allée Roland Martin – Place Le Morillon",
                "+33171892520",
            ),
            (
                "espace-romain-rolland",
                "Espace Romain Rolland",
                "56 rue des Blancs Vilains",
                "+33171892520",
            ),
        ],
    },
    {
        "slug": "lounes-matoub",
        "name": "Lounès Matoub",
        "kind": CentreKind.MUNICIPAL,
        "managed_by": "ville-de-montreuil",
        "director_name": "Xavier Acakpovi",
        "director_title": "directeur",
        "director_email": "xavier.acakpovi@montreuil.fr",
        "phone": "+33171892509",
        "integration_mode": IntegrationMode.INDIVIDUAL,
        "position": 3,
        "neighbourhoods": [("republique", "République")],
        "sites": [
            (
                "republique",
                "Centre social Lounès Matoub",
                "4-6 place de la République",
                "+33171892509",
            ),
        ],
    },
    {
        "slug": "sfm-montreuil",
        "name": "SFM Montreuil",
        "kind": CentreKind.ASSOCIATIVE,
        "managed_by": None,
        "director_name": "",
        "director_title": "",
        "director_email": "",
        "phone": "",
        "integration_mode": IntegrationMode.NONE,
        "position": 4,
        "neighbourhoods": [("branly-boissiere", "Branly – Boissière")],
        "sites": [],
    },
]


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Create or update the reference rows; running it twice changes nothing."""
    created = {"organisations": 0, "centres": 0, "sites": 0, "neighbourhoods": 0}
    organisations = {}
    for slug, name, kind, parent_slug, is_partner, description in ORGANISATIONS:
        organisation, was_created = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "parent": organisations.get(parent_slug),
                "is_partner": is_partner,
                "description": description,
            },
        )
        organisations[slug] = organisation
        created["organisations"] += was_created

    for data in CENTRES:
        centre, was_created = Centre.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "kind": data["kind"],
                "managed_by": organisations.get(data["managed_by"]),
                "director_name": data["director_name"],
                "director_title": data["director_title"],
                "director_email": data["director_email"],
                "phone": data["phone"],
                "integration_mode": data["integration_mode"],
                "position": data["position"],
            },
        )
        created["centres"] += was_created
        for slug, name in data["neighbourhoods"]:
            _, was_created = Neighbourhood.objects.update_or_create(
                slug=slug,
                defaults={"name": name, "centre": centre, "is_qpv": slug in QPV_NEIGHBOURHOODS},
            )
            created["neighbourhoods"] += was_created
        for position, (slug, name, address, phone) in enumerate(data["sites"], start=1):
            _, was_created = Site.objects.update_or_create(
                centre=centre,
                slug=slug,
                defaults={
                    "name": name,
                    "address": address,
                    "postal_code": "93100",
                    "city": "Montreuil",
                    "phone": phone,
                    "position": position,
                },
            )
            created["sites"] += was_created
    return created
