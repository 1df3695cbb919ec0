"""A social-security number typed in a free-text field of the accompaniment or the agenda
is refused, with the CNIL's reason next to the field and the text kept."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from accompaniment.models import Step
from agenda.models import AppointmentStatus
from parcours.validators import NIR_MESSAGE
from tests.accompaniment.factories import AccompanimentFactory
from tests.agenda.factories import AppointmentFactory, past_slot
from tests.test_privacy import NIR

pytestmark = pytest.mark.django_db


def error_next_to(page: str, field_id: str) -> str:
    """The error paragraph tied to the field (templates/includes/field.html) and its text."""
    match = re.search(rf'<p class="field__error" id="{field_id}_error">([^<]*)</p>', page)
    assert match, f"no error next to {field_id}"
    assert re.search(rf'aria-describedby="[^"]*{field_id}_error', page), "error not tied"
    return match.group(1)


def test_a_pause_comment_holding_a_nir_is_refused_next_to_the_field(client, counsellor):
    accompaniment = AccompanimentFactory()
    client.force_login(counsellor)
    response = client.post(
        reverse("accompaniment:step", kwargs={"pk": accompaniment.pk, "name": "pause"}),
        {
            "expected_status": "active",
            "on": timezone.localdate().strftime("%d/%m/%Y"),
            "reason": "other",
            "comment": f"Numéro {NIR}",
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert error_next_to(page, "id_comment") == NIR_MESSAGE
    assert f"Numéro {NIR}" in page  # what was typed is kept
    accompaniment.refresh_from_db()
    assert accompaniment.status == "active"
    assert not Step.objects.filter(accompaniment=accompaniment, kind="paused").exists()


def test_a_cancellation_reason_holding_a_nir_is_refused_next_to_the_field(client, counsellor):
    appointment = AppointmentFactory(staff=counsellor, starts_at=past_slot())
    client.force_login(counsellor)
    response = client.post(
        reverse("agenda:set_status", kwargs={"pk": appointment.pk}),
        {"status": "cancelled", "reason": f"NIR {NIR}", "expected_status": "planned"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert error_next_to(page, "id_reason") == NIR_MESSAGE
    appointment.refresh_from_db()
    assert appointment.status == AppointmentStatus.PLANNED
