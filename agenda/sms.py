"""SMS through a pluggable backend, chosen by `AGENDA_SMS_BACKEND`.

- `FileBackend` (development): one line per SMS in a file of `AGENDA_SMS_FILE_PATH`;
- `ConsoleBackend`: printed on the standard output;
- `LocmemBackend` (tests): kept in `agenda.sms.outbox`;
- `BrevoBackend` (production): Brevo's transactional SMS API, key in `BREVO_API_KEY`,
  sender name in `AGENDA_SMS_SENDER`.

`send(to, text)` returns the provider's answer (kept in the message log) or raises.
"""

import json
import sys
from pathlib import Path

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

outbox: list[tuple[str, str]] = []


class FileBackend:
    name = "fichier"

    def send(self, to: str, text: str) -> str:
        folder = Path(settings.AGENDA_SMS_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{timezone.localdate():%Y-%m-%d}.log"
        with path.open("a", encoding="utf-8") as file:
            file.write(json.dumps({"to": to, "text": text}, ensure_ascii=False) + "\n")
        return f"écrit dans {path.name}"


class ConsoleBackend:
    name = "console"

    def send(self, to: str, text: str) -> str:
        sys.stdout.write(f"SMS à {to} : {text}\n")
        return "affiché"


class LocmemBackend:
    name = "mémoire"

    def send(self, to: str, text: str) -> str:
        outbox.append((to, text))
        return f"n° {len(outbox)}"


class BrevoBackend:
    """POST https://api.brevo.com/v3/transactionalSMS/send; answers {"messageId": …}."""

    name = "Brevo"
    url = "https://api.brevo.com/v3/transactionalSMS/send"

    def __init__(self, transport: httpx.BaseTransport | None = None):
        self.transport = transport

    def send(self, to: str, text: str) -> str:
        with httpx.Client(transport=self.transport, timeout=15) as client:
            response = client.post(
                self.url,
                headers={"api-key": settings.BREVO_API_KEY, "accept": "application/json"},
                json={
                    "sender": settings.AGENDA_SMS_SENDER,
                    "recipient": to.lstrip("+"),
                    "content": text,
                    "type": "transactional",
                },
            )
        response.raise_for_status()
        return response.text[:500]


def get_sms_backend():
    return import_string(settings.AGENDA_SMS_BACKEND)()
