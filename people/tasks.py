from procrastinate.contrib.django import app

from people.import_flow import check_batch, import_batch, purge_stale_files


@app.task(queue="imports", name="people.check_import_file")
def check_import_file(*, batch_id: int) -> None:
    """The dry run of an uploaded caseload (parse every row, match, plan). Idempotent: a
    batch that is no longer waiting for its check is left alone."""
    check_batch(batch_id)


@app.task(queue="imports", name="people.import_file")
def import_file(*, batch_id: int) -> None:
    """The all-or-nothing import of a checked caseload. Idempotent (status checked under
    a row lock by run_import)."""
    import_batch(batch_id)


@app.periodic(cron="41 3 * * *")
@app.task(
    queue="maintenance", name="people.purge_stale_import_files", queueing_lock="purge_imports"
)
def purge_stale_import_files(timestamp: int) -> int:
    """Empty the uploaded caseload files left neither imported nor abandoned (they may hold
    columns never imported, such as a social-security number)."""
    return purge_stale_files()
