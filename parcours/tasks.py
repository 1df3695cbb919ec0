from procrastinate.contrib.django import app


@app.periodic(cron="*/5 * * * *")
@app.task(queue="maintenance", name="parcours.retry_stalled_jobs", queueing_lock="retry_stalled")
async def retry_stalled_jobs(timestamp: int) -> int:
    """Put back in the queue the jobs of a worker that died (no heartbeat for 30 s).

    Every task is idempotent, so running one again is safe.
    """
    stalled = await app.job_manager.get_stalled_jobs()
    for job in stalled:
        await app.job_manager.retry_job(job)
    return len(stalled)
