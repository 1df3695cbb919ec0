"""Validators for free text, in one place for every app (forms, the import, the API).

- `validate_no_nir`: refuses a text holding a French social-security number (NIR, 13
  digits + a 2-digit key, spaces, dots or dashes allowed, Corsica's 2A/2B), checked with
  its key (97 − number mod 97) so that other long numbers pass. The CNIL's referential for
  social accompaniment forbids recording it in free text.
- `validate_safe_name`: refuses the invisible characters that disguise a name
  (bidirectional overrides and isolates, zero-width characters).
- `validate_free_text`: the NIR rule plus the invisible characters, for notes and
  descriptions; `NOTE_MAX_LENGTH` / `DESCRIPTION_MAX_LENGTH` bound their length.
- `plain_text`: any HTML or Markdown a person typed, as plain text (open data, exports).
"""

import html
import re

import nh3
from django.core.exceptions import ValidationError

NOTE_MAX_LENGTH = 5000
DESCRIPTION_MAX_LENGTH = 3000
SHORT_TEXT_MAX_LENGTH = 300

NIR_MESSAGE = (
    "Ce texte contient un numéro de sécurité sociale : retirez-le pour enregistrer. "
    "La CNIL interdit de l’inscrire dans un champ libre (son usage est réservé aux "
    "organismes de santé, de protection sociale et de paie)."
)
INVISIBLE_MESSAGE = (
    "Ce texte contient des caractères invisibles (inversion du sens d’écriture ou caractère "
    "de largeur nulle) : retapez-le sans copier-coller."
)

_NIR_CANDIDATE = re.compile(
    r"(?<![0-9A-Za-z])[1-478](?:[ \u00a0\u202f.\-]?[0-9ABab]){14}(?![0-9A-Za-z])"
)
_SEPARATORS = re.compile(r"[ \u00a0\u202f.\-]")
# Bidirectional embeddings, overrides, isolates and marks; zero-width characters.
_INVISIBLE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")


def is_valid_nir(value: str) -> bool:
    """Fifteen characters (separators removed): 13 + key, department 2A/2B allowed."""
    value = _SEPARATORS.sub("", value).upper()
    if len(value) != 15:
        return False
    body, key = value[:13], value[13:]
    department = body[5:7]
    if department == "2A":
        body = body[:5] + "19" + body[7:]
    elif department == "2B":
        body = body[:5] + "18" + body[7:]
    if not (body.isdigit() and key.isdigit()):
        return False
    return 97 - int(body) % 97 == int(key)


def contains_nir(text: str) -> bool:
    return any(is_valid_nir(match.group()) for match in _NIR_CANDIDATE.finditer(text or ""))


def validate_no_nir(value) -> None:
    if value and contains_nir(str(value)):
        raise ValidationError(NIR_MESSAGE, code="nir")


def validate_no_invisible(value) -> None:
    if value and _INVISIBLE.search(str(value)):
        raise ValidationError(INVISIBLE_MESSAGE, code="invisible")


def validate_safe_name(value) -> None:
    """Names (of a person, a street): no invisible character, no NIR."""
    validate_no_invisible(value)
    validate_no_nir(value)


def validate_free_text(value) -> None:
    """Notes, descriptions, comments, addresses, imported observations."""
    validate_no_nir(value)
    validate_no_invisible(value)


def plain_text(value: str) -> str:
    """Text without any tag (HTML dropped by nh3, entities decoded), for open data."""
    cleaned = nh3.clean(value or "", tags=set())
    return " ".join(html.unescape(cleaned).split())
