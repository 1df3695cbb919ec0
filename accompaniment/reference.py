"""Shared reference lists of the diagnosis and the plan (after Carnet de bord's `ref_theme`,
`ref_situation` and `ref_target`). Health is only "constraint yes/no, adaptation needed":
never a medical detail, never a free comment."""

from dataclasses import dataclass

from django.db import models


class Dimension(models.TextChoices):
    EMPLOYMENT = "employment", "Emploi et expérience"
    QUALIFICATION = "qualification", "Niveau de qualification"
    TRAINING = "training", "Formation"
    LANGUAGE = "language", "Maîtrise du français"
    DIGITAL = "digital", "Numérique"
    MOBILITY = "mobility", "Mobilité"
    HOUSING = "housing", "Logement"
    CHILDCARE = "childcare", "Garde d’enfants"
    RESOURCES = "resources", "Ressources et droits"
    ADMINISTRATIVE = "administrative", "Démarches administratives"
    HEALTH = "health", "Santé (contrainte)"


# Dimensions that take no free comment (no medical detail, ever).
NO_COMMENT_DIMENSIONS = frozenset({Dimension.HEALTH})


class QualificationLevel(models.TextChoices):
    """France Travail's codes: they tell apart the people below level 3."""

    AFS = "AFS", "AFS – Aucune formation scolaire"
    CP4 = "CP4", "CP4 – Primaire à 4ème"
    CFG = "CFG", "CFG – 4ème achevée"
    C3A = "C3A", "C3A – BEPC ou 3ème achevée"
    C12 = "C12", "C12 – 2nde ou 1ère achevée"
    NV5 = "NV5", "NV5 – CAP, BEP ou équivalent"
    NV4 = "NV4", "NV4 – Bac ou équivalent"
    NV3 = "NV3", "NV3 – Bac+2 ou équivalent"
    NV2 = "NV2", "NV2 – Bac+3, Bac+4 ou équivalent"
    NV1 = "NV1", "NV1 – Bac+5 et plus ou équivalent"


# The national levels 3–8 derive from the code (below level 3, the code is what tells).
DERIVED_LEVEL = {
    "AFS": "Infra niveau 3",
    "CP4": "Infra niveau 3",
    "CFG": "Infra niveau 3",
    "C3A": "Infra niveau 3",
    "C12": "Infra niveau 3",
    "NV5": "Niveau 3",
    "NV4": "Niveau 4",
    "NV3": "Niveau 5",
    "NV2": "Niveau 6",
    "NV1": "Niveau 7 ou 8",
}


def derived_level(code: str) -> str:
    return DERIVED_LEVEL.get(code, "")


@dataclass(frozen=True)
class Situation:
    code: str
    label: str


def _situations(*labels: tuple[str, str]) -> tuple[Situation, ...]:
    return tuple(Situation(code, label) for code, label in labels)


SITUATIONS: dict[str, tuple[Situation, ...]] = {
    Dimension.EMPLOYMENT: _situations(
        ("never_worked", "Jamais travaillé"),
        ("unemployed_less_1y", "Moins d’1 an sans emploi"),
        ("unemployed_more_1y", "Plus d’1 an sans emploi"),
        ("unemployed_more_2y", "Plus de 2 ans sans emploi"),
        ("experience_in_field", "Expérience dans le métier recherché"),
        ("experience_abroad", "Expérience professionnelle à l’étranger"),
        ("no_job_project", "Pas de projet professionnel défini"),
        ("job_project", "Projet professionnel défini"),
        ("in_job", "En emploi"),
    ),
    Dimension.QUALIFICATION: _situations(
        ("diploma_abroad", "Diplôme obtenu à l’étranger"),
        ("diploma_not_recognised", "Diplôme non reconnu en France"),
        ("no_diploma", "Aucun diplôme"),
    ),
    Dimension.TRAINING: _situations(
        ("training_wanted", "Souhaite se former"),
        ("training_in_progress", "En formation"),
        ("training_funding", "Besoin de financement de formation"),
        ("cpf_unknown", "Ne connaît pas son compte personnel de formation"),
    ),
    Dimension.LANGUAGE: _situations(
        ("fle", "Besoin de cours de français (FLE)"),
        ("literacy", "Besoin d’alphabétisation"),
        ("interpreting", "Interprétariat nécessaire"),
        ("writes_french", "Lit et écrit le français"),
    ),
    Dimension.DIGITAL: _situations(
        ("illectronism", "Illectronisme"),
        ("no_email", "Absence d’adresse de messagerie"),
        ("smartphone", "Dispose d’un smartphone"),
        ("computer", "Dispose d’un ordinateur"),
        ("no_internet", "Pas d’accès à internet"),
    ),
    Dimension.MOBILITY: _situations(
        ("licence_b", "Permis B"),
        ("licence_in_progress", "Permis en cours"),
        ("vehicle", "Véhicule personnel"),
        ("public_transport", "Dépendant des transports en commun"),
        ("no_transport", "Aucun moyen de transport à disposition"),
        ("limited_area", "Mobilité limitée au quartier"),
    ),
    Dimension.HOUSING: _situations(
        ("independent", "Logement autonome"),
        ("hosted", "Hébergé chez un tiers"),
        ("shelter", "Hébergement d’urgence ou d’insertion"),
        ("rent_difficulty", "Difficulté à payer le loyer"),
        ("no_stable_home", "Sans domicile stable"),
    ),
    Dimension.CHILDCARE: _situations(
        ("child_under_3", "Enfant(s) de moins de 3 ans sans solution de garde"),
        ("child_school", "Enfant(s) scolarisé(s) sans solution périscolaire"),
        ("childcare_ok", "Solution de garde en place"),
        ("schedule_constraint", "Contrainte horaires"),
        ("single_parent", "Parent isolé"),
    ),
    Dimension.RESOURCES: _situations(
        ("rsa", "RSA"),
        ("are", "ARE"),
        ("ass", "ASS"),
        ("aah", "AAH"),
        ("activity_bonus", "Prime d’activité"),
        ("no_resource", "Sans aucune ressource"),
        ("debt", "Endettement"),
        ("rights_not_open", "Droits non ouverts"),
    ),
    Dimension.ADMINISTRATIVE: _situations(
        ("residence_permit", "Titre de séjour à renouveler"),
        ("id_papers", "Pièce d’identité à refaire"),
        ("france_travail_registration", "Inscription à France Travail à faire"),
        ("tax_return", "Déclaration de revenus à faire"),
        ("bank_account", "Pas de compte bancaire"),
    ),
    Dimension.HEALTH: _situations(
        ("constraint", "Contrainte : oui"),
        ("no_constraint", "Contrainte : non"),
        ("adaptation", "Adaptation nécessaire"),
    ),
}

SITUATION_LABELS = {s.code: s.label for situations in SITUATIONS.values() for s in situations}


def situation_labels(codes) -> list[str]:
    return [SITUATION_LABELS.get(code, code) for code in codes]


# Objectives proposed per dimension (free text allowed too).
OBJECTIVES: dict[str, tuple[str, ...]] = {
    Dimension.EMPLOYMENT: (
        "Définir un projet professionnel",
        "Trouver un emploi",
        "Préparer sa candidature (CV, lettre)",
        "Découvrir un métier (immersion)",
    ),
    Dimension.QUALIFICATION: ("Faire reconnaître un diplôme étranger",),
    Dimension.TRAINING: ("Trouver une formation", "Financer une formation"),
    Dimension.LANGUAGE: ("Améliorer son français",),
    Dimension.DIGITAL: ("Maîtriser les fondamentaux du numérique", "Créer son espace en ligne"),
    Dimension.MOBILITY: ("Passer le permis B", "Se déplacer en transports en commun"),
    Dimension.HOUSING: ("Accéder à un logement", "Se maintenir dans son logement"),
    Dimension.CHILDCARE: ("Trouver un mode de garde",),
    Dimension.RESOURCES: ("Ouvrir ses droits", "Gérer son budget"),
    Dimension.ADMINISTRATIVE: ("Régulariser sa situation administrative",),
    Dimension.HEALTH: ("Adapter le projet à une contrainte de santé",),
}
