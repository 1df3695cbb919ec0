"""Reads about people, always starting from the user's scope (parcours.permissions)."""

from dataclasses import dataclass
from datetime import date

from django.db.models import BooleanField, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL

from parcours.permissions import (
    PERSON_CASE_ROLES,
    PERSON_FILE_ROLES,
    can_read_situation,
    centre_ids_for,
    persons_visible_to,
)
from people.models import (
    ChangeKind,
    Note,
    NoteVisibility,
    NoticeDelivery,
    Person,
    PersonChange,
    SharingConsent,
)
from people.normalise import name_words, parse_birth_date, parse_phone_query


@dataclass(frozen=True)
class SearchQuery:
    """What the desk typed, split into a name, a birth date and a phone number."""

    name: str = ""  # normalised words, as in Person.search_name
    birth_date: date | None = None
    phone: str = ""  # E.164

    @property
    def is_empty(self) -> bool:
        return not (self.name or self.birth_date or self.phone)


def parse_search(text: str) -> SearchQuery:
    """One box: "ndiaye 03/04/1990", "06 12 34 56 78", "+33 6 12…", "Élodie N'Diaye"."""
    text = " ".join((text or "").split())
    phone = parse_phone_query(text)
    if phone:
        return SearchQuery(phone=phone)
    birth_date = None
    words = []
    for token in text.split():
        parsed = parse_birth_date(token)
        if parsed and birth_date is None:
            birth_date = parsed
        else:
            words.append(token)
    return SearchQuery(name=" ".join(name_words(" ".join(words))), birth_date=birth_date)


# The words of a person's name, as the GIN index `person_search_words` indexes them.
_PERSON_WORDS = """string_to_array("people_person"."search_name", ' ')"""
# The vocabulary's words close to one typed word (people/vocabulary.py): itself, same
# phonetic key, trigram-similar, containing it (a compound name cut: "martin" in
# "martindiallo"), or within two edits with the same first letter (swapped letters in a
# short name, which share few trigrams); at most eight, and none more than one edit
# further than the closest (a misspelt word does not pull in every similar name; the
# distance is the ranking's, below). A scalar subquery, run once per typed word.
_CANDIDATES = """(
    SELECT coalesce(array_agg(c.word::text), '{}'::text[]) FROM (
        SELECT word, d, min(d) OVER () AS best FROM (
            SELECT word,
                least(levenshtein(word, %s), levenshtein(left(word, length(%s)), %s) + 1) AS d
            FROM people_nameword
            WHERE word = %s OR phonetic = people_phonetic(%s) OR word %% %s OR word %%> %s
               OR (left(word, 1) = left(%s, 1)
                   AND length(word) BETWEEN length(%s) - 2 AND length(%s) + 2
                   AND levenshtein_less_equal(word, %s, 2)
                       <= CASE WHEN length(%s) > 4 THEN 2 ELSE 1 END)
            ORDER BY 2, word
            LIMIT 8
        ) ranked
    ) c
    WHERE c.d <= c.best + 1
)"""
# 0 when the person bears every typed word; else the sum over the typed words of the
# edit distance to the person's closest word (a word's beginning counts, for a compound
# name cut short, at one more than an exact match).
_DISTANCE = f"""CASE WHEN {_PERSON_WORDS} @> %s::text[] THEN 0 ELSE (
    SELECT coalesce(sum(d), 0) FROM (
        SELECT min(least(levenshtein(v, q.w), levenshtein(left(v, length(q.w)), q.w) + 1)) AS d
        FROM unnest(%s::text[]) WITH ORDINALITY AS q(w, i), unnest({_PERSON_WORDS}) AS v
        GROUP BY q.i
    ) distances
) END"""
MAX_QUERY_WORDS = 6


def search_persons(user, query: SearchQuery, *, limit: int = 500) -> QuerySet[Person]:
    """People in the user's scope matching the query, best match first.

    Names, in one query whatever the population: each typed word (normalised as
    search_name is) is corrected against the vocabulary of the names (the word itself,
    its phonetic key, trigram similarity), then the people bearing, for every typed word,
    one of its candidates are found through the GIN index on their name's words: exact
    words and their misspellings alike, in any order. People bearing every typed word
    come first, the most recent files first; then the misspellings, ranked by edit
    distance, name and birth date. A typed birth date or phone number filters. `limit`:
    how many rows the caller will read at most (the page's end plus one).
    """
    # The file roles' scope: a director in one centre who keeps the desk in another must not
    # find the first centre's names (directors read counts, never names).
    persons = persons_visible_to(user, PERSON_FILE_ROLES).select_related("centre")
    if query.is_empty:
        return persons.none()
    if query.phone:
        persons = persons.filter(phone=query.phone)
    if query.birth_date:
        persons = persons.filter(birth_date=query.birth_date)
    if query.name:
        words = [word[:100] for word in query.name.split()[:MAX_QUERY_WORDS]]
        bears_all = RawSQL(f"{_PERSON_WORDS} @> %s::text[]", [words], BooleanField())
        # First the people bearing every typed word, the most recent files first: namesakes
        # are spread evenly along the primary key, so reading it backwards finds a page of
        # them after (page / share of the name) rows, however large the population; a rare
        # name is read through the GIN index instead (the planner's choice).
        exact = (
            persons.filter(bears_all).annotate(distance=Value(0, IntegerField())).order_by("-pk")
        )
        # Then, only if the page is not full, the misspellings, closest first.
        fuzzy = persons.exclude(bears_all)
        for word in words:
            fuzzy = fuzzy.filter(
                RawSQL(f"{_PERSON_WORDS} && {_CANDIDATES}", [word] * 12, BooleanField())
            )
        fuzzy = fuzzy.annotate(distance=RawSQL(_DISTANCE, [words, words], IntegerField()))
        fuzzy = fuzzy.order_by("distance", "last_name", "first_name", "birth_date", "pk")
        # UNION ALL of the two tiers, each cut at `limit`: PostgreSQL reads the second
        # only when the first gave fewer rows than the page asks for.
        return exact[:limit].union(fuzzy[:limit], all=True)
    else:
        persons = persons.order_by("last_name", "first_name", "pk")
    return persons


# ---- Likely duplicates ------------------------------------------------------------------

STRONG = "strong"
WARNING = "warning"
WEAK = "weak"
DUPLICATE_LEVELS = {
    STRONG: "Même nom et même date de naissance",
    WARNING: "Même téléphone ou même e-mail",
    WEAK: "Nom proche",
}


@dataclass(frozen=True)
class Duplicate:
    person: Person
    level: str

    @property
    def reason(self) -> str:
        return DUPLICATE_LEVELS[self.level]


def likely_duplicates(
    user,
    *,
    first_name: str,
    last_name: str,
    birth_date: date | None = None,
    phone: str = "",
    email: str = "",
    exclude_pk: int | None = None,
    limit: int = 10,
) -> list[Duplicate]:
    """People of the user's scope who may be this person, strongest first (one query).

    Strong: same normalised name (either order) and birth date. Warning: same phone or
    e-mail. Weak: similar name (trigram similarity, typos and swapped names).
    """
    name = " ".join(name_words(f"{first_name} {last_name}"))
    condition = Q()
    if name:
        condition |= Q(search_name__trigram_similar=name)
    if phone:
        condition |= Q(phone=phone)
    if email:
        condition |= Q(email__iexact=email)
    if not condition:
        return []
    candidates = (
        persons_visible_to(user, PERSON_FILE_ROLES).filter(condition).select_related("centre")
    )
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    wanted = set(name.split())
    found = []
    for person in candidates[:50]:
        same_name = bool(wanted) and set(person.search_name.split()) >= wanted
        if same_name and birth_date and person.birth_date == birth_date:
            level = STRONG
        elif (phone and str(person.phone) and person.phone == phone) or (
            email and person.email.lower() == email.lower()
        ):
            level = WARNING
        else:
            level = WEAK
        found.append(Duplicate(person, level))
    order = {STRONG: 0, WARNING: 1, WEAK: 2}
    found.sort(key=lambda d: (order[d.level], d.person.last_name, d.person.first_name))
    return found[:limit]


def exists_in_another_centre(
    user, *, first_name: str, last_name: str, birth_date: date | None
) -> bool:
    """Does a file with the same names (either order) and birth date exist in a centre
    outside the user's scope? The strong duplicate rule, applied where the user may not look.

    Only a yes or no leaves this function, never a row: the caller shows a neutral warning,
    without the centre, the file number or any field of that file.
    """
    first, last = name_words(first_name), name_words(last_name)
    if not (first and last and birth_date):
        return False
    # Each typed word must be one of the file's words, as for a strong duplicate; words
    # are normalised to [a-z0-9], so they are safe in a regular expression.
    condition = Q()
    for word in {*first, *last}:
        condition &= Q(search_name__regex=rf"(^| ){word}( |$)")
    return (
        Person.objects.filter(condition, birth_date=birth_date, merged_into__isnull=True)
        .exclude(centre_id__in=centre_ids_for(user, PERSON_FILE_ROLES))
        .exists()
    )


# ---- Referent --------------------------------------------------------------------------


def referent_candidates(person) -> QuerySet:
    """Who may be the person's referent: the active coordinators and CIPs of their centre."""
    from accounts.models import User

    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__centre_id=person.centre_id,
            memberships__role__in=PERSON_CASE_ROLES,
        )
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


# ---- Notes ------------------------------------------------------------------------------


def notes_visible_to(user, person) -> QuerySet[Note]:
    """The notes of this person this user may read, newest first.

    Reception agents and directors read none. The integration team of the person's
    centre (coordinators, CIP) reads "team" and "shared" notes; "author" notes are read
    by their author alone.
    """
    if person.centre_id not in centre_ids_for(user, PERSON_CASE_ROLES):
        return Note.objects.none()
    return (
        Note.objects.filter(person=person)
        .filter(
            Q(visibility__in=[NoteVisibility.TEAM, NoteVisibility.SHARED])
            | Q(visibility=NoteVisibility.AUTHOR, author=user)
        )
        .select_related("author")
        .order_by("-created_at", "-pk")
    )


# ---- Information notice and consents ----------------------------------------------------


def latest_notice(person) -> NoticeDelivery | None:
    return person.notice_deliveries.select_related("recorded_by").first()


def active_consents(person) -> list[SharingConsent]:
    """The agreements in force, one per partner (the latest), by partner name."""
    return list(
        person.consents.filter(withdrawn_on=None)
        .select_related("partner", "recorded_by")
        .order_by("partner__name", "-agreed_on")
    )


# ---- History of changes -----------------------------------------------------------------

# Identity fields the file shows to reception agents (people/_person_identity.html, the
# centre in the page's lead, the referent in the summary): the only changes they read.
DESK_VISIBLE_FIELDS = (
    "last_name",
    "first_name",
    "birth_name",
    "sex",
    "birth_date",
    "nationality",
    "phone",
    "email",
    "address",
    "postal_code",
    "city",
    "neighbourhood",
    "centre",
)


def changes_visible_to(user, person) -> QuerySet[PersonChange]:
    """The changes of this person's file this user may read, newest first (one query).

    The integration team of the person's centre reads every change, old and new values.
    Reception agents read the changes of the identity fields they see on the file (the
    caller shows them the new value only); never a change of the situation.
    """
    changes = PersonChange.objects.filter(person=person).select_related("changed_by")
    if can_read_situation(user, person):
        return changes.order_by("-changed_at", "-pk")
    if person.centre_id in centre_ids_for(user, PERSON_FILE_ROLES):
        return changes.filter(kind=ChangeKind.IDENTITY, field__in=DESK_VISIBLE_FIELDS).order_by(
            "-changed_at", "-pk"
        )
    return PersonChange.objects.none()
