"""Every page that shows people writes one access-log row listing the people it showed."""

import pytest
from django.urls import reverse

from accounts.models import Role
from audit.models import AccessLog
from audit.services import access_history_of, log_reads
from tests.access import all_rules
from tests.access.core import ROLE_CENTRE
from tests.factories import make_user
from tests.people.factories import PersonFactory
from tests.reception.factories import HandoffFactory, RequestFactory, VisitFactory
from tests.test_url_access import URL_NAMES

RULES = all_rules()
# Namespaces whose pages show people's files or lists of people. A new app showing people
# (accompaniment, agenda…) adds its namespace here and calls audit.services.log_reads.
PERSON_NAMESPACES = {"people", "reception", "accompaniment", "agenda", "audit", "workshops"}
# Pages of those namespaces that show no person on a GET.
NO_PERSON_SHOWN = {
    "workshops:theme_list",  # the theme catalogue
    "workshops:theme_edit",
    "workshops:cycle_list",  # cycles by title, no participant
    "workshops:cycle_create",
    "workshops:cycle_themes",  # sessions and themes only
    "workshops:session_theme",
    "workshops:session_detail",  # slot, facilitators and a count of participants
    "workshops:cycle_cancel",  # the cycle's title and a reason to type
    "workshops:session_evaluation",  # anonymous feedback
    "workshops:meeting_list",  # meetings: staff only, no person
    "workshops:meeting_create",
    # The public feedback form (no login): sessions only, never a person.
    "workshops:public_feedback",
    "workshops:public_feedback_form",
    "workshops:public_feedback_thanks",
    "people:import",  # the upload form (recent files by name of file only)
    "people:register",  # an empty form; the duplicates it shows after a POST are logged
    "people:search",  # empty until a search is posted (logged: test below)
    "audit:person_access",  # the administrator's page: file numbers and accounts only
    "accompaniment:contact_create",  # a contact with a partner about no one in particular
    "agenda:absence_create",  # the form and the staff's absences: no person's appointment
    "agenda:feed_settings",  # the staff member's own calendar address
    "agenda:figures",  # counts only, never a row
}

PERSON_PAGES = [
    (name, role)
    for name in URL_NAMES
    if name.split(":")[0] in PERSON_NAMESPACES
    and name not in NO_PERSON_SHOWN
    and RULES[name].ok_status == (200,)
    for role in sorted(RULES[name].roles)
]


@pytest.mark.parametrize(("name", "role"), PERSON_PAGES)
def test_every_page_showing_people_writes_one_access_row(client, db, name, role):
    user = make_user(role, ROLE_CENTRE.get(role))
    rule = RULES[name]
    url = reverse(name, kwargs=rule.kwargs(user) if rule.kwargs else {})
    client.force_login(user)
    before = AccessLog.objects.filter(actor=user).count()
    response = client.get(url)
    assert response.status_code == 200
    assert AccessLog.objects.filter(actor=user).count() == before + 1, name


def test_search_results_write_one_row_listing_the_ids_shown(client, reception_grand_air):
    shown = [PersonFactory(last_name="Benali", first_name=f"Amina{i}") for i in range(3)]
    PersonFactory(last_name="Benali", first_name="Horsscope", centre=_centre("esperanto"))
    client.force_login(reception_grand_air)
    client.post(reverse("people:search"), {"q": "Benali"})
    before = AccessLog.objects.count()
    response = client.get(reverse("people:search"))
    assert response.status_code == 200
    assert AccessLog.objects.count() == before + 1
    row = AccessLog.objects.latest("pk")
    assert sorted(row.person_ids) == sorted(p.pk for p in shown)
    assert row.detail == "Résultats de recherche"
    assert "Benali" not in row.detail + row.object_id


def test_merge_page_logs_both_identities(client, coordinator_grand_air):
    kept, merged = PersonFactory(), PersonFactory()
    client.force_login(coordinator_grand_air)
    client.get(reverse("people:merge", kwargs={"pk": kept.pk, "other_pk": merged.pk}))
    row = AccessLog.objects.latest("pk")
    assert sorted(row.person_ids) == sorted([kept.pk, merged.pk])


def test_lists_and_queues_log_every_person_of_the_page(
    client, coordinator_grand_air, reception_grand_air
):
    requests = [RequestFactory() for _ in range(3)]
    client.force_login(coordinator_grand_air)
    client.get(reverse("reception:request_list"))
    row = AccessLog.objects.latest("pk")
    assert sorted(row.person_ids) == sorted(r.person_id for r in requests)

    visit = VisitFactory()
    HandoffFactory(person=visit.person, visit=visit, to_role=Role.COORDINATOR)
    client.force_login(reception_grand_air)
    client.get(reverse("reception:reception_queue"))
    assert AccessLog.objects.latest("pk").person_ids == [visit.person_id]


def test_the_desk_with_a_person_logs_the_person(client, reception_grand_air):
    person = PersonFactory()
    client.force_login(reception_grand_air)
    client.get(reverse("reception:desk") + f"?person={person.pk}")
    assert person.pk in AccessLog.objects.latest("pk").person_ids


def test_log_reads_accepts_persons_rows_and_ids(db, coordinator_grand_air):
    person = PersonFactory()
    visit = VisitFactory()
    row = log_reads(coordinator_grand_air, [person, visit, person.pk, "7"], what="Export")
    assert row.person_ids == [person.pk, visit.person_id, 7]
    assert list(access_history_of(person.pk)) == [row]


def _centre(slug):
    from tests.factories import centre

    return centre(slug)


def test_reception_services_write_audit_rows_as_people_services_do(
    client, reception_grand_air, coordinator_grand_air
):
    from audit.models import AccessAction
    from reception import services
    from reception.models import Visit

    person = PersonFactory()
    site = _centre("grand-air").sites.order_by("position").first()
    visit = services.record_visit(
        by=reception_grand_air,
        centre=_centre("grand-air"),
        site=site,
        reason=Visit._meta.get_field("reason").choices[0][0],
        outcome="handed_to_coordinator",
        person=person,
    )
    request = services.record_request(person, by=coordinator_grand_air, needs=["numerique"])
    services.transition_request(
        request, "submit", by=coordinator_grand_air, expected_status=request.status
    )
    changes = AccessLog.objects.filter(action=AccessAction.CHANGE, person_ids=[person.pk])
    details = set(changes.values_list("detail", flat=True))
    assert {"Passage enregistré", "Demande enregistrée"} <= details
    assert any(detail.startswith("Demande : ") for detail in details)
    assert visit.pk
