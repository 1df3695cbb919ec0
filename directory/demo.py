"""Demo content of the public site: activities per centre, a few comments. Fictional."""

from django.utils import timezone

from directory.models import Activity, ActivityKind, Comment, CommentStatus, SiteDetails
from directory.reference import load_public_site_reference
from organisations.models import Centre

ACTIVITIES = {
    "grand-air": [
        (
            "espace-40",
            ActivityKind.PLAYGROUP,
            "Halte-jeux des petits pêchers",
            "Un lieu d’éveil pour les enfants de moins de 4 ans, avec leurs parents.",
            "Mardi et jeudi, 9 h – 11 h 30",
            "Enfants de 0 à 4 ans et leurs parents",
            "Gratuit",
        ),
        (
            "espace-18",
            ActivityKind.AFTER_SCHOOL,
            "Accompagnement à la scolarité",
            "Aide aux devoirs et activités éducatives, en lien avec les écoles du quartier.",
            "Lundi, mardi, jeudi, 16 h 30 – 18 h",
            "Élèves du CP à la 3e",
            "Adhésion annuelle : 10 €",
        ),
        (
            "espace-40",
            ActivityKind.INTEGRATION,
            "Temps collectifs « Cap emploi »",
            "Ateliers de remobilisation et rendez-vous individuels avec la conseillère en "
            "insertion de l’épicerie solidaire d’Aurore.",
            "Vendredi, 9 h 30 – 12 h",
            "Habitants du quartier en recherche d’emploi",
            "Gratuit",
        ),
        (
            "antenne-bel-peche",
            ActivityKind.PUBLIC_WRITER,
            "Écrivain public",
            "Aide pour écrire un courrier, remplir un dossier administratif.",
            "Mercredi, 14 h – 17 h, sans rendez-vous",
            "Tous publics",
            "Gratuit",
        ),
    ],
    "esperanto": [
        (
            "espace-le-morillon",
            ActivityKind.LITERACY,
            "Cours de français",
            "Apprendre à lire, écrire et parler le français, en petit groupe.",
            "Lundi et jeudi, 9 h 30 – 11 h 30",
            "Adultes",
            "Adhésion annuelle : 5 €",
        ),
        (
            "espace-romain-rolland",
            ActivityKind.INTEGRATION,
            "Atelier collectif d’insertion",
            "Sept séances en groupe sur la recherche d’emploi et de formation, thèmes choisis avec "
            "le groupe.",
            "Mardi, 14 h – 16 h 30",
            "Adultes en recherche d’emploi ou de formation",
            "Gratuit",
        ),
        (
            "espace-le-morillon",
            ActivityKind.ARTS,
            "Atelier théâtre",
            "Improvisation et expression, restitution en fin d’année.",
            "Mercredi, 18 h – 20 h",
            "Adolescents et adultes",
            "Selon quotient familial",
        ),
    ],
    "lounes-matoub": [
        (
            "republique",
            ActivityKind.SOCIAL_DESK,
            "Permanence d’accueil social",
            "Information et orientation sur les droits, le logement, la santé.",
            "Lundi et jeudi, 14 h – 17 h",
            "Tous publics",
            "Gratuit",
        ),
        (
            "republique",
            ActivityKind.INTEGRATION,
            "Accompagnement individuel vers l’emploi",
            "Rendez-vous individuels avec la conseillère en insertion socioprofessionnelle.",
            "Sur rendez-vous",
            "Habitants du quartier",
            "Gratuit",
        ),
        (
            "republique",
            ActivityKind.LEISURE_CENTRE,
            "Centre de loisirs",
            "Activités et sorties pendant les vacances scolaires.",
            "Vacances scolaires, 8 h 30 – 18 h",
            "Enfants de 6 à 11 ans",
            "Selon quotient familial",
        ),
    ],
}

# Fictional hours, to show the rendering; the real ones are entered by staff.
DEMO_HOURS = {"espace-40": "Mo-Fr 09:00-12:30,13:30-18:00; Sa 10:00-12:00; PH off"}


def load() -> None:
    load_public_site_reference()
    for slug, rows in ACTIVITIES.items():
        centre = Centre.objects.get(slug=slug)
        sites = {site.slug: site for site in centre.sites.all()}
        for position, (site_slug, kind, title, description, schedule, audience, price) in enumerate(
            rows, start=1
        ):
            Activity.objects.update_or_create(
                centre=centre,
                title=title,
                defaults={
                    "site": sites.get(site_slug),
                    "kind": kind,
                    "description": description,
                    "schedule": schedule,
                    "audience": audience,
                    "price": price,
                    "position": position,
                },
            )
    for site_slug, hours in DEMO_HOURS.items():
        SiteDetails.objects.filter(site__slug=site_slug, opening_hours="").update(
            opening_hours=hours
        )
    grand_air = Centre.objects.get(slug="grand-air")
    if not Comment.objects.filter(centre=grand_air).exists():
        Comment.objects.create(
            centre=grand_air,
            author_name="Nadia B.",
            author_email="nadia.b@exemple.fr",
            body="Merci à l’équipe de la halte-jeux, ma fille s’y plaît beaucoup !",
            status=CommentStatus.APPROVED,
            moderated_at=timezone.now(),
        )
        Comment.objects.create(
            centre=grand_air,
            author_name="Karim",
            author_email="karim@exemple.fr",
            body="Est-ce que l’écrivain public reçoit aussi le samedi ?",
        )
