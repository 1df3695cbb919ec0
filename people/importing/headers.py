"""Recognise the columns of a caseload spreadsheet, whatever the centre called them."""

from collections.abc import Sequence

from people.importing.errors import ImportFileError
from people.importing.text import clean_text, normalise_label

# The canonical fields a row is cleaned into, in the order the import screen lists them.
FIELDS = (
    "file_reference",
    "last_name",
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
    "resources",
    "notes",
)
# A single "Nom Prénom" column; clean_row splits it into last_name and first_name.
FULL_NAME = "full_name"

FIELD_LABELS = {
    "file_reference": "N° de dossier",
    "last_name": "Nom",
    "first_name": "Prénom",
    FULL_NAME: "Nom et prénom",
    "sex": "Sexe",
    "birth_date": "Date de naissance",
    "phone": "Téléphone",
    "email": "E-mail",
    "address": "Adresse",
    "postal_code": "Code postal",
    "city": "Ville",
    "neighbourhood": "Quartier",
    "first_visit_date": "Date de premier accueil",
    "referred_by": "Orienté par",
    "request": "Demande",
    "resources": "Ressources",
    "notes": "Observations",
}

# Words that may follow "Nom" or "Prénom" without changing what the column holds
# ("Nom de famille", "Nom d'usage", "Prénom(s) du bénéficiaire"...).
_NAME_FILLERS = {
    "de", "d", "du", "la", "l", "le", "et", "s", "famille", "usage", "usuel", "patronymique",
    "naissance", "beneficiaire", "usager", "usagere", "personne", "majuscules",
}  # fmt: skip
_ENGLISH_NAMES = {
    "last name": "last_name",
    "lastname": "last_name",
    "surname": "last_name",
    "family name": "last_name",
    "first name": "first_name",
    "firstname": "first_name",
    "given name": "first_name",
}
# Labels too long to be a column title: a sentence in a title row is not a header.
_MAX_HEADER_WORDS = 6


def header_field(header: object) -> str | None:
    """The canonical field a column title stands for, or None if we do not know it."""
    words = normalise_label(clean_text(header)).split()
    if not words or len(words) > _MAX_HEADER_WORDS:
        return None
    joined = " ".join(words)
    first = words[0]

    def has(*prefixes: str) -> bool:
        return any(word.startswith(prefixes) for word in words)

    if joined in _ENGLISH_NAMES:
        return _ENGLISH_NAMES[joined]
    if first in ("nom", "prenom", "prenoms") and set(words[1:]) <= _NAME_FILLERS | {
        "nom",
        "prenom",
        "prenoms",
    }:
        if has("prenom") and "nom" in words:
            return FULL_NAME
        return "last_name" if first == "nom" else "first_name"
    # Checked before the dates: "Lieu de naissance" is not a date, "Nom de naissance" is a name.
    if "naissance" in words or first in ("ddn", "ne", "nee"):
        if first in ("date", "ddn", "ne", "nee") or joined == "naissance":
            return "birth_date"
        return None
    if first == "date" or first in ("inscrit", "inscrite", "arrive", "arrivee", "inscription"):
        if has("accueil", "inscri", "entree", "arrive", "premier", "1er", "ouverture"):
            return "first_visit_date"
        return None  # "Date de sortie", "Date du dernier rendez-vous"...
    # Contact details of a partner are not the person's: "Tél. du prescripteur".
    about_partner = has("prescri", "orient", "referent", "partenaire", "structure")
    if has("tel", "portable", "mobile", "gsm", "phone"):
        return None if about_partner else "phone"
    if has("mail", "email", "courriel") or joined == "mel":
        return None if about_partner else "email"
    if has("prescri", "orienteur", "orientatrice", "origine") or (
        "par" in words and has("orient", "adresse", "envoye")
    ):
        return "referred_by"
    if joined == "cp" or words[:2] == ["code", "postal"]:
        return "postal_code"
    if has("ville", "commune", "localite"):
        return "city"
    if has("adresse", "rue", "domicile"):
        return "address"
    if has("quartier", "qpv"):
        return "neighbourhood"
    if first in ("sexe", "genre", "civilite") or joined in ("h f", "f h", "m f", "f m"):
        return "sex"
    if has("dossier") or first in ("reference", "ref", "id", "identifiant", "matricule"):
        return "file_reference"
    if joined in ("n", "no", "num", "numero"):
        return "file_reference"
    if has("demande", "besoin", "motif", "objet"):
        return "request"
    if has("ressource", "revenu", "minima"):
        return "resources"
    if has("observation", "commentaire", "remarque", "note", "info"):
        return "notes"
    return None


def map_headers(headers: Sequence[object]) -> tuple[dict[str, int], list[str]]:
    """Map canonical field names to column indexes; list the titles that will not be imported.

    Unknown columns, and a second column for a field already found (the first one wins),
    are reported rather than refused. A file with no name column at all is refused.
    """
    mapping: dict[str, int] = {}
    not_imported: list[str] = []
    for index, header in enumerate(headers):
        label = clean_text(header)
        if not label:
            continue
        field = header_field(label)
        if field is None or field in mapping:
            not_imported.append(label)
        else:
            mapping[field] = index
    if not mapping.keys() & {"last_name", "first_name", FULL_NAME}:
        found = ", ".join(f"« {clean_text(h)} »" for h in headers if clean_text(h)) or "aucune"
        raise ImportFileError(
            "Le fichier n'a ni colonne « Nom » ni colonne « Prénom » : impossible de savoir "
            f"à qui correspond chaque ligne. Colonnes trouvées : {found}. Ajoutez au moins "
            "une colonne « Nom » ou « Prénom » dans la ligne d'en-tête."
        )
    return mapping, not_imported
