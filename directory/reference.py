# ruff: noqa: E501  (the city's prose, kept as written)
"""The public site's reference content, from the city's page (shared/seed).

The streets are the ones the page names, each in the neighbourhood of the centre that
has a site there; staff complete the list in the admin. The introduction text and the
first article are the page's own words. Running `load_public_site_reference()` twice
changes nothing, and it never overwrites what staff edited.
"""

from django.db import transaction
from django.utils import timezone

from directory.models import Article, CentrePage, PageText, SiteDetails, Street
from organisations.models import Centre, Neighbourhood, Site

STREETS = {
    "bel-air-grands-pechers": ["rue du Bel Air", "rue des Grands Pêchers", "rue Paul Doumer"],
    "montreau-le-morillon": ["allée Roland Martin", "place Le Morillon", "rue des Blancs Vilains"],
    "republique": ["place de la République"],
}

# SFM Montreuil (Branly – Boissière) has no integration sector: its residents are taken in
# by a municipal centre's. Espéranto (Montreau – Le Morillon) is the nearest; administrators
# change it in the admin ("Pages des centres").
INTEGRATION_REFERRALS = {"sfm-montreuil": "esperanto"}

INTRO_KEY = "introduction"
INTRO_TITLE = "Les centres sociaux / maisons de quartier"
INTRO_BODY = """\
Un centre social est un équipement de proximité à vocation sociale. Accessible à l’ensemble de la \
population d’un quartier, il prend en compte l’ensemble des composantes de la population et des \
aspirations des habitants. Par sa fonction d’animation à la fois globale et locale, il vise la \
participation du plus grand nombre à la vie locale, en accordant une attention particulière aux \
familles et aux personnes confrontées aux difficultés sociales, économiques et culturelles.

Ses équipes sont composées de professionnels et de bénévoles. Les projets des centres sociaux sont \
très différents puisqu’ils se construisent en fonction des besoins.

Les projets peuvent y être structurés autour des axes suivants : haltes-jeux, centres de loisirs, \
accompagnement périscolaire, ateliers artistiques et culturels, cours d’alphabétisation, \
permanences d’accueil social, écrivain public…

Ils peuvent également accompagner des projets d’habitants (mise en place d’une association, \
accompagnement d’un projet de fête, soutenir un projet de sortie ou de vacances familiales).
"""

ARTICLE_SLUG = "insertion-dans-les-centres-sociaux"
ARTICLE_TITLE = (
    "Centres sociaux – Aurore insertion : un partenariat pour l’insertion professionnelle"
)
ARTICLE_SUMMARY = (
    "Des expériences antérieures, point de départ de l’initiative « Insertion dans les centres "
    "sociaux »."
)
ARTICLE_AUTHOR = (
    "Article rédigé par Mohamed Maiga\n"
    "Ancien apprenti au Centre Social Esperanto\n"
    "Ingénieur social, M2 en Économie sociale et solidaire / Président du CRD"
)
ARTICLE_BODY = """\
## Des expériences antérieures, point de départ de l’initiative « Insertion dans les centres sociaux »

Le centre social du Grand-Air a piloté, dès 2015, en collaboration avec le Centre Communal d’Action \
Sociale (CCAS), pendant un an un projet opérationnel visant à proposer des activités autour de \
l’insertion pour les habitants du quartier Bel Air Grands Pêchers Ernest Renan. Ce projet venant en \
réponse aux besoins exprimés par les habitants du quartier est formalisé dans le projet social du \
centre. Après une année d’expérience, le bilan fourni par le centre social du Grand-Air a permis de \
formaliser davantage une politique municipale de l’insertion orientée vers les centres sociaux. \
Ainsi les centres sociaux deviennent de réels outils opérationnels pour la mise en œuvre d’une \
politique d’insertion sur plusieurs territoires avec l’accompagnement d’un acteur reconnu pour sa \
connaissance de l’accompagnement des usagers, notamment ceux en situation de fragilité sociale : \
l’association Aurore par le biais de l’épicerie solidaire de Montreuil.

## Une « nouvelle offre » dans les centres sociaux avec comme acteur principal l’épicerie solidaire de Montreuil

L’épicerie solidaire d’Aurore à Montreuil, ouverte depuis 2013, accompagne les familles en situation \
de fragilité sociale, orientées par les travailleurs sociaux. En fin 2015, une décision municipale a \
acté un contrat entre la ville de Montreuil et l’épicerie solidaire. En substance, ce contrat permet \
à l’épicerie solidaire d’Aurore d’animer des ateliers et d’accompagner les habitants des quartiers \
dans leur démarche d’insertion sociale et professionnelle.

L’opérationnalisation de cette décision municipale a conduit à la formalisation de « secteurs \
insertion » dans les trois centres sociaux municipaux. Il y a eu ainsi trois agents de la ville pour \
coordonner les secteurs, deux agents déjà en poste et dont les missions étaient proches des missions \
autour de l’insertion et d’un apprenti.

## L’action de l’épicerie solidaire dans les centres sociaux : une forme et un contenu concertés

Le centre social Lounès Matoub a opté pour des accompagnements individuels des usagers-habitants, le \
centre social Espéranto a choisi un accompagnement collectif et le centre social Grand Air a décidé \
de mettre en place des temps collectifs et des temps individuels. L’épicerie solidaire s’est donc \
adaptée pour intervenir différemment selon les besoins des habitants. Concernant l’accompagnement \
collectif, les interventions ont été menées sous forme d’atelier en groupe à partir de thèmes : \
chaque groupe travaillait sur sept thèmes, validés et ajustés avec le groupe.

## Face aux demandes des usagers : des réponses ajustées et un accompagnement global

L’usager qui se présente est reçu au premier accueil par un agent territorial, puis accueilli par un \
coordinateur de projet qui l’écoute et enregistre sa demande. Il est ensuite accueilli par une \
conseillère en insertion socioprofessionnelle, qualifiée pour analyser avec lui sa demande et \
commencer à ériger le plan d’intervention : orientations vers les services sociaux, vers France \
Travail (anciennement Pôle emploi), vers la mission locale pour les jeunes, informations sur les \
forums et rendez-vous de suivi tant que l’usager exprime et renouvelle sa demande.

## Une expérience à soutenir avec des améliorations nécessaires

Il y a certainement beaucoup à apprendre et à prendre dans ce travail collaboratif entre les centres \
sociaux et l’épicerie solidaire d’Aurore. Il faut certainement mettre à disposition des centres \
sociaux les moyens humains adéquats car dans ce type de service, avec des équipes parfois très \
réduites, l’injonction du travail d’équipe et la gestion des imprévus peuvent réduire de façon \
drastique l’essence de certains projets.
"""


def _referral_for(centre):
    slug = INTEGRATION_REFERRALS.get(centre.slug)
    return Centre.objects.filter(slug=slug).first() if slug else None


@transaction.atomic
def load_public_site_reference() -> None:
    """Create what is missing; leave alone what exists (staff may have edited it)."""
    for slug, names in STREETS.items():
        neighbourhood = Neighbourhood.objects.filter(slug=slug).first()
        if neighbourhood is None:
            continue
        for name in names:
            if not Street.objects.filter(neighbourhood=neighbourhood, name__iexact=name).exists():
                Street.objects.create(neighbourhood=neighbourhood, name=name)
    PageText.objects.get_or_create(
        key=INTRO_KEY, defaults={"title": INTRO_TITLE, "body": INTRO_BODY}
    )
    for centre in Centre.objects.filter(page__isnull=True):
        CentrePage.objects.create(centre=centre, integration_referral=_referral_for(centre))
    for slug in INTEGRATION_REFERRALS:
        page = CentrePage.objects.filter(centre__slug=slug, integration_referral=None).first()
        if page is not None and not page.centre.has_integration_sector:
            page.integration_referral = _referral_for(page.centre)
            page.save(update_fields=["integration_referral"])
    for site in Site.objects.filter(details__isnull=True):
        # Opening hours are not on the city's page: staff fill them in.
        SiteDetails.objects.create(site=site)
    Article.objects.get_or_create(
        slug=ARTICLE_SLUG,
        defaults={
            "title": ARTICLE_TITLE,
            "summary": ARTICLE_SUMMARY,
            "body": ARTICLE_BODY,
            "author_line": ARTICLE_AUTHOR,
            "is_published": True,
            "published_at": timezone.now(),
        },
    )
