"""The fixed lists of the person's file, with their French labels (CNIL referential)."""

from django.db import models


class Sex(models.TextChoices):
    FEMALE = "F", "Femme"
    MALE = "M", "Homme"


class Nationality(models.TextChoices):
    """CNIL referential for social accompaniment: three values, nothing finer."""

    FRENCH = "fr", "Française"
    EU = "eu", "Union européenne"
    OUTSIDE_EU = "non_eu", "Hors Union européenne"


class EmploymentSituation(models.TextChoices):
    """The person's situation towards employment (CNIL referential for social accompaniment:
    what an integration service needs, nothing finer). Registration at France Travail is
    part of the choices."""

    EMPLOYED = "employed", "Salarié·e"
    SHORT_CONTRACT = "short_contract", "Intérimaire ou contrat court"
    JOBSEEKER_REGISTERED = (
        "jobseeker_registered",
        "Demandeur·se d’emploi inscrit·e à France Travail",
    )
    JOBSEEKER_NOT_REGISTERED = "jobseeker_not_registered", "Demandeur·se d’emploi non inscrit·e"
    IN_TRAINING = "in_training", "En formation"
    NO_ACTIVITY = "no_activity", "Sans activité professionnelle"
    RETIRED = "retired", "Retraité·e"


class Resource(models.TextChoices):
    RSA = "rsa", "RSA"
    ARE = "are", "ARE (allocation chômage)"
    AAH = "aah", "AAH"
    ACTIVITY_BONUS = "activity_bonus", "Prime d’activité"
    SALARY = "salary", "Salaire"
    PENSION = "pension", "Pension ou retraite"
    NONE = "none", "Aucune ressource"
    OTHER = "other", "Autre"


class Housing(models.TextChoices):
    INDEPENDENT = "independent", "Logement autonome"
    HOSTED = "hosted", "Hébergé·e chez un tiers"
    SHELTER = "shelter", "Hébergement d’urgence ou d’insertion"
    NO_STABLE_HOME = "no_stable_home", "Sans domicile stable"


class Mobility(models.TextChoices):
    DRIVING_LICENCE = "driving_licence", "Permis B"
    VEHICLE = "vehicle", "Véhicule"
    PUBLIC_TRANSPORT_ONLY = "public_transport_only", "Transports en commun seulement"


class ChangeKind(models.TextChoices):
    """Who may read a change follows what changed (people.selectors.changes_visible_to)."""

    IDENTITY = "identity", "Identité"
    SITUATION = "situation", "Situation"
    REFERENT = "referent", "Référent·e"


class NoteVisibility(models.TextChoices):
    AUTHOR = "author", "Moi seul·e (note personnelle)"
    TEAM = "team", "L’équipe insertion du centre (coordination et CIP)"
    SHARED = "shared", "Partagée : l’équipe et les partenaires avec l’accord de la personne"


class SharedInformation(models.TextChoices):
    IDENTITY = "identity", "Identité et coordonnées"
    SITUATION = "situation", "Situation et demande"
    NOTES = "notes", "Notes marquées « partagées »"
    OUTCOMES = "outcomes", "Suites données aux orientations"


class ImportStatus(models.TextChoices):
    UPLOADED = "uploaded", "Déposé, colonnes à faire correspondre"
    CHECKING = "checking", "Vérification en cours"
    CHECKED = "checked", "Vérifié, pas encore importé"
    IMPORTING = "importing", "Import en cours"
    IMPORTED = "imported", "Importé"
    ABANDONED = "abandoned", "Abandonné"


# The fields of the person's situation, changed by people.services.update_situation only.
SITUATION_FIELDS = ("employment_situation", "resources", "housing", "mobility")
