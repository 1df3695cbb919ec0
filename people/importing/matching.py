"""Match what a cell says to the reference lists: neighbourhoods, needs, employment situation.

No database here: the importer passes the reference neighbourhoods in. Every matcher
returns what it recognised and the text it did not, which the import keeps in the note.
"""

import re
from collections.abc import Iterable

from people.importing.text import normalise_label

# ---- Neighbourhoods -------------------------------------------------------------------

# Other names people give the reference neighbourhoods (organisations.reference), by slug.
NEIGHBOURHOOD_ALIASES = {
    "bel-air-grands-pechers": ("Bel-Air", "Les Grands Pêchers", "Renan", "Bel Air Grands Pêchers"),
    "montreau-le-morillon": ("Morillon", "Montreau Morillon", "Le Montreau"),
    "branly-boissiere": ("Branly Boissière",),
    "republique": ("Quartier République",),
}
_PART_SEPARATORS = re.compile(r"\s+[-–—/]\s+|\s*[,;/+]\s*|\s+et\s+", re.IGNORECASE)
_ARTICLES = ("le", "la", "les", "l")
# Words people put before the name that say nothing of which neighbourhood it is.
_PREFIXES = ("quartier", "qpv", "cite", "secteur")


def _variants(name: str) -> set[str]:
    words = normalise_label(name).split()
    while words and words[0] in _PREFIXES:
        words = words[1:]
    keys = {"".join(words)}
    if len(words) > 1 and words[0] in _ARTICLES:
        keys.add("".join(words[1:]))
    return keys - {""}


class NeighbourhoodMatcher:
    """Matches "Bel Air", "Grands Pêchers", "Le Morillon" or "Montreau" to their reference
    neighbourhood, by each part of its name ("Bel Air – Grands Pêchers – Ernest Renan"),
    with or without an article, and by the known aliases."""

    def __init__(self, neighbourhoods: Iterable[tuple[int, str, str]]):
        """neighbourhoods: (pk, slug, name) of each reference neighbourhood."""
        self.keys: dict[str, int] = {}
        self.objects: dict[int, object] = {}  # pk -> the neighbourhood, if the caller has it
        ambiguous: set[str] = set()
        for pk, slug, name in neighbourhoods:
            names = [name, *_PART_SEPARATORS.split(name), *NEIGHBOURHOOD_ALIASES.get(slug, ())]
            for key in set().union(*(_variants(part) for part in names)):
                if self.keys.setdefault(key, pk) != pk:
                    ambiguous.add(key)
        for key in ambiguous:
            del self.keys[key]

    def match(self, text: str) -> int | None:
        """The neighbourhood's pk, or None when the text names none (or several)."""
        if not text:
            return None
        for key in _variants(text):
            if key in self.keys:
                return self.keys[key]
        found = {
            self.keys.get(key)
            for part in _PART_SEPARATORS.split(text)
            for key in (_variants(part) or {""})
        }
        return found.pop() if len(found) == 1 and None not in found else None


# ---- Needs (data·inclusion thematiques, as reception requests store them) -------------

_CV = "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation"
_RIGHTS = "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"
# What centres write in a "Demande" or "Besoin" column, normalised, and its code; the
# labels of the codes themselves are recognised too (see needs_from_text).
NEED_WORDS = {
    "emploi": "trouver-un-emploi",
    "recherche d emploi": "trouver-un-emploi",
    "recherche emploi": "trouver-un-emploi",
    "recherche de travail": "trouver-un-emploi",
    "travail": "trouver-un-emploi",
    "reprise d emploi": "trouver-un-emploi",
    "formation": "se-former",
    "recherche de formation": "se-former--trouver-sa-formation",
    "cv": _CV,
    "cv et lettre de motivation": _CV,
    "lettre de motivation": _CV,
    "candidature": "preparer-sa-candidature",
    "projet professionnel": "choisir-un-metier",
    "projet pro": "choisir-un-metier",
    "orientation professionnelle": "choisir-un-metier",
    "cours de francais": "lecture-ecriture-calcul--maitriser-le-francais",
    "francais": "lecture-ecriture-calcul--maitriser-le-francais",
    "fle": "lecture-ecriture-calcul--maitriser-le-francais",
    "alphabetisation": "lecture-ecriture-calcul",
    "creation d activite": "creer-une-entreprise",
    "creation d entreprise": "creer-une-entreprise",
    "droits": _RIGHTS,
    "droits rsa": _RIGHTS,
    "acces aux droits": _RIGHTS,
    "demarches administratives": (
        "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives"
    ),
    "papiers": "difficultes-administratives-ou-juridiques",
    "aide aux demarches en ligne": "numerique--acceder-a-des-services-en-ligne",
    "demarches en ligne": "numerique--acceder-a-des-services-en-ligne",
    "informatique": "numerique",
    "logement": "logement-hebergement",
    "hebergement": "logement-hebergement",
    "permis": "mobilite--preparer-un-permis",
    "permis de conduire": "mobilite--preparer-un-permis",
    "garde d enfant": "famille--garde-denfants",
    "garde d enfants": "famille--garde-denfants",
    "mode de garde": "famille--garde-denfants",
    "budget": "difficultes-financieres",
    "dettes": "difficultes-financieres",
    "acces aux soins": "sante--acces-aux-soins",
}
_NEED_SEPARATORS = re.compile(r"\s*(?:[,;/+\n]|\bet\b(?! lettre))\s*", re.IGNORECASE)


def need_words(labels: dict[str, str]) -> dict[str, str]:
    """Normalised wording -> code, for the codes the request form offers.

    labels: code -> French label of each offered code (reception.needs).
    """
    words = {normalise_label(label): code for code, label in labels.items()}
    words.update({key: code for key, code in NEED_WORDS.items() if code in labels})
    return words


def needs_from_text(text: str, words: dict[str, str]) -> tuple[list[str], str]:
    """The codes a cell names and the parts it did not recognise (words: need_words()).

    A part is recognised whole ("Recherche d'emploi") or kept whole.
    """
    whole = words.get(normalise_label(text or ""))
    if whole:
        return [whole], ""
    codes, rest = [], []
    for part in _NEED_SEPARATORS.split(text or ""):
        if not part.strip():
            continue
        code = words.get(normalise_label(part))
        if code is None:
            rest.append(part.strip())
        elif code not in codes:
            codes.append(code)
    return codes, ", ".join(rest)


# ---- Employment situation -------------------------------------------------------------

EMPLOYMENT_WORDS = {
    "salarie": "employed",
    "salariee": "employed",
    "en emploi": "employed",
    "cdi": "employed",
    "cdd": "short_contract",
    "interim": "short_contract",
    "interimaire": "short_contract",
    "contrat court": "short_contract",
    "demandeur d emploi inscrit": "jobseeker_registered",
    "demandeuse d emploi inscrite": "jobseeker_registered",
    "inscrit france travail": "jobseeker_registered",
    "inscrite france travail": "jobseeker_registered",
    "inscrit a france travail": "jobseeker_registered",
    "inscrite a france travail": "jobseeker_registered",
    "inscrit pole emploi": "jobseeker_registered",
    "inscrite pole emploi": "jobseeker_registered",
    "de inscrit": "jobseeker_registered",
    "demandeur d emploi non inscrit": "jobseeker_not_registered",
    "demandeuse d emploi non inscrite": "jobseeker_not_registered",
    "en formation": "in_training",
    "stagiaire de la formation": "in_training",
    "sans activite": "no_activity",
    "sans emploi": "no_activity",
    "inactif": "no_activity",
    "inactive": "no_activity",
    "retraite": "retired",
    "retraitee": "retired",
}


def employment_words(labels: dict[str, str]) -> dict[str, str]:
    """Normalised wording -> code; labels: code -> French label of each situation."""
    return {**EMPLOYMENT_WORDS, **{normalise_label(label): code for code, label in labels.items()}}


def employment_from_text(text: str, words: dict[str, str]) -> str:
    """The employment situation code a cell names, or "" (the text then goes to the note)."""
    return words.get(normalise_label(text or ""), "") if text else ""
