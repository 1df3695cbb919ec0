from django.contrib import admin
from django.db.models import Q
from django.utils import timezone

from agenda.messaging import INTERRUPTED_AFTER
from agenda.models import AgendaSettings, AppointmentMessage, MessageStatus, Room


class ToCheckFilter(admin.SimpleListFilter):
    """Sends interrupted between the provider and the recording: never resent by the
    worker; a person checks with the provider (or the person) and decides."""

    title = "à vérifier"
    parameter_name = "a_verifier"

    def lookups(self, request, model_admin):
        return [("oui", "Envoi interrompu ou en échec")]

    def queryset(self, request, queryset):
        if self.value() != "oui":
            return queryset
        stale = timezone.now() - INTERRUPTED_AFTER
        return queryset.filter(
            Q(status__in=[MessageStatus.INTERRUPTED, MessageStatus.FAILED])
            | Q(status=MessageStatus.SENDING, claimed_at__lt=stale)
        )


@admin.register(AppointmentMessage)
class AppointmentMessageAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "channel", "status", "claimed_at", "sent_at", "attempts"]
    list_filter = [ToCheckFilter, "status", "channel", "kind"]
    readonly_fields = [
        "appointment",
        "kind",
        "channel",
        "version",
        "recipient",
        "body",
        "created_at",
        "claimed_at",
        "sent_at",
        "attempts",
        "provider",
        "provider_answer",
    ]
    fields = [*readonly_fields, "status"]

    def has_add_permission(self, request):
        return False


@admin.register(Room)
class RoomAdmin(admin.ModelAdmin):
    list_display = ["name", "site", "is_active"]
    list_filter = ["site__centre"]


@admin.register(AgendaSettings)
class AgendaSettingsAdmin(admin.ModelAdmin):
    list_display = ["organisation", "reminder_time"]
