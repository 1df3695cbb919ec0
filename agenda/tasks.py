"""The agenda's background work, through Procrastinate only; every job is idempotent."""

from procrastinate.contrib.django import app

from agenda import messaging


@app.task(queue="agenda", name="agenda.send_appointment_message")
def send_appointment_message(*, message_id: int) -> None:
    """Claim (committed), call the provider, record. A replay finds it claimed: no resend."""
    message = messaging.claim(message_id)
    if message is not None:
        messaging.deliver(message)


@app.periodic(cron="*/10 * * * *")
@app.task(queue="agenda", name="agenda.plan_reminders", queueing_lock="agenda_plan_reminders")
def plan_reminders(timestamp: int) -> int:
    """Every ten minutes: tomorrow's reminders of the organisations whose time has come."""
    return messaging.plan_reminders()


@app.periodic(cron="*/5 * * * *")
@app.task(queue="maintenance", name="agenda.mark_interrupted", queueing_lock="agenda_interrupted")
def mark_interrupted_messages(timestamp: int) -> int:
    """Sends stuck in "sending" are shown to administrators as interrupted."""
    return messaging.mark_interrupted()
