"""Recognise the columns of a caseload spreadsheet, whatever the centre called them.

KNOWN_TITLES is the one table of the titles centres use, per field. Titles are compared
after title_key(): lowercase, no accents, no punctuation, "(s)" and "(e)" dropped, each word
in the singular. A title the table does not hold goes through a few keyword rules
(header_field); anything else is left to the worker, who maps it or ignores it on the
mapping screen.
"""

import re
from collections.abc import Sequence

from people.importing.errors import ImportFileError
from people.importing.text import clean_text, normalise_label

# The canonical fields a row is cleaned into, in the order the import screen lists them.
FIELDS = (
    "file_reference",
    "last_name",
    "birth_name",
    "first_name",
    "sex",
    "birth_date",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "neighbourhood",
    "first_visit_date",
    "referred_by",
    "request",
    "situation",
    "resources",
    "notes",
)
# A single "Nom Prénom" column; clean_row splits it into last_name and first_name.
FULL_NAME = "full_name"
# Targets of the mapping screen beyond the fields: keep the cell in the note under the
# column's title, or leave the column out (the worker decides so, and the dry run says so).
KEEP_IN_NOTE = "note"
IGNORE = ""

FIELD_LABELS = {
    "file_reference": "N° de dossier",
    "last_name": "Nom",
    "birth_name": "Nom de naissance",
    "first_name": "Prénom",
    FULL_NAME: "Nom et prénom (dans la même colonne)",
    "sex": "Sexe",
    "birth_date": "Date de naissance",
    "phone": "Téléphone",
    "email": "E-mail",
    "address": "Adresse",
    "postal_code": "Code postal",
    "city": "Ville",
    "neighbourhood": "Quartier",
    "first_visit_date": "Date du premier contact",
    "referred_by": "Orienté par",
    "request": "Demande (besoins)",
    "situation": "Situation professionnelle",
    "resources": "Ressources",
    "notes": "Observations",
}
TARGET_LABELS = {
    IGNORE: "Ignorer cette colonne",
    **{name: FIELD_LABELS[name] for name in (*FIELDS[:3], FULL_NAME, *FIELDS[3:])},
    KEEP_IN_NOTE: "Garder dans la note, avec le titre de la colonne",
}
NAME_TARGETS = {"last_name", "first_name", "birth_name", FULL_NAME}
# The column the refused-rows file adds: left out when that file is imported again.
REFUSAL_TITLE = "Motif du refus"

KNOWN_TITLES: dict[str, tuple[str, ...]] = {
    "file_reference": (
        "N° dossier", "N° de dossier", "Numéro de dossier", "No dossier", "Dossier", "Réf.",
        "Réf", "Référence", "Réf. dossier", "ID", "Identifiant", "Matricule", "N°", "No",
        "Num", "Numéro", "Code usager", "N° usager", "N° d'inscription", "N° adhérent",
    ),
    "last_name": (
        "Nom", "NOM", "Nom de famille", "Nom d'usage", "Nom usuel", "Nom (majuscules)",
        "Nom du bénéficiaire", "Nom de l'usager", "Nom usager", "Patronyme", "Nom marital",
        "Nom d'épouse", "Last name", "Lastname", "Surname", "Family name",
    ),
    "birth_name": (
        "Nom de naissance", "Nom de jeune fille", "Nom JF", "Nom patronymique",
        "Née (nom de naissance)",
    ),
    "first_name": (
        "Prénom", "Prénom(s)", "Prénoms", "Prénom usuel", "Prénom du bénéficiaire",
        "Prénom de l'usager", "First name", "Firstname", "Given name",
    ),
    FULL_NAME: (
        "Nom Prénom", "Nom et prénom", "Nom - Prénom", "Nom / Prénom", "Nom, prénom",
        "Prénom Nom", "Prénom et nom", "NOM Prénom(s)", "Nom et prénom(s)", "Nom complet",
        "Identité", "Bénéficiaire", "Usager", "Personne accueillie",
    ),
    "sex": ("Sexe", "Genre", "Civilité", "H/F", "F/H", "M/F", "F/M", "Sexe (F/M)", "Mme/M."),
    "birth_date": (
        "Date de naissance", "Date naiss.", "Date naiss", "Date de naiss", "Date de naiss.",
        "Date naissance", "Date nais.", "Dt naissance", "Dte naiss.", "Né(e) le", "Né le",
        "Née le", "DDN", "D.D.N.", "DN", "Naissance", "Date of birth", "Birth date", "DOB",
    ),
    "phone": (
        "Téléphone", "Tél.", "Tél", "Tel", "Tel.", "Tél(s)", "N° de téléphone", "N° tél.",
        "Numéro de téléphone", "Téléphone portable", "Tél. portable", "Portable", "Mobile",
        "Téléphone mobile", "Tél. mobile", "GSM", "Téléphone fixe", "Tél. fixe", "Fixe",
        "Tél. domicile", "Contact téléphonique", "Phone",
    ),
    "email": (
        "Mail", "E-mail", "Email", "E mail", "Courriel", "Adresse mail", "Adresse e-mail",
        "Adresse électronique", "Adresse courriel", "Mél", "Mel",
    ),
    "address": (
        "Adresse", "Adresse postale", "Adresse complète", "Rue", "N° et rue", "Voie",
        "Domicile", "Adresse du domicile", "Lieu de résidence",
    ),
    "postal_code": ("CP", "C.P.", "Code postal", "Code post.", "Cde postal"),
    "city": ("Ville", "Commune", "Localité", "Commune de résidence", "Ville de résidence"),
    "neighbourhood": (
        "Quartier", "Quartiers", "Secteur", "Secteur géographique", "QPV",
        "Quartier prioritaire", "Quartier de résidence", "Quartier d'habitation",
    ),
    "first_visit_date": (
        "1er contact", "Date 1er contact", "Date du 1er contact", "Premier contact",
        "Date de premier contact", "Date du premier contact", "1er accueil",
        "Date 1er accueil", "Date de 1er accueil", "Date de premier accueil",
        "Premier accueil", "Première venue", "Date de première venue", "1ère venue",
        "Date 1ère venue", "Date d'entrée", "Date entrée", "Entrée", "Entré(e) le",
        "Date d'inscription", "Inscription", "Inscrit(e) le", "Date d'arrivée",
        "Arrivé(e) le", "Date d'accueil", "Accueilli(e) le", "Date d'ouverture",
        "Ouverture du dossier", "Date d'ouverture du dossier",
    ),
    "referred_by": (
        "Orienté par", "Orienté(e) par", "Orientée par", "Orientation", "Prescripteur",
        "Prescripteur·rice", "Orienteur", "Origine", "Origine de l'orientation",
        "Adressé par", "Adressé(e) par", "Envoyé par", "Structure d'orientation",
    ),
    "request": (
        "Demande", "Demandes", "Besoin", "Besoins", "Besoin(s)", "Besoin exprimé",
        "Motif", "Motif de la demande", "Motif de venue", "Objet de la demande",
        "Demande initiale", "Attentes", "Objet",
    ),
    "situation": (
        "Situation", "Situation professionnelle", "Situation pro", "Situation actuelle",
        "Situation emploi", "Statut", "Situation vis-à-vis de l'emploi",
    ),
    "resources": (
        "Ressources", "Ressource", "Ressource principale", "Type de ressources", "Revenus",
        "Revenu", "Minima sociaux", "Prestations",
    ),
    "notes": (
        "Observations", "Observation", "Obs.", "Commentaire", "Commentaires", "Remarques",
        "Remarque", "Notes", "Note", "Infos", "Informations", "Divers", "Suivi",
    ),
}  # fmt: skip

# Plural-looking words that are singular: kept as they are by title_key().
_INVARIABLE = {"pays", "sans", "dans", "vers", "plus", "mois", "fois", "temps", "pris"}
_INCLUSIVE_ENDINGS = re.compile(r"\((?:e|s|es|x|ne|ve)\)|·(?:e|s|es|rice|ne)\b", re.IGNORECASE)


def title_key(header: object) -> str:
    """The comparison key of a column title: "Prénom(s)" and "PRENOMS" give "prenom"."""
    text = _INCLUSIVE_ENDINGS.sub("", clean_text(header))
    words = [_singular(word) for word in normalise_label(text).split()]
    return " ".join(words)


def _singular(word: str) -> str:
    if len(word) > 3 and word[-1] in "sx" and word not in _INVARIABLE:
        return word[:-1]
    return word


def _title_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for name, titles in KNOWN_TITLES.items():
        for title in titles:
            key = title_key(title)
            if index.setdefault(key, name) != name:
                raise ValueError(f"Column title {title!r} is known for two fields")
    return index


TITLE_INDEX = _title_index()

# Words that may follow "Nom" or "Prénom" without changing what the column holds.
_NAME_FILLERS = {
    "de", "d", "du", "la", "l", "le", "et", "famille", "usage", "usuel", "beneficiaire",
    "usager", "usagere", "personne", "majuscule", "accueillie", "accueilli",
}  # fmt: skip
# Titles too long to be a column title: a sentence in a title row is not a header.
_MAX_HEADER_WORDS = 6


def header_field(header: object) -> str | None:
    """The canonical field a column title stands for, or None if we do not know it."""
    key = title_key(header)
    if key == title_key(REFUSAL_TITLE):
        return None
    if key in TITLE_INDEX:
        return TITLE_INDEX[key]
    words = key.split()
    if not words or len(words) > _MAX_HEADER_WORDS:
        return None
    first = words[0]

    def has(*prefixes: str) -> bool:
        return any(word.startswith(prefixes) for word in words)

    if first in ("nom", "prenom") and set(words[1:]) <= _NAME_FILLERS | {"nom", "prenom"}:
        if "prenom" in words and "nom" in words:
            return FULL_NAME
        return "last_name" if first == "nom" else "first_name"
    # Checked before the dates: "Lieu de naissance" is not a date, "Nom de naissance" is a name.
    if has("naiss", "nais") or first in ("ddn", "ne", "nee"):
        if first in ("date", "dt", "dte", "ddn", "ne", "nee"):
            return "birth_date"
        return "birth_name" if first == "nom" else None
    if first in ("date", "dt", "dte") or has("1er", "premier", "premiere", "1ere"):
        if has("accueil", "inscri", "entree", "arrive", "premier", "premiere", "1er", "1ere"):
            return "first_visit_date"
        return None  # "Date de sortie", "Date du dernier rendez-vous"...
    # Contact details of a partner are not the person's: "Tél. du prescripteur".
    about_partner = has("prescri", "orient", "referent", "partenaire", "structure")
    if has("tel", "portable", "mobile", "gsm", "phone"):
        return None if about_partner else "phone"
    if has("mail", "courriel"):
        return None if about_partner else "email"
    if has("prescri", "orienteur", "orientatrice") or (
        "par" in words and has("orient", "adresse", "envoye")
    ):
        return "referred_by"
    if has("ville", "commune", "localite"):
        return "city"
    if has("adresse", "rue", "domicile"):
        return "address"
    if has("quartier", "qpv"):
        return "neighbourhood"
    if has("dossier") or first in ("reference", "ref", "id", "identifiant", "matricule"):
        return "file_reference"
    if has("demande", "besoin", "motif"):
        return "request"
    if has("ressource", "revenu", "minima"):
        return "resources"
    if has("observation", "commentaire", "remarque"):
        return "notes"
    return None


def suggest_targets(headers: Sequence[object]) -> list[str]:
    """The target of each column as recognised; a second column for a field is ignored."""
    targets: list[str] = []
    seen: set[str] = set()
    for header in headers:
        field = header_field(header) if clean_text(header) else None
        if field is None or field in seen:
            targets.append(IGNORE)
        else:
            targets.append(field)
            seen.add(field)
    return targets


def mapping_from_targets(
    headers: Sequence[object], targets: Sequence[str]
) -> tuple[dict[str, int], dict[int, str], list[str]]:
    """Field -> column index, note columns (index -> title) and the titles left out.

    Raises ImportFileError when no column says who the row is.
    """
    mapping: dict[str, int] = {}
    note_columns: dict[int, str] = {}
    ignored: list[str] = []
    for index, header in enumerate(headers):
        label = clean_text(header)
        target = targets[index] if index < len(targets) else IGNORE
        if target == KEEP_IN_NOTE:
            note_columns[index] = label or f"Colonne {index + 1}"
        elif target in TARGET_LABELS and target and target not in mapping:
            mapping[target] = index
        elif label:
            ignored.append(label)
    if not mapping.keys() & NAME_TARGETS:
        found = ", ".join(f"« {clean_text(h)} »" for h in headers if clean_text(h)) or "aucune"
        raise ImportFileError(
            "Le fichier n'a ni colonne « Nom » ni colonne « Prénom » : impossible de savoir "
            f"à qui correspond chaque ligne. Colonnes trouvées : {found}. Ajoutez au moins "
            "une colonne « Nom » ou « Prénom » dans la ligne d'en-tête, ou choisissez-la "
            "à l'étape de correspondance des colonnes."
        )
    return mapping, note_columns, ignored


def map_headers(headers: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """Map canonical field names to column indexes; list the titles that will not be imported.

    Unknown columns, and a second column for a field already found (the first one wins),
    are reported rather than refused. A file with no name column at all is refused.
    """
    mapping, _, ignored = mapping_from_targets(headers, suggest_targets(headers))
    return mapping, ignored
