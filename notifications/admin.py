from django.contrib import admin

from notifications.models import OutgoingEmail


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """Never the body: residents' words and links stay out of the admin."""

    list_display = ["subject", "to", "status", "created_at", "sent_at", "attempts"]
    list_filter = ["status"]
    fields = ["to", "subject", "status", "created_at", "claimed_at", "sent_at", "attempts"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("body")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
