from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Bilans"

    def ready(self):
        # Every installed app may declare figures in its own `indicators.py` (see
        # reports.registry): importing the module registers them.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("indicators")
        # The data-change trigger of the figures' snapshots on every source table, after
        # each migrate (reports.snapshots).
        from django.db.models.signals import post_migrate

        from reports.snapshots import install_triggers

        post_migrate.connect(install_triggers, sender=self, dispatch_uid="reports_triggers")
