"""What the people app contributes to a file's timeline and summary (see people/timeline.py)."""

from django.utils import timezone

from parcours.permissions import can_read_consents, can_read_notes, can_read_situation
from people.models import ChangeKind, PersonMerge, ReferentAssignment
from people.selectors import (
    active_consents,
    changes_visible_to,
    latest_notice,
    notes_visible_to,
)
from people.timeline import SummaryItem, TimelineEntry, latest
from reception.needs import need_label


def _name(user) -> str:
    return (user.get_full_name() or user.email) if user else "un·e professionnel·le"


def file_creation(person, user) -> list[TimelineEntry]:
    how = "par import d’un fichier" if person.import_batch_id else f"par {_name(person.created_by)}"
    return [TimelineEntry(person.created_at, "file", f"Fiche créée {how}", person.centre.name)]


def first_contact(person, user) -> list[TimelineEntry]:
    """The first contact with the centre, when it came before the file (an imported caseload)."""
    if person.first_contact_date is None:
        return []
    needs = ", ".join(need_label(code) for code in person.first_contact_needs)
    return [
        TimelineEntry(
            person.first_contact_date,
            "first_contact",
            "Premier contact avec le centre",
            f"Besoins exprimés : {needs}" if needs else "",
        )
    ]


def notes(person, user, *, before=None, limit=None) -> list[TimelineEntry]:
    if not can_read_notes(user, person):
        return []
    return [
        TimelineEntry(
            note.created_at,
            "note",
            f"Note de {_name(note.author)} · {note.get_visibility_display()}",
            note.text,
        )
        for note in latest(notes_visible_to(user, person), "created_at", before, limit)
    ]


def consents(person, user) -> list[TimelineEntry]:
    if not can_read_consents(user, person):
        return []
    entries = [
        TimelineEntry(
            delivery.delivered_on,
            "notice",
            "Notice d’information remise",
            f"Enregistré par {_name(delivery.recorded_by)}",
        )
        for delivery in person.notice_deliveries.select_related("recorded_by")
    ]
    for consent in person.consents.select_related("partner", "recorded_by"):
        entries.append(
            TimelineEntry(
                consent.agreed_on,
                "consent",
                f"Accord de partage avec {consent.partner}",
                ", ".join(consent.shared_labels),
            )
        )
        if consent.withdrawn_on:
            entries.append(
                TimelineEntry(
                    consent.withdrawn_on,
                    "consent",
                    f"Accord de partage avec {consent.partner} retiré ou remplacé",
                )
            )
    return entries


def merges(person, user) -> list[TimelineEntry]:
    return [
        TimelineEntry(
            merge.merged_at,
            "merge",
            f"Fiche n° {merge.merged_id} fusionnée dans cette fiche par {_name(merge.merged_by)}",
            "Identité de la fiche fusionnée : "
            + " ".join(
                str(merge.merged_identity.get(key) or "")
                for key in ("first_name", "last_name", "birth_date")
            ).strip(),
        )
        for merge in PersonMerge.objects.filter(kept=person).select_related("merged_by")
    ]


def _day(moment) -> str:
    return f"{timezone.localdate(moment):%d/%m/%Y}"


def referents(person, user, *, before=None, limit=None) -> list[TimelineEntry]:
    """Every change of referent; the referent is part of what every file reader sees."""
    return [
        TimelineEntry(
            assignment.assigned_at,
            "referent",
            f"Référent·e : {_name(assignment.referent)}, désigné·e par "
            f"{_name(assignment.assigned_by)} le {_day(assignment.assigned_at)}",
        )
        for assignment in latest(
            ReferentAssignment.objects.filter(person=person).select_related(
                "referent", "assigned_by"
            ),
            "assigned_at",
            before,
            limit,
        )
    ]


def changes(person, user, *, before=None, limit=None) -> list[TimelineEntry]:
    """Each change of a field, with its values: "Téléphone : 06 … → 07 …, modifié par X".

    Reception agents read the new value only (changes_visible_to chose which fields).
    Changes of referent are told by `referents` (one entry per designation), not twice.
    """
    full = can_read_situation(user, person)
    entries = []
    visible = changes_visible_to(user, person).exclude(kind=ChangeKind.REFERENT)
    for change in latest(visible, "changed_at", before, limit):
        new = change.new_value or "—"
        values = f"{change.old_value or '—'} → {new}" if full else new
        entries.append(
            TimelineEntry(
                change.changed_at,
                "change",
                f"{change.field_label} : {values}, modifié par {_name(change.changed_by)}",
            )
        )
    return entries


def situation(person, user) -> list[SummaryItem]:
    """The person's situation, for the integration team only; reception never sees it."""
    if not can_read_situation(user, person):
        return []
    if person.situation_updated_at is None:
        return [SummaryItem("Situation", "Situation non renseignée", order=30)]
    return [
        SummaryItem(
            "Situation professionnelle",
            person.get_employment_situation_display() or "non renseignée",
            order=30,
        ),
        SummaryItem("Ressources", ", ".join(person.resource_labels) or "non renseignées", order=31),
        SummaryItem("Logement", person.get_housing_display() or "non renseigné", order=32),
        SummaryItem("Mobilité", ", ".join(person.mobility_labels) or "non renseignée", order=33),
        SummaryItem(
            "Situation mise à jour",
            f"le {_day(person.situation_updated_at)} par {_name(person.situation_updated_by)}",
            order=34,
        ),
    ]


def summary(person, user) -> list[SummaryItem]:
    items = [
        SummaryItem("Centre de rattachement", person.centre.name, order=10),
        SummaryItem(
            "Référent·e", _name(person.referent) if person.referent else "Aucun·e", order=20
        ),
    ]
    if person.first_contact_date:
        needs = ", ".join(need_label(code) for code in person.first_contact_needs)
        items.append(
            SummaryItem(
                "Premier contact",
                f"le {person.first_contact_date:%d/%m/%Y}" + (f" ({needs})" if needs else ""),
                order=15,
            )
        )
    if can_read_consents(user, person):
        notice = latest_notice(person)
        items.append(
            SummaryItem(
                "Notice d’information",
                f"remise le {notice.delivered_on:%d/%m/%Y}" if notice else "pas encore remise",
                order=90,
            )
        )
        partners = [str(consent.partner) for consent in active_consents(person)]
        items.append(
            SummaryItem(
                "Accords de partage", ", ".join(partners) if partners else "aucun", order=91
            )
        )
    return items
