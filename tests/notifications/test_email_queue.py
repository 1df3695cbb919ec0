from django.core import mail
from django.db import transaction

from notifications.models import OutgoingEmail
from notifications.services import queue_email
from notifications.tasks import send_email


def test_a_queued_email_is_sent_by_the_worker_once(db, run_worker):
    email = queue_email(to="habitant@exemple.fr", subject="Objet", body="Bonjour")
    assert mail.outbox == []
    run_worker()
    assert [m.to for m in mail.outbox] == [["habitant@exemple.fr"]]
    email.refresh_from_db()
    assert email.sent_at is not None
    # A retried job (crash after sending) does not send twice.
    send_email(email_id=email.pk)
    assert len(mail.outbox) == 1


def test_no_email_leaves_when_the_change_that_asked_for_it_is_rolled_back(db, run_worker):
    class Abort(Exception):
        pass

    try:
        with transaction.atomic():
            queue_email(to="habitant@exemple.fr", subject="Objet", body="Bonjour")
            raise Abort
    except Abort:
        pass
    run_worker()
    assert mail.outbox == []
    assert not OutgoingEmail.objects.exists()
