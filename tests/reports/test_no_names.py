"""City steering walks every report page and export on the demo data: no person's name."""

from importlib import import_module

import pytest
from django.apps import apps
from django.urls import reverse

from people.models import Person
from reports.models import Bilan
from reports.selectors import live_scope
from reports.services import finalise_bilan
from tests.reports.factories import draft_bilan
from tests.reports.helpers import csv_rows, pdf_text, xlsx_rows

pytestmark = pytest.mark.django_db


def _load_demo():
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.demo")
        except ModuleNotFoundError:
            continue
        module.load()


def _text(response) -> str:
    content = response.content
    kind = response.get("Content-Type", "")
    if kind.startswith("application/pdf"):
        return pdf_text(content)
    if kind.startswith("application/vnd.openxmlformats"):
        return "\n".join(
            str(value)
            for sheet in ("Chiffres", "Données")
            for row in xlsx_rows(content, sheet)
            for value in row
            if value is not None
        )
    if kind.startswith("text/csv"):
        return "\n".join(";".join(row) for row in csv_rows(content))
    return content.decode()


def test_steering_sees_no_demo_name_on_any_report_page_or_export(client, steering):
    _load_demo()
    names = [
        name
        for first, last in Person.objects.values_list("first_name", "last_name")
        for name in (f"{first} {last}", f"{last} {first}")
    ]
    assert len(names) > 50
    service = draft_bilan(None, title="Bilan du service")
    finalise_bilan(draft_bilan(None, title="Bilan final"), by=steering, scope=live_scope(service))
    urls = [reverse("dashboard:home"), reverse("reports:figures"), reverse("reports:bilan_list")]
    urls += [
        reverse("reports:figures_export", kwargs={"file_format": file_format})
        for file_format in ("csv", "xlsx", "pdf")
    ]
    for bilan in Bilan.objects.all():
        urls.append(reverse("reports:bilan_detail", kwargs={"pk": bilan.pk}))
        # PDFs are slow to make: the final bilan's (frozen figures) and the page's suffice.
        formats = ("csv", "xlsx", "pdf") if bilan.is_final else ("csv", "xlsx")
        urls += [
            reverse("reports:bilan_export", kwargs={"pk": bilan.pk, "file_format": file_format})
            for file_format in formats
        ]
    assert Bilan.objects.filter(centre__slug="grand-air").exists()  # the demo's bilan
    client.force_login(steering)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        assert "Passages" in text or url == reverse("reports:bilan_list"), url
        found = [name for name in names if name in text]
        assert not found, (url, found)
