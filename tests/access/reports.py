from parcours.permissions import BILAN_WRITER_ROLES, REPORT_ROLES
from tests.access import Rule


def _bilan(user):
    from tests.reports.factories import draft_bilan

    return {"pk": draft_bilan().pk}


def _published(user):
    from tests.reports.factories import published_bilan

    return {"year": published_bilan(2025).period_end.year}


RULES = {
    "reports:figures": Rule(roles=REPORT_ROLES),
    "reports:figures_export": Rule(
        roles=REPORT_ROLES, kwargs=lambda user: {"file_format": "csv"}, object_scoped=False
    ),
    "reports:bilan_list": Rule(roles=REPORT_ROLES),
    "reports:bilan_create": Rule(roles=REPORT_ROLES),
    "reports:bilan_detail": Rule(roles=REPORT_ROLES, kwargs=_bilan),
    "reports:bilan_edit": Rule(roles=BILAN_WRITER_ROLES, kwargs=_bilan),
    "reports:bilan_finalise": Rule(roles=REPORT_ROLES, kwargs=_bilan, ok_status=(405,)),
    "reports:bilan_export": Rule(
        roles=REPORT_ROLES, kwargs=lambda user: {**_bilan(user), "file_format": "csv"}
    ),
    "public_figures": Rule(public=True),
    "public_figures_csv": Rule(public=True, kwargs=_published),
}
