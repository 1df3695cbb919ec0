"""The participants' public feedback form: a session code, no login, no name."""

import datetime
import re
import time

import pytest
from django.urls import reverse
from django.utils import timezone

from directory.antispam import MIN_SECONDS, new_token
from tests.factories import centre
from tests.test_privacy import NIR
from tests.workshops.factories import CycleFactory
from workshops import feedback
from workshops.models import Feedback, FeedbackSource

pytestmark = pytest.mark.django_db

CODE_URL = reverse("workshops:public_feedback")
FORM_URL = reverse("workshops:public_feedback_form")


def _started():
    return new_token(time.time() - MIN_SECONDS - 1)


def _session(coordinator, days_ago=7):
    today = timezone.localdate()
    cycle = CycleFactory(
        centre=centre("esperanto"),
        by=coordinator,
        starts_on=today - datetime.timedelta(days=days_ago),
        session_count=3,
    )
    return cycle, cycle.sessions.get(number=1)


def test_a_participant_answers_on_a_phone_with_the_code_and_no_name(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    staff = client.__class__()
    staff.force_login(coordinator_esperanto)
    evaluation = staff.get(
        reverse("workshops:session_evaluation", kwargs={"pk": cycle.pk, "number": 1})
    ).content.decode()
    session.refresh_from_db()
    code = session.feedback_code
    assert len(code) == 6 and set(code) <= set(feedback.ALPHABET)
    assert feedback.display_code(code) in evaluation
    assert "<svg" in evaluation  # the QR code to the form's address
    sheet = staff.get(reverse("workshops:session_sheet", kwargs={"pk": cycle.pk, "number": 1}))
    assert feedback.display_code(code) in sheet.content.decode()

    page = client.get(CODE_URL)
    assert page.status_code == 200
    assert "no-store" in page["Cache-Control"]
    # Typed in small letters with a space: accepted; the code never goes in a URL.
    typed = f"{code[:3].lower()} {code[3:]}"
    response = client.post(CODE_URL, {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == FORM_URL
    form = client.get(FORM_URL)
    text = form.content.decode()
    assert "no-store" in form["Cache-Control"]
    assert "Votre avis sur la séance 1" in text
    assert 'type="radio"' in text
    assert 'name="name"' not in text and 'name="email"' not in text

    sent = client.post(
        FORM_URL, {"score": "3", "comment": "Bien pour le CV", "website": "", "started": _started()}
    )
    assert sent.status_code == 302
    assert sent["Location"] == reverse("workshops:public_feedback_thanks")
    row = Feedback.objects.get(session=session)
    assert (row.score, row.comment, row.source, row.by) == (
        3,
        "Bien pour le CV",
        FeedbackSource.PUBLIC_FORM,
        None,
    )
    # A double click: nothing more is saved, the participant is told.
    again = client.post(
        FORM_URL, {"score": "3", "comment": "Bien pour le CV", "started": _started()}, follow=True
    )
    assert "Votre avis est déjà enregistré" in again.content.decode()
    assert Feedback.objects.filter(session=session).count() == 1

    # It counts in the evaluation and in the cycle report, with a paper one.
    staff.post(
        reverse("workshops:session_evaluation", kwargs={"pk": cycle.pk, "number": 1}),
        {"score": "1", "comment": "", "feedback": ""},
    )
    report = staff.get(reverse("workshops:cycle_report", kwargs={"pk": cycle.pk})).content.decode()
    assert "2.0 (2 avis, dont 1 en ligne)" in report or "2,0 (2 avis, dont 1 en ligne)" in report
    assert "(3/4, en ligne) : « Bien pour le CV »" in report


def test_the_comment_refuses_a_social_security_number_and_keeps_the_answer(
    client, coordinator_esperanto
):
    cycle, session = _session(coordinator_esperanto)
    code = feedback.code_for(session)
    client.post(CODE_URL, {"code": code})
    response = client.post(
        FORM_URL, {"score": "4", "comment": f"Mon numéro {NIR}", "started": _started()}
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "numéro de sécurité sociale" in text
    assert re.search(r'value="4"[^>]*checked', text)  # nothing typed is lost
    assert f"Mon numéro {NIR}" in text
    assert not Feedback.objects.exists()
    too_long = client.post(FORM_URL, {"score": "4", "comment": "x" * 1001, "started": _started()})
    assert "actuellement 1001" in too_long.content.decode()
    assert not Feedback.objects.exists()


def test_unknown_early_and_expired_codes_are_refused_in_french(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto, days_ago=20)
    expired = feedback.code_for(session)  # session 1: 20 days ago
    late_ok = feedback.code_for(cycle.sessions.get(number=2))  # 13 days ago: still open
    early = feedback.code_for(
        CycleFactory(
            centre=centre("esperanto"),
            by=coordinator_esperanto,
            starts_on=timezone.localdate() + datetime.timedelta(days=3),
            session_count=1,
        ).sessions.get()
    )
    unknown = "AAAAAA" if "AAAAAA" not in (expired, late_ok, early) else "CCCCCC"

    text = client.post(CODE_URL, {"code": unknown}).content.decode()
    assert "Ce code ne correspond à aucune séance" in text
    text = client.post(CODE_URL, {"code": expired}).content.decode()
    assert "Ce code a expiré" in text
    text = client.post(CODE_URL, {"code": early}).content.decode()
    assert "s’ouvrent le jour de la séance" in text
    assert client.get(FORM_URL)["Location"] == CODE_URL  # no code accepted yet
    assert client.post(CODE_URL, {"code": late_ok}).status_code == 302


def test_wrong_codes_are_throttled_per_address(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    code = feedback.code_for(session)
    wrong = "AAAAAA" if code != "AAAAAA" else "CCCCCC"
    for _ in range(10):
        assert client.post(CODE_URL, {"code": wrong}).status_code == 200
    blocked = client.post(CODE_URL, {"code": wrong})
    assert blocked.status_code == 429
    assert "Trop d’essais" in blocked.content.decode()
    # Even the right code is refused now: guessing cannot go on.
    assert client.post(CODE_URL, {"code": code}).status_code == 429
    # A right code does not count: a group on one Wi-Fi is not blocked by its own answers.
    other = client.__class__(REMOTE_ADDR="10.0.0.2")
    for _ in range(12):
        assert other.post(CODE_URL, {"code": code}).status_code == 302


def test_a_robot_filling_the_honeypot_saves_nothing(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    client.post(CODE_URL, {"code": feedback.code_for(session)})
    response = client.post(
        FORM_URL, {"score": "4", "comment": "spam", "website": "x", "started": _started()}
    )
    assert response.status_code == 302
    assert not Feedback.objects.exists()


def test_a_form_sent_too_fast_is_refused(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    client.post(CODE_URL, {"code": feedback.code_for(session)})
    response = client.post(FORM_URL, {"score": "4", "started": new_token()})
    assert "Envoi trop rapide" in response.content.decode()
    assert not Feedback.objects.exists()


def test_codes_are_unique_and_stable(coordinator_esperanto):
    cycle, _ = _session(coordinator_esperanto)
    sessions = list(cycle.sessions.all())
    codes = [feedback.code_for(s) for s in sessions]
    assert len(set(codes)) == len(codes)
    assert [feedback.code_for(s) for s in cycle.sessions.all()] == codes


def test_a_code_expiring_while_the_form_is_open_is_refused_at_sending(
    client, coordinator_esperanto
):
    cycle, session = _session(coordinator_esperanto, days_ago=feedback.VALID_DAYS)
    client.post(CODE_URL, {"code": feedback.code_for(session)})
    assert client.get(FORM_URL).status_code == 200
    session.on -= datetime.timedelta(days=1)
    session.save(update_fields=["on"])
    response = client.post(FORM_URL, {"score": "2", "started": _started()})
    assert response.status_code == 410
    assert "Ce code a expiré" in response.content.decode()
    assert not Feedback.objects.exists()


def test_the_anonymous_answer_stores_no_name_nor_address(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    client.post(CODE_URL, {"code": feedback.code_for(session)}, REMOTE_ADDR="192.0.2.7")
    client.post(FORM_URL, {"score": "4", "comment": "", "started": _started()})
    row = Feedback.objects.values().get()
    assert set(row) == {"id", "session_id", "score", "comment", "created_at", "by_id", "source"}
    assert row["by_id"] is None
    assert "192.0.2.7" not in str(row)


def test_sending_is_throttled_per_address_and_keeps_the_answer(client, coordinator_esperanto):
    cycle, session = _session(coordinator_esperanto)
    client.post(CODE_URL, {"code": feedback.code_for(session)})
    for _ in range(60):  # a whole group answering from one Wi-Fi still gets through
        assert client.post(FORM_URL, {"comment": "Sans note"}).status_code == 200
    response = client.post(FORM_URL, {"score": "4", "comment": "Très bien", "started": _started()})
    assert response.status_code == 429
    assert "Trop d’essais" in response.content.decode()
    assert "Très bien" in response.content.decode()
    assert not Feedback.objects.exists()
