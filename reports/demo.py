"""A demo bilan: Grand Air's bilan of the current year, with a first version of its texts.

Idempotent. Its figures are those of the demo data, computed at each reading (a draft).
"""

from django.utils import timezone

from accounts.demo import demo_email
from accounts.models import User
from organisations.models import Centre
from reports.models import Bilan
from reports.registry import default_age_bands
from reports.selectors import current_year_bounds
from reports.services import create_bilan, save_version


def load():
    year = timezone.localdate().year
    title = f"Bilan {year} du secteur insertion de Grand Air (démonstration)"
    if Bilan.objects.filter(title=title).exists():
        return None
    coordinator = User.objects.get(email=demo_email("coordination.grandair"))
    start, end = current_year_bounds()
    bilan = create_bilan(
        by=coordinator,
        title=title,
        centre=Centre.objects.get(slug="grand-air"),
        start=start,
        end=end,
        age_bands=default_age_bands(),
    )
    save_version(
        bilan,
        by=coordinator,
        base_version=0,
        texts={
            "worked": "Les temps collectifs du mardi ont trouvé leur public ; le lien avec "
            "la CIP permet de démarrer un accompagnement en quelques jours.",
            "difficulties": "Les absences imprévues ralentissent la prise en charge des "
            "nouvelles demandes.",
            "improvements": "Transmettre les demandes à un·e collègue nommé·e pendant les "
            "absences.",
            "outlook": "Consolider l’accompagnement individuel et demander des moyens humains "
            "adéquats.",
        },
    )
    return None
