"""Administrators edit the partners' services here; the rest is read-only history."""

from django.contrib import admin

from accompaniment.models import PartnerService


@admin.register(PartnerService)
class PartnerServiceAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "age_label", "for_rsa_recipients", "is_active"]
    list_filter = ["organisation", "is_active", "for_rsa_recipients"]
    search_fields = ["name", "organisation__name"]
    readonly_fields = ["source_id", "updated_at"]
    fieldsets = [
        (None, {"fields": ["organisation", "name", "description", "is_active"]}),
        (
            "Public et conditions",
            {
                "fields": [
                    "audience",
                    "conditions",
                    "min_age",
                    "max_age",
                    "for_rsa_recipients",
                    "publics",
                    "thematiques",
                ]
            },
        ),
        (
            "Adresse et contact",
            {"fields": ["address", "postal_code", "city", "contact_email", "contact_phone"]},
        ),
        ("Source", {"fields": ["source_id", "updated_at"]}),
    ]

    @admin.display(description="âge")
    def age_label(self, obj):
        return obj.age_label
