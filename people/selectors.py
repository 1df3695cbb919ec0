"""Reads about people, always starting from the user's scope (parcours.permissions)."""

from dataclasses import dataclass
from datetime import date

from django.contrib.postgres.search import TrigramWordSimilarity
from django.db.models import Q, QuerySet, Value

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


def search_persons(user, query: SearchQuery) -> QuerySet[Person]:
    """People in the user's scope matching the query, best match first.

    Names are compared with pg_trgm's word_similarity on the normalised search_name
    (accents, case and punctuation were removed in Python with the same normaliser as
    the import), so typos and swapped first/last names still match; the `%>` operator
    uses the trigram index.
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
        persons = (
            persons.annotate(similarity=TrigramWordSimilarity(Value(query.name), "search_name"))
            .filter(Q(search_name__trigram_word_similar=query.name))
            .order_by("-similarity", "last_name", "first_name", "pk")
        )
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
