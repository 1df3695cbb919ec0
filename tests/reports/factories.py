"""Bilans for the tests: drafts of a centre or of the service, and published final ones."""

import datetime

from reports.models import Bilan, BilanStatus
from tests.factories import centre

PUBLISHED_FIGURES = [
    {
        "key": "reception.visits",
        "section": "Accueil",
        "title": "Passages et personnes reçues : information ou accompagnement",
        "definition": "Passages enregistrés à l’accueil.",
        "columns": ["Grand Air", "Espéranto", "Ensemble"],
        "rows": [
            {
                "label": "Passages à l’accueil",
                "level": 0,
                "kind": "count",
                "cells": [
                    {"value": 120, "display": "120"},
                    {"value": None, "display": "< 5"},
                    {"value": None, "display": "secret"},
                ],
            }
        ],
        "chart_rows": [0],
        "note": "",
        "public": True,
    },
    {
        "key": "reports.workload",
        "section": "Équipe",
        "title": "Charge de travail par coordinateur·rice et par CIP",
        "definition": "Pas publique.",
        "columns": ["Demandes enregistrées"],
        "rows": [],
        "chart_rows": [],
        "note": "",
        "public": False,
    },
]


def draft_bilan(centre_slug="grand-air", **kwargs) -> Bilan:
    defaults = {
        "title": "Bilan 2025",
        "centre": centre(centre_slug) if centre_slug else None,
        "period_start": datetime.date(2025, 1, 1),
        "period_end": datetime.date(2025, 12, 31),
        "age_bands": "0-10, 11-25, 26-59, 60+",
    }
    defaults.update(kwargs)
    return Bilan.objects.create(**defaults)


def published_bilan(year=2025) -> Bilan:
    from django.utils import timezone

    return draft_bilan(
        None,
        title=f"Bilan du service {year}",
        period_start=datetime.date(year, 1, 1),
        period_end=datetime.date(year, 12, 31),
        status=BilanStatus.FINAL,
        figures=PUBLISHED_FIGURES,
        frozen_centres=[[1, "Grand Air"], [2, "Espéranto"]],
        figures_as_of=timezone.now(),
        finalised_at=timezone.now(),
        is_public=True,
    )
