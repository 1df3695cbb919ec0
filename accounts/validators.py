import re
from functools import cache
from pathlib import Path

from django.contrib.auth.password_validation import CommonPasswordValidator
from django.core.exceptions import ValidationError

FRENCH_LIST = Path(__file__).parent / "data" / "common-passwords-fr.txt"


@cache
def _french_passwords() -> frozenset[str]:
    return frozenset(
        line.strip().lower()
        for line in FRENCH_LIST.read_text(encoding="utf-8").splitlines()
        if line.strip()
    )


class FrenchCommonPasswordValidator(CommonPasswordValidator):
    """Django's list of 20,000 common passwords, plus French ones, with trailing digits ignored.

    "motdepasse123" and "azertyuiop12" are as weak as the word they start with.
    """

    def validate(self, password, user=None):
        candidate = password.lower().strip()
        stem = re.sub(r"[\d\W_]+$", "", candidate)
        for value in {candidate, stem}:
            if value in self.passwords or value in _french_passwords():
                raise ValidationError(
                    "Ce mot de passe est trop courant : choisissez-en un plus personnel.",
                    code="password_too_common",
                )

    def get_help_text(self):
        return "Votre mot de passe ne peut pas être un mot de passe courant."
