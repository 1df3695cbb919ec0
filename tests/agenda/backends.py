"""SMS backends for the tests: one that refuses, one that blocks after "sending"."""

import json
import os
import time
from pathlib import Path


class RefusingBackend:
    name = "refus"

    def send(self, to: str, text: str) -> str:
        raise RuntimeError("numéro refusé par le fournisseur")


class SlowFileBackend:
    """Writes the SMS to $AGENDA_TEST_SMS_FILE (the provider has it), then says so in
    $AGENDA_TEST_SENT_MARKER and waits: the test kills the worker there, before the record."""

    name = "fichier lent"

    def send(self, to: str, text: str) -> str:
        with Path(os.environ["AGENDA_TEST_SMS_FILE"]).open("a", encoding="utf-8") as file:
            file.write(json.dumps({"to": to, "text": text}) + "\n")
        Path(os.environ["AGENDA_TEST_SENT_MARKER"]).write_text("sent")
        time.sleep(float(os.environ.get("AGENDA_TEST_SLOW_SECONDS", "60")))
        return "envoyé lentement"
