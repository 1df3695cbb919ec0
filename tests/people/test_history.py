"""Every change of a file historised with its values (PersonChange), shown on the timeline."""

import datetime

import pytest
from django.urls import reverse

from people.merging import foreign_keys_to_person, merge_persons
from people.models import ChangeKind, Person, PersonChange
from people.services import assign_referent, update_person, update_situation
from tests.factories import centre
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


def _named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def _file(client, user, person, **params):
    client.force_login(user)
    return client.get(reverse("people:file", kwargs={"pk": person.pk}), params)


def test_update_person_writes_each_changed_field_with_its_values(coordinator_grand_air):
    person = PersonFactory(elodie=True, address="")
    update_person(
        person, by=coordinator_grand_air, phone="+33756789012", address="40 rue du Bel Air"
    )
    rows = {row.field: row for row in PersonChange.objects.filter(person=person)}
    assert set(rows) == {"phone", "address"}
    phone = rows["phone"]
    assert (phone.field_label, phone.old_value, phone.new_value) == (
        "Téléphone",
        "06 12 34 56 78",
        "07 56 78 90 12",
    )
    assert (phone.kind, phone.changed_by) == (ChangeKind.IDENTITY, coordinator_grand_air)
    assert (rows["address"].old_value, rows["address"].new_value) == ("", "40 rue du Bel Air")


def test_choices_dates_and_links_are_stored_as_shown(coordinator_grand_air):
    person = PersonFactory(sex="F", birth_date="1990-04-03")
    update_person(
        person,
        by=coordinator_grand_air,
        sex="M",
        birth_date=datetime.date(1990, 3, 4),
        centre=centre("esperanto"),
    )
    rows = {row.field: (row.old_value, row.new_value) for row in person.changes.all()}
    assert rows["sex"] == ("Femme", "Homme")
    assert rows["birth_date"] == ("03/04/1990", "04/03/1990")
    assert rows["centre"] == ("Grand Air", "Espéranto")


def test_nothing_changed_writes_no_history(coordinator_grand_air):
    person = PersonFactory(elodie=True)
    assert update_person(person, by=coordinator_grand_air, phone=person.phone) == []
    assert not PersonChange.objects.exists()


def test_the_history_is_written_in_the_transaction_of_the_change(
    coordinator_grand_air, monkeypatch
):
    person = PersonFactory(elodie=True)

    def broken(**kwargs):
        raise RuntimeError("journal indisponible")

    monkeypatch.setattr("people.services.log_access", broken)
    with pytest.raises(RuntimeError):
        update_person(person, by=coordinator_grand_air, phone="+33756789012")
    assert str(Person.objects.get(pk=person.pk).phone) == "06 12 34 56 78"
    assert not PersonChange.objects.exists()


def test_situation_and_referent_changes_are_historised(coordinator_grand_air, counsellor):
    _named(counsellor, "Claire", "Dubois")
    _named(coordinator_grand_air, "Karim", "Haddad")
    person = PersonFactory(referent=counsellor)
    update_situation(person, by=counsellor, resources=["rsa", "activity_bonus"])
    assign_referent(person, coordinator_grand_air, by=counsellor)
    rows = {row.field: row for row in person.changes.all()}
    assert rows["resources"].kind == ChangeKind.SITUATION
    assert (rows["resources"].old_value, rows["resources"].new_value) == (
        "",
        "RSA, Prime d’activité",
    )
    assert rows["referent"].kind == ChangeKind.REFERENT
    assert (rows["referent"].old_value, rows["referent"].new_value) == (
        "Claire Dubois",
        "Karim Haddad",
    )


# ---- On the file: the trio -------------------------------------------------------------------


def test_the_team_reads_each_change_with_old_and_new_values(
    client, coordinator_grand_air, counsellor
):
    _named(counsellor, "Claire", "Dubois")
    person = PersonFactory(elodie=True)
    update_person(person, by=counsellor, phone="+33756789012")
    update_situation(person, by=counsellor, housing="hosted")
    content = _file(client, coordinator_grand_air, person).content.decode()
    assert "Téléphone : 06 12 34 56 78 → 07 56 78 90 12, modifié par Claire Dubois" in content
    assert "Logement : — → Hébergé·e chez un tiers, modifié par Claire Dubois" in content


def test_reception_reads_the_new_identity_value_only_and_never_the_situation(
    client, reception_grand_air, counsellor
):
    _named(counsellor, "Claire", "Dubois")
    person = PersonFactory(elodie=True)
    update_person(person, by=counsellor, phone="+33756789012")
    update_situation(person, by=counsellor, housing="hosted", resources=["rsa"])
    content = _file(client, reception_grand_air, person).content.decode()
    assert "Téléphone : 07 56 78 90 12, modifié par Claire Dubois" in content
    assert "06 12 34 56 78" not in content  # the old number
    assert "Logement" not in content
    assert "Hébergé·e" not in content
    assert "Ressources" not in content


def test_a_coordinator_of_another_centre_reads_no_change(client, coordinator_esperanto):
    from people.selectors import changes_visible_to

    person = PersonFactory(elodie=True)
    update_person(person, by=coordinator_esperanto, phone="+33756789012")
    assert _file(client, coordinator_esperanto, person).status_code == 404
    assert not changes_visible_to(coordinator_esperanto, person).exists()


def test_a_change_of_referent_is_told_once_on_the_timeline(
    client, coordinator_grand_air, counsellor
):
    _named(coordinator_grand_air, "Karim", "Haddad")
    person = PersonFactory()
    assign_referent(person, coordinator_grand_air, by=counsellor)
    content = _file(client, counsellor, person).content.decode()
    assert content.count("Référent·e : Karim Haddad") == 1


# ---- Merge, import, cost -----------------------------------------------------------------


def test_a_merge_moves_the_history_of_the_merged_file(coordinator_grand_air):
    assert "people.personchange.person" in {
        f"{field.model._meta.label_lower}.{field.name}" for field in foreign_keys_to_person()
    }
    kept, merged = PersonFactory(), PersonFactory(elodie=True)
    update_person(merged, by=coordinator_grand_air, phone="+33756789012")
    update_situation(merged, by=coordinator_grand_air, housing="shelter")
    record = merge_persons(kept, merged, take_from_merged=[], by=coordinator_grand_air)
    assert PersonChange.objects.filter(person=kept).count() == 2
    assert not PersonChange.objects.filter(person=merged).exists()
    assert record.moved_rows["people.personchange"] == 2


def test_an_import_that_completes_a_file_historises_what_it_filled(coordinator_grand_air):
    from people.caseload_import import check_file, run_import

    existing = PersonFactory(first_name="Awa", last_name="Traoré", birth_date="1975-03-01")
    csv = "NOM;Prénom;Né(e) le;Tél.;Ressources\r\nTraoré;Awa;01/03/1975;06 12 34 56 78;AAH\r\n"
    batch = check_file(
        data=csv.encode(), filename="inscrits.csv", centre=centre("grand-air"), by=None
    )
    run_import(batch, by=coordinator_grand_air)
    rows = {row.field: row for row in existing.changes.all()}
    assert (rows["phone"].old_value, rows["phone"].new_value) == ("", "06 12 34 56 78")
    assert (rows["resources"].kind, rows["resources"].new_value) == (ChangeKind.SITUATION, "AAH")
    assert rows["phone"].changed_by == coordinator_grand_air


@pytest.mark.parametrize("reader", ["coordinator_grand_air", "reception_grand_air"])
def test_file_page_costs_the_same_with_3_or_30_changes(
    client, request, reader, counsellor, django_assert_max_num_queries
):
    user = request.getfixturevalue(reader)
    person = PersonFactory(elodie=True)

    client.force_login(user)
    url = reverse("people:file", kwargs={"pk": person.pk})

    def count():
        with django_assert_max_num_queries(29) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def changes(number):
        for index in range(number):
            update_person(person, by=counsellor, address=f"{index} rue du Bel Air")

    changes(2)
    update_situation(person, by=counsellor, housing="hosted")
    assert PersonChange.objects.count() == 3
    with_three = count()
    changes(26)
    update_situation(person, by=counsellor, housing="shelter")
    assert PersonChange.objects.count() == 30
    assert count() == with_three
