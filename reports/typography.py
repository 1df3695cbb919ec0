"""French typography for what the reports print: dates ("1er janvier 2026") and texts
(no-break spaces before ; : ! ? and inside « », curly apostrophes)."""

import datetime
import re

MONTHS = [
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
]  # fmt: skip
NARROW_NBSP = "\u202f"
NBSP = "\u00a0"


def french_date(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    day = "1er" if value.day == 1 else str(value.day)
    return f"{day}{NBSP}{MONTHS[value.month - 1]} {value.year}"


def french_period(start, end) -> str:
    return f"du {french_date(start)} au {french_date(end)}"


def french_text(text: str) -> str:
    text = text.replace("'", "’")
    text = re.sub(r"\s+([;!?])", NARROW_NBSP + r"\1", text)
    text = re.sub(r"(?<=\S)\s*:(?=\s|$)", NBSP + ":", text)
    text = re.sub(r"«\s*", "«" + NBSP, text)
    text = re.sub(r"\s*»", NBSP + "»", text)
    return text
