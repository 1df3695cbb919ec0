"""The bilans' summaries after the synthetic data (see parcours/synthetic.py): the
generators write with the triggers off, so the summaries are rebuilt from the rows."""

from parcours.synthetic import Seed, register_generator
from reports import request_moves
from reports.summaries import REBUILD_SQL


@register_generator(
    "reports.summaries", tables=[], after=["reception.visits", "reception.requests"]
)
def summaries(seed: Seed) -> None:
    """reports/summaries.py: their triggers did not fire here."""
    seed.execute(REBUILD_SQL, label="reports_summaries")


@register_generator("reports.request_moves", tables=[], after=["reception.requests"])
def last_moves(seed: Seed) -> None:
    """reports/request_moves.py: its triggers did not fire here."""
    seed.execute(request_moves.REBUILD_SQL, label="reports_requestlastmove")
