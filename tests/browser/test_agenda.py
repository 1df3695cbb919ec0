"""The agenda in a real browser: the CIP books at two centres, the desk of the second site
sees the person expected and marks her arrived, one appointment is seen and one missed;
the worker writes the reminder once, never for a cancelled appointment. axe on each page."""

import datetime
import os
import signal
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.utils import timezone

from accounts.models import Role
from agenda import messaging
from agenda.models import Appointment
from tests.agenda.factories import future_slot
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, login
from tests.factories import add_membership, centre, make_user
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.browser


def _switch_to(page, user):
    page.context.clear_cookies()
    login(page, user)


def _book(page, person, *, site_label, when, expect_title="Rendez-vous du"):
    page.goto(f"/personnes/{person.pk}/")
    page.get_by_role("link", name="Prendre un rendez-vous").click()
    assert_accessible(page)
    page.get_by_label("Suivi individuel").check()
    page.get_by_label("Lieu (centre et site)").select_option(label=site_label)
    local = timezone.localtime(when)
    page.locator("#id_start_date").fill(local.date().isoformat())
    page.locator("#id_start_time").fill(f"{local:%H:%M}")
    page.get_by_label("Confirmer malgré l’avertissement (hors horaires d’accueil)").check()
    page.get_by_role("button", name="Enregistrer le rendez-vous").click()
    assert page.get_by_role("heading", level=1).inner_text().startswith(expect_title)
    assert_accessible(page)
    return Appointment.objects.order_by("-pk").first()


def _tomorrow(hour):
    day = timezone.localdate() + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _run_worker_until_done(tmp_path):
    database = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.agenda.worker_settings",
        "DATABASE_URL": (
            f"postgresql://{database['USER']}:{database.get('PASSWORD') or ''}@"
            f"{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"
        ),
        "AGENDA_TEST_EMAIL_DIR": str(tmp_path / "emails"),
        "AGENDA_TEST_SMS_DIR": str(tmp_path / "sms"),
    }
    with (tmp_path / "worker.log").open("ab") as log:
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "procrastinate",
                "worker",
                "-q",
                "agenda,emails",
                "-p",
                "0.5",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    from django.db import connection

    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM procrastinate_jobs "
                    "WHERE task_name IN ('agenda.send_appointment_message', "
                    "'notifications.send_email') AND status IN ('todo', 'doing')"
                )
                if cursor.fetchone()[0] == 0:
                    break
            time.sleep(0.5)
        else:
            raise AssertionError((tmp_path / "worker.log").read_text())
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=20)


def test_the_cip_books_at_two_centres_and_the_desk_of_the_second_site_sees_her(
    browser_page, tmp_path
):
    page = browser_page
    cip = make_user(Role.COUNSELLOR, "grand-air", first_name="Claire", last_name="Dubois")
    add_membership(cip, Role.COUNSELLOR, "esperanto", "epicerie-solidaire-aurore")
    desk = make_user(Role.RECEPTION, "esperanto", first_name="Sami", last_name="Haddou")
    person = PersonFactory(elodie=True, email="elodie@exemple.fr")
    other = PersonFactory(
        centre=centre("grand-air"), first_name="Paulo", last_name="Ferreira", phone="0699887766"
    )

    # The CIP books a follow-up at Grand Air and one at Espéranto.
    login(page, cip)
    at_grand_air = _book(page, person, site_label="Grand Air – Espace 40", when=future_slot(5))
    esperanto_site = centre("esperanto").sites.order_by("position").first()
    at_esperanto = _book(
        page,
        person,
        site_label=f"Espéranto – {esperanto_site.name}",
        when=future_slot(6, hour=14),
    )
    assert at_esperanto.centre == centre("esperanto")
    # A clash is refused with the slot named.
    page.goto(f"/personnes/{other.pk}/")
    page.get_by_role("link", name="Prendre un rendez-vous").click()
    page.get_by_label("Suivi individuel").check()
    page.get_by_label("Lieu (centre et site)").select_option(label="Grand Air – Espace 40")
    local = timezone.localtime(at_grand_air.starts_at)
    page.locator("#id_start_date").fill(local.date().isoformat())
    page.locator("#id_start_time").fill(f"{local:%H:%M}")
    page.get_by_role("button", name="Enregistrer le rendez-vous").click()
    assert "Claire Dubois a déjà un rendez-vous sur ce créneau" in page.content()
    assert_accessible(page)

    # Time passes: the Grand Air appointment is over, the Espéranto one is now.
    now = timezone.now()
    Appointment.objects.filter(pk=at_grand_air.pk).update(
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now - datetime.timedelta(days=2, hours=-1),
    )
    start = max(
        now - datetime.timedelta(minutes=5),
        timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time(0, 1))),
    )
    Appointment.objects.filter(pk=at_esperanto.pk).update(
        starts_at=start, ends_at=start + datetime.timedelta(hours=1)
    )

    # The desk at Espéranto sees Élodie expected and marks her arrived.
    _switch_to(page, desk)
    page.goto("/accueil/file-accueil/")
    assert "N'DIAYE" in page.content()
    assert_accessible(page)
    page.goto("/agenda/accueil/")
    assert_accessible(page)
    page.get_by_role("button", name="Arrivé·e : Élodie N'Diaye").click()
    assert "Arrivée notée : Claire Dubois le voit sur son agenda." in page.content()
    assert_accessible(page)

    # The CIP sees the marker, marks Espéranto seen and Grand Air no-show.
    _switch_to(page, cip)
    page.goto("/agenda/")
    assert "Arrivé·es à l’accueil" in page.content()
    assert "À renseigner" in page.content()
    assert_accessible(page)
    page.goto(f"/agenda/rendez-vous/{at_esperanto.pk}/")
    page.get_by_label("Rendez-vous honoré").check()
    page.get_by_role("button", name="Enregistrer le statut").click()
    assert "Statut enregistré." in page.content()
    assert_accessible(page)
    page.goto(f"/agenda/rendez-vous/{at_grand_air.pk}/")
    page.get_by_label("Absence non excusée").check()
    page.get_by_role("button", name="Enregistrer le statut").click()
    assert "Statut enregistré." in page.content()
    page.goto(f"/personnes/{person.pk}/")
    content = page.content()
    assert "Rendez-vous honoré" in content and "Absence non excusée" in content
    assert_accessible(page)

    # Tomorrow: one appointment kept, one cancelled; the reminders are planned twice (the
    # periodic job may run twice) and the real worker writes each message once.
    kept = _book(page, other, site_label="Grand Air – Espace 40", when=_tomorrow(15))
    cancelled = _book(page, person, site_label="Grand Air – Espace 40", when=_tomorrow(16))
    page.goto(f"/agenda/rendez-vous/{cancelled.pk}/")
    page.get_by_label("Annulé par le service").check()
    page.get_by_label("Motif (obligatoire pour une annulation)").fill("Réunion imprévue")
    page.get_by_role("button", name="Enregistrer le statut").click()
    late = timezone.make_aware(
        datetime.datetime.combine(timezone.localdate(), datetime.time(23, 59))
    )
    assert messaging.plan_reminders(now=late) == 1
    assert messaging.plan_reminders(now=late) == 0
    _run_worker_until_done(tmp_path)
    sms_lines = "".join(p.read_text() for p in (tmp_path / "sms").glob("*.log"))
    assert sms_lines.count("Rappel") == 1
    assert "+33699887766" in sms_lines
    emails = [p.read_text() for p in (tmp_path / "emails").glob("*.log")]
    email_text = "".join(emails)
    assert "Rappel" not in email_text  # Élodie's only appointment tomorrow was cancelled
    assert "est annul" in email_text  # …and she was told
    assert kept.messages.filter(kind="reminder", status="sent").count() == 1
    assert not cancelled.messages.filter(kind="reminder").exists()

    # The other agenda pages, axe-clean and usable at 320 px.
    from tests.agenda.factories import AbsenceFactory

    absence = AbsenceFactory(staff=cip, starts_on=timezone.localdate() + datetime.timedelta(days=1))
    for url in [
        f"/agenda/rendez-vous/{kept.pk}/deplacer/",
        f"/agenda/absences/{absence.pk}/",
        "/agenda/?vue=semaine",
        f"/agenda/sites/{esperanto_site.pk}/",
        "/agenda/calendrier/",
        "/agenda/absences/",
        "/agenda/chiffres/",
        f"/agenda/personnes/{person.pk}/preferences/",
        f"/agenda/rendez-vous/{at_grand_air.pk}/courrier/",
    ]:
        page.goto(url)
        assert_accessible(page)
    page.set_viewport_size({"width": 320, "height": 640})
    for url in ["/agenda/?vue=semaine", f"/agenda/rendez-vous/{at_esperanto.pk}/"]:
        page.goto(url)
        assert_no_horizontal_scroll(page)
