"""Synthetic appointments, their history and their invitations (see parcours/synthetic.py).

No double booking, as the exclusion constraints demand, by construction: appointment n goes
to staff member n mod S in slot n div S (one appointment a staff member a slot, S staff
members), and the appointments of a person are `persons` apart, hence in different slots.
The slots are the hours of the weekdays (9 h to 17 h, lunch off) of the last 52 weeks and the
next 4; S is what holds them (synthetic agents, created once). Each appointment is linked to
the person's accompaniment when one was open on the day it was booked, as
`book_appointment` does; past ones carry what happened (honoured, no-show, cancelled,
a few still to fill in), the events `agenda.services` records and the invitation
`agenda.messaging` writes (by SMS when the person has a mobile, by letter otherwise).
"""

import datetime
import math

from django.db import connection
from django.utils import timezone

from accompaniment.synthetic import latest_accompaniments_sql
from parcours.synthetic import Seed, register_generator

APPOINTMENTS_PER_PERSON = 1.0
PAST_WEEKS, FUTURE_WEEKS = 52, 4
HOURS = [9, 10, 11, 14, 15, 16]
DAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MONTHS = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
]


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _array(values) -> str:
    return "ARRAY[" + ",".join(_literal(v) for v in values) + "]"


def agenda_staff(count: int) -> list[int]:
    """Synthetic agents holding the appointments (inactive, no membership): those without
    appointments yet (a second seed books the same slots), created when missing."""
    from accounts.models import User
    from agenda.models import Appointment

    mine = User.objects.filter(email__endswith="@agenda.synthetique.parcours.test")
    free = list(
        mine.exclude(pk__in=Appointment.objects.values("staff_id"))
        .order_by("email")
        .values_list("pk", flat=True)[:count]
    )
    n = mine.count()
    while len(free) < count:
        n += 1
        user = User(
            email=f"agent{n:04d}@agenda.synthetique.parcours.test",
            first_name="Agent",
            last_name=f"Agenda {n}",
            is_active=False,
        )
        user.set_unusable_password()
        user.save()
        free.append(user.pk)
    return free


def _site_suffixes(seed: Seed) -> str:
    """(site id, the invitation's text after the date) of the seeded sites, as
    `agenda.messaging.message_text` writes it."""
    from agenda.messaging import _when, message_text
    from agenda.models import Appointment, MessageKind
    from organisations.models import Site

    rows = []
    moment = timezone.now()
    for site in Site.objects.filter(pk__in=seed.site_ids).select_related("centre"):
        appointment = Appointment(centre=site.centre, site=site, starts_at=moment)
        _, body = message_text(appointment, MessageKind.INVITATION)
        suffix = body.split(_when(appointment), 1)[1]
        rows.append(f"({site.pk}, {_literal(suffix)})")
    return ", ".join(rows)


@register_generator(
    "agenda.appointments",
    tables=["agenda_appointment", "agenda_appointmentevent", "agenda_appointmentmessage"],
    after=["reception.requests"],
    # The appointment, its "booked" event, its status event (most), the invitation.
    events_per_person=APPOINTMENTS_PER_PERSON * 3.8,
)
def appointments(seed: Seed) -> None:
    count = int(seed.persons * APPOINTMENTS_PER_PERSON)
    slots = (PAST_WEEKS + FUTURE_WEEKS) * 5 * len(HOURS)
    staff = agenda_staff(max(1, math.ceil(count / slots)))
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday(), weeks=PAST_WEEKS)
    hours = "ARRAY[" + ",".join(str(h) for h in HOURS) + "]"
    per_day = len(HOURS)
    s = len(staff)
    with connection.cursor() as cursor:
        cursor.execute("SELECT coalesce(max(id), 0) FROM agenda_appointment")
        before = cursor.fetchone()[0]
    # The slot: day k div 6 of the weekdays from `monday`, hour k mod 6, Paris time.
    seed.execute(
        f"""
        INSERT INTO agenda_appointment (kind, starts_at, duration, ends_at, status,
            status_changed_at, status_reason, arrived_at, uid, version, reminder_planned_at,
            created_at, arrived_recorded_by_id, centre_id, created_by_id, person_id, site_id,
            staff_id, status_changed_by_id, room_id, accompaniment_id)
        SELECT CASE WHEN x.accompaniment_id IS NULL
                    THEN (ARRAY['follow_up', 'follow_up', 'partner_meeting'])
                         [1 + floor(x.r2 * 3)::int]
                    WHEN x.r2 < 0.2 THEN 'diagnosis' ELSE 'follow_up' END,
            x.starts_at, x.duration, x.starts_at + x.duration * interval '1 minute', x.status,
            CASE WHEN x.status IN ('seen', 'no_show')
                 THEN x.starts_at + interval '1 hour'
                 WHEN x.status IN ('excused', 'cancelled')
                 THEN x.created_at + (x.starts_at - x.created_at) * x.r2 END,
            CASE x.status WHEN 'excused' THEN 'Empêchement signalé par la personne'
                 WHEN 'cancelled' THEN 'Agent absent ce jour-là' ELSE '' END,
            CASE WHEN x.status = 'seen' AND x.r2 < 0.6
                 THEN x.starts_at - interval '5 minutes' END,
            gen_random_uuid(), 1, NULL, x.created_at,
            CASE WHEN x.status = 'seen' AND x.r2 < 0.6 THEN x.created_by END,
            x.centre_id, x.created_by, x.person_id, x.site_id, x.staff_id,
            CASE WHEN x.status <> 'planned' THEN x.staff_id END, NULL, x.accompaniment_id
        FROM (
            SELECT b.*, a.id AS accompaniment_id,
                CASE WHEN b.starts_at > now() THEN 'planned'
                     WHEN b.starts_at > now() - interval '14 days' AND b.r1 < 0.3
                     THEN 'planned'
                     ELSE (ARRAY['seen', 'seen', 'seen', 'seen', 'seen', 'seen', 'seen',
                                 'no_show', 'excused', 'cancelled'])
                          [1 + floor(b.r1 * 10)::int] END AS status
            FROM (
                SELECT n, p AS person_id, {seed.person_centre_sql("p")} AS centre_id,
                    {seed.person_site_sql("p")} AS site_id,
                    (ARRAY{staff}::bigint[])[1 + (n % {s})] AS staff_id,
                    starts_at, (ARRAY[30, 45, 60])[1 + floor(random() * 3)::int] AS duration,
                    least(now(), starts_at - (1 + floor(random() * 30)) * interval '1 day')
                        AS created_at,
                    {seed.staff_sql()} AS created_by, random() AS r1, random() AS r2
                FROM (
                    SELECT g AS n, {seed.first_person} + g % {seed.persons} AS p,
                        ((date '{monday.isoformat()}' + (g / {s} / {per_day} / 5) * 7
                            + (g / {s} / {per_day}) % 5)
                         + ({hours})[1 + (g / {s}) % {per_day}] * interval '1 hour')
                         AT TIME ZONE 'Europe/Paris' AS starts_at
                    FROM generate_series(0, {count - 1}) AS g
                ) slots
                OFFSET 0  -- computed once: the join and the columns see the same dates
            ) b
            LEFT JOIN ({latest_accompaniments_sql(seed)}
            ) a ON a.person_id = b.person_id AND b.created_at::date >= a.start_date
                AND (a.end_date IS NULL OR b.created_at::date <= a.end_date)
        ) x
        """,
        label="agenda_appointment",
    )
    # The history `agenda.services` writes: booked, then what happened, and the arrival.
    seed.execute(
        f"""
        INSERT INTO agenda_appointmentevent (action, from_status, to_status, detail, at,
            appointment_id, by_id)
        SELECT 'booked', '', 'planned', '', created_at, id, created_by_id
        FROM agenda_appointment WHERE id > {before}
        UNION ALL
        SELECT 'arrived', '', '', '', arrived_at, id, arrived_recorded_by_id
        FROM agenda_appointment WHERE id > {before} AND arrived_at IS NOT NULL
        UNION ALL
        SELECT 'status', 'planned', status,
            CASE WHEN status_reason <> '' THEN 'Motif : ' || status_reason ELSE '' END,
            status_changed_at, id, status_changed_by_id
        FROM agenda_appointment WHERE id > {before} AND status <> 'planned'
        """,
        label="agenda_appointmentevent",
    )
    # The invitation, by the person's channel (no preference recorded: every channel they
    # have, a letter when none), with `message_text`'s words.
    seed.execute(
        f"""
        INSERT INTO agenda_appointmentmessage (kind, channel, version, recipient, body, status,
            created_at, claimed_at, sent_at, attempts, provider, provider_answer,
            appointment_id)
        SELECT 'invitation', m.channel, 1, m.recipient,
            CASE WHEN m.channel = 'letter'
                 THEN 'Votre rendez-vous du ' || m.day || E'\\n\\n' ELSE '' END
                || 'Bonjour, vous avez rendez-vous le ' || m.weekday || ' ' || m.day || ' à '
                || m.hour || m.suffix,
            m.status, m.created_at,
            CASE WHEN m.channel = 'sms' THEN m.created_at + interval '1 minute' END,
            CASE WHEN m.channel = 'sms' OR m.status = 'printed'
                 THEN m.created_at + interval '2 minutes' END,
            CASE WHEN m.channel = 'sms' THEN 1 ELSE 0 END,
            CASE WHEN m.channel = 'sms' THEN 'synthetique' WHEN m.status = 'printed'
                 THEN 'Agent Synthétique' ELSE '' END,
            CASE WHEN m.channel = 'sms' THEN 'ok' ELSE '' END, m.id
        FROM (
            SELECT a.id, a.created_at,
                CASE WHEN p.phone <> '' THEN 'sms' ELSE 'letter' END AS channel,
                CASE WHEN p.phone <> '' THEN p.phone
                     ELSE concat_ws(', ', nullif(p.address, ''),
                                    nullif(trim(p.postal_code || ' ' || p.city), ''))
                     END AS recipient,
                CASE WHEN p.phone <> '' THEN 'sent'
                     WHEN a.starts_at < now() THEN 'printed' ELSE 'to_print' END AS status,
                ({_array(DAYS)})[extract(isodow FROM l.local)::int] AS weekday,
                extract(day FROM l.local)::int || ' '
                    || ({_array(MONTHS)})[extract(month FROM l.local)::int] AS day,
                to_char(l.local, 'HH24"h"MI') AS hour, s.suffix
            FROM agenda_appointment a
            JOIN people_person p ON p.id = a.person_id
            JOIN (VALUES {_site_suffixes(seed)}) AS s(site_id, suffix) ON s.site_id = a.site_id
            CROSS JOIN LATERAL (SELECT a.starts_at AT TIME ZONE 'Europe/Paris' AS local) l
            WHERE a.id > {before}
        ) m
        """,
        label="agenda_appointmentmessage",
    )
