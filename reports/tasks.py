from procrastinate.contrib.django import app

from reports import snapshots


@app.task(queue="reports", name="reports.refresh_snapshot")
def refresh_snapshot(key: str) -> bool:
    """Compute a scope's figures again after the data they come from changed."""
    return snapshots.refresh(key)


@app.periodic(cron="30 5 * * *")
@app.task(queue="maintenance", name="reports.refresh_read_snapshots", queueing_lock="figures_night")
def refresh_read_snapshots(timestamp: int) -> int:
    """Nightly: the figures read in the last week computed for the new day."""
    return snapshots.refresh_read_snapshots()
