"""The commune's streets from the national address base (BAN), and their neighbourhoods.

The BAN publishes one CSV per commune (https://adresse.data.gouv.fr/donnees-nationales):
one row per address, semicolon-separated, UTF-8, with the columns
`id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;…;lon;lat;…`.
We keep one `Street` per street (`id_fantoir`), not the addresses.

Which neighbourhood a street belongs to is not in the BAN: it comes from an optional
mapping file (`nom_voie;quartier`, the neighbourhood's slug) or from administrators in the
admin ("Voies", filter "sans quartier"). Loading twice changes nothing; a street an
administrator already assigned is never moved by a mapping file.
"""

import csv
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models.functions import Upper

from directory.models import Street
from organisations.models import Neighbourhood

REQUIRED_COLUMNS = {"id_fantoir", "nom_voie", "code_postal", "code_insee"}
MONTREUIL_INSEE = "93048"


class BanFormatError(ValueError):
    """The file is not a BAN addresses CSV (missing columns, wrong separator)."""


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    assigned: int = 0
    unassigned: list[str] = field(default_factory=list)
    unknown_in_mapping: list[str] = field(default_factory=list)


def read_ban_streets(path: Path, *, code_insee: str = MONTREUIL_INSEE) -> dict[str, tuple]:
    """{fantoir: (name, postal_code)} for the commune's streets, one per street."""
    streets = {}
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        missing = REQUIRED_COLUMNS - set(reader.fieldnames or [])
        if missing:
            raise BanFormatError(
                "Ce fichier n’est pas un fichier d’adresses de la BAN : colonnes manquantes "
                + ", ".join(sorted(missing))
                + "."
            )
        for row in reader:
            if row["code_insee"] != code_insee or not row["nom_voie"].strip():
                continue
            key = row["id_fantoir"] or f"{code_insee}_{row['nom_voie'].strip().upper()}"
            streets.setdefault(key, (" ".join(row["nom_voie"].split()), row["code_postal"]))
    return streets


def read_mapping(path: Path) -> dict[str, str]:
    """{STREET NAME (upper case): neighbourhood slug} from a `nom_voie;quartier` CSV."""
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        if not {"nom_voie", "quartier"} <= set(reader.fieldnames or []):
            raise BanFormatError(
                "Le fichier des quartiers doit avoir les colonnes nom_voie;quartier."
            )
        return {
            " ".join(row["nom_voie"].split()).upper(): row["quartier"].strip()
            for row in reader
            if row["nom_voie"].strip()
        }


@transaction.atomic
def load_streets(ban_path: Path, *, mapping_path: Path | None = None, code_insee=MONTREUIL_INSEE):
    """Create or complete one Street per BAN street; assign neighbourhoods from the mapping."""
    streets = read_ban_streets(ban_path, code_insee=code_insee)
    mapping = read_mapping(mapping_path) if mapping_path else {}
    neighbourhoods = {n.slug: n for n in Neighbourhood.objects.all()}
    report = LoadReport()
    report.unknown_in_mapping = sorted(
        {slug for slug in mapping.values() if slug not in neighbourhoods}
    )
    by_fantoir = {s.fantoir: s for s in Street.objects.exclude(fantoir="")}
    by_name = {}
    for street in Street.objects.filter(fantoir="").annotate(upper=Upper("name")):
        by_name.setdefault(street.upper, street)
    for fantoir, (name, postal_code) in sorted(streets.items(), key=lambda item: item[1][0]):
        street = by_fantoir.get(fantoir) or by_name.get(name.upper())
        target = neighbourhoods.get(mapping.get(name.upper(), ""))
        if street is None:
            Street.objects.create(
                name=name, fantoir=fantoir, postal_code=postal_code, neighbourhood=target
            )
            report.created += 1
            report.assigned += target is not None
        else:
            changed = []
            if street.fantoir != fantoir:
                street.fantoir = fantoir
                changed.append("fantoir")
            if street.postal_code != postal_code:
                street.postal_code = postal_code
                changed.append("postal_code")
            # The mapping never moves a street already assigned (by an administrator).
            if street.neighbourhood_id is None and target is not None:
                street.neighbourhood = target
                changed.append("neighbourhood")
                report.assigned += 1
            if changed:
                street.save(update_fields=changed)
                report.updated += 1
            else:
                report.unchanged += 1
    report.unassigned = list(
        Street.objects.filter(neighbourhood__isnull=True)
        .order_by("name")
        .values_list("name", flat=True)
    )
    return report
