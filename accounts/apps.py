from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Comptes et rôles"

    def ready(self):
        from accounts import checks, signals  # noqa: F401  (registers the check and receivers)
