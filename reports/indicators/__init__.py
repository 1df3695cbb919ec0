"""The figures the reports app computes itself, on the people and reception tables.

Imported by `ReportsConfig.ready()` (autodiscovery of `indicators` modules); other apps
register theirs in their own `indicators.py` (see reports.registry).
"""

from reports.indicators import people, reception, team  # noqa: F401
