"""One way to reduce names, phones and dates for matching: search, duplicates and import."""

import re
from datetime import date

import phonenumbers

from people.importing.text import normalise_name

__all__ = ["normalise_name", "parse_birth_date", "parse_phone_query", "search_name_for"]

_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$")
_PHONE_CHARS = re.compile(r"^[+\d][\d .\-/()]{7,}$")


def name_words(text: str) -> list[str]:
    """ "Élodie N'Diaye-Kane" gives ["elodie", "ndiayekane"]: one key per word, like search_name."""
    return [word for word in (normalise_name(part) for part in (text or "").split()) if word]


def search_name_for(first_name: str, last_name: str, birth_name: str = "") -> str:
    """The value of Person.search_name: first name, last name and birth name, normalised."""
    words = name_words(first_name) + name_words(last_name)
    words += [word for word in name_words(birth_name) if word not in words]
    return " ".join(words)[:220]


def parse_birth_date(text: str) -> date | None:
    """ "3/4/1990", "03/04/1990", "03-04-90" give a date; anything else None."""
    match = _DATE.match(text.strip())
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    if year < 100:
        year += 1900 if year > date.today().year % 100 else 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_phone_query(text: str) -> str | None:
    """A French phone number in any usual format, as E.164 ("+33612345678"), else None."""
    text = text.strip()
    if not _PHONE_CHARS.match(text):
        return None
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
