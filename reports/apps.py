from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Bilans"

    def ready(self):
        # Every installed app may declare figures in its own `indicators.py` (see
        # reports.registry): importing the module registers them.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("indicators")
