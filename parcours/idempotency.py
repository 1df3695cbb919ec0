"""Idempotency keys for the forms that create (register, note, visit, request).

Each create form carries a hidden random key (`IdempotentFormMixin`). The view creates
inside `submitted_once(user, key)`: the key is inserted in the same transaction as the
record, under a unique index, so two simultaneous submits of one form (a double click,
a browser retrying) create one record. The second waits for the first to commit, then
gets `AlreadySubmitted` — the view answers "Action déjà effectuée." (the pattern of
reception/lifecycle.py) and leads to what the first submit created.
"""

import contextlib
import uuid

from django import forms
from django.db import IntegrityError, transaction

FIELD = "idempotency_key"


class AlreadySubmitted(Exception):
    message = "Action déjà effectuée."

    def __init__(self, url: str = ""):
        super().__init__(self.message)
        self.url = url


class IdempotentFormMixin:
    """Adds the hidden key to a Form or ModelForm; an unbound form gets a fresh one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.UUIDField(widget=forms.HiddenInput, required=False)
        if not self.is_bound:
            self.initial.setdefault(FIELD, uuid.uuid4())


class Submission:
    def __init__(self):
        self.result_url = ""


@contextlib.contextmanager
def submitted_once(user, key):
    """Run the creation once per key (see the module's docstring). `key` None: no guard."""
    from audit.models import SubmittedForm

    submission = Submission()
    if key is None:
        yield submission
        return
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = SubmittedForm.objects.create(key=key, user=user)
        except IntegrityError:
            first = SubmittedForm.objects.filter(key=key, user=user).first()
            raise AlreadySubmitted(first.result_url if first else "") from None
        yield submission
        if submission.result_url:
            record.result_url = submission.result_url[:200]
            record.save(update_fields=["result_url"])


def check_not_submitted(user, key) -> None:
    """Raise AlreadySubmitted when this form was already submitted (before slower checks,
    e.g. the duplicates a second registration would find: the first one)."""
    from audit.models import SubmittedForm

    if key is None:
        return
    first = SubmittedForm.objects.filter(key=key, user=user).first()
    if first is not None:
        raise AlreadySubmitted(first.result_url)
