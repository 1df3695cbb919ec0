"""French as people read it: elision before a vowel or a mute h, agreement with the sex.

"Demande de Inès" reads wrong; "Demande d’Inès", "dossier d’Élodie", "horaires d’Espace 40",
"d’Hélène" but "de Hamid" (aspirated h) read right. Used by the template filters of
`parcours.templatetags.french` and by Python code that writes messages.
"""

import unicodedata

# Words whose h is aspirated ("le héros", "de Hamid"): no elision before them.
# Lower-case, accents removed; first names of the city's people and common nouns.
ASPIRATED_H = frozenset(
    {
        "hamid", "hamida", "hamza", "hakim", "hassan", "hassane", "hocine", "houria",
        "hugo", "hubert", "harry", "hector", "habib", "hadja", "hadi", "haroun", "hawa",
        "haut", "haute", "hauts", "hall", "halte", "halte-jeux", "handicap", "hasard",
        "heros", "hibou", "honte", "hors", "huit",
    }
)  # fmt: skip
# Vowel-initial words that do not elide ("de Yasmine", "le onze", "de ouistiti"): "y" as a
# consonant, and numerals.
NO_ELISION = frozenset({"onze", "onzieme", "ouate", "oui", "yacine", "yasmine", "yann", "yoga"})

_VOWELS = set("aeiouy")

ELIDED = {"de": "d’", "le": "l’", "la": "l’", "que": "qu’", "je": "j’", "ne": "n’", "se": "s’"}


def _plain(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def elides_before(word: str) -> bool:
    """True when "de", "le", "que" lose their vowel before this word."""
    first = (word or "").strip().split(" ")[0].strip("«»\"'’ ")
    plain = _plain(first)
    if not plain:
        return False
    if plain in NO_ELISION or plain.split("-")[0] in NO_ELISION:
        return False
    if plain[0] == "y":
        # "Yasmine", "yaourt": consonant y; "Yves", "ypérite": vowel y (rare).
        return plain.startswith(("yv", "ypr", "ypé"))
    if plain[0] == "h":
        return plain not in ASPIRATED_H and plain.split("-")[0] not in ASPIRATED_H
    return plain[0] in _VOWELS


def elide(article: str, word) -> str:
    """ "de" + "Inès" -> "d’Inès"; "de" + "Hamid" -> "de Hamid". Keeps the article's case."""
    word = str(word)
    key = article.lower()
    if key in ELIDED and elides_before(word):
        short = ELIDED[key]
        if article[:1].isupper():
            short = short[0].upper() + short[1:]
        return f"{short}{word}"
    return f"{article} {word}"


def de(word) -> str:
    return elide("de", word)


def agreed(masculine: str, feminine: str, sex: str, *, neutral: str = "") -> str:
    """ "né" / "née" from the recorded sex ("M" / "F"); the inclusive form only when unknown."""
    if sex == "F":
        return feminine
    if sex == "M":
        return masculine
    return neutral or f"{masculine}·{feminine[len(masculine) :] or 'e'}"


# Where a hand-off goes, said with its article: "transmise à la coordination de Grand Air".
ROLE_AS_RECIPIENT = {
    "reception": "l’accueil",
    "coordinator": "la coordination",
    "counsellor": "la CIP",
    "director": "la direction",
    "steering": "le pilotage de la Ville",
    "partner": "le partenaire",
    "administrator": "l’administration",
    "moderator": "la modération",
}


def role_recipient(role: str, centre_name: str = "") -> str:
    """ "la coordination de Grand Air", "la CIP d’Espéranto", "l’accueil de Lounès Matoub"."""
    team = ROLE_AS_RECIPIENT.get(role, role)
    return f"{team} {de(centre_name)}" if centre_name else team
