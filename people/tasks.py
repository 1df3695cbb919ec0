from procrastinate.contrib.django import app

from people.import_flow import purge_stale_files


@app.periodic(cron="41 3 * * *")
@app.task(
    queue="maintenance", name="people.purge_stale_import_files", queueing_lock="purge_imports"
)
def purge_stale_import_files(timestamp: int) -> int:
    """Empty the uploaded caseload files left neither imported nor abandoned (they may hold
    columns never imported, such as a social-security number)."""
    return purge_stale_files()
