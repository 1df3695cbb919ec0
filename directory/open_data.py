"""Our centres and activities in the data·inclusion schema v1 (the national format).

Every record is built through the schema package's own pydantic models, so what we publish
is what the schema accepts. Our activity kinds map to its reference lists below.
"""

from data_inclusion.schema.v1 import (
    Frais,
    ModeAccueil,
    ModeMobilisation,
    PersonneMobilisatrice,
    Public,
    Service,
    Structure,
    Thematique,
    TypeService,
)
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from directory.markup import render_markdown
from directory.models import ActivityKind
from directory.opening_hours import parse
from parcours.validators import plain_text

SOURCE = "ville-de-montreuil-centres-sociaux"
CODE_INSEE_MONTREUIL = "93048"
T = Thematique

MAPPING = {
    ActivityKind.PLAYGROUP: (
        TypeService.ATELIER,
        {T.FAMILLE__GARDE_DENFANTS, T.FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION},
        {Public.FAMILLES},
    ),
    ActivityKind.LEISURE_CENTRE: (
        TypeService.ATELIER,
        {T.FAMILLE__GARDE_DENFANTS, T.REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES},
        {Public.FAMILLES, Public.JEUNES},
    ),
    ActivityKind.AFTER_SCHOOL: (
        TypeService.ACCOMPAGNEMENT,
        {T.FAMILLE__SOUTIEN_A_LA_PARENTALITE_ET_A_LEDUCATION},
        {Public.FAMILLES, Public.JEUNES},
    ),
    ActivityKind.ARTS: (
        TypeService.ATELIER,
        {T.REMOBILISATION__ACTIVITES_SPORTIVES_ET_CULTURELLES, T.REMOBILISATION__LIEN_SOCIAL},
        {Public.TOUS_PUBLICS},
    ),
    ActivityKind.LITERACY: (
        TypeService.FORMATION,
        {T.LECTURE_ECRITURE_CALCUL__MAITRISER_LE_FRANCAIS},
        {Public.TOUS_PUBLICS},
    ),
    ActivityKind.SOCIAL_DESK: (
        TypeService.INFORMATION,
        {T.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_POUR_LACCES_AUX_DROITS},
        {Public.TOUS_PUBLICS},
    ),
    ActivityKind.PUBLIC_WRITER: (
        TypeService.ACCOMPAGNEMENT,
        {T.DIFFICULTES_ADMINISTRATIVES_OU_JURIDIQUES__ACCOMPAGNEMENT_AUX_DEMARCHES_ADMINISTRATIVES},
        {Public.TOUS_PUBLICS},
    ),
    ActivityKind.INTEGRATION: (
        TypeService.ACCOMPAGNEMENT,
        {
            T.TROUVER_UN_EMPLOI__REPONDRE_A_DES_OFFRES_DEMPLOI,
            T.PREPARER_SA_CANDIDATURE__REALISER_UN_CV_ET_OU_UNE_LETTRE_DE_MOTIVATION,
            T.CHOISIR_UN_METIER__IDENTIFIER_SES_POINTS_FORTS_ET_SES_COMPETENCES,
            T.SE_FORMER__TROUVER_SA_FORMATION,
            T.REMOBILISATION__BIEN_ETRE_CONFIANCE_EN_SOI,
        },
        {Public.DEMANDEURS_EMPLOI, Public.RESIDENTS_QPV_FRR},
    ),
}


def _markdown_as_text(value: str) -> str:
    """What a director typed (Markdown, maybe raw HTML) as plain text: never a tag."""
    return plain_text(str(render_markdown(value)))


def _url(name, **kwargs) -> str:
    return f"{settings.SITE_URL}{reverse(name, kwargs=kwargs)}"


def _main_site(centre):
    sites = list(centre.sites.all())
    return sites[0] if sites else None


def _hours(site) -> str | None:
    details = getattr(site, "details", None) if site else None
    value = details.opening_hours if details else ""
    return value if value and parse(value) else None


def _place(site) -> dict:
    if site is None:
        return {"commune": "Montreuil", "code_insee": CODE_INSEE_MONTREUIL}
    details = getattr(site, "details", None)
    place = {
        "adresse": site.address,
        "code_postal": site.postal_code,
        "commune": site.city,
        "code_insee": CODE_INSEE_MONTREUIL,
    }
    if details is not None and details.latitude is not None:
        place["latitude"] = float(details.latitude)
        place["longitude"] = float(details.longitude)
    return place


def _phone(*candidates) -> str | None:
    for phone in candidates:
        if phone:
            return phone.as_e164
    return None


def structure_id(centre) -> str:
    return f"{SOURCE}--{centre.slug}"


def _date(value):
    return timezone.localdate(value) if value else timezone.localdate()


def structure(centre) -> Structure:
    site = _main_site(centre)
    page = getattr(centre, "page", None)
    description = (page.presentation if page else "") or (
        f"Centre social {centre.name}, équipement de proximité de la Ville de Montreuil "
        f"ouvert à tous les habitants du quartier {centre.neighbourhood_label}."
    )
    return Structure(
        source=SOURCE,
        id=structure_id(centre),
        nom=f"Centre social {centre.name}",
        date_maj=_date(page.updated_at if page else None),
        description=_markdown_as_text(description),
        lien_source=_url("directory:centre_detail", slug=centre.slug),
        telephone=_phone(site.phone if site else None, centre.phone),
        horaires_accueil=_hours(site),
        **_place(site),
    )


def service(activity) -> Service:
    centre = activity.centre
    site = activity.site or _main_site(centre)
    type_, thematiques, publics = MAPPING[activity.kind]
    free = not activity.price or "gratuit" in activity.price.lower()
    description = activity.description or (
        f"{activity.get_kind_display()} proposé par le centre social {centre.name} à Montreuil."
    )
    phone = _phone(site.phone if site else None, centre.phone)
    modes = {ModeMobilisation.SE_PRESENTER}
    if phone:
        modes.add(ModeMobilisation.TELEPHONER)
    return Service(
        source=SOURCE,
        structure_id=structure_id(centre),
        id=f"{SOURCE}--activite-{activity.pk}",
        nom=plain_text(activity.title),
        description=_markdown_as_text(description),
        lien_source=_url("directory:centre_detail", slug=centre.slug),
        date_maj=_date(activity.updated_at),
        type=type_,
        thematiques=thematiques,
        frais=Frais.GRATUIT if free else Frais.PAYANT,
        frais_precisions=plain_text(activity.price) or None,
        publics=publics,
        publics_precisions=plain_text(activity.audience) or None,
        telephone=phone,
        modes_accueil={ModeAccueil.EN_PRESENTIEL},
        modes_mobilisation=modes,
        mobilisable_par={PersonneMobilisatrice.USAGERS, PersonneMobilisatrice.PROFESSIONNELS},
        mobilisation_precisions=plain_text(activity.schedule) or None,
        zone_eligibilite=[CODE_INSEE_MONTREUIL],
        horaires_accueil=_hours(site),
        **_place(site),
    )
