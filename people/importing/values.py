"""Cleaners for one cell each.

Each returns the cleaned value and a French message, empty when the cell is fine or
blank. Whether a message blocks the row is decided by clean_row(), not here.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from openpyxl.utils.datetime import from_excel

from people.importing.text import clean_text, is_blank, normalise_label, strip_accents

# ---- Dates ----------------------------------------------------------------------------

_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4}|\d{2})")
_YEAR_MONTH_DAY = re.compile(r"(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})")
_WRITTEN_MONTH = re.compile(r"(\d{1,2})(?:er)?\s+([a-z]+)\.?\s+(\d{4})")
# A time left by an export of a datetime column: "14/03/1991 00:00", "1991-03-14T00:00:00".
_TRAILING_TIME = re.compile(r"(?:\s+|t)\d{1,2}[:h]\d{2}(?::\d{2}(?:\.\d+)?)?$")
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "aout": 8,
    "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10, "novembre": 11,
    "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip
# 31/12/9999, the last day Excel can hold.
_EXCEL_LAST_SERIAL = 2958465


def parse_date(value: object, label: str, *, today: date) -> tuple[date | None, str]:
    """A date from a date cell, an Excel serial number or French-style text."""
    if is_blank(value):
        return None, ""
    if isinstance(value, datetime):
        return value.date(), ""
    if isinstance(value, date):
        return value, ""
    shown = clean_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if float(value).is_integer() and 10_000_000 <= value <= 99_999_999:
            value = str(int(value))  # 14031991 typed in a number cell
        else:
            return _from_excel_serial(value, label, shown)
    # Lowercase and without accents from here on: "14 Février 1991" gives "14 fevrier 1991".
    text = _TRAILING_TIME.sub("", strip_accents(clean_text(value)))

    if re.fullmatch(r"\d{5}(?:\.\d+)?", text):
        # A date column pasted as numbers shows Excel's serial: 33311 is 14/03/1991.
        return _from_excel_serial(float(text), label, shown)
    if re.fullmatch(r"(?:19|20)\d\d", text):
        return None, f"{label} incomplète (année seule) : {shown}"
    if re.fullmatch(r"\d{8}", text):
        # "19910314" from an export, or "14031991" typed without separators.
        if text[:2] in ("19", "20") and _valid(int(text[:4]), int(text[4:6]), int(text[6:])):
            return _make_date(int(text[:4]), int(text[4:6]), int(text[6:]), label, shown)
        return _make_date(int(text[4:]), int(text[2:4]), int(text[:2]), label, shown)
    if match := _DAY_MONTH_YEAR.fullmatch(text):
        day, month, year = (int(part) for part in match.groups())
        if len(match[3]) == 2:
            # "14/03/91": the most recent year that is not in the future.
            year += 2000 if 2000 + year <= today.year else 1900
        return _make_date(year, month, day, label, shown)
    if match := _YEAR_MONTH_DAY.fullmatch(text):
        year, month, day = (int(part) for part in match.groups())
        return _make_date(year, month, day, label, shown)
    if (match := _WRITTEN_MONTH.fullmatch(text)) and match[2] in _MONTHS:
        return _make_date(int(match[3]), _MONTHS[match[2]], int(match[1]), label, shown)
    return None, f"{label} illisible : {shown}"


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _make_date(year: int, month: int, day: int, label: str, shown: str) -> tuple[date | None, str]:
    try:
        return date(year, month, day), ""
    except ValueError:
        return None, f"{label} impossible : {shown}"


def _from_excel_serial(number: float, label: str, shown: str) -> tuple[date | None, str]:
    if float(number).is_integer() and 1900 <= number <= 2100:
        return None, f"{label} incomplète (année seule) : {shown}"
    if not 0 < number <= _EXCEL_LAST_SERIAL:
        return None, f"{label} illisible : {shown}"
    # from_excel knows Excel's phantom 29 February 1900.
    return from_excel(number).date(), ""


# ---- Phone numbers --------------------------------------------------------------------


@dataclass(frozen=True)
class Phone:
    e164: str  # for storage: "+33612345678"
    display: str  # for people: "06 12 34 56 78"
    french: bool = True  # mainland France or an overseas department


# Overseas departments dial like mainland France ("0692 ...") under their own country code.
_OVERSEAS_REGIONS = ("RE", "GP", "MQ", "GF", "YT", "PM", "BL", "MF")
_FRENCH_REGIONS = {"FR", *_OVERSEAS_REGIONS}


def parse_phone(value: object) -> tuple[Phone | None, str]:
    """A French (or international) phone number; several in one cell keep the first."""
    if is_blank(value):
        return None, ""
    text = clean_text(value)
    number = _parse_number(text)
    if number is not None:
        return _phone(number), ""
    # "06 12 34 56 78 / 01 48 70 00 00", "06 12 34 56 78 (sa sœur)"
    found = [
        _phone(match.number)
        for match in phonenumbers.PhoneNumberMatcher(
            text, "FR", leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    if len(found) > 1:
        others = ", ".join(phone.display for phone in found[1:])
        return found[0], f"Plusieurs numéros de téléphone : seul le premier est repris ({others})"
    if found:
        return found[0], ""
    return None, _phone_problem(text)


def _parse_number(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        number = phonenumbers.parse(text, "FR")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    if not phonenumbers.is_valid_number(number) and number.country_code == 33:
        for region in _OVERSEAS_REGIONS:
            overseas = phonenumbers.parse(text, region)
            if phonenumbers.is_valid_number(overseas):
                return overseas
    # A number of the right length outside the ranges known to the library is kept:
    # numbering plans change faster than the library, and the person did give it.
    return number


def _phone(number: phonenumbers.PhoneNumber) -> Phone:
    french = number.country_code == 33 or (
        phonenumbers.region_code_for_number(number) in _FRENCH_REGIONS
    )
    formats = phonenumbers.PhoneNumberFormat
    return Phone(
        e164=phonenumbers.format_number(number, formats.E164),
        display=phonenumbers.format_number(
            number, formats.NATIONAL if french else formats.INTERNATIONAL
        ),
        french=french,
    )


def _phone_problem(text: str) -> str:
    reasons = phonenumbers.ValidationResult
    try:
        reason = phonenumbers.is_possible_number_with_reason(phonenumbers.parse(text, "FR"))
    except phonenumbers.NumberParseException as exc:
        reason = {
            phonenumbers.NumberParseException.TOO_SHORT_NSN: reasons.TOO_SHORT,
            phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: reasons.TOO_SHORT,
            phonenumbers.NumberParseException.TOO_LONG: reasons.TOO_LONG,
        }.get(exc.error_type)
    if reason == reasons.TOO_SHORT:
        return f"Numéro de téléphone incomplet : {text}"
    if reason == reasons.TOO_LONG:
        return f"Numéro de téléphone trop long : {text}"
    return f"Numéro de téléphone invalide : {text}"


# ---- Social-security numbers (never recorded) ------------------------------------------

# Sex, year, month (or 20-42, 50-99 for some births abroad), department (2A/2B for Corsica),
# commune, order, and the optional two-digit key; spaces and dots allowed between groups.
_NIR = re.compile(
    r"(?<![\d])[12][\s.]?\d{2}[\s.]?(?:0[1-9]|1[0-2]|[2-9]\d)[\s.]?(?:\d{2}|2[ABab])"
    r"[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?\d{2})?(?![\d])"
)
NIR_MESSAGE = (
    "Numéro de sécurité sociale dans « {label} » : la CNIL interdit de l’enregistrer dans "
    "le suivi social, retirez-le du fichier"
)


def contains_nir(text: str) -> bool:
    """Whether a text holds something shaped like a social-security number (NIR)."""
    return bool(text) and any(char.isdigit() for char in text) and bool(_NIR.search(text))


# ---- Names, sex, e-mail, postal code, address -----------------------------------------

_NAME_PART = re.compile(r"[^\s\-'’]+")


def natural_case(name: str) -> str:
    """ "LE GOFF" gives "Le Goff", "N'DIAYE" "N'Diaye"; a name typed in mixed case is kept."""
    if name != name.upper() and name != name.lower():
        return name  # "de La Fontaine", "McDonald": typed with care
    return _NAME_PART.sub(lambda part: part[0][:1].upper() + part[0][1:].lower(), name)


def clean_name(value: object) -> str:
    return natural_case(clean_text(value))


def split_full_name(value: object) -> tuple[str, str, str]:
    """Last name, first name and a message for a "NOM Prénom" cell."""
    text = clean_text(value)
    words = text.split()
    capitals = 0
    while capitals < len(words) and _is_capitalised_word(words[capitals]):
        capitals += 1
    if 0 < capitals < len(words):
        # The French administrative habit: "LE GOFF Marie-Anne".
        return natural_case(" ".join(words[:capitals])), " ".join(words[capitals:]), ""
    if len(words) < 2:
        return natural_case(text), "", ""
    last_name, first_name = natural_case(words[0]), natural_case(" ".join(words[1:]))
    return (
        last_name,
        first_name,
        f"Nom et prénom dans la même colonne : « {text} » lu comme nom « {last_name} » "
        f"et prénom « {first_name} », à vérifier",
    )


def _is_capitalised_word(word: str) -> bool:
    return word == word.upper() and any(char.isalpha() for char in word)


_FEMALE = {"f", "femme", "feminin", "fem", "mme", "madame", "mlle", "mademoiselle", "fille"}
_MALE = {"m", "h", "homme", "masculin", "masc", "mr", "monsieur", "garcon"}


def parse_sex(value: object) -> tuple[str, str]:
    """ "F" or "M" from F/M/H/femme/homme/Mme/M., else empty."""
    if is_blank(value):
        return "", ""
    label = normalise_label(clean_text(value))
    if label in _FEMALE:
        return "F", ""
    if label in _MALE:
        return "M", ""
    return "", f"Sexe non reconnu : {clean_text(value)}"


_validate_email = EmailValidator()


def parse_email(value: object) -> tuple[str, str]:
    text = clean_text(value)
    if not text:
        return "", ""
    address = text.removeprefix("mailto:").lower()
    try:
        _validate_email(address)
    except ValidationError:
        return "", f"Adresse e-mail invalide : {text}"
    return address, ""


def parse_postal_code(value: object) -> tuple[str, str]:
    if is_blank(value):
        return "", ""
    if isinstance(value, int | float) and not isinstance(value, bool) and 1000 <= value < 100000:
        # A number cell drops the leading zero of "01000".
        return f"{int(value):05d}", ""
    text = clean_text(value)
    compact = text.replace(" ", "")
    if re.fullmatch(r"\d{5}", compact):
        return compact, ""
    return "", f"Code postal invalide : {text}"


# "54 rue du Bel Air 93100 Montreuil" in a single "Adresse" column.
_ADDRESS_WITH_TOWN = re.compile(r"(?P<street>.*?\S)[\s,]+(?P<postal_code>\d{5})\s+(?P<city>\D+)")


def split_address(address: str) -> tuple[str, str, str]:
    """Street, postal code and town of a full address, or the address alone if it is not one."""
    if match := _ADDRESS_WITH_TOWN.fullmatch(address):
        return match["street"].rstrip(" ,"), match["postal_code"], match["city"].strip()
    return address, "", ""
