"""E-mails: sent at most once, bodies cleared once sent, secrets never stored."""

import pytest
from django.contrib import admin
from django.core import mail
from django.test import RequestFactory as HttpRequestFactory
from django.urls import reverse

from notifications.models import EmailStatus, OutgoingEmail
from notifications.services import queue_email
from notifications.tasks import send_email


def test_the_body_is_cleared_once_sent(db, run_worker):
    email = queue_email(to="habitant@exemple.fr", subject="Objet", body="Votre demande…")
    run_worker()
    email.refresh_from_db()
    assert mail.outbox[0].body == "Votre demande…"
    assert (email.status, email.body) == (EmailStatus.SENT, "")


def test_a_job_that_died_after_claiming_is_reported_not_resent(db, administrator, run_worker):
    email = queue_email(to="habitant@exemple.fr", subject="Objet", body="Bonjour")
    # The worker claimed the message (committed), called the provider, then was killed.
    OutgoingEmail.objects.filter(pk=email.pk).update(status=EmailStatus.SENDING)
    run_worker()  # the retried job
    email.refresh_from_db()
    assert email.status == EmailStatus.UNCERTAIN
    assert [m.to for m in mail.outbox] == [[administrator.email]]  # the report only
    assert f"n° {email.pk}" in mail.outbox[0].body
    send_email(email_id=email.pk)  # and again: nothing more
    assert len(mail.outbox) == 1


def test_a_provider_refusal_releases_the_claim_for_the_retry(db, settings, run_worker):
    email = queue_email(to="habitant@exemple.fr", subject="Objet", body="Bonjour")
    settings.EMAIL_BACKEND = "tests.notifications.failing_backend.RefusingBackend"
    with pytest.raises(ConnectionRefusedError):
        send_email(email_id=email.pk)
    email.refresh_from_db()
    assert email.status == EmailStatus.QUEUED and email.body == "Bonjour"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_email(email_id=email.pk)
    assert len(mail.outbox) == 1


def test_the_password_reset_link_is_never_stored(client, coordinator_grand_air, run_worker):
    client.post(reverse("accounts:password_reset"), {"email": coordinator_grand_air.email})
    stored = OutgoingEmail.objects.get()
    assert stored.body == "" and stored.kind == "password_reset"
    run_worker()
    stored.refresh_from_db()
    assert stored.body == ""
    # The link, built at send time, works.
    link = next(line for line in mail.outbox[0].body.splitlines() if "://" in line)
    response = client.get(link, follow=True)
    assert response.status_code == 200
    assert 'name="new_password1"' in response.content.decode()


def test_the_admin_never_shows_a_body(db, administrator):
    email = queue_email(to="habitant@exemple.fr", subject="Objet", body="Secret du résident")
    model_admin = admin.site._registry[OutgoingEmail]
    request = HttpRequestFactory().get("/")
    request.user = administrator
    assert "body" not in model_admin.get_fields(request, email)
    assert "body" not in model_admin.get_list_display(request)
