from procrastinate.contrib.django import app

from accompaniment.orientations import remind_and_expire


@app.periodic(cron="7 8 * * *")
@app.task(
    queue="maintenance", name="accompaniment.remind_and_expire", queueing_lock="orient_remind"
)
def remind_and_expire_orientations(timestamp: int) -> int:
    """Daily: remind partners of orientations unanswered for 10 days, expire them at 30."""
    reminded, expired = remind_and_expire()
    return reminded + expired
