"""Opening hours in OpenStreetMap `opening_hours` syntax, stored once and read in French.

data·inclusion publishes `horaires_accueil` in that syntax, so we store it as is and
render it for residents. We accept the subset that a social centre needs (and refuse
the rest at input, so what is stored can always be rendered):

    Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; Su off; PH off
    24/7
"""

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

DAYS = ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
DAY_NAMES = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]

_TIME = r"(?:[01]\d|2[0-4]):[0-5]\d"
_SPAN = re.compile(rf"^({_TIME})-({_TIME})$")
_DAY_PART = re.compile(r"^(Mo|Tu|We|Th|Fr|Sa|Su)(?:-(Mo|Tu|We|Th|Fr|Sa|Su))?$")


@dataclass(frozen=True)
class Rule:
    days: tuple[int, ...]  # indexes in DAYS; empty for public holidays
    public_holidays: bool
    spans: tuple[tuple[str, str], ...]  # empty means closed


def _parse_days(text: str) -> tuple[int, ...]:
    days: list[int] = []
    for part in text.split(","):
        match = _DAY_PART.match(part)
        if not match:
            raise ValueError(part)
        start = DAYS.index(match.group(1))
        end = DAYS.index(match.group(2)) if match.group(2) else start
        if end < start:
            raise ValueError(part)
        days.extend(range(start, end + 1))
    return tuple(days)


def _parse_spans(text: str) -> tuple[tuple[str, str], ...]:
    spans = []
    for part in text.split(","):
        match = _SPAN.match(part.strip())
        if not match or match.group(1) >= match.group(2):
            raise ValueError(part)
        spans.append((match.group(1), match.group(2)))
    return tuple(spans)


def parse(value: str) -> list[Rule]:
    """Parse the supported subset; ValueError on anything else."""
    value = value.strip()
    if not value:
        return []
    if value == "24/7":
        return [Rule(days=tuple(range(7)), public_holidays=False, spans=(("00:00", "24:00"),))]
    rules = []
    for chunk in value.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        selector, _, times = chunk.partition(" ")
        times = times.strip()
        if not times:
            raise ValueError(chunk)
        is_ph = selector == "PH"
        days = () if is_ph else _parse_days(selector)
        spans = () if times in ("off", "closed") else _parse_spans(times)
        rules.append(Rule(days=days, public_holidays=is_ph, spans=spans))
    return rules


def validate_opening_hours(value: str) -> None:
    try:
        parse(value)
    except ValueError:
        raise ValidationError(
            "Horaires illisibles. Écrivez-les en syntaxe OpenStreetMap, par exemple "
            "« Mo-Fr 09:00-12:00,14:00-18:00; Sa 10:00-12:00; PH off »."
        ) from None


def _time(value: str) -> str:
    hours, minutes = value.split(":")
    hours = str(int(hours))
    return f"{hours} h" if minutes == "00" else f"{hours} h {minutes}"


def _days_label(days: tuple[int, ...]) -> str:
    # Group consecutive days into ranges: (0,1,2,3,4) -> "Du lundi au vendredi".
    groups: list[list[int]] = []
    for day in days:
        if groups and day == groups[-1][-1] + 1:
            groups[-1].append(day)
        else:
            groups.append([day])
    parts = []
    for group in groups:
        if len(group) >= 3:
            parts.append(f"du {DAY_NAMES[group[0]]} au {DAY_NAMES[group[-1]]}")
        else:
            parts.extend(DAY_NAMES[d] for d in group)
    label = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " et " + parts[-1]
    return label[0].upper() + label[1:]


def describe(value: str) -> list[str]:
    """French lines for residents: ["Du lundi au vendredi : 9 h – 12 h et 14 h – 18 h", ...]."""
    try:
        rules = parse(value)
    except ValueError:
        return []
    if value.strip() == "24/7":
        return ["Ouvert tous les jours, 24 h sur 24"]
    lines = []
    for rule in rules:
        what = "Jours fériés" if rule.public_holidays else _days_label(rule.days)
        if rule.spans:
            hours = " et ".join(f"{_time(a)} – {_time(b)}" for a, b in rule.spans)
        else:
            hours = "fermé"
        lines.append(f"{what} : {hours}")
    return lines
