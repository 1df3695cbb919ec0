from django.core.mail.backends.base import BaseEmailBackend


class RefusingBackend(BaseEmailBackend):
    """A provider that refuses the connection: nothing goes out."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("SMTP server refused the connection")
